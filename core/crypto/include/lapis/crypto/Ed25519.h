// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>

#include <array>
#include <cstdint>

namespace lapis::crypto {

/// An Ed25519 signature (64 bytes, R ‖ S).
using Ed25519Signature = std::array<std::uint8_t, 64>;

/// An Ed25519 public key.
class Ed25519PublicKey {
public:
    static constexpr std::size_t Size = 32;
    Ed25519PublicKey() { m_bytes.fill(0); }
    /// The key in `bytes`; anything but 32 bytes is an error.
    static Result<Ed25519PublicKey> fromBytes(ByteView bytes);

    [[nodiscard]] ByteView bytes() const { return m_bytes; }
    /// True when `signature` is a valid, canonical signature of `message` by this key.
    /// Non-canonical S, small-order R or keys, and malleable encodings are rejected.
    [[nodiscard]] bool verify(ByteView message, ByteView signature) const;
    friend bool operator==(const Ed25519PublicKey &, const Ed25519PublicKey &) = default;

private:
    std::array<std::uint8_t, Size> m_bytes;
};

/// An Ed25519 signing key pair. The secret is kept as its 32-byte seed plus libsodium's expanded
/// 64-byte form, both in secure memory.
class Ed25519KeyPair {
public:
    static constexpr std::size_t SeedSize = 32;
    /// A fresh key pair from `rng`.
    static Ed25519KeyPair generate(RandomSource &rng = systemRandom());
    /// The key pair for a 32-byte seed (RFC 8032's private key).
    static Result<Ed25519KeyPair> fromSeed(ByteView seed);

    [[nodiscard]] const Ed25519PublicKey &publicKey() const { return m_public; }
    /// The 32-byte seed, for storage. Handle as a secret.
    [[nodiscard]] ByteView seed() const { return m_seed.view(); }
    [[nodiscard]] Ed25519Signature sign(ByteView message) const;
    [[nodiscard]] Ed25519KeyPair clone() const { return std::move(*fromSeed(seed())); }

private:
    Ed25519PublicKey m_public;
    SecretArray<32> m_seed;
    SecretArray<64> m_expanded;
};

} // namespace lapis::crypto
