// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>

#include <string_view>

namespace lapis::crypto {

/// ML-KEM-768 (FIPS 203) with the shapes of libsodium's crypto_kem_mlkem768_* functions, so that
/// a libsodium that has them (1.0.21 and later) replaces the implementation with nothing above
/// core/crypto changing: CMake uses it when it finds crypto_kem_mlkem768_keypair, and the
/// implementation in src/mlkem otherwise (Debian 12's libsodium 1.0.18 has none).
class Kem {
public:
    static constexpr std::size_t PublicKeyBytes = 1184;       ///< crypto_kem_mlkem768_PUBLICKEYBYTES
    static constexpr std::size_t SecretKeyBytes = 2400;       ///< crypto_kem_mlkem768_SECRETKEYBYTES
    static constexpr std::size_t CiphertextBytes = 1088;      ///< crypto_kem_mlkem768_CIPHERTEXTBYTES
    static constexpr std::size_t SharedSecretBytes = 32;      ///< crypto_kem_mlkem768_SHAREDSECRETBYTES
    static constexpr std::size_t SeedBytes = 64;              ///< crypto_kem_mlkem768_SEEDBYTES: d ‖ z
    static constexpr std::size_t EncapsulationSeedBytes = 32; ///< m of Encaps

    using SharedSecret = SecretArray<SharedSecretBytes>;

    struct KeyPair {
        Bytes publicKey;       ///< the encapsulation key ek
        SecureBytes secretKey; ///< the decapsulation key dk (FIPS 203 expanded form)
    };
    struct Encapsulation {
        Bytes ciphertext;
        SharedSecret sharedSecret;
    };

    /// crypto_kem_mlkem768_keypair: a fresh pair from 64 bytes of `rng`.
    static KeyPair keypair(RandomSource &rng = systemRandom());
    /// crypto_kem_mlkem768_seed_keypair: ML-KEM.KeyGen_internal(d, z) for seed = d ‖ z.
    static Result<KeyPair> seedKeypair(ByteView seed);
    /// crypto_kem_mlkem768_enc: a shared secret and its ciphertext for `publicKey`. A key that
    /// fails checkPublicKey is refused (FIPS 203 7.2).
    static Result<Encapsulation> encapsulate(ByteView publicKey, RandomSource &rng = systemRandom());
    /// crypto_kem_mlkem768_enc_deterministic: Encaps with the 32-byte message `seed` (tests).
    static Result<Encapsulation> encapsulateDeterministic(ByteView publicKey, ByteView seed);
    /// crypto_kem_mlkem768_dec. A ciphertext of the right size always yields a secret: one that
    /// was not made for this key yields a pseudorandom one (implicit rejection), so that the
    /// caller learns nothing before its own authentication fails. Wrong sizes, and a secret key
    /// whose stored H(ek) does not match (FIPS 203 7.3), are errors.
    static Result<SharedSecret> decapsulate(ByteView ciphertext, ByteView secretKey);
    /// FIPS 203 7.2: the length and the modulus check (every coefficient below q).
    static Result<void> checkPublicKey(ByteView publicKey);

    /// "libsodium" or "lapis" (src/mlkem), for diagnostics and the test log.
    static std::string_view implementation();
};

} // namespace lapis::crypto
