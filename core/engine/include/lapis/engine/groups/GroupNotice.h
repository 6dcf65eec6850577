// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/protocol/GroupState.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lapis::engine {

/// A membership change as the group's conversation shows it ("Alice added Dave"): a notice row
/// (store::MessageKind::GroupChanged) whose author is the message's sender, so the views can say
/// it in the reader's language. Kept as text in the row, never indexed for search.
struct GroupNotice {
    protocol::GroupChange::Kind kind = protocol::GroupChange::Kind::Add;
    /// Whom it is about: the first members of a creation, the added, removed or promoted.
    std::vector<AccountId> members;
    /// A creation's or a renaming's name.
    std::string name;
};

/// The notice row's text: the kind's number, the members separated by commas (account names hold
/// none), then the name, one per line (the name last: it may hold line breaks).
std::string encodeGroupNotice(const GroupNotice &notice);
/// nullopt for a text that is no notice.
std::optional<GroupNotice> decodeGroupNotice(std::string_view text);

} // namespace lapis::engine
