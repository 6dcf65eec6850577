// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationActivity.h"

#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>

namespace lapis::engine {

OutgoingMessages::OutgoingMessages(protocol::Address self, const LocalIdentity *identity, crypto::RandomSource &rng)
    : m_self(std::move(self))
    , m_identity(identity)
    , m_rng(rng)
{}

namespace {

/// A session we started with X3DH alone, never answered, with a device that now offers an ML-KEM
/// prekey: the device published ML-KEM keys since (a profile from before PQXDH that upgraded),
/// so it refuses every classical session start and our messages on this session would never
/// arrive. Such a session is started again with PQXDH; an answered one goes on as it is.
bool classicalStartUnanswered(const ProtocolStores &stores, const protocol::Address &address,
                              const SendTargets &targets)
{
    const auto bundle = targets.bundles.find(address);
    if (bundle == targets.bundles.end() || !bundle->second.kemPreKey)
        return false;
    const auto record = stores.loadSession(address);
    if (!record || !record->hasCurrent())
        return false;
    const auto &current = record->current();
    return current.initiator && current.pendingPreKey.has_value() && !current.postQuantum;
}

} // namespace

Result<std::vector<OutgoingEnvelope>> OutgoingMessages::encryptTo(store::Transaction &tx, const AccountId &account,
                                                                  const std::vector<DeviceId> &devices,
                                                                  ByteView plaintext, bool plaintextRoute,
                                                                  const SendTargets &targets, std::int64_t nowMs)
{
    const auto &self = m_self;
    std::vector<OutgoingEnvelope> out;
    if (plaintextRoute) {
        for (const auto device : devices) {
            const auto envelope = protocol::makePlaintextEnvelope(self, {account, device}, plaintext, m_rng);
            out.push_back({account, device, envelope.serialize(), true});
        }
        return out;
    }
    if (!m_identity)
        return fail(ErrorCode::Unsupported, "This account has no keys and can send only without encryption");
    ProtocolStores stores(tx, self.account, m_identity->device().accountKey, nowMs);
    protocol::SessionCipher cipher(m_identity->device(), stores, stores, stores, stores, m_rng);
    protocol::SessionBuilder builder(m_identity->device(), stores, stores, m_rng);
    for (const auto device : devices) {
        const protocol::Address address{account, device};
        const auto bundle = targets.bundles.find(address);
        if (!cipher.hasSession(address) || classicalStartUnanswered(stores, address, targets)) {
            if (bundle == targets.bundles.end())
                return fail(ErrorCode::NotFound, "No session and no prekey bundle for " + address.toString());
            LAPIS_TRY(builder.processBundle(address, bundle->second, nowMs / 1000));
        }
        auto envelope = cipher.encrypt(address, plaintext);
        if (stores.readError())
            return *stores.readError();
        if (!envelope.ok())
            return std::move(envelope).error();
        out.push_back({account, device, envelope->serialize(), false});
    }
    return out;
}

Result<protocol::DataMessage> OutgoingMessages::storeOwnCopy(store::Transaction &tx, const OwnCopy &copy,
                                                             const protocol::DataMessage &message,
                                                             std::vector<std::string> &erasedFiles)
{
    const auto &self = copy.self;
    // The message as it travels: a message someone writes carries the conversation's timer.
    protocol::DataMessage sent = message;
    if (message.reaction) {
        // A reaction is no message of its own: it becomes (or withdraws) our reaction to its
        // target, as a received one would. The outbox still tracks it under its own id. So do
        // edits and deletes for everyone, applied here as the receiving devices apply them.
        const auto &reaction = *message.reaction;
        LAPIS_TRY(tx.messages().setReaction(
            reaction.target, store::Reaction{self.account, reaction.remove ? std::string() : reaction.emoji,
                                             static_cast<std::int64_t>(message.timestamp)}));
    } else if (message.edit) {
        LAPIS_TRY(tx.messages().edit(message.edit->target, message.edit->newText,
                                     static_cast<std::int64_t>(message.timestamp)));
    } else if (message.deletion) {
        LAPIS_TRY_ASSIGN(auto erased, tx.messages().erase(message.deletion->target, store::Erasure::LeaveNotice));
        if (erased.wasIndexed)
            LAPIS_TRY(tx.messages().compactSearchIndex());
        erasedFiles = std::move(erased.files);
    } else {
        store::StoredMessage row;
        row.id = copy.id;
        row.conversationId = copy.conversationId;
        row.sender = self.account;
        row.senderDevice = self.device;
        row.direction = store::MessageDirection::Outgoing;
        row.text = message.text;
        row.sentAtMs = static_cast<std::int64_t>(message.timestamp);
        row.state = store::MessageState::Pending;
        row.endToEnd = copy.endToEnd;
        if (message.timerUpdate) {
            row.kind = store::MessageKind::TimerChanged;
            LAPIS_TRY(tx.conversations().setExpireTimer(copy.conversationId, message.expireTimer));
        } else {
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().find(copy.conversationId));
            sent.expireTimer = conversation ? conversation->expireTimerSeconds : 0;
            // Our own copy counts down from sending.
            if (sent.expireTimer > 0)
                row.expiresAtMs = row.sentAtMs + static_cast<std::int64_t>(sent.expireTimer) * 1000;
        }
        row.expireTimerSeconds = sent.expireTimer;
        if (message.quote) {
            row.replyTo = message.quote->target;
            row.replyAuthor = message.quote->author;
            row.replyExcerpt = message.quote->excerpt;
        }
        LAPIS_TRY(tx.messages().insert(row));
        ConversationActivity::of(tx).record(copy.conversationId, row.sentAtMs, 0);
    }
    return sent;
}

