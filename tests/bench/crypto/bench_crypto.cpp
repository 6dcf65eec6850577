// SPDX-License-Identifier: GPL-3.0-or-later
// The cost of each primitive the protocol uses, through Lapis's wrappers and through libsodium
// directly, so that later benchmarks can state their ceilings from figures measured in the same
// run, and so that any overhead the wrappers add is visible here.
#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/Hkdf.h>
#include <lapis/crypto/Hmac.h>
#include <lapis/crypto/PasswordHash.h>
#include <lapis/crypto/SecretStream.h>
#include <lapis/crypto/X25519.h>

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <sstream>

using namespace lapis;
using namespace lapis::crypto;

namespace {

void X25519Keygen(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(X25519KeyPair::generate());
}
BENCHMARK(X25519Keygen);

void X25519Agree(benchmark::State &state)
{
    const auto a = X25519KeyPair::generate();
    const auto b = X25519KeyPair::generate();
    for (auto _ : state)
        benchmark::DoNotOptimize(a.agree(b.publicKey()));
}
BENCHMARK(X25519Agree);

void X25519AgreeRawSodium(benchmark::State &state)
{
    unsigned char sk[32], pk[32], out[32];
    randombytes_buf(sk, sizeof sk);
    crypto_scalarmult_base(pk, sk);
    for (auto _ : state) {
        benchmark::DoNotOptimize(crypto_scalarmult(out, sk, pk));
        benchmark::ClobberMemory();
    }
}
BENCHMARK(X25519AgreeRawSodium);

void Ed25519Sign(benchmark::State &state)
{
    const auto pair = Ed25519KeyPair::generate();
    const Bytes msg(128, 1);
    for (auto _ : state)
        benchmark::DoNotOptimize(pair.sign(msg));
}
BENCHMARK(Ed25519Sign);

void Ed25519Verify(benchmark::State &state)
{
    const auto pair = Ed25519KeyPair::generate();
    const Bytes msg(128, 1);
    const auto sig = pair.sign(msg);
    for (auto _ : state)
        benchmark::DoNotOptimize(pair.publicKey().verify(msg, sig));
}
BENCHMARK(Ed25519Verify);

void HmacSha256_32B(benchmark::State &state)
{
    const Bytes key(32, 7), msg(1, 1);
    for (auto _ : state)
        benchmark::DoNotOptimize(hmacSha256(key, msg));
}
BENCHMARK(HmacSha256_32B);

void HmacSha256RawSodium(benchmark::State &state)
{
    unsigned char key[32] = {7}, msg[1] = {1}, out[32];
    crypto_auth_hmacsha256_state st;
    for (auto _ : state) {
        crypto_auth_hmacsha256_init(&st, key, sizeof key);
        crypto_auth_hmacsha256_update(&st, msg, sizeof msg);
        crypto_auth_hmacsha256_final(&st, out);
        benchmark::ClobberMemory();
    }
}
BENCHMARK(HmacSha256RawSodium);

void Hkdf64B(benchmark::State &state)
{
    const Bytes salt(32, 1), ikm(32, 2), info(16, 3);
    Bytes out(64);
    for (auto _ : state)
        benchmark::DoNotOptimize(Hkdf::derive(salt, ikm, info, MutableByteView(out)));
}
BENCHMARK(Hkdf64B);

void AeadSeal(benchmark::State &state)
{
    const Bytes key(32, 1), nonce(24, 2), ad(64, 3);
    const Bytes msg(static_cast<std::size_t>(state.range(0)), 4);
    for (auto _ : state)
        benchmark::DoNotOptimize(aeadSeal(AeadAlgorithm::XChaCha20Poly1305, key, nonce, msg, ad));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(AeadSeal)->Arg(64)->Arg(1024)->Arg(1 << 20);

void AeadOpen(benchmark::State &state)
{
    const Bytes key(32, 1), nonce(24, 2), ad(64, 3);
    const Bytes msg(static_cast<std::size_t>(state.range(0)), 4);
    const auto sealed = *aeadSeal(AeadAlgorithm::XChaCha20Poly1305, key, nonce, msg, ad);
    for (auto _ : state)
        benchmark::DoNotOptimize(aeadOpen(AeadAlgorithm::XChaCha20Poly1305, key, nonce, sealed, ad));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(AeadOpen)->Arg(64)->Arg(1024)->Arg(1 << 20);

void AeadSealRawSodium(benchmark::State &state)
{
    unsigned char key[32] = {1}, nonce[24] = {2}, ad[64] = {3};
    std::vector<unsigned char> msg(static_cast<std::size_t>(state.range(0)), 4), out(msg.size() + 16);
    for (auto _ : state) {
        crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), nullptr, msg.data(), msg.size(), ad, sizeof ad, nullptr,
                                                   nonce, key);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(AeadSealRawSodium)->Arg(64)->Arg(1024)->Arg(1 << 20);

void SecretStreamFile(benchmark::State &state)
{
    const Bytes key(32, 1);
    const std::string plain(static_cast<std::size_t>(state.range(0)), 'x');
    for (auto _ : state) {
        std::istringstream in(plain);
        std::ostringstream out;
        benchmark::DoNotOptimize(encryptStream(in, out, key));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(SecretStreamFile)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

void Argon2idInteractive(benchmark::State &state)
{
    const Bytes salt(16, 1);
    for (auto _ : state)
        benchmark::DoNotOptimize(Argon2::deriveKey("passphrase", salt, Argon2Params::interactive()));
}
BENCHMARK(Argon2idInteractive)->Unit(benchmark::kMillisecond)->Iterations(3);

void Argon2idModerate(benchmark::State &state)
{
    const Bytes salt(16, 1);
    for (auto _ : state)
        benchmark::DoNotOptimize(Argon2::deriveKey("passphrase", salt, Argon2Params::moderate()));
}
BENCHMARK(Argon2idModerate)->Unit(benchmark::kMillisecond)->Iterations(2);

} // namespace

BENCHMARK_MAIN();
