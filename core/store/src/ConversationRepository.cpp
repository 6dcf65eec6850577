// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/ConversationRepository.h>

namespace lapis::store {

namespace {

constexpr std::string_view SelectConversation = "SELECT id, peer_account_id, title, created_at, last_activity_at, "
                                                "unread_count, archived, expire_timer FROM conversations ";

Conversation readConversation(const Statement &stmt)
{
    Conversation c;
    c.id = stmt.integer(0);
    c.peer = AccountId(stmt.text(1));
    c.title = stmt.text(2);
    c.createdAtMs = stmt.integer(3);
    c.lastActivityAtMs = stmt.integer(4);
    c.unreadCount = static_cast<int>(stmt.integer(5));
    c.archived = stmt.integer(6) != 0;
    c.expireTimerSeconds = static_cast<std::uint32_t>(stmt.integer(7));
    return c;
}

Result<void> requireChanged(Database &db)
{
    if (db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such conversation");
    return {};
}

} // namespace

Result<Conversation> ConversationRepository::findOrCreate(const AccountId &peer, std::string_view title,
                                                          std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto existing, findByPeer(peer));
    if (existing)
        return std::move(*existing);
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT INTO conversations(peer_account_id, title, created_at, "
                                             "last_activity_at) VALUES (?, ?, ?, ?)"));
    stmt.bindAll(peer.value(), title, nowMs, nowMs);
    LAPIS_TRY(stmt.run());
    Conversation c;
    c.id = m_db.lastInsertRowId();
    c.peer = peer;
    c.title = std::string(title);
    c.createdAtMs = nowMs;
    c.lastActivityAtMs = nowMs;
    return c;
}

Result<std::optional<Conversation>> ConversationRepository::find(std::int64_t id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectConversation) + "WHERE id = ?"));
    stmt.bindAll(id);
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<Conversation>();
    return std::optional<Conversation>(readConversation(stmt));
}

Result<std::optional<Conversation>> ConversationRepository::findByPeer(const AccountId &peer)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectConversation) + "WHERE peer_account_id = ?"));
    stmt.bindAll(peer.value());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<Conversation>();
    return std::optional<Conversation>(readConversation(stmt));
}

Result<std::vector<Conversation>> ConversationRepository::list(bool includeArchived)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(std::string(SelectConversation)
                                             + "WHERE archived = 0 OR ? ORDER BY last_activity_at DESC, id DESC"));
    stmt.bindAll(includeArchived);
    std::vector<Conversation> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back(readConversation(stmt));
    }
    return out;
}

Result<void> ConversationRepository::recordActivity(std::int64_t id, std::int64_t atMs, int newUnread)
{
    // OR FAIL: the statement changes one row, so FAIL and ABORT undo the same; ABORT would make
    // SQLite keep a statement journal, one encrypted page write per message in SQLCipher, which
    // was a fifth of the end-to-end benchmark's instructions.
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("UPDATE OR FAIL conversations SET last_activity_at = max(last_activity_at, ?), "
                                  "unread_count = unread_count + ? WHERE id = ?"));
    stmt.bindAll(atMs, newUnread, id);
    LAPIS_TRY(stmt.run());
    return requireChanged(m_db);
}

Result<void> ConversationRepository::markAllRead(std::int64_t id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE conversations SET unread_count = 0 WHERE id = ?"));
    stmt.bindAll(id);
    LAPIS_TRY(stmt.run());
    return requireChanged(m_db);
}

Result<void> ConversationRepository::setTitle(std::int64_t id, std::string_view title)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE conversations SET title = ? WHERE id = ?"));
    stmt.bindAll(title, id);
    LAPIS_TRY(stmt.run());
    return requireChanged(m_db);
}

Result<void> ConversationRepository::setExpireTimer(std::int64_t id, std::uint32_t seconds)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE conversations SET expire_timer = ? WHERE id = ?"));
    stmt.bindAll(static_cast<std::int64_t>(seconds), id);
    return stmt.run();
}

Result<void> ConversationRepository::setArchived(std::int64_t id, bool archived)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE conversations SET archived = ? WHERE id = ?"));
    stmt.bindAll(archived, id);
    LAPIS_TRY(stmt.run());
    return requireChanged(m_db);
}

Result<void> ConversationRepository::remove(std::int64_t id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM conversations WHERE id = ?"));
    stmt.bindAll(id);
    LAPIS_TRY(stmt.run());
    return requireChanged(m_db);
}

} // namespace lapis::store
