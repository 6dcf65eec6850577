// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/Stores.h>

namespace lapis::protocol {

/// Encrypts to and decrypts from peer devices with the sessions in the stores: the engine's
/// entry point for every message.
///
/// Errors a caller branches on: NotFound (no session with the sender), Duplicate (a replay),
/// PermissionDenied (the sender's account key changed and was not accepted yet: retry the same
/// envelope after acceptAccountKey), AuthenticationFailed (altered or not for this session),
/// LimitExceeded (too large a gap), InvalidArgument (not addressed to this device). On any
/// error the stores are left as they were.
class SessionCipher {
public:
    /// For a device that has no ML-KEM prekeys (it accepts X3DH prekey messages).
    SessionCipher(const LocalDevice &local, SessionStore &sessions, IdentityStore &identities, PreKeyStore &preKeys,
                  SignedPreKeyStore &signedPreKeys, crypto::RandomSource &rng);
    /// For a device with ML-KEM prekeys in `kemPreKeys`: once it has any, a prekey message
    /// without a KEM part is refused (AuthenticationFailed: not PermissionDenied, which
    /// callers hold for the user's decision on a changed account key; this never decrypts), and one naming an ML-KEM
    /// prekey it does not have is InvalidKey. A one-time ML-KEM prekey is removed with the one-time X25519 one.
    SessionCipher(const LocalDevice &local, SessionStore &sessions, IdentityStore &identities, PreKeyStore &preKeys,
                  SignedPreKeyStore &signedPreKeys, KemPreKeyStore &kemPreKeys, crypto::RandomSource &rng);

    /// Pads `plaintext` (normally encoded Content) and encrypts it on the current session with
    /// `to`. The envelope is a PreKey one until the peer has answered, Ratchet after.
    Result<Envelope> encrypt(const Address &to, ByteView plaintext);
    /// Decrypts an envelope for this device and removes the padding. `now`: seconds since the
    /// epoch (dates and expires skipped message keys).
    Result<WipedBytes> decrypt(const Envelope &envelope, std::int64_t now);

    [[nodiscard]] bool hasSession(const Address &peer) const;

private:
    Result<WipedBytes> decryptPreKey(const Envelope &envelope, std::int64_t now);
    Result<WipedBytes> decryptRatchet(const Envelope &envelope, std::int64_t now);

    const LocalDevice &m_local;
    SessionStore &m_sessions;
    IdentityStore &m_identities;
    PreKeyStore &m_preKeys;
    SignedPreKeyStore &m_signedPreKeys;
    KemPreKeyStore *m_kemPreKeys = nullptr;
    crypto::RandomSource &m_rng;
};

/// A plaintext (green) envelope: padded content in the clear, for accounts with no certified
/// device. The engine decides when this is allowed (the downgrade guard), not this function.
Envelope makePlaintextEnvelope(const Address &from, const Address &to, ByteView plaintext, crypto::RandomSource &rng);
/// The content of a plaintext envelope (Unsupported for any other type).
Result<WipedBytes> openPlaintextEnvelope(const Envelope &envelope);

} // namespace lapis::protocol
