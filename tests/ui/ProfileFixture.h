// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace lapis::test {

/// A conversation to write into a fixture profile.
struct FixtureConversation {
    std::string peer;
    int messages = 0;
    int unread = 0;
    /// The contact has a pinned account key: a blue (end-to-end) conversation.
    bool endToEnd = true;
    /// Time between messages; the newest message is `newestAgoMs` before now.
    std::int64_t spacingMs = 4 * 60 * 1000;
    std::int64_t newestAgoMs = 60 * 1000;
};

/// Writes a passphrase-protected profile (the cheapest KDF) holding the conversations, through the
/// store's own API: what the UI models and the UI benchmark read. Every third message is ours;
/// in a green conversation they are plaintext. A new profile has no account (the engine opens it
/// without a relay); an existing one (registered by lapis-cli) keeps its account.
Result<void> writeFixtureProfile(const QString &dir, const std::string &passphrase,
                                 const std::vector<FixtureConversation> &conversations);

} // namespace lapis::test
