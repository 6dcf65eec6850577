// SPDX-License-Identifier: GPL-3.0-or-later
#include "X3dh.h"

#include <lapis/crypto/Kem.h>
#include <lapis/protocol/Ratchet.h>
#include <lapis/protocol/SessionBuilder.h>

namespace lapis::protocol {

Result<void> checkAccountKey(const IdentityStore &identities, const AccountId &account,
                             const crypto::Ed25519PublicKey &key)
{
    const auto pinned = identities.pinnedAccountKey(account);
    if (pinned && !(*pinned == key))
        return fail(ErrorCode::PermissionDenied, ErrorReason::AccountKeyChanged,
                    "The contact's account key changed: compare safety numbers and accept the new key first");
    return {};
}

Result<void> acceptAccountKey(IdentityStore &identities, const AccountId &account, const crypto::Ed25519PublicKey &key)
{
    return identities.pinAccountKey(account, key);
}

SessionBuilder::SessionBuilder(const LocalDevice &local, SessionStore &sessions, IdentityStore &identities,
                               crypto::RandomSource &rng)
    : m_local(local)
    , m_sessions(sessions)
    , m_identities(identities)
    , m_rng(rng)
{}

Result<void> SessionBuilder::processBundle(const Address &expected, const PreKeyBundle &bundle, std::int64_t now)
{
    LAPIS_TRY(validateAddress(expected));
    LAPIS_TRY(bundle.certificate.verifyFor(expected, bundle.accountKey));
    LAPIS_TRY(checkAccountKey(m_identities, expected.account, bundle.accountKey));
    const auto &deviceKey = bundle.certificate.signingKey;
    auto signedPreKeyVerifies = [&](bool withKemPreKeys) {
        return deviceKey.verify(signedPreKeySigningInput(bundle.signedPreKeyId, bundle.signedPreKey, withKemPreKeys),
                                bundle.signedPreKeySignature);
    };
    if (bundle.kemPreKey) {
        // A device signs its signed prekey with the KEM label once it publishes ML-KEM prekeys;
        // one signed before that stays valid until it rotates.
        if (!signedPreKeyVerifies(true) && !signedPreKeyVerifies(false))
            return fail(ErrorCode::AuthenticationFailed, "The signed prekey's signature does not verify");
        LAPIS_TRY(bundle.kemPreKey->verify(deviceKey));
    } else if (!signedPreKeyVerifies(false)) {
        // No downgrade: the device said (under its signature) that it publishes ML-KEM prekeys,
        // so a bundle without one was stripped on the way and X3DH alone is not an option.
        if (signedPreKeyVerifies(true))
            return fail(ErrorCode::AuthenticationFailed,
                        "The bundle lacks the post-quantum (ML-KEM) prekey that this device publishes: refused "
                        "rather than set up a session without it (the relay removed it)");
        return fail(ErrorCode::AuthenticationFailed, "The signed prekey's signature does not verify");
    }
    if (bundle.oneTimePreKeyId.has_value() != bundle.oneTimePreKey.has_value())
        return fail(ErrorCode::InvalidArgument, "The bundle's one-time prekey is incomplete");

    std::optional<crypto::Kem::Encapsulation> kem;
    if (bundle.kemPreKey) {
        LAPIS_TRY_ASSIGN(kem, crypto::Kem::encapsulate(bundle.kemPreKey->publicKey, m_rng));
    }
    const auto ephemeral = crypto::X25519KeyPair::generate(m_rng);
    LAPIS_TRY_ASSIGN(const auto sk,
                     x3dh::initiator(m_local.keys.identityKey(), ephemeral, bundle.certificate.identityKey,
                                     bundle.signedPreKey, bundle.oneTimePreKey, kem ? &kem->sharedSecret : nullptr));

    SessionState state;
    state.initiator = true;
    state.local = m_local.address;
    state.remote = expected;
    state.localIdentityKey = m_local.keys.identityKey().publicKey();
    state.remoteIdentityKey = bundle.certificate.identityKey;
    state.baseKey = ephemeral.publicKey();
    state.createdAt = now;
    state.pendingPreKey = PendingPreKey{bundle.signedPreKeyId, bundle.oneTimePreKeyId, {}, {}};
    if (kem) {
        state.pendingPreKey->kemPreKeyId = bundle.kemPreKey->id;
        state.pendingPreKey->kemCiphertext = std::move(kem->ciphertext);
        state.postQuantum = true;
    }
    state.computeBindings();
    LAPIS_TRY(ratchet::initialiseInitiator(state, sk, bundle.signedPreKey, m_rng));

    auto record = m_sessions.loadSession(expected).value_or(SessionRecord{});
    record.promote(std::move(state));
    if (!m_identities.pinnedAccountKey(expected.account))
        LAPIS_TRY(m_identities.pinAccountKey(expected.account, bundle.accountKey));
    return m_sessions.storeSession(expected, record);
}

} // namespace lapis::protocol
