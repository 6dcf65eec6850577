// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

namespace lapis::crypto {

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == AeadSizes::Key);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == AeadSizes::XNonce);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == AeadSizes::Tag);
static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == AeadSizes::Nonce);
static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == AeadSizes::Tag);

std::size_t aeadNonceSize(AeadAlgorithm algorithm)
{
    return algorithm == AeadAlgorithm::XChaCha20Poly1305 ? AeadSizes::XNonce : AeadSizes::Nonce;
}

namespace {
Result<void> checkSizes(AeadAlgorithm algorithm, ByteView key, ByteView nonce)
{
    if (key.size() != AeadSizes::Key)
        return fail(ErrorCode::InvalidArgument, "An AEAD key must be 32 bytes long");
    if (nonce.size() != aeadNonceSize(algorithm))
        return fail(ErrorCode::InvalidArgument, "The AEAD nonce has the wrong length");
    return {};
}
} // namespace

Result<Bytes> aeadSeal(AeadAlgorithm algorithm, ByteView key, ByteView nonce, ByteView plaintext, ByteView ad)
{
    LAPIS_TRY(checkSizes(algorithm, key, nonce));
    initialise();
    Bytes out(plaintext.size() + AeadSizes::Tag);
    unsigned long long written = 0;
    const auto encrypt = algorithm == AeadAlgorithm::XChaCha20Poly1305 ? crypto_aead_xchacha20poly1305_ietf_encrypt
                                                                       : crypto_aead_chacha20poly1305_ietf_encrypt;
    encrypt(out.data(), &written, plaintext.data(), plaintext.size(), ad.data(), ad.size(), nullptr, nonce.data(),
            key.data());
    out.resize(written);
    return out;
}

Result<Bytes> aeadOpen(AeadAlgorithm algorithm, ByteView key, ByteView nonce, ByteView ciphertextAndTag, ByteView ad)
{
    LAPIS_TRY(checkSizes(algorithm, key, nonce));
    if (ciphertextAndTag.size() < AeadSizes::Tag)
        return fail(ErrorCode::AuthenticationFailed, "The ciphertext is shorter than its tag");
    initialise();
    Bytes out(ciphertextAndTag.size() - AeadSizes::Tag);
    unsigned long long written = 0;
    const auto decrypt = algorithm == AeadAlgorithm::XChaCha20Poly1305 ? crypto_aead_xchacha20poly1305_ietf_decrypt
                                                                       : crypto_aead_chacha20poly1305_ietf_decrypt;
    if (decrypt(out.data(), &written, nullptr, ciphertextAndTag.data(), ciphertextAndTag.size(), ad.data(), ad.size(),
                nonce.data(), key.data())
        != 0) {
        sodium_memzero(out.data(), out.size());
        return fail(ErrorCode::AuthenticationFailed, "The message was altered or is not for this key");
    }
    out.resize(written);
    return out;
}

Result<Bytes> sealWithRandomNonce(ByteView key, ByteView plaintext, ByteView ad, RandomSource &rng)
{
    Bytes nonce = rng.bytes(AeadSizes::XNonce);
    LAPIS_TRY_ASSIGN(Bytes sealed, aeadSeal(AeadAlgorithm::XChaCha20Poly1305, key, nonce, plaintext, ad));
    nonce.insert(nonce.end(), sealed.begin(), sealed.end());
    return nonce;
}

Result<Bytes> openWithNonce(ByteView key, ByteView sealed, ByteView ad)
{
    if (sealed.size() < AeadSizes::XNonce + AeadSizes::Tag)
        return fail(ErrorCode::Corrupt, "The sealed data is too short");
    return aeadOpen(AeadAlgorithm::XChaCha20Poly1305, key, sealed.first(AeadSizes::XNonce),
                    sealed.subspan(AeadSizes::XNonce), ad);
}

} // namespace lapis::crypto
