// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationActivity.h"

#include <lapis/crypto/Blake2b.h>
#include <lapis/engine/Attachments.h>
#include <lapis/engine/IncomingMessages.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/protocol/SessionCipher.h>

#include <algorithm>
#include <array>

namespace lapis::engine {

IncomingEvent unreadableEvent(AccountId from, DeviceId device, std::string reason)
{
    IncomingEvent event;
    event.kind = IncomingEvent::Kind::Unreadable;
    event.conversationPeer = from;
    event.from = std::move(from);
    event.fromDevice = device;
    event.endToEnd = false;
    event.text = std::move(reason);
    return event;
}

IncomingMessages::IncomingMessages(protocol::Address self, const LocalIdentity *identity, crypto::RandomSource &rng)
    : m_self(std::move(self))
    , m_identity(identity)
    , m_rng(rng)
{}

Result<std::optional<IncomingEvent>> IncomingMessages::process(store::Transaction &tx, const RelayDelivery &delivery,
                                                               std::int64_t nowMs)
{
    m_lastFailureUnreadable = false;
    auto parsed = protocol::Envelope::deserialize(delivery.envelope);
    if (!parsed.ok())
        return unreadable(std::move(parsed).error());
    auto envelope = std::move(parsed).value();
    const auto &self = m_self;
    const bool plaintext = envelope.type == protocol::Envelope::Type::Plaintext;
    // Plaintext sent while the account had no device is addressed to the account's mailbox (0).
    const bool toAccountMailbox = plaintext && envelope.recipient == protocol::Address{self.account, DeviceId(0)};
    // A group message is one ciphertext for every member device: it names none.
    const bool toEveryMember = envelope.type == protocol::Envelope::Type::SenderKey;
    if (!(envelope.recipient == self) && !toAccountMailbox && !toEveryMember)
        return unreadable(Error{ErrorCode::InvalidArgument, "The message is addressed to another device"});
    // The relay authenticated the sending device; an envelope claiming another sender is forged.
    if (!(envelope.sender == protocol::Address{delivery.sender, delivery.senderDevice}))
        return unreadable(Error{ErrorCode::InvalidArgument, "The message claims another sender than the relay saw"});
    if (plaintext != delivery.plaintext)
        return unreadable(
            Error{ErrorCode::InvalidArgument, "The message's encryption does not match the relay's flag"});

    LAPIS_TRY_ASSIGN(const bool isNew, isNewEnvelope(tx, envelope, nowMs));
    if (!isNew)
        return std::optional<IncomingEvent>{};

    if (plaintext && m_identity) {
        LAPIS_TRY_ASSIGN(const bool expectsEncryption, sendsEndToEnd(tx, envelope.sender.account));
        if (expectsEncryption) {
            // The relay stamps the sender: its operator can drop plaintext "from" anyone into this
            // mailbox. From an account that encrypts, it is refused, never shown as theirs.
            IncomingEvent refused;
            refused.kind = IncomingEvent::Kind::PlaintextRefused;
            refused.messageId = envelope.messageId;
            refused.from = envelope.sender.account;
            refused.fromDevice = envelope.sender.device;
            refused.conversationPeer = envelope.sender.account;
            refused.endToEnd = false;
            return std::optional<IncomingEvent>(std::move(refused));
        }
    }

    if (toEveryMember) {
        LAPIS_TRY_ASSIGN(auto received, receiveGroupMessage(tx, envelope, nowMs));
        return std::optional<IncomingEvent>(std::move(received));
    }

    WipedBytes padded;
    if (plaintext) {
        auto opened = protocol::openPlaintextEnvelope(envelope);
        if (!opened.ok())
            return unreadable(std::move(opened).error());
        padded = std::move(opened).value();
    } else {
        if (!m_identity)
            return unreadable(
                Error{ErrorCode::Unsupported, "This account has no keys and cannot read encrypted messages"});
        ProtocolStores stores(tx, self.account, m_identity->device().accountKey, nowMs);
        protocol::SessionCipher cipher(m_identity->device(), stores, stores, stores, stores, stores, m_rng);
        auto decrypted = cipher.decrypt(envelope, nowMs / 1000);
        // A store that could not be read may have made the cipher fail (or pass): try again later.
        if (stores.readError())
            return *stores.readError();
        if (!decrypted.ok()) {
            // A changed account key holds the envelope until the user decides; anything else about
            // it will never decrypt.
            if (decrypted.error().code == ErrorCode::PermissionDenied)
                return std::move(decrypted).error();
            return unreadable(std::move(decrypted).error());
        }
        padded = std::move(decrypted).value();
    }
    auto parsedContent = protocol::Content::deserialize(padded.view());
    if (!parsedContent.ok())
        return unreadable(std::move(parsedContent).error());
    auto content = std::move(parsedContent).value();

    IncomingEvent event;
    event.messageId = content.messageId;
    event.from = envelope.sender.account;
    event.fromDevice = envelope.sender.device;
    event.conversationPeer = envelope.sender.account;
    event.endToEnd = !plaintext;
    if (!plaintext && envelope.sender.account != self.account)
        LAPIS_TRY(ConversationActivity::of(tx).markEndToEnd(tx, envelope.sender.account));
    LAPIS_TRY_ASSIGN(auto applied, apply(tx, content, std::move(event), nowMs));
    return std::optional<IncomingEvent>(std::move(applied));
}

Result<bool> IncomingMessages::isNewEnvelope(store::Transaction &tx, const protocol::Envelope &envelope,
                                             std::int64_t nowMs)
{
    // By id alone, at our own time: neither the relay's clock nor its choice of id lets a replay
    // through. The relay could re-wrap a ciphertext in a new envelope id, so the ciphertext's
    // digest counts as an id too.
    auto processed = tx.processedEnvelopes();
    LAPIS_TRY_ASSIGN(const bool newId, processed.markProcessed(envelope.messageId, nowMs));
    if (!newId)
        return false;
    LAPIS_TRY_ASSIGN(const auto digest, crypto::Blake2b::hash(envelope.ciphertext, 32));
    std::array<std::uint8_t, MessageId::Size> shortDigest{};
    std::copy_n(digest.begin(), shortDigest.size(), shortDigest.begin());
    LAPIS_TRY_ASSIGN(const bool newCiphertext, processed.markProcessed(MessageId(shortDigest), nowMs));
    if (!newCiphertext)
        return false;
    if (envelope.type != protocol::Envelope::Type::PreKey)
        return true;
    // A session start replayed after its state left the session record (or after the ids above
    // were pruned) would set the session up anew: its digest is kept for good.
    return processed.markSessionStart(digest);
}

Result<bool> IncomingMessages::sendsEndToEnd(store::Transaction &tx, const AccountId &account)
{
    if (account == m_self.account)
        return true; // our own devices all have keys when this one does
    LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(account));
    return contact && (!contact->pinnedAccountKey.empty() || contact->everHadEndToEnd);
}

