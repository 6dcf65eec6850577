// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/MessageRepository.h>

#include <algorithm>
#include <limits>

namespace lapis::store {

namespace {

constexpr std::string_view Columns = "seq, id, conversation_id, sender_account_id, sender_device_id, direction, body, "
                                     "sent_at, received_at, state, end_to_end, edited_at, deleted, reply_to, "
                                     "reply_author, reply_excerpt, kind, expire_timer, expires_at ";

Result<StoredMessage> readMessage(const Statement &stmt)
{
    StoredMessage m;
    m.sequence = stmt.integer(0);
    LAPIS_TRY_ASSIGN(m.id, MessageId::fromBytes(stmt.blob(1)));
    m.conversationId = stmt.integer(2);
    m.sender = AccountId(stmt.text(3));
    m.senderDevice = DeviceId(static_cast<std::uint32_t>(stmt.integer(4)));
    m.direction = static_cast<MessageDirection>(stmt.integer(5));
    m.text = stmt.text(6);
    m.sentAtMs = stmt.integer(7);
    m.receivedAtMs = stmt.optionalInteger(8);
    m.state = static_cast<MessageState>(stmt.integer(9));
    m.endToEnd = stmt.integer(10) != 0;
    m.editedAtMs = stmt.optionalInteger(11);
    m.deleted = stmt.integer(12) != 0;
    if (!stmt.isNull(13)) {
        LAPIS_TRY_ASSIGN(auto reply, MessageId::fromBytes(stmt.blob(13)));
        m.replyTo = reply;
    }
    if (!stmt.isNull(14))
        m.replyAuthor = AccountId(stmt.text(14));
    if (!stmt.isNull(15))
        m.replyExcerpt = stmt.text(15);
    m.kind = static_cast<MessageKind>(stmt.integer(16));
    m.expireTimerSeconds = static_cast<std::uint32_t>(stmt.integer(17));
    m.expiresAtMs = stmt.optionalInteger(18);
    return m;
}

// Turns what the user typed into an FTS query matching every word literally: each word becomes a
// quoted string, so FTS operators (OR, NEAR, -, *, ") in the input are just text. Bytes >= 0x80
// are word characters, which keeps UTF-8 letters whole; the tokenizer folds case and diacritics.
std::string toMatchExpression(std::string_view query)
{
    std::string out;
    std::string word;
    const auto flush = [&] {
        if (word.empty())
            return;
        if (!out.empty())
            out += ' ';
        out += '"' + word + '"';
        word.clear();
    };
    for (const char c : query) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || c == '_')
            word += c;
        else
            flush();
    }
    flush();
    return out;
}

} // namespace

