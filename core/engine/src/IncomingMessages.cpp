// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationActivity.h"

#include <lapis/engine/Attachments.h>
#include <lapis/engine/IncomingMessages.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/protocol/SessionCipher.h>

namespace lapis::engine {

IncomingMessages::IncomingMessages(protocol::Address self, const LocalIdentity *identity, crypto::RandomSource &rng)
    : m_self(std::move(self))
    , m_identity(identity)
    , m_rng(rng)
{}

Result<std::optional<IncomingEvent>> IncomingMessages::process(store::Transaction &tx, const RelayDelivery &delivery,
                                                               std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto envelope, protocol::Envelope::deserialize(delivery.envelope));
    const auto &self = m_self;
    const bool plaintext = envelope.type == protocol::Envelope::Type::Plaintext;
    // Plaintext sent while the account had no device is addressed to the account's mailbox (0).
    const bool toAccountMailbox = plaintext && envelope.recipient == protocol::Address{self.account, DeviceId(0)};
    if (!(envelope.recipient == self) && !toAccountMailbox)
        return fail(ErrorCode::InvalidArgument, "The message is addressed to another device");
    // The relay authenticated the sending device; an envelope claiming another sender is forged.
    if (!(envelope.sender == protocol::Address{delivery.sender, delivery.senderDevice}))
        return fail(ErrorCode::InvalidArgument, "The message claims another sender than the relay saw");
    if (plaintext != delivery.plaintext)
        return fail(ErrorCode::InvalidArgument, "The message's encryption does not match the relay's flag");

    LAPIS_TRY_ASSIGN(const bool isNew, tx.processedEnvelopes().markProcessed(envelope.messageId, delivery.relayTimeMs));
    if (!isNew)
        return std::optional<IncomingEvent>{};

    WipedBytes padded;
    if (plaintext) {
        LAPIS_TRY_ASSIGN(padded, protocol::openPlaintextEnvelope(envelope));
    } else {
        if (!m_identity)
            return fail(ErrorCode::Unsupported, "This account has no keys and cannot read encrypted messages");
        ProtocolStores stores(tx, self.account, m_identity->device().accountKey, nowMs);
        protocol::SessionCipher cipher(m_identity->device(), stores, stores, stores, stores, m_rng);
        LAPIS_TRY_ASSIGN(padded, cipher.decrypt(envelope, nowMs / 1000));
    }
    LAPIS_TRY_ASSIGN(auto content, protocol::Content::deserialize(padded.view()));

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

Result<IncomingEvent> IncomingMessages::apply(store::Transaction &tx, const protocol::Content &content,
                                              IncomingEvent event, std::int64_t nowMs)
{
    const bool fromOwnAccount = event.from == m_self.account;
    if (content.sync) {
        // Only our own devices may tell us what we sent.
        if (!fromOwnAccount || !event.endToEnd)
            return fail(ErrorCode::PermissionDenied, "A sent-message copy came from another account");
        event.kind = IncomingEvent::Kind::SyncedMessage;
        event.messageId = content.sync->messageId;
        event.conversationPeer = content.sync->destination;
        return storeDataMessage(tx, content.sync->message, std::move(event), content.sync->destination,
                                store::MessageDirection::Outgoing, nowMs);
    }
    if (content.receipt) {
        event.kind = IncomingEvent::Kind::Receipt;
        event.receiptState = content.receipt->type == protocol::Receipt::Type::Read ? store::MessageState::Read
                                                                                    : store::MessageState::Delivered;
        for (const auto &id : content.receipt->messageIds) {
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
    if (content.typing) {
        event.kind = IncomingEvent::Kind::Typing;
        return event;
    }
    if (!content.data)
        return fail(ErrorCode::Corrupt, "The message has no content");
    const AccountId peer = event.from; // copied: `event` is moved into the call
    return storeDataMessage(tx, *content.data, std::move(event), peer, store::MessageDirection::Incoming, nowMs);
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
    const auto sentAt = data.timestamp ? static_cast<std::int64_t>(data.timestamp) : nowMs;

    if (data.reaction || data.edit || data.deletion) {
        const MessageId target =
            data.reaction ? data.reaction->target : (data.edit ? data.edit->target : data.deletion->target);
        // Changes apply only to messages of this conversation; edits and deletes only to the
        // changer's own messages.
        LAPIS_TRY_ASSIGN(auto message, tx.messages().find(target));
        if (!message || message->conversationId != conversationId)
            return fail(ErrorCode::NotFound, "The message this change refers to is not in the conversation");
        event.messageId = target;
        if (data.reaction) {
            event.kind = IncomingEvent::Kind::Reaction;
            event.text = data.reaction->remove ? std::string() : data.reaction->emoji;
            LAPIS_TRY(tx.messages().setReaction(target, store::Reaction{event.from, event.text, sentAt}));
            return event;
        }
        if (!(message->sender == event.from))
            return fail(ErrorCode::PermissionDenied, "Only its author can change a message");
        if (data.edit) {
            event.kind = IncomingEvent::Kind::Edit;
            event.text = data.edit->newText;
            LAPIS_TRY(tx.messages().edit(target, data.edit->newText, sentAt));
            return event;
        }
        event.kind = IncomingEvent::Kind::Delete;
        LAPIS_TRY(tx.messages().markDeleted(target));
        return event;
    }

    store::StoredMessage message;
    message.id = event.messageId;
    message.conversationId = conversationId;
    message.sender = event.from;
    message.senderDevice = event.fromDevice;
    message.direction = direction;
    message.text = data.text;
    message.sentAtMs = sentAt;
    message.receivedAtMs = nowMs;
    message.state =
        direction == store::MessageDirection::Incoming ? store::MessageState::Delivered : store::MessageState::Sent;
    message.endToEnd = event.endToEnd;
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
    return event;
}

} // namespace lapis::engine
