// SPDX-License-Identifier: GPL-3.0-or-later
#include "mlkem/MlKem768.h"
#include "mlkem/Sha3.h"

#include <lapis/crypto/Kem.h>
#include <lapis/crypto/Sodium.h>

#include <sodium.h>

namespace lapis::crypto {

namespace {

#ifdef LAPIS_HAVE_SODIUM_MLKEM
static_assert(crypto_kem_mlkem768_PUBLICKEYBYTES == Kem::PublicKeyBytes);
static_assert(crypto_kem_mlkem768_SECRETKEYBYTES == Kem::SecretKeyBytes);
static_assert(crypto_kem_mlkem768_CIPHERTEXTBYTES == Kem::CiphertextBytes);
static_assert(crypto_kem_mlkem768_SHAREDSECRETBYTES == Kem::SharedSecretBytes);
static_assert(crypto_kem_mlkem768_SEEDBYTES == Kem::SeedBytes);
#endif

using mlkem::In;
using mlkem::Out;

Result<void> checkSize(ByteView bytes, std::size_t size, const char *what)
{
    if (bytes.size() != size)
        return fail(ErrorCode::InvalidKey, std::string("An ML-KEM-768 ") + what + " must be " + std::to_string(size)
                                               + " bytes long, not " + std::to_string(bytes.size()));
    return {};
}

} // namespace

Kem::KeyPair Kem::keypair(RandomSource &rng)
{
    SecretArray<SeedBytes> seed;
    rng.fill(seed.mutableView());
    return seedKeypair(seed.view()).value();
}

Result<Kem::KeyPair> Kem::seedKeypair(ByteView seed)
{
    if (seed.size() != SeedBytes)
        return fail(ErrorCode::InvalidArgument, "An ML-KEM-768 key seed must be 64 bytes long");
    KeyPair pair{Bytes(PublicKeyBytes), SecureBytes(SecretKeyBytes)};
#ifdef LAPIS_HAVE_SODIUM_MLKEM
    initialise();
    if (crypto_kem_mlkem768_seed_keypair(pair.publicKey.data(), pair.secretKey.data(), seed.data()) != 0)
        return fail(ErrorCode::Internal, "libsodium could not make an ML-KEM-768 key pair");
#else
    mlkem::keyGenInternal(In<32>(seed.data(), 32), In<32>(seed.data() + 32, 32), Out<PublicKeyBytes>(pair.publicKey),
                          Out<SecretKeyBytes>(pair.secretKey.data(), SecretKeyBytes));
#endif
    return pair;
}

Result<Kem::Encapsulation> Kem::encapsulate(ByteView publicKey, RandomSource &rng)
{
    SecretArray<EncapsulationSeedBytes> message;
    rng.fill(message.mutableView());
    return encapsulateDeterministic(publicKey, message.view());
}

Result<Kem::Encapsulation> Kem::encapsulateDeterministic(ByteView publicKey, ByteView seed)
{
    if (seed.size() != EncapsulationSeedBytes)
        return fail(ErrorCode::InvalidArgument, "An ML-KEM-768 encapsulation seed must be 32 bytes long");
    LAPIS_TRY(checkPublicKey(publicKey));
    Encapsulation out{Bytes(CiphertextBytes), {}};
#ifdef LAPIS_HAVE_SODIUM_MLKEM
    initialise();
    if (crypto_kem_mlkem768_enc_deterministic(out.ciphertext.data(), out.sharedSecret.data(), publicKey.data(),
                                              seed.data())
        != 0)
        return fail(ErrorCode::InvalidKey, "libsodium refused the ML-KEM-768 public key");
#else
    mlkem::encapsInternal(In<PublicKeyBytes>(publicKey.data(), PublicKeyBytes), In<32>(seed.data(), 32),
                          out.sharedSecret.mutableView(), Out<CiphertextBytes>(out.ciphertext));
#endif
    return out;
}

Result<Kem::SharedSecret> Kem::decapsulate(ByteView ciphertext, ByteView secretKey)
{
    if (ciphertext.size() != CiphertextBytes)
        return fail(ErrorCode::InvalidArgument,
                    "An ML-KEM-768 ciphertext must be 1088 bytes long, not " + std::to_string(ciphertext.size()));
    LAPIS_TRY(checkSize(secretKey, SecretKeyBytes, "secret key"));
    // The hash check of FIPS 203 7.3: H(ek) as stored in dk must be the hash of the ek beside it.
    // Both are public halves, so the comparison need not hide where it differs.
    constexpr std::size_t ekOffset = mlkem::PkeDecryptionKeyBytes;
    std::array<std::uint8_t, 32> ekHash;
    mlkem::sha3_256({secretKey.subspan(ekOffset, PublicKeyBytes)}, ekHash);
    if (!constantTimeEqual(ekHash, secretKey.subspan(ekOffset + PublicKeyBytes, 32)))
        return fail(ErrorCode::Corrupt, "The ML-KEM-768 secret key is damaged (its key hash does not match)");
    SharedSecret key;
#ifdef LAPIS_HAVE_SODIUM_MLKEM
    initialise();
    if (crypto_kem_mlkem768_dec(key.data(), ciphertext.data(), secretKey.data()) != 0)
        return fail(ErrorCode::Internal, "libsodium could not decapsulate");
#else
    mlkem::decapsInternal(In<SecretKeyBytes>(secretKey.data(), SecretKeyBytes),
                          In<CiphertextBytes>(ciphertext.data(), CiphertextBytes), key.mutableView());
#endif
    return key;
}

Result<void> Kem::checkPublicKey(ByteView publicKey)
{
    LAPIS_TRY(checkSize(publicKey, PublicKeyBytes, "public key"));
    if (!mlkem::encapsulationKeyIsCanonical(In<PublicKeyBytes>(publicKey.data(), PublicKeyBytes)))
        return fail(ErrorCode::InvalidKey, "The ML-KEM-768 public key has a coefficient not reduced modulo q");
    return {};
}

std::string_view Kem::implementation()
{
#ifdef LAPIS_HAVE_SODIUM_MLKEM
    return "libsodium";
#else
    return "lapis";
#endif
}

} // namespace lapis::crypto
