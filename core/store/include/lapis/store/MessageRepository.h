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

/// What a row of a conversation is.
enum class MessageKind : int {
    Text = 0,         ///< a message someone wrote (text, attachments, or both)
    TimerChanged = 1, ///< a notice: the sender set the conversation's timer to expireTimerSeconds
    GroupChanged = 2, ///< a notice: the sender changed the group (the text says how; engine::GroupNotice)
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
    MessageKind kind = MessageKind::Text;
    /// The disappearing timer it was sent under (seconds; 0: it stays). For a TimerChanged
    /// notice, the new timer. A message under a timer is never indexed for search.
    std::uint32_t expireTimerSeconds = 0;
    /// When it is erased (our clock): from sending for our own messages, from reading for others'.
    /// nullopt while its countdown has not started.
    std::optional<std::int64_t> expiresAtMs;
};

/// How far one member of a group has our message (schema 13): Delivered or Read, and when.
struct MemberReceipt {
    AccountId account;
    MessageState state = MessageState::Delivered;
    std::int64_t atMs = 0;
};

/// An earlier text of an edited message and when it was written (sent, or edited to).
struct MessageVersion {
    std::string text;
    std::int64_t writtenAtMs = 0;
};

/// An edit or a delete for everyone that arrived before the message it changes.
struct EarlyChange {
    enum class Kind : int { Edit = 1, Delete = 2 };
    MessageId target;
    AccountId author;
    Kind kind = Kind::Edit;
    std::string text; ///< the new text of an edit
    std::int64_t changedAtMs = 0;
    std::int64_t receivedAtMs = 0;
};

/// How a message is erased: "This message was deleted" stays in its place, or nothing does.
enum class Erasure { LeaveNotice, Remove };

/// What erasing a message leaves to do once the transaction committed.
struct ErasedMessage {
    std::vector<std::string> files; ///< its attachments' files (AttachmentFiles names) to remove
    bool wasIndexed = false;        ///< its words were in the search index: see compactSearchIndex()
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
    /// A group member's receipt for our message `id`: kept per member, never going back (a
    /// delivery after a read leaves the read). MessageChanges.cpp.
    Result<void> recordReceipt(const MessageId &id, const AccountId &account, MessageState state, std::int64_t atMs);
    /// Every member's receipt for `id`, by account.
    Result<std::vector<MemberReceipt>> receipts(const MessageId &id);
    /// Replaces the text of an edited message; the text it replaces joins the edit history. An
    /// edit older than the current text (edits reordered on the way) only joins the history.
    /// Returns whether the current text changed; NotFound for no such (or a deleted) message.
    Result<bool> edit(const MessageId &id, std::string_view newText, std::int64_t editedAtMs);
    /// The earlier texts of a message, oldest first (empty for one never edited).
    Result<std::vector<MessageVersion>> editHistory(const MessageId &id);
    /// Erases a message: its text, edit history, reactions and attachment rows, and the excerpts
    /// that quote it in replies; with LeaveNotice the row stays, marked deleted. Returns the
    /// attachment files to remove once the transaction committed. The search index stops finding
    /// it at once; compactSearchIndex() makes it forget the words.
    Result<ErasedMessage> erase(const MessageId &id, Erasure how);
    /// Rewrites the search index without what erased rows left in its older segments (FTS keeps a
    /// deleted row's words there, marked deleted, until segments merge). Costs a pass over the
    /// whole index: after a user's delete, not per expired message (those are never indexed).
    Result<void> compactSearchIndex();

    /// Starts the countdown of the conversation's incoming messages under a timer that have none
    /// yet (they were just read); returns how many started.
    Result<int> startExpiry(std::int64_t conversationId, std::int64_t nowMs);
    /// Up to `limit` messages whose time is up at `nowMs`, soonest first.
    Result<std::vector<MessageId>> expiredAt(std::int64_t nowMs, int limit);
    /// When the next message expires, if any does.
    Result<std::optional<std::int64_t>> nextExpiry();

    /// Keeps a change whose message has not arrived.
    Result<void> keepEarlyChange(const EarlyChange &change);
    /// The changes kept for `target` (oldest first), removed from the store.
    Result<std::vector<EarlyChange>> takeEarlyChanges(const MessageId &target);
    /// Forgets changes kept since before `beforeMs` (their message will not come any more).
    Result<void> pruneEarlyChanges(std::int64_t beforeMs);
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
