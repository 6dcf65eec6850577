// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>

#include <array>
#include <cstdint>

namespace lapis::crypto {

/// An X25519 public key (32 bytes, Montgomery u-coordinate).
class X25519PublicKey {
public:
    static constexpr std::size_t Size = 32;
    X25519PublicKey() { m_bytes.fill(0); }
    /// The key in `bytes`; anything but 32 bytes is an error.
    static Result<X25519PublicKey> fromBytes(ByteView bytes);

    [[nodiscard]] ByteView bytes() const { return m_bytes; }
    friend bool operator==(const X25519PublicKey &, const X25519PublicKey &) = default;

private:
    std::array<std::uint8_t, Size> m_bytes;
};

using X25519SecretKey = SecretArray<32>;
/// The output of a Diffie-Hellman exchange.
using SharedSecret = SecretArray<32>;

/// An X25519 key pair. The secret half is wiped when the pair dies.
class X25519KeyPair {
public:
    /// A fresh key pair from `rng`.
    static X25519KeyPair generate(RandomSource &rng = systemRandom());
    /// The key pair whose secret scalar is `secret` (32 bytes; clamped by X25519 itself).
    static Result<X25519KeyPair> fromSecret(ByteView secret);
    /// A pair read back from this device's own authenticated storage, where the public half was
    /// kept beside the secret: skips the scalar multiplication fromSecret() needs, which would
    /// otherwise dominate loading a session. Only for data this device wrote itself.
    static Result<X25519KeyPair> fromStoredPair(ByteView secret, ByteView publicKey);

    [[nodiscard]] const X25519PublicKey &publicKey() const { return m_public; }
    [[nodiscard]] const X25519SecretKey &secretKey() const { return m_secret; }

    /// DH(this secret, their public). An all-zero result (a low-order peer key) is InvalidKey:
    /// such a key would let the peer fix the shared secret.
    [[nodiscard]] Result<SharedSecret> agree(const X25519PublicKey &theirs) const;

private:
    X25519PublicKey m_public;
    X25519SecretKey m_secret;
};

/// DH(secret, public) for raw inputs; same rules as X25519KeyPair::agree.
Result<SharedSecret> x25519(ByteView secret, ByteView publicKey);

} // namespace lapis::crypto