Result<void> MessageRepository::insert(const StoredMessage &m)
{
    // The new seq lies above every row the search index may have seen, even when the newest rows
    // were deleted since (see migration 8): the index takes it in later, in bulk.
    LAPIS_TRY_ASSIGN(
        auto stmt,
        m_db.prepare("INSERT INTO messages(seq, id, conversation_id, sender_account_id, "
                     "sender_device_id, direction, body, sent_at, received_at, state, end_to_end, "
                     "edited_at, deleted, reply_to, reply_author, reply_excerpt, kind, expire_timer, expires_at) "
                     "VALUES ((SELECT max(coalesce((SELECT max(seq) FROM messages), 0), indexed_through) "
                     "+ 1 FROM search_progress), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    std::optional<ByteView> replyTo;
    std::optional<std::string> replyAuthor;
    std::optional<std::string> replyExcerpt;
    if (m.replyTo) {
        replyTo = m.replyTo->bytes();
        replyAuthor = m.replyAuthor.value();
        replyExcerpt = m.replyExcerpt;
    }
    stmt.bindAll(m.id.bytes(), m.conversationId, m.sender.value(), m.senderDevice.value(), m.direction, m.text,
                 m.sentAtMs, m.receivedAtMs, m.state, m.endToEnd, m.editedAtMs, m.deleted, replyTo, replyAuthor,
                 replyExcerpt, m.kind, static_cast<std::int64_t>(m.expireTimerSeconds), m.expiresAtMs);
    auto ran = stmt.run();
    if (!ran.ok() && ran.error().code == ErrorCode::AlreadyExists)
        return fail(ErrorCode::Duplicate, "A message with this id is stored already");
    if (!ran.ok() && ran.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, "The message's conversation does not exist");
    return ran;
}

Result<std::size_t> MessageRepository::indexSearchBacklog(std::size_t limit)
{
    LAPIS_TRY_ASSIGN(const auto from, m_db.queryInteger("SELECT indexed_through FROM search_progress"));
    std::int64_t through = 0;
    {
        LAPIS_TRY_ASSIGN(auto last, m_db.prepare("SELECT max(seq), count(*) FROM (SELECT seq FROM messages "
                                                 "WHERE seq > ? ORDER BY seq LIMIT ?)"));
        last.bindAll(from,
                     static_cast<std::int64_t>(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max())));
        LAPIS_TRY(last.step());
        if (last.isNull(0))
            return std::size_t{0};
        through = last.integer(0);
        limit = static_cast<std::size_t>(last.integer(1));
    }
    // FTS4 and FTS5 both take `rowid`. Messages under a disappearing timer stay out (schema 11).
    // Notices go in as every other row does (the index's triggers delete what they were given),
    // and the search below leaves them out.
    LAPIS_TRY_ASSIGN(auto index, m_db.prepare("INSERT INTO message_search(rowid, body) SELECT seq, body FROM "
                                              "messages WHERE seq > ? AND seq <= ? AND expire_timer = 0"));
    index.bindAll(from, through);
    LAPIS_TRY(index.run());
    LAPIS_TRY_ASSIGN(auto progress, m_db.prepare("UPDATE search_progress SET indexed_through = ?"));
    progress.bindAll(through);
    LAPIS_TRY(progress.run());
    return limit;
}

Result<std::optional<StoredMessage>> MessageRepository::find(const MessageId &id)
{
    std::vector<StoredMessage> found;
    {
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT " + std::string(Columns) + "FROM messages WHERE id = ?"));
        stmt.bindAll(id.bytes());
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            return std::optional<StoredMessage>();
        LAPIS_TRY_ASSIGN(auto message, readMessage(stmt));
        found.push_back(std::move(message));
    }
    LAPIS_TRY(loadReactions(found));
    return std::optional<StoredMessage>(std::move(found.front()));
}

Result<bool> MessageRepository::contains(const MessageId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT 1 FROM messages WHERE id = ?"));
    stmt.bindAll(id.bytes());
    return stmt.step();
}

Result<MessagePage> MessageRepository::page(std::int64_t conversationId, int limit, std::optional<MessageCursor> before)
{
    constexpr auto Max = std::numeric_limits<std::int64_t>::max();
    MessagePage page;
    {
        // The (conversation_id, sent_at) index carries seq as its rowid: this walks the index
        // backwards from the cursor and stops after `limit` rows, however long the conversation.
        LAPIS_TRY_ASSIGN(auto stmt,
                         m_db.prepare("SELECT " + std::string(Columns)
                                      + "FROM messages WHERE conversation_id = ?1 AND sent_at <= ?2 "
                                        "AND (sent_at < ?2 OR seq < ?3) ORDER BY sent_at DESC, seq DESC LIMIT ?4"));
        stmt.bindAll(conversationId, before ? before->sentAtMs : Max, before ? before->sequence : Max, limit + 1);
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            LAPIS_TRY_ASSIGN(auto message, readMessage(stmt));
            page.messages.push_back(std::move(message));
        }
    }
    if (page.messages.size() > static_cast<std::size_t>(limit)) {
        page.messages.pop_back();
        page.next = MessageCursor{page.messages.back().sentAtMs, page.messages.back().sequence};
    }
    LAPIS_TRY(loadReactions(page.messages));
    return page;
}

