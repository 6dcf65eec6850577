// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::store {

class Database;

/// A one-to-one conversation (groups come later).
struct Conversation {
    std::int64_t id = 0;
    AccountId peer;
    std::string title;
    std::int64_t createdAtMs = 0;
    std::int64_t lastActivityAtMs = 0;
    int unreadCount = 0;
    bool archived = false;
    /// Disappearing messages: what is sent from now on disappears after this many seconds (0: off).
    std::uint32_t expireTimerSeconds = 0;
};

class ConversationRepository {
public:
    explicit ConversationRepository(Database &db)
        : m_db(db)
    {}

    /// The conversation with `peer`, created (with `title`) when there is none yet.
    Result<Conversation> findOrCreate(const AccountId &peer, std::string_view title, std::int64_t nowMs);
    Result<std::optional<Conversation>> find(std::int64_t id);
    Result<std::optional<Conversation>> findByPeer(const AccountId &peer);
    /// Conversations, most recent activity first.
    Result<std::vector<Conversation>> list(bool includeArchived = false);
    /// Moves the conversation's last activity forward (never backward) and adds to its unread count.
    Result<void> recordActivity(std::int64_t id, std::int64_t atMs, int newUnread = 0);
    Result<void> markAllRead(std::int64_t id);
    Result<void> setTitle(std::int64_t id, std::string_view title);
    Result<void> setArchived(std::int64_t id, bool archived);
    Result<void> setExpireTimer(std::int64_t id, std::uint32_t seconds);
    /// Deletes the conversation with its messages, reactions and attachment rows.
    Result<void> remove(std::int64_t id);

private:
    Database &m_db;
};

} // namespace lapis::store
