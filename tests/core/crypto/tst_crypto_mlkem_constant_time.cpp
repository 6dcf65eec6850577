// SPDX-License-Identifier: GPL-3.0-or-later
// The ctgrind method (Langley, 2010): runs ML-KEM-768's KeyGen, Encaps and Decaps under valgrind
// memcheck with their secret inputs marked undefined. Memcheck then reports every conditional
// jump and every memory address that depends on a secret ("Conditional jump or move depends on
// uninitialised value(s)", "Use of uninitialised value of size 8"), and ctest, which runs this
// under `valgrind --error-exitcode=1`, fails. Public values derived from secrets (ρ, the
// encapsulation key, the ciphertext) are declared defined where the algorithm publishes them.
//
// Outside valgrind the client requests do nothing and the program only checks the round trip.
#include <lapis/crypto/Kem.h>
#include <lapis/crypto/Sodium.h>

#include <cstdio>
#include <cstdlib>
#include <valgrind/memcheck.h>

using namespace lapis;
using namespace lapis::crypto;

namespace {

void markSecret(ByteView bytes)
{
    VALGRIND_MAKE_MEM_UNDEFINED(bytes.data(), bytes.size());
}

void markPublic(ByteView bytes)
{
    VALGRIND_MAKE_MEM_DEFINED(bytes.data(), bytes.size());
}

int failed(const char *what)
{
    std::fprintf(stderr, "tst_crypto_mlkem_constant_time: %s\n", what);
    return EXIT_FAILURE;
}

} // namespace

int main()
{
    std::printf("ML-KEM-768 implementation: %s; under valgrind: %s\n", Kem::implementation().data(),
                RUNNING_ON_VALGRIND ? "yes" : "no");
    initialise();
    for (int round = 0; round < 3; ++round) {
        // KeyGen: d ‖ z secret.
        SecureBytes seed(Kem::SeedBytes);
        randomBytes(seed.mutableView());
        markSecret(seed.view());
        auto pair = Kem::seedKeypair(seed.view());
        if (!pair.ok())
            return failed("keygen failed");
        // The encapsulation key is published: the test says so, as a caller sending it would.
        markPublic(pair->publicKey);
        // The decapsulation key: dk_PKE and z secret; the ek and H(ek) inside it are public.
        markPublic(pair->secretKey.view().subspan(1152, 1184 + 32));
        markSecret(pair->secretKey.view().first(1152));
        markSecret(pair->secretKey.view().last(32));

        // Encaps: m secret.
        SecureBytes message(Kem::EncapsulationSeedBytes);
        randomBytes(message.mutableView());
        markSecret(message.view());
        auto enc = Kem::encapsulateDeterministic(pair->publicKey, message.view());
        if (!enc.ok())
            return failed("encaps failed");
        markPublic(enc->ciphertext);

        // Decaps of the right ciphertext and of a tampered one (the implicit-rejection path).
        auto key = Kem::decapsulate(enc->ciphertext, pair->secretKey.view());
        Bytes tampered = enc->ciphertext;
        tampered[round * 100] ^= 0x01;
        auto rejected = Kem::decapsulate(tampered, pair->secretKey.view());
        if (!key.ok() || !rejected.ok())
            return failed("decaps failed");

        // The test's own comparisons look at secrets on purpose.
        markPublic(key->view());
        markPublic(rejected->view());
        markPublic(enc->sharedSecret.view());
        if (!constantTimeEqual(key->view(), enc->sharedSecret.view()))
            return failed("decapsulated secret differs from the encapsulated one");
        if (constantTimeEqual(rejected->view(), enc->sharedSecret.view()))
            return failed("a tampered ciphertext decapsulated to the real secret");
    }
    std::printf("keygen, encaps and decaps ran 3 times with secret inputs marked undefined\n");
    return EXIT_SUCCESS;
}
