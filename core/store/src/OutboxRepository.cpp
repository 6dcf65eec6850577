// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/OutboxRepository.h>

namespace lapis::store {

Result<std::int64_t> OutboxRepository::enqueue(const OutboxEntry &entry)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT INTO outbox(message_id, recipient_account_id, "
                                             "recipient_device_id, payload, attempts, next_attempt_at, created_at) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    stmt.bindAll(entry.messageId.bytes(), entry.recipient.value(), entry.recipientDevice.value(),
                 ByteView(entry.payload), entry.attempts, entry.nextAttemptAtMs, entry.createdAtMs);
    LAPIS_TRY(stmt.run());
    return m_db.lastInsertRowId();
}

Result<std::vector<OutboxEntry>> OutboxRepository::due(std::int64_t nowMs, int limit)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT id, message_id, recipient_account_id, recipient_device_id, "
                                             "payload, attempts, next_attempt_at, created_at FROM outbox "
                                             "WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"));
    stmt.bindAll(nowMs, limit);
    std::vector<OutboxEntry> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        OutboxEntry e;
        e.id = stmt.integer(0);
        LAPIS_TRY_ASSIGN(e.messageId, MessageId::fromBytes(stmt.blob(1)));
        e.recipient = AccountId(stmt.text(2));
        e.recipientDevice = DeviceId(static_cast<std::uint32_t>(stmt.integer(3)));
        e.payload = stmt.blob(4);
        e.attempts = static_cast<int>(stmt.integer(5));
        e.nextAttemptAtMs = stmt.integer(6);
        e.createdAtMs = stmt.integer(7);
        out.push_back(std::move(e));
    }
    return out;
}

Result<std::int64_t> OutboxRepository::nextAttemptAt()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT coalesce(min(next_attempt_at), 0) FROM outbox"));
    LAPIS_TRY(stmt.step());
    return stmt.integer(0);
}

Result<void> OutboxRepository::recordAttempt(std::int64_t id, std::int64_t nextAttemptAtMs)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?"));
    stmt.bindAll(nextAttemptAtMs, id);
    LAPIS_TRY(stmt.run());
    if (m_db.changes() == 0)
        return fail(ErrorCode::NotFound, "No such outbox entry");
    return {};
}

Result<void> OutboxRepository::remove(std::int64_t id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM outbox WHERE id = ?"));
    stmt.bindAll(id);
    return stmt.run();
}

Result<int> OutboxRepository::removeForMessage(const MessageId &messageId)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM outbox WHERE message_id = ?"));
    stmt.bindAll(messageId.bytes());
    LAPIS_TRY(stmt.run());
    return m_db.changes();
}

Result<int> OutboxRepository::removeForMessageTo(const MessageId &messageId, const AccountId &recipient)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM outbox WHERE message_id = ? AND recipient_account_id = ?"));
    stmt.bindAll(messageId.bytes(), recipient.value());
    LAPIS_TRY(stmt.run());
    return m_db.changes();
}

Result<int> OutboxRepository::count()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT count(*) FROM outbox"));
    LAPIS_TRY(stmt.step());
    return static_cast<int>(stmt.integer(0));
}

} // namespace lapis::store
