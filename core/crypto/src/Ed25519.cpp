// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

namespace lapis::crypto {

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_BYTES == 64
              && crypto_sign_SEEDBYTES == 32);

Result<Ed25519PublicKey> Ed25519PublicKey::fromBytes(ByteView bytes)
{
    if (bytes.size() != Size)
        return fail(ErrorCode::InvalidKey, "An Ed25519 public key must be 32 bytes long");
    Ed25519PublicKey key;
    std::copy(bytes.begin(), bytes.end(), key.m_bytes.begin());
    return key;
}

bool Ed25519PublicKey::verify(ByteView message, ByteView signature) const
{
    if (signature.size() != crypto_sign_BYTES)
        return false;
    initialise();
    // libsodium 1.0.18 rejects non-canonical S and small-order A and R (ED25519_COMPAT is off).
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), m_bytes.data()) == 0;
}

Ed25519KeyPair Ed25519KeyPair::generate(RandomSource &rng)
{
    SecretArray<SeedSize> seed;
    rng.fill(seed.mutableView());
    return std::move(*fromSeed(seed.view()));
}

Result<Ed25519KeyPair> Ed25519KeyPair::fromSeed(ByteView seed)
{
    if (seed.size() != SeedSize)
        return fail(ErrorCode::InvalidKey, "An Ed25519 seed must be 32 bytes long");
    initialise();
    Ed25519KeyPair pair;
    pair.m_seed = SecretArray<SeedSize>::fromView(seed);
    std::array<std::uint8_t, 32> pub{};
    crypto_sign_seed_keypair(pub.data(), pair.m_expanded.data(), pair.m_seed.data());
    pair.m_public = *Ed25519PublicKey::fromBytes(pub);
    return pair;
}

Ed25519Signature Ed25519KeyPair::sign(ByteView message) const
{
    Ed25519Signature sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), m_expanded.data());
    return sig;
}

} // namespace lapis::crypto