Result<MessagePage> MessageRepository::pageAfter(std::int64_t conversationId, int limit, MessageCursor after)
{
    MessagePage page;
    {
        // The same index as page(), walked forwards from the cursor.
        LAPIS_TRY_ASSIGN(auto stmt,
                         m_db.prepare("SELECT " + std::string(Columns)
                                      + "FROM messages WHERE conversation_id = ?1 AND sent_at >= ?2 "
                                        "AND (sent_at > ?2 OR seq > ?3) ORDER BY sent_at ASC, seq ASC LIMIT ?4"));
        stmt.bindAll(conversationId, after.sentAtMs, after.sequence, limit + 1);
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            LAPIS_TRY_ASSIGN(auto message, readMessage(stmt));
            page.messages.push_back(std::move(message));
        }
    }
    if (page.messages.size() > static_cast<std::size_t>(limit)) {
        page.messages.pop_back();
        page.next = MessageCursor{page.messages.back().sentAtMs, page.messages.back().sequence};
    }
    std::reverse(page.messages.begin(), page.messages.end());
    LAPIS_TRY(loadReactions(page.messages));
    return page;
}

Result<void> MessageRepository::loadReactions(std::vector<StoredMessage> &messages)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT reactor_account_id, emoji, reacted_at FROM reactions "
                                             "WHERE message_seq = ? ORDER BY reacted_at"));
    for (auto &m : messages) {
        stmt.bindAll(m.sequence);
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            m.reactions.push_back(Reaction{AccountId(stmt.text(0)), stmt.text(1), stmt.integer(2)});
        }
        stmt.reset();
    }
    return {};
}

Result<std::int64_t> MessageRepository::sequenceOf(const MessageId &id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT seq FROM messages WHERE id = ?"));
    stmt.bindAll(id.bytes());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return fail(ErrorCode::NotFound, "No such message");
    return stmt.integer(0);
}

Result<bool> MessageRepository::advanceState(const MessageId &id, MessageState state)
{
    // Forward only; Failed only from Pending; a Failed message may be retried into any state.
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("UPDATE OR FAIL messages SET state = ?2 WHERE id = ?1 AND "
                                             "((?2 = 4 AND state = 0) OR (?2 <> 4 AND (state = 4 OR state < ?2)))"));
    stmt.bindAll(id.bytes(), state);
    LAPIS_TRY(stmt.run());
    if (m_db.changes() > 0)
        return true;
    LAPIS_TRY(sequenceOf(id));
    return false;
}

Result<void> MessageRepository::setReaction(const MessageId &id, const Reaction &reaction)
{
    LAPIS_TRY_ASSIGN(const std::int64_t seq, sequenceOf(id));
    if (reaction.emoji.empty()) {
        LAPIS_TRY_ASSIGN(auto stmt,
                         m_db.prepare("DELETE FROM reactions WHERE message_seq = ? AND reactor_account_id = ?"));
        stmt.bindAll(seq, reaction.reactor.value());
        return stmt.run();
    }
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR REPLACE INTO reactions(message_seq, reactor_account_id, "
                                             "emoji, reacted_at) VALUES (?, ?, ?, ?)"));
    stmt.bindAll(seq, reaction.reactor.value(), reaction.emoji, reaction.reactedAtMs);
    return stmt.run();
}

Result<std::vector<StoredMessage>> MessageRepository::search(std::string_view query, int limit, int offset)
{
    std::vector<StoredMessage> out;
    const std::string match = toMatchExpression(query);
    if (match.empty() || limit <= 0)
        return out;
    // Whatever came in since the last bulk indexing is found too.
    LAPIS_TRY(indexSearchBacklog(std::numeric_limits<std::size_t>::max()));
    {
        // `rowid` and MATCH read the same on FTS4 and FTS5, whichever migration 2 chose.
        LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT " + std::string(Columns)
                                                 + "FROM messages WHERE seq IN (SELECT rowid FROM message_search "
                                                   "WHERE message_search MATCH ?) AND deleted = 0 AND kind = 0 "
                                                   "ORDER BY sent_at DESC, seq DESC LIMIT ? OFFSET ?"));
        stmt.bindAll(match, limit, std::max(offset, 0));
        for (;;) {
            LAPIS_TRY_ASSIGN(const bool row, stmt.step());
            if (!row)
                break;
            LAPIS_TRY_ASSIGN(auto message, readMessage(stmt));
            out.push_back(std::move(message));
        }
    }
    LAPIS_TRY(loadReactions(out));
    return out;
}

} // namespace lapis::store