Result<IncomingEvent> IncomingMessages::apply(store::Transaction &tx, const protocol::Content &content,
                                              IncomingEvent event, std::int64_t nowMs)
{
    const bool fromOwnAccount = event.from == m_self.account;
    if (content.sync) {
        // Only our own devices may tell us what we sent.
        if (!fromOwnAccount || !event.endToEnd)
            return unreadable(Error{ErrorCode::PermissionDenied, "A sent-message copy came from another account"});
        if (content.sync->message.group)
            return unreadable(
                Error{ErrorCode::PermissionDenied, "A group message came outside its group's encryption"});
        event.kind = IncomingEvent::Kind::SyncedMessage;
        event.messageId = content.sync->messageId;
        event.conversationPeer = content.sync->destination;
        return storeDataMessage(tx, content.sync->message, std::move(event), content.sync->destination,
                                store::MessageDirection::Outgoing, nowMs);
    }
    if (content.receipt) {
        event.kind = IncomingEvent::Kind::Receipt;
        // With read receipts off, a peer's read receipt shows as delivered (neither sent nor shown).
        const bool read = content.receipt->type == protocol::Receipt::Type::Read;
        event.receiptState = read && (m_showsReadReceipts || fromOwnAccount) ? store::MessageState::Read
                                                                             : store::MessageState::Delivered;
        for (const auto &id : content.receipt->messageIds) {
            if (!fromOwnAccount) {
                LAPIS_TRY_ASSIGN(const bool counted, takeGroupReceipt(tx, id, event.from, event.receiptState, nowMs));
                if (counted) {
                    event.receiptFor.push_back(id);
                    continue;
                }
            }
            // A receipt counts only from the person the message went to (or our own devices).
            LAPIS_TRY_ASSIGN(const bool ours, belongsTo(tx, id, event.from));
            if (!ours && !fromOwnAccount)
                continue;
            auto changed = tx.messages().advanceState(id, event.receiptState);
            if (!changed.ok() && changed.error().code != ErrorCode::NotFound)
                return std::move(changed).error();
            event.receiptFor.push_back(id);
        }
        return event;
    }
    if (content.groupUpdate)
        return applyGroupUpdate(tx, *content.groupUpdate, std::move(event), nowMs);
    if (content.senderKey)
        return takeSenderKey(tx, *content.senderKey, std::move(event));
    if (content.typing) {
        event.kind = IncomingEvent::Kind::Typing;
        event.typingStarted = content.typing->started;
        return event;
    }
    if (!content.data)
        return unreadable(Error{ErrorCode::Corrupt, "The message has no content"});
    if (content.data->group)
        return unreadable(Error{ErrorCode::PermissionDenied, "A group message came outside its group's encryption"});
    const AccountId peer = event.from; // copied: `event` is moved into the call
    return storeDataMessage(tx, *content.data, std::move(event), peer, store::MessageDirection::Incoming, nowMs);
}

