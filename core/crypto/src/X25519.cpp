// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Sodium.h>
#include <lapis/crypto/X25519.h>

#include <sodium.h>

namespace lapis::crypto {

static_assert(crypto_scalarmult_BYTES == 32 && crypto_scalarmult_SCALARBYTES == 32);

Result<X25519PublicKey> X25519PublicKey::fromBytes(ByteView bytes)
{
    if (bytes.size() != Size)
        return fail(ErrorCode::InvalidKey, "An X25519 public key must be 32 bytes long");
    X25519PublicKey key;
    std::copy(bytes.begin(), bytes.end(), key.m_bytes.begin());
    return key;
}

X25519KeyPair X25519KeyPair::generate(RandomSource &rng)
{
    SecretArray<32> secret;
    rng.fill(secret.mutableView());
    return std::move(*fromSecret(secret.view()));
}

Result<X25519KeyPair> X25519KeyPair::fromSecret(ByteView secret)
{
    if (secret.size() != X25519SecretKey::Size)
        return fail(ErrorCode::InvalidKey, "An X25519 secret key must be 32 bytes long");
    initialise();
    X25519KeyPair pair;
    pair.m_secret = X25519SecretKey::fromView(secret);
    std::array<std::uint8_t, 32> pub{};
    if (crypto_scalarmult_base(pub.data(), pair.m_secret.data()) != 0)
        return fail(ErrorCode::InvalidKey, "The X25519 secret key is unusable");
    pair.m_public = *X25519PublicKey::fromBytes(pub);
    return pair;
}

Result<X25519KeyPair> X25519KeyPair::fromStoredPair(ByteView secret, ByteView publicKey)
{
    if (secret.size() != X25519SecretKey::Size)
        return fail(ErrorCode::InvalidKey, "An X25519 secret key must be 32 bytes long");
    LAPIS_TRY_ASSIGN(auto pub, X25519PublicKey::fromBytes(publicKey));
    X25519KeyPair pair;
    pair.m_secret = X25519SecretKey::fromView(secret);
    pair.m_public = pub;
    return pair;
}

Result<SharedSecret> X25519KeyPair::agree(const X25519PublicKey &theirs) const
{
    return x25519(m_secret.view(), theirs.bytes());
}

Result<SharedSecret> x25519(ByteView secret, ByteView publicKey)
{
    if (secret.size() != 32)
        return fail(ErrorCode::InvalidKey, "An X25519 secret key must be 32 bytes long");
    if (publicKey.size() != 32)
        return fail(ErrorCode::InvalidKey, "An X25519 public key must be 32 bytes long");
    initialise();
    SharedSecret out;
    // libsodium returns -1 exactly when the result is all zeros (a low-order or twist point).
    if (crypto_scalarmult(out.data(), secret.data(), publicKey.data()) != 0)
        return fail(ErrorCode::InvalidKey, "The peer's X25519 key is a low-order point");
    return out;
}

} // namespace lapis::crypto
