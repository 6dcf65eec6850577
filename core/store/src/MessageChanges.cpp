// SPDX-License-Identifier: GPL-3.0-or-later
// What happens to a message after it is stored: edits and their history, erasure (delete for
// me, delete for everyone, expiry), the countdown of disappearing messages, and changes that came
// before their message.
#include "Database.h"

#include <lapis/store/MessageRepository.h>

namespace lapis::store {

Result<bool> MessageRepository::edit(const MessageId &id, std::string_view newText, std::int64_t editedAtMs)
{
    std::int64_t seq = 0;
    std::int64_t currentAt = 0;
    std::string current;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT seq, coalesce(edited_at, sent_at), body FROM messages "
                                                 "WHERE id = ? AND deleted = 0 AND kind = 0"));
        stmt.bindAll(id.bytes());
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            return fail(ErrorCode::NotFound, "No such message, or it was deleted");
        seq = stmt.integer(0);
        currentAt = stmt.integer(1);
        current = stmt.text(2);
    }
    LAPIS_TRY_ASSIGN(auto keep, m_db.prepare("INSERT INTO message_edits(message_seq, body, written_at) "
                                             "VALUES (?, ?, ?)"));
    if (editedAtMs <= currentAt) {
        // An older edit that arrived after a newer one: it was a version, not the current text.
        keep.bindAll(seq, newText, editedAtMs);
        LAPIS_TRY(keep.run());
        return false;
    }
    keep.bindAll(seq, current, currentAt);
    LAPIS_TRY(keep.run());
    LAPIS_TRY_ASSIGN(auto update, m_db.prepare("UPDATE messages SET body = ?, edited_at = ? WHERE seq = ?"));
    update.bindAll(newText, editedAtMs, seq);
    LAPIS_TRY(update.run());
    return true;
}

Result<std::vector<MessageVersion>> MessageRepository::editHistory(const MessageId &id)
{
    LAPIS_TRY_ASSIGN(const std::int64_t seq, sequenceOf(id));
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT body, written_at FROM message_edits WHERE message_seq = ? "
                                             "ORDER BY written_at, rowid"));
    stmt.bindAll(seq);
    std::vector<MessageVersion> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back(MessageVersion{stmt.text(0), stmt.integer(1)});
    }
    return out;
}

Result<ErasedMessage> MessageRepository::erase(const MessageId &id, Erasure how)
{
    LAPIS_TRY_ASSIGN(const std::int64_t seq, sequenceOf(id));
    ErasedMessage erased;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT seq <= (SELECT indexed_through FROM search_progress) "
                                                 "AND expire_timer = 0 FROM messages WHERE seq = ?"));
        stmt.bindAll(seq);
        LAPIS_TRY(stmt.step());
        erased.wasIndexed = stmt.integer(0) != 0;
    }
    {
        // A file another message's attachment shares (the same blob, kept once) stays for it.
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT DISTINCT local_file FROM attachments a WHERE message_seq = ?1 "
                                                 "AND local_file IS NOT NULL AND local_file <> '' AND NOT EXISTS "
                                                 "(SELECT 1 FROM attachments b WHERE b.local_file = a.local_file "
                                                 "AND b.message_seq <> ?1)"));
        stmt.bindAll(seq);
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            erased.files.push_back(stmt.text(0));
        }
    }
    {
        // Replies keep the reference and the author, not the quoted words.
        LAPIS_TRY_ASSIGN(auto quotes, m_db.prepare("UPDATE messages SET reply_excerpt = '' WHERE reply_to = ?"));
        quotes.bindAll(id.bytes());
        LAPIS_TRY(quotes.run());
    }
    if (how == Erasure::Remove) {
        // Reactions, edits and attachment rows go with the row (ON DELETE CASCADE); the search
        // triggers unindex it; secure_delete zeroes the freed bytes.
        LAPIS_TRY_ASSIGN(auto remove, m_db.prepare("DELETE FROM messages WHERE seq = ?"));
        remove.bindAll(seq);
        LAPIS_TRY(remove.run());
        return erased;
    }
    for (const char *sql :
         {"DELETE FROM reactions WHERE message_seq = ?", "DELETE FROM message_edits WHERE message_seq = ?",
          "DELETE FROM attachments WHERE message_seq = ?"}) {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare(sql));
        stmt.bindAll(seq);
        LAPIS_TRY(stmt.run());
    }
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE messages SET body = '', deleted = 1, edited_at = NULL, "
                                             "reply_excerpt = CASE WHEN reply_to IS NULL THEN NULL ELSE '' END "
                                             "WHERE seq = ?"));
    stmt.bindAll(seq);
    LAPIS_TRY(stmt.run());
    return erased;
}

