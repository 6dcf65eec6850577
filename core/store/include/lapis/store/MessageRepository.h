// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lapis::store {

class Database;

enum class MessageDirection : int { Incoming = 0, Outgoing = 1 };

/// Delivery state of a message. The order matters: a state only moves forward, except to Failed.
enum class MessageState : int {
    Pending = 0,   ///< written locally, not yet accepted by the relay
    Sent = 1,      ///< the relay stored it for every recipient device
    Delivered = 2, ///< a recipient device confirmed receipt end to end
    Read = 3,      ///< a recipient read it
    Failed = 4,    ///< gave up sending; the user may retry
};

struct Reaction {
    AccountId reactor;
    std::string emoji;
    std::int64_t reactedAtMs = 0;
};

struct StoredMessage {
    MessageId id;
    std::int64_t conversationId = 0;
    AccountId sender;
    DeviceId senderDevice;
    MessageDirection direction = MessageDirection::Incoming;
    std::string text;
    /// The sender's clock; messages of a conversation are ordered by it.
    std::int64_t sentAtMs = 0;
    /// Our clock when it arrived (nullopt for our own messages).
    std::optional<std::int64_t> receivedAtMs;
    MessageState state = MessageState::Pending;
    /// False for a message that travelled without end-to-end encryption (the downgrade case).
    bool endToEnd = true;
    std::optional<std::int64_t> editedAtMs;
    /// A deleted message keeps its row (so replies and receipts still resolve) but not its text.
    bool deleted = false;
    std::optional<MessageId> replyTo;
    /// The quote a reply carried (schema 6): the quoted message's author and the start of its
    /// text. Empty for a message that is no reply, and for replies stored before schema 6.
    AccountId replyAuthor;
    std::string replyExcerpt;
    std::vector<Reaction> reactions;
    /// The store's insertion order; ties between equal sentAtMs are broken by it.
    std::int64_t sequence = 0;
};

/// Where a page of a conversation ended; pass it back to get the next (older) page. Keyset paging
/// stays fast however deep the user scrolls.
struct MessageCursor {
    std::int64_t sentAtMs = 0;
    std::int64_t sequence = 0;
};

struct MessagePage {
    std::vector<StoredMessage> messages; ///< newest first
    std::optional<MessageCursor> next;   ///< nullopt on the last page
};

class MessageRepository {
public:
    explicit MessageRepository(Database &db)
        : m_db(db)
    {}

    /// Stores a new message (its reactions are ignored; see setReaction). Duplicate when a
    /// message with this id exists; NotFound when the conversation does not.
    Result<void> insert(const StoredMessage &message);
    Result<std::optional<StoredMessage>> find(const MessageId &id);
    Result<bool> contains(const MessageId &id);

    /// Up to `limit` messages of a conversation, newest first, starting after `before`.
    Result<MessagePage> page(std::int64_t conversationId, int limit, std::optional<MessageCursor> before = {});
    /// Up to `limit` messages of a conversation newer than `after`, newest first (the same order
    /// as page()). Here `next` is set when still newer messages exist: paging towards the present
    /// goes on from the newest message returned.
    Result<MessagePage> pageAfter(std::int64_t conversationId, int limit, MessageCursor after);

    /// Moves the state forward (Pending < Sent < Delivered < Read); an older state is ignored, so
    /// receipts arriving out of order do no harm. Failed is only taken from Pending. Returns
    /// whether the state changed; NotFound when there is no such message.
    Result<bool> advanceState(const MessageId &id, MessageState state);
    /// Replaces the text of an edited message.
    Result<void> edit(const MessageId &id, std::string_view newText, std::int64_t editedAtMs);
    /// Marks the message deleted and erases its text (and reactions) from the store and the index,
    /// and the excerpts that quote it from the replies to it.
    Result<void> markDeleted(const MessageId &id);
    /// Sets `reactor`'s reaction, replacing an earlier one; an empty emoji removes it.
    Result<void> setReaction(const MessageId &id, const Reaction &reaction);

    /// Adds up to `limit` of the messages stored since the last call to the search index, oldest
    /// first; returns how many. Storing a message does not index it: indexing in bulk costs a
    /// third as much, off the path a message takes in (see migration 8).
    Result<std::size_t> indexSearchBacklog(std::size_t limit);
    /// Messages whose text contains every word of `query`, newest first, `limit` from `offset`.
    /// Query syntax characters are not interpreted: the words are searched for as typed. What is
    /// not indexed yet is indexed first, so nothing stored is missed.
    Result<std::vector<StoredMessage>> search(std::string_view query, int limit, int offset = 0);

private:
    Result<std::int64_t> sequenceOf(const MessageId &id);
    Result<void> loadReactions(std::vector<StoredMessage> &messages);
    Database &m_db;
};

} // namespace lapis::store
