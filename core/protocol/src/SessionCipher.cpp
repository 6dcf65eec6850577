// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreKeyMessage.h"
#include "X3dh.h"

#include <lapis/crypto/Kem.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/Padding.h>
#include <lapis/protocol/Ratchet.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>

#include <algorithm>

namespace lapis::protocol {
namespace {

MessageId randomMessageId(crypto::RandomSource &rng)
{
    std::array<std::uint8_t, MessageId::Size> id{};
    rng.fill(id);
    return MessageId(id);
}

// Tries the current state, then the archived ones. ratchet::decrypt changes a state only on
// success, so trying in place is safe. A replay is reported as such even when another state
// also rejected it as unauthentic.
Result<WipedBytes> decryptOnRecord(SessionRecord &record, const Address &local, ByteView message, std::int64_t now)
{
    std::optional<Error> firstError;
    auto consider = [&](Error error) {
        if (!firstError || error.code == ErrorCode::Duplicate
            || (error.code == ErrorCode::LimitExceeded && firstError->code != ErrorCode::Duplicate))
            firstError = std::move(error);
    };
    // A record copied from another device's store is not this device's session.
    if (record.hasCurrent() && record.current().local == local) {
        auto result = ratchet::decrypt(record.current(), message, now);
        if (result)
            return result;
        consider(std::move(result).error());
    }
    for (auto &state : record.archived()) {
        if (state.local != local)
            continue;
        auto result = ratchet::decrypt(state, message, now);
        if (result)
            return result;
        consider(std::move(result).error());
    }
    if (!firstError)
        return fail(ErrorCode::NotFound, "There is no session with the sender");
    return std::move(*firstError);
}

// Simultaneous initiation: both devices made a session from the other's bundle. Both keep the
// one whose initiator's identity key sorts lower (byte-wise), and keep the other archived so
// messages already sent on it still decrypt.
void placeNewState(SessionRecord &record, SessionState state)
{
    if (record.hasCurrent()) {
        const auto &current = record.current();
        const auto ours = current.localIdentityKey.bytes();
        const auto theirs = state.remoteIdentityKey.bytes();
        if (current.initiator && current.remoteIdentityKey == state.remoteIdentityKey
            && std::lexicographical_compare(ours.begin(), ours.end(), theirs.begin(), theirs.end())) {
            record.archive(std::move(state));
            return;
        }
    }
    record.promote(std::move(state));
}

} // namespace

SessionCipher::SessionCipher(const LocalDevice &local, SessionStore &sessions, IdentityStore &identities,
                             PreKeyStore &preKeys, SignedPreKeyStore &signedPreKeys, crypto::RandomSource &rng)
    : m_local(local)
    , m_sessions(sessions)
    , m_identities(identities)
    , m_preKeys(preKeys)
    , m_signedPreKeys(signedPreKeys)
    , m_rng(rng)
{}

SessionCipher::SessionCipher(const LocalDevice &local, SessionStore &sessions, IdentityStore &identities,
                             PreKeyStore &preKeys, SignedPreKeyStore &signedPreKeys, KemPreKeyStore &kemPreKeys,
                             crypto::RandomSource &rng)
    : SessionCipher(local, sessions, identities, preKeys, signedPreKeys, rng)
{
    m_kemPreKeys = &kemPreKeys;
}

bool SessionCipher::hasSession(const Address &peer) const
{
    return m_sessions.hasCurrentSession(peer);
}

Result<Envelope> SessionCipher::encrypt(const Address &to, ByteView plaintext)
{
    if (plaintext.size() >= MaxPlaintextSize)
        return fail(ErrorCode::LimitExceeded, "The message is too large");
    auto record = m_sessions.loadSession(to);
    if (!record || !record->hasCurrent())
        return fail(ErrorCode::NotFound, "There is no session with this device");
    auto &state = record->current();

    const auto padded = pad(plaintext);
    Envelope envelope;
    envelope.messageId = randomMessageId(m_rng);
    envelope.sender = m_local.address;
    envelope.recipient = to;
    envelope.ciphertext.reserve(padded.size() + 512);
    if (state.pendingPreKey) {
        PreKeyMessage prefix;
        prefix.signedPreKeyId = state.pendingPreKey->signedPreKeyId;
        prefix.oneTimePreKeyId = state.pendingPreKey->oneTimePreKeyId;
        if (state.pendingPreKey->kemPreKeyId)
            prefix.kem = PreKeyMessageKem{*state.pendingPreKey->kemPreKeyId, state.pendingPreKey->kemCiphertext};
        prefix.baseKey = state.baseKey;
        prefix.accountKey = m_local.accountKey;
        prefix.certificate = m_local.certificate;
        prefix.appendPrefix(envelope.ciphertext);
        envelope.type = Envelope::Type::PreKey;
    } else {
        envelope.type = Envelope::Type::Ratchet;
    }
    LAPIS_TRY(ratchet::encrypt(state, padded.view(), m_rng, envelope.ciphertext));
    LAPIS_TRY(m_sessions.storeSessionMoved(to, std::move(*record)));
    return envelope;
}

Result<WipedBytes> SessionCipher::decrypt(const Envelope &envelope, std::int64_t now)
{
    if (envelope.recipient != m_local.address)
        return fail(ErrorCode::InvalidArgument, "The message is addressed to another device");
    LAPIS_TRY(validateAddress(envelope.sender));
    switch (envelope.type) {
    case Envelope::Type::PreKey:
        return decryptPreKey(envelope, now);
    case Envelope::Type::Ratchet:
        return decryptRatchet(envelope, now);
    case Envelope::Type::Plaintext:
        break;
    case Envelope::Type::SenderKey:
        return fail(ErrorCode::Unsupported, "A group message is read with its sender's group key, not a session");
    }
    return fail(ErrorCode::Unsupported, "A plaintext envelope has no session to decrypt it");
}

Result<WipedBytes> SessionCipher::decryptRatchet(const Envelope &envelope, std::int64_t now)
{
    auto record = m_sessions.loadSession(envelope.sender);
    if (!record)
        return fail(ErrorCode::NotFound, "There is no session with the sender");
    LAPIS_TRY_ASSIGN(auto padded, decryptOnRecord(*record, m_local.address, envelope.ciphertext, now));
    LAPIS_TRY(unpadInPlace(padded));
    LAPIS_TRY(m_sessions.storeSession(envelope.sender, *record));
    return padded;
}

Result<WipedBytes> SessionCipher::decryptPreKey(const Envelope &envelope, std::int64_t now)
{
    LAPIS_TRY_ASSIGN(const auto message, PreKeyMessage::parse(envelope.ciphertext));
    // The sender proves membership of its account: its certificate must name the envelope's
    // sender and verify against the account key we pinned for that account.
    LAPIS_TRY(message.certificate.verifyFor(envelope.sender, message.accountKey));
    LAPIS_TRY(checkAccountKey(m_identities, envelope.sender.account, message.accountKey));

    auto record = m_sessions.loadSession(envelope.sender).value_or(SessionRecord{});
    if (auto *existing = record.findByBaseKey(message.baseKey); existing && existing->local == m_local.address) {
        // A later message of a session set up already (the initiator has not heard back yet).
        if (!(existing->remoteIdentityKey == message.certificate.identityKey))
            return fail(ErrorCode::AuthenticationFailed, "The prekey message does not match its session");
        LAPIS_TRY_ASSIGN(auto padded, ratchet::decrypt(*existing, message.ratchetMessage, now));
        LAPIS_TRY(unpadInPlace(padded));
        LAPIS_TRY(m_sessions.storeSession(envelope.sender, record));
        return padded;
    }

    // No downgrade: a device that published ML-KEM prekeys accepts new sessions by PQXDH only.
    std::optional<KemPreKeyRecord> kemPreKey;
    std::optional<crypto::Kem::SharedSecret> kemSecret;
    if (message.kem) {
        if (m_kemPreKeys)
            kemPreKey = m_kemPreKeys->loadKemPreKey(message.kem->preKeyId);
        if (!kemPreKey)
            return fail(ErrorCode::InvalidKey, "The message names an ML-KEM prekey this device does not have (unknown, "
                                               "or a one-time one used already)");
        LAPIS_TRY_ASSIGN(kemSecret, crypto::Kem::decapsulate(message.kem->ciphertext, kemPreKey->secretKey.view()));
    } else if (m_kemPreKeys && m_kemPreKeys->hasKemPreKeys()) {
        return fail(ErrorCode::AuthenticationFailed,
                    "A prekey message without post-quantum (ML-KEM) part was refused: this "
                    "device publishes ML-KEM prekeys, so sessions with it use PQXDH");
    }

    const auto signedPreKey = m_signedPreKeys.loadSignedPreKey(message.signedPreKeyId);
    if (!signedPreKey)
        return fail(ErrorCode::InvalidKey, "The message names a signed prekey this device does not have");
    std::optional<OneTimePreKeyRecord> oneTimePreKey;
    if (message.oneTimePreKeyId) {
        oneTimePreKey = m_preKeys.loadPreKey(*message.oneTimePreKeyId);
        if (!oneTimePreKey)
            return fail(ErrorCode::Duplicate, "The one-time prekey was used already");
    }
    LAPIS_TRY_ASSIGN(const auto sk,
                     x3dh::responder(m_local.keys.identityKey(), signedPreKey->keyPair,
                                     oneTimePreKey ? &oneTimePreKey->keyPair : nullptr, message.certificate.identityKey,
                                     message.baseKey, kemSecret ? &*kemSecret : nullptr));
    SessionState state;
    state.initiator = false;
    state.local = m_local.address;
    state.remote = envelope.sender;
    state.localIdentityKey = m_local.keys.identityKey().publicKey();
    state.remoteIdentityKey = message.certificate.identityKey;
    state.baseKey = message.baseKey;
    state.createdAt = now;
    state.postQuantum = kemSecret.has_value();
    state.computeBindings();
    ratchet::initialiseResponder(state, sk, signedPreKey->keyPair);
    LAPIS_TRY_ASSIGN(auto padded, ratchet::decrypt(state, message.ratchetMessage, now));
    LAPIS_TRY(unpadInPlace(padded));

    // Authenticated: commit everything.
    placeNewState(record, std::move(state));
    if (message.oneTimePreKeyId)
        LAPIS_TRY(m_preKeys.removePreKey(*message.oneTimePreKeyId));
    if (kemPreKey && !kemPreKey->lastResort)
        LAPIS_TRY(m_kemPreKeys->removeKemPreKey(kemPreKey->id()));
    if (!m_identities.pinnedAccountKey(envelope.sender.account))
        LAPIS_TRY(m_identities.pinAccountKey(envelope.sender.account, message.accountKey));
    LAPIS_TRY(m_sessions.storeSession(envelope.sender, record));
    return padded;
}

Envelope makePlaintextEnvelope(const Address &from, const Address &to, ByteView plaintext, crypto::RandomSource &rng)
{
    Envelope envelope;
    envelope.messageId = randomMessageId(rng);
    envelope.sender = from;
    envelope.recipient = to;
    envelope.type = Envelope::Type::Plaintext;
    const auto padded = pad(plaintext);
    envelope.ciphertext.assign(padded.view().begin(), padded.view().end());
    return envelope;
}

Result<WipedBytes> openPlaintextEnvelope(const Envelope &envelope)
{
    if (envelope.type != Envelope::Type::Plaintext)
        return fail(ErrorCode::Unsupported, "Not a plaintext envelope");
    return unpad(envelope.ciphertext);
}

} // namespace lapis::protocol