Result<bool> IncomingMessages::takeGroupReceipt(store::Transaction &tx, const MessageId &target,
                                                const AccountId &member, store::MessageState state, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto message, tx.messages().find(target));
    if (!message || message->direction != store::MessageDirection::Outgoing)
        return false;
    LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().find(message->conversationId));
    const auto group = conversation ? groupOfConversationKey(conversation->peer) : std::nullopt;
    if (!group)
        return false;
    // Only a member's receipt counts, and each member's on its own: who has it, who has read it.
    LAPIS_TRY_ASSIGN(const bool isMember, tx.groups().hasMember(*group, member));
    if (!isMember || member == m_self.account)
        return false;
    LAPIS_TRY(tx.messages().recordReceipt(target, member, state, nowMs));
    // The message itself is delivered (read) once every other member has it (has read it).
    LAPIS_TRY_ASSIGN(const auto stored, tx.groups().find(*group));
    LAPIS_TRY_ASSIGN(const auto receipts, tx.messages().receipts(target));
    std::size_t others = 0;
    if (stored)
        for (const auto &m : stored->members)
            others += m.account == m_self.account ? 0 : 1;
    const auto reached = [&](store::MessageState at) {
        return static_cast<std::size_t>(std::count_if(receipts.begin(), receipts.end(),
                                                      [&](const store::MemberReceipt &r) { return r.state >= at; }));
    };
    if (others > 0 && reached(store::MessageState::Read) >= others)
        LAPIS_TRY(tx.messages().advanceState(target, store::MessageState::Read));
    else if (others > 0 && reached(store::MessageState::Delivered) >= others)
        LAPIS_TRY(tx.messages().advanceState(target, store::MessageState::Delivered));
    return true;
}