Result<void> MessageRepository::compactSearchIndex()
{
    // The same command on FTS4 and FTS5, whichever migration 2 chose.
    return m_db.exec("INSERT INTO message_search(message_search) VALUES ('optimize')");
}

Result<int> MessageRepository::startExpiry(std::int64_t conversationId, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE messages SET expires_at = ?2 + expire_timer * 1000 "
                                             "WHERE conversation_id = ?1 AND kind = 0 AND direction = 0 "
                                             "AND expire_timer > 0 AND expires_at IS NULL"));
    stmt.bindAll(conversationId, nowMs);
    LAPIS_TRY(stmt.run());
    return m_db.changes();
}

Result<std::vector<MessageId>> MessageRepository::expiredAt(std::int64_t nowMs, int limit)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT id FROM messages WHERE expires_at IS NOT NULL "
                                             "AND expires_at <= ? ORDER BY expires_at LIMIT ?"));
    stmt.bindAll(nowMs, limit);
    std::vector<MessageId> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        LAPIS_TRY_ASSIGN(auto id, MessageId::fromBytes(stmt.blob(0)));
        out.push_back(id);
    }
    return out;
}

Result<std::optional<std::int64_t>> MessageRepository::nextExpiry()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT min(expires_at) FROM messages WHERE expires_at IS NOT NULL"));
    LAPIS_TRY(stmt.step());
    return stmt.optionalInteger(0);
}

Result<void> MessageRepository::keepEarlyChange(const EarlyChange &change)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT INTO early_changes(target_id, author_account_id, kind, body, "
                                             "changed_at, received_at) VALUES (?, ?, ?, ?, ?, ?)"));
    stmt.bindAll(change.target.bytes(), change.author.value(), change.kind, change.text, change.changedAtMs,
                 change.receivedAtMs);
    return stmt.run();
}

Result<std::vector<EarlyChange>> MessageRepository::takeEarlyChanges(const MessageId &target)
{
    std::vector<EarlyChange> out;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT author_account_id, kind, body, changed_at, received_at "
                                                 "FROM early_changes WHERE target_id = ? ORDER BY changed_at, rowid"));
        stmt.bindAll(target.bytes());
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            out.push_back(EarlyChange{target, AccountId(stmt.text(0)), static_cast<EarlyChange::Kind>(stmt.integer(1)),
                                      stmt.text(2), stmt.integer(3), stmt.integer(4)});
        }
    }
    if (!out.empty()) {
        LAPIS_TRY_ASSIGN(auto remove, m_db.prepare("DELETE FROM early_changes WHERE target_id = ?"));
        remove.bindAll(target.bytes());
        LAPIS_TRY(remove.run());
    }
    return out;
}

Result<void> MessageRepository::pruneEarlyChanges(std::int64_t beforeMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM early_changes WHERE received_at < ?"));
    stmt.bindAll(beforeMs);
    return stmt.run();
}

Result<void> MessageRepository::recordReceipt(const MessageId &id, const AccountId &account, MessageState state,
                                              std::int64_t atMs)
{
    {
        LAPIS_TRY_ASSIGN(auto insert, m_db.prepare("INSERT OR IGNORE INTO message_receipts (message_id, account_id, "
                                                   "state, at) VALUES (?, ?, ?, ?)"));
        insert.bindAll(id.bytes(), account.value(), static_cast<int>(state), atMs);
        LAPIS_TRY(insert.run());
    }
    LAPIS_TRY_ASSIGN(auto further, m_db.prepare("UPDATE message_receipts SET state = ?, at = ? "
                                                "WHERE message_id = ? AND account_id = ? AND state < ?"));
    further.bindAll(static_cast<int>(state), atMs, id.bytes(), account.value(), static_cast<int>(state));
    return further.run();
}

Result<std::vector<MemberReceipt>> MessageRepository::receipts(const MessageId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT account_id, state, at FROM message_receipts WHERE message_id = ? "
                                             "ORDER BY account_id"));
    stmt.bindAll(id.bytes());
    std::vector<MemberReceipt> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.push_back({AccountId(stmt.text(0)), static_cast<MessageState>(stmt.integer(1)), stmt.integer(2)});
    }
    return out;
}

} // namespace lapis::store
