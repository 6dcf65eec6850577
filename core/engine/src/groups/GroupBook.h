// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/groups/Groups.h>
#include <lapis/protocol/GroupState.h>
#include <lapis/store/Transaction.h>

#include <optional>
#include <vector>

namespace lapis::engine {

/// What a group's log folded to before and after changes were taken.
struct GroupTransition {
    protocol::GroupState before;
    protocol::GroupState after;
    std::int64_t conversationId = 0;
    /// Accounts that were members before and are not any more.
    std::vector<AccountId> removed;
    /// Accounts that are members now and were not before.
    std::vector<AccountId> added;
};

/// A group's log as this device keeps it in the store: loaded and folded, and written back with
/// what follows from it.
class GroupBook {
public:
    /// The group's log, or nullopt when this device knows no such group. Corrupt when a kept
    /// change does not decode or the log does not start with a creation.
    static Result<std::optional<protocol::GroupLog>> load(store::Transaction &tx, const protocol::GroupId &group);
    /// The log of kept change records (the store's, a link bundle's, a backup's), folded. Corrupt
    /// when a record does not decode or none is the creation.
    static Result<protocol::GroupLog> fold(const protocol::GroupId &group, const std::vector<Bytes> &records);

    /// Writes those of `added` that `log` keeps (the store ignores one it has) and the state the
    /// log folds to (the conversation's title is the group's name), and what follows from a removal: this device's
    /// sending chain is dropped (the next message starts a new one, handed only to the members then) and so are the
    /// removed members' chains. `before` is the state before (empty for a group new here).
    static Result<GroupTransition> save(store::Transaction &tx, const protocol::GroupLog &log,
                                        const std::vector<protocol::GroupChange> &added,
                                        const protocol::GroupState &before, const AccountId &self, std::int64_t nowMs);

    /// Writes `change` (which took effect, giving `after`) into the group's conversation as a
    /// notice ("Alice added Dave"), under the change's id: each change shows once.
    static Result<void> recordNotice(store::Transaction &tx, std::int64_t conversationId,
                                     const protocol::GroupChange &change, const protocol::GroupState &after,
                                     const AccountId &self, std::int64_t nowMs);
};

} // namespace lapis::engine