Result<bool> IncomingMessages::belongsTo(store::Transaction &tx, const MessageId &target, const AccountId &peer)
{
    LAPIS_TRY_ASSIGN(auto message, tx.messages().find(target));
    if (!message)
        return false;
    LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().find(message->conversationId));
    return conversation && conversation->peer == peer;
}

Result<IncomingEvent> IncomingMessages::storeDataMessage(store::Transaction &tx, const protocol::DataMessage &data,
                                                         IncomingEvent event, const AccountId &peer,
                                                         store::MessageDirection direction, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(const auto conversationId, ConversationActivity::of(tx).conversationWith(tx, peer, nowMs));
    event.conversationId = conversationId;
    if (data.reaction || data.edit || data.deletion)
        return applyChange(tx, data, std::move(event), conversationId, nowMs);
    const auto sentAt = data.timestamp ? static_cast<std::int64_t>(data.timestamp) : nowMs;

    store::StoredMessage message;
    message.id = event.messageId;
    message.conversationId = conversationId;
    message.sender = event.from;
    message.senderDevice = event.fromDevice;
    message.direction = direction;
    message.sentAtMs = sentAt;
    message.receivedAtMs = nowMs;
    message.state =
        direction == store::MessageDirection::Incoming ? store::MessageState::Delivered : store::MessageState::Sent;
    message.endToEnd = event.endToEnd;
    message.expireTimerSeconds = data.expireTimer;
    event.expireTimerSeconds = data.expireTimer;
    if (data.timerUpdate) {
        // Either side may set the timer; the last change to arrive holds. What was sent before
        // keeps the timer it carries.
        LAPIS_TRY(tx.conversations().setExpireTimer(conversationId, data.expireTimer));
        message.kind = store::MessageKind::TimerChanged;
        LAPIS_TRY(tx.messages().insert(message));
        ConversationActivity::of(tx).record(conversationId, sentAt, 0);
        event.kind = IncomingEvent::Kind::TimerChanged;
        return event;
    }
    message.text = data.text;
    // Our own message (sent from another of our devices) counts down from sending, someone
    // else's from when it is read here.
    if (direction == store::MessageDirection::Outgoing && data.expireTimer > 0)
        message.expiresAtMs = sentAt + static_cast<std::int64_t>(data.expireTimer) * 1000;
    if (data.quote) {
        // Kept as the reply carried it: the quoted message may never have reached this device.
        message.replyTo = data.quote->target;
        message.replyAuthor = data.quote->author;
        message.replyExcerpt = data.quote->excerpt;
        event.quote = data.quote;
    }
    LAPIS_TRY(tx.messages().insert(message));
    for (const auto &pointer : data.attachments)
        LAPIS_TRY(tx.attachments().add(storedAttachmentFor(message.id, pointer)));
    ConversationActivity::of(tx).record(conversationId, sentAt, direction == store::MessageDirection::Incoming ? 1 : 0);
    event.text = data.text;
    event.attachments = data.attachments;
    LAPIS_TRY(applyEarlyChanges(tx, message, event));
    return event;
}

Result<IncomingEvent> IncomingMessages::applyChange(store::Transaction &tx, const protocol::DataMessage &data,
                                                    IncomingEvent event, std::int64_t conversationId,
                                                    std::int64_t nowMs)
{
    const auto sentAt = data.timestamp ? static_cast<std::int64_t>(data.timestamp) : nowMs;
    const MessageId target =
        data.reaction ? data.reaction->target : (data.edit ? data.edit->target : data.deletion->target);
    event.messageId = target;
    const auto kind = data.edit ? store::EarlyChange::Kind::Edit : store::EarlyChange::Kind::Delete;
    const std::string newText = data.edit ? data.edit->newText : std::string();
    LAPIS_TRY_ASSIGN(auto message, tx.messages().find(target));
    if (!message && !data.reaction) {
        // The relay may hand over an edit or a delete before its message: kept, and checked and
        // applied when the message comes (applyEarlyChanges).
        LAPIS_TRY(tx.messages().keepEarlyChange(store::EarlyChange{target, event.from, kind, newText, sentAt, nowMs}));
        event.kind = data.edit ? IncomingEvent::Kind::Edit : IncomingEvent::Kind::Delete;
        event.text = newText;
        return event;
    }
    // Changes apply only to messages of this conversation; edits and deletes only to the
    // changer's own messages.
    if (!message || message->conversationId != conversationId)
        return unreadable(Error{ErrorCode::NotFound, "The message this change refers to is not in the conversation"});
    if (data.reaction) {
        event.kind = IncomingEvent::Kind::Reaction;
        event.text = data.reaction->remove ? std::string() : data.reaction->emoji;
        LAPIS_TRY(tx.messages().setReaction(target, store::Reaction{event.from, event.text, sentAt}));
        return event;
    }
    LAPIS_TRY(changeMessage(tx, *message, event.from, kind, newText, sentAt, event));
    return event;
}

