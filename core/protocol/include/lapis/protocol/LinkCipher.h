// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/X25519.h>

#include <string>

namespace lapis::protocol {

/// Seals the link bundle (account key, profile, contacts, history, link token) from an existing
/// device to a new one, whose ephemeral X25519 key came by QR code (PROTOCOL.md, "Link box").
class LinkCipher {
public:
    static constexpr std::size_t ComparisonCodeDigits = 15;
    /// version(1) ‖ ephemeral public key(32) ‖ XChaCha20-Poly1305 ciphertext ‖ tag(16).
    static Result<Bytes> seal(const crypto::X25519PublicKey &recipient, ByteView bundle, crypto::RandomSource &rng);
    /// AuthenticationFailed for a box not sealed to `recipient` or altered; Corrupt if too
    /// short; Unsupported for another version.
    static Result<WipedBytes> open(const crypto::X25519KeyPair &recipient, ByteView sealed);
    /// The code both screens show so the user can check the QR code was not swapped: 15 digits
    /// as "123 456 789 012 345", from BLAKE2b-256(label ‖ key). An attacker who swaps the link
    /// must find a key with the same code: about 10^15 (2^49.8) key pairs, not 10^6.
    static std::string comparisonCode(const crypto::X25519PublicKey &key);
};

} // namespace lapis::protocol
