// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/SessionState.h>

/// The Double Ratchet on a SessionState (PROTOCOL.md, "Double Ratchet"). A RatchetMessage is
/// version(1) ‖ ratchet key(32) ‖ previous counter(u32 BE) ‖ counter(u32 BE) ‖ AEAD ciphertext ‖ tag(16).
namespace lapis::protocol::ratchet {

inline constexpr std::size_t HeaderSize = 1 + 32 + 4 + 4;
inline constexpr std::size_t TagSize = 16;

/// Parsed header of a RatchetMessage.
struct Header {
    crypto::X25519PublicKey ratchetKey;
    std::uint32_t previousCounter = 0;
    std::uint32_t counter = 0;
};
/// Corrupt for a short message, Unsupported for another version byte.
Result<Header> parseHeader(ByteView message);

/// Sets up the initiator's side from the X3DH secret and the responder's signed prekey.
Result<void> initialiseInitiator(SessionState &state, const SecretArray<32> &sharedSecret,
                                 const crypto::X25519PublicKey &theirSignedPreKey, crypto::RandomSource &rng);
/// Sets up the responder's side: the signed prekey serves as its first ratchet key.
void initialiseResponder(SessionState &state, const SecretArray<32> &sharedSecret,
                         const crypto::X25519KeyPair &ourSignedPreKey);

/// Encrypts `plaintext` and appends the RatchetMessage to `out`. Makes a new ratchet key (a DH
/// step) first when the peer has sent since we last did.
Result<void> encrypt(SessionState &state, ByteView plaintext, crypto::RandomSource &rng, Bytes &out);

/// Decrypts a RatchetMessage. `state` changes only on success. Duplicate for a message whose
/// key was used already; LimitExceeded for a gap over MaxSkipPerChain; AuthenticationFailed
/// for anything altered or not for this session. `now` (seconds) dates skipped keys and
/// expires those older than SkippedKeyLifetime.
Result<WipedBytes> decrypt(SessionState &state, ByteView message, std::int64_t now);

/// Drops skipped keys stored before now - SkippedKeyLifetime.
void expireSkippedKeys(SessionState &state, std::int64_t now);

} // namespace lapis::protocol::ratchet