Result<PreparedMessage> OutgoingMessages::prepare(store::Transaction &tx, const AccountId &to,
                                                  const protocol::DataMessage &message, const SendTargets &targets,
                                                  std::int64_t nowMs)
{
    if (targets.route == Route::DowngradeRefused)
        return fail(ErrorCode::PermissionDenied, ErrorReason::DowngradeRefused, downgradeRefusal(to));
    const bool plaintextRoute = targets.route == Route::Plaintext;
    const auto &self = m_self;

    PreparedMessage prepared;
    prepared.id = protocol::newContentMessageId(nowMs, m_rng);
    LAPIS_TRY_ASSIGN(prepared.conversationId, ConversationActivity::of(tx).conversationWith(tx, to, nowMs));

    LAPIS_TRY_ASSIGN(const auto sent, storeOwnCopy(tx, {prepared.id, prepared.conversationId, self, !plaintextRoute},
                                                   message, prepared.erasedFiles));

    protocol::Content content;
    content.messageId = prepared.id;
    content.data = sent;
    LAPIS_TRY_ASSIGN(auto body, content.serialize());
    LAPIS_TRY_ASSIGN(prepared.toRecipient,
                     encryptTo(tx, to, targets.recipientDevices, body.view(), plaintextRoute, targets, nowMs));

    if (!targets.ownOtherDevices.empty()) {
        protocol::Content sync;
        sync.messageId = prepared.id;
        sync.sync = protocol::SyncTranscript{to, prepared.id, sent.timestamp, sent};
        LAPIS_TRY_ASSIGN(auto syncBody, sync.serialize());
        // Our own devices are always reached end to end.
        LAPIS_TRY_ASSIGN(prepared.toOwnDevices,
                         encryptTo(tx, self.account, targets.ownOtherDevices, syncBody.view(), false, targets, nowMs));
    }

    LAPIS_TRY(enqueue(tx, prepared.id, prepared.toRecipient, nowMs));
    LAPIS_TRY(enqueue(tx, prepared.id, prepared.toOwnDevices, nowMs));
    return prepared;
}

Result<std::vector<OutgoingEnvelope>> OutgoingMessages::reencrypt(store::Transaction &tx, const AccountId &to,
                                                                  const MessageId &id,
                                                                  const protocol::DataMessage &message,
                                                                  const SendTargets &targets, std::int64_t nowMs)
{
    if (targets.route == Route::DowngradeRefused)
        return fail(ErrorCode::PermissionDenied, ErrorReason::DowngradeRefused, downgradeRefusal(to));
    protocol::Content content;
    content.messageId = id;
    content.data = message;
    // The same timer as the first time: the one its stored row was sent under.
    if (!message.timerUpdate) {
        LAPIS_TRY_ASSIGN(auto row, tx.messages().find(id));
        if (row)
            content.data->expireTimer = row->expireTimerSeconds;
    }
    LAPIS_TRY_ASSIGN(auto body, content.serialize());
    LAPIS_TRY_ASSIGN(auto envelopes, encryptTo(tx, to, targets.recipientDevices, body.view(),
                                               targets.route == Route::Plaintext, targets, nowMs));
    // Only the recipient's envelopes are replaced: the copies for our own devices stay as they were.
    LAPIS_TRY(tx.outbox().removeForMessageTo(id, to));
    LAPIS_TRY(enqueue(tx, id, envelopes, nowMs));
    return envelopes;
}

Result<void> OutgoingMessages::markSent(store::Transaction &tx, const MessageId &id)
{
    // A reaction has no row of its own (NotFound): only its outbox entries go.
    auto changed = tx.messages().advanceState(id, store::MessageState::Sent);
    if (!changed.ok() && changed.error().code != ErrorCode::NotFound)
        return std::move(changed).error();
    LAPIS_TRY(tx.outbox().removeForMessage(id));
    return {};
}

Result<void> OutgoingMessages::enqueue(store::Transaction &tx, const MessageId &id,
                                       const std::vector<OutgoingEnvelope> &envelopes, std::int64_t nowMs)
{
    for (const auto &envelope : envelopes) {
        store::OutboxEntry entry;
        entry.messageId = id;
        entry.recipient = envelope.recipient;
        entry.recipientDevice = envelope.device;
        entry.payload = envelope.envelope;
        entry.nextAttemptAtMs = nowMs;
        entry.createdAtMs = nowMs;
        LAPIS_TRY(tx.outbox().enqueue(entry));
    }
    return {};
}

Result<std::vector<OutgoingEnvelope>> OutgoingMessages::prepareControl(store::Transaction &tx, const AccountId &to,
                                                                       const protocol::Content &content,
                                                                       const SendTargets &targets, std::int64_t nowMs)
{
    if (targets.route == Route::DowngradeRefused)
        return fail(ErrorCode::PermissionDenied, ErrorReason::DowngradeRefused, downgradeRefusal(to));
    LAPIS_TRY_ASSIGN(auto body, content.serialize());
    return encryptTo(tx, to, targets.recipientDevices, body.view(), targets.route == Route::Plaintext, targets, nowMs);
}

} // namespace lapis::engine
