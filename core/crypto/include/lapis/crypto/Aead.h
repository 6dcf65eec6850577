// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/crypto/Random.h>

#include <cstddef>

namespace lapis::crypto {

/// The AEADs Lapis uses. XChaCha20-Poly1305-IETF is the protocol's; ChaCha20-Poly1305-IETF
/// (RFC 8439) is here because some formats and test suites need it.
enum class AeadAlgorithm {
    XChaCha20Poly1305, ///< 32-byte key, 24-byte nonce, 16-byte tag
    ChaCha20Poly1305,  ///< 32-byte key, 12-byte nonce, 16-byte tag (RFC 8439)
};

struct AeadSizes {
    static constexpr std::size_t Key = 32;
    static constexpr std::size_t Tag = 16;
    static constexpr std::size_t XNonce = 24;
    static constexpr std::size_t Nonce = 12;
};

std::size_t aeadNonceSize(AeadAlgorithm algorithm);

/// Encrypts `plaintext`, authenticating `ad` too; returns ciphertext ‖ 16-byte tag.
/// A key or nonce of the wrong size is InvalidArgument, checked before libsodium is called.
Result<Bytes> aeadSeal(AeadAlgorithm algorithm, ByteView key, ByteView nonce, ByteView plaintext, ByteView ad);

/// Decrypts ciphertext ‖ tag. A wrong key, nonce, ad or any altered byte is AuthenticationFailed,
/// and no plaintext is returned.
Result<Bytes> aeadOpen(AeadAlgorithm algorithm, ByteView key, ByteView nonce, ByteView ciphertextAndTag, ByteView ad);

/// XChaCha20-Poly1305 with a fresh random nonce: returns nonce ‖ ciphertext ‖ tag.
Result<Bytes> sealWithRandomNonce(ByteView key, ByteView plaintext, ByteView ad, RandomSource &rng = systemRandom());
/// Opens what sealWithRandomNonce produced.
Result<Bytes> openWithNonce(ByteView key, ByteView sealed, ByteView ad);

} // namespace lapis::crypto