Result<void> IncomingMessages::changeMessage(store::Transaction &tx, const store::StoredMessage &message,
                                             const AccountId &author, store::EarlyChange::Kind kind,
                                             const std::string &text, std::int64_t changedAtMs, IncomingEvent &event)
{
    if (!(message.sender == author))
        return unreadable(Error{ErrorCode::PermissionDenied, "Only its author can change a message"});
    if (message.kind != store::MessageKind::Text)
        return unreadable(Error{ErrorCode::PermissionDenied, "A notice cannot be changed"});
    if (changedAtMs - message.sentAtMs > MessageChangeWindowMs)
        return unreadable(Error{ErrorCode::PermissionDenied,
                                "A message can be edited or deleted for everyone only within 24 hours of sending"});
    if (kind == store::EarlyChange::Kind::Edit) {
        if (message.deleted)
            return unreadable(Error{ErrorCode::NotFound, "The edited message was deleted"});
        if (text.empty())
            return unreadable(Error{ErrorCode::InvalidArgument, "An edit has no text"});
        LAPIS_TRY_ASSIGN(const bool current, tx.messages().edit(message.id, text, changedAtMs));
        event.kind = IncomingEvent::Kind::Edit;
        event.text = current ? text : message.text;
        return {};
    }
    LAPIS_TRY_ASSIGN(auto erased, tx.messages().erase(message.id, store::Erasure::LeaveNotice));
    if (erased.wasIndexed)
        LAPIS_TRY(tx.messages().compactSearchIndex());
    event.kind = IncomingEvent::Kind::Delete;
    event.text.clear();
    event.attachments.clear();
    event.erasedFiles = std::move(erased.files);
    return {};
}

Result<void> IncomingMessages::applyEarlyChanges(store::Transaction &tx, const store::StoredMessage &message,
                                                 IncomingEvent &event)
{
    LAPIS_TRY_ASSIGN(auto changes, tx.messages().takeEarlyChanges(message.id));
    if (changes.empty())
        return {};
    const auto kind = event.kind;
    for (const auto &change : changes) {
        LAPIS_TRY_ASSIGN(auto current, tx.messages().find(message.id));
        if (!current)
            break;
        IncomingEvent changed = event;
        // A change that does not hold (another author, too late) is dropped; the message stays.
        m_lastFailureUnreadable = false;
        auto applied =
            changeMessage(tx, *current, change.author, change.kind, change.text, change.changedAtMs, changed);
        if (!applied.ok()) {
            const bool refused = m_lastFailureUnreadable;
            m_lastFailureUnreadable = false;
            if (!refused)
                return applied; // the store failed: the whole delivery is tried again
            continue;
        }
        if (changed.kind == IncomingEvent::Kind::Delete) {
            event.kind = IncomingEvent::Kind::Delete;
            event.text.clear();
            event.attachments.clear();
            event.erasedFiles = std::move(changed.erasedFiles);
            return {};
        }
        event.text = changed.text;
    }
    event.kind = kind;
    return {};
}

} // namespace lapis::engine
