// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-protocol: the Double Ratchet in memory through the real API (SessionCipher with
// the in-memory stores), and in the same run the ceiling each case could reach given what its
// libsodium primitives cost on this machine. Ends with the TARGET/FIGURE lines scripts read.
//
// Per message the protocol performs (PROTOCOL.md):
//   ping-pong (a DH step every message): 1 X25519 key generation, 2 X25519 DH, 16 HMAC-SHA256
//     (2 root KDFs of 3, 2 chain steps of 2, 2 message-key HKDFs of 3), 1 AEAD seal, 1 AEAD open
//   one-way (no DH step): 10 HMAC-SHA256 (2 chain steps, 2 message-key HKDFs), 1 seal, 1 open
// The ceiling of a case is the rate of exactly those libsodium calls run back to back (measured
// just before and just after the case, averaged); the sum of the separately measured primitive
// costs is printed too. Rates are per CPU second, so other processes on the machine matter less.
//
// Session set-up is measured for X3DH and PQXDH (ML-KEM-768 added: one encapsulation, one
// decapsulation and one more signature check), alternating in the same run; the target is their
// ratio, with ML-KEM-768's own operations as figures.

#include <lapis/crypto/Kem.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/InMemoryStores.h>
#include <lapis/protocol/KemPreKeyManager.h>
#include <lapis/protocol/Padding.h>
#include <lapis/protocol/PreKeyManager.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

using namespace lapis;
using namespace lapis::protocol;

namespace {

constexpr std::int64_t Now = 1'800'000'000;
constexpr int Rounds = 3;
const std::string Text = "A short message, as most are: padded to 160 bytes.";

struct Device {
    crypto::RandomSource &rng;
    AccountIdentity account;
    LocalDevice local;
    InMemoryIdentityStore identities;
    InMemorySessionStore sessions;
    InMemoryPreKeyStore preKeys;
    InMemorySignedPreKeyStore signedPreKeys;
    SignedPreKeyRecord signedPreKey;
    InMemoryKemPreKeyStore kemPreKeys;
    std::optional<KemPreKeyRecord> lastResortKemKey;
    SessionCipher cipher{local, sessions, identities, preKeys, signedPreKeys, kemPreKeys, rng};

    /// With `postQuantum`, the device publishes a last-resort ML-KEM prekey (the bundle offers
    /// it, so initiators use PQXDH).
    Device(const char *name, crypto::RandomSource &random, bool postQuantum = false)
        : rng(random)
        , account(AccountIdentity::generate(random))
        , local(makeLocal(account, name, random))
    {
        if (postQuantum)
            lastResortKemKey = KemPreKeyManager(local.keys, kemPreKeys, rng).rotateLastResortKey(Now).value();
        PreKeyManager manager(local.keys, preKeys, signedPreKeys, rng);
        signedPreKey = *manager.rotateSignedPreKey(Now, postQuantum);
    }

    static LocalDevice makeLocal(const AccountIdentity &account, const char *name, crypto::RandomSource &rng)
    {
        auto keys = DeviceKeys::generate(rng);
        auto cert = account.certify(AccountId(name), DeviceId(1), keys.signingKey().publicKey(),
                                    keys.identityKey().publicKey(), Now);
        return LocalDevice{Address{AccountId(name), DeviceId(1)}, account.publicKey(), std::move(keys),
                           std::move(cert)};
    }

    PreKeyBundle bundle() const
    {
        return PreKeyManager::bundleFor(local, signedPreKey, nullptr, lastResortKemKey ? &*lastResortKemKey : nullptr);
    }
};

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "benchmark set-up failed: %s\n", what);
        std::abort();
    }
}

// Two devices with an established session (one round trip done).
struct Pair {
    Device a{"alice", crypto::systemRandom()};
    Device b{"bob", crypto::systemRandom()};

    Pair()
    {
        check(SessionBuilder(a.local, a.sessions, a.identities, a.rng)
                  .processBundle(b.local.address, b.bundle(), Now)
                  .ok(),
              "bundle");
        check(roundTrip(a, b) && roundTrip(b, a), "first messages");
    }

    static bool roundTrip(Device &from, Device &to)
    {
        auto e = from.cipher.encrypt(to.local.address, asBytes(Text));
        if (!e)
            return false;
        auto plain = to.cipher.decrypt(*e, Now);
        return plain.ok() && plain->size() == Text.size();
    }
};

void BM_RatchetPingPong(benchmark::State &state)
{
    Pair pair;
    for (auto _ : state) {
        // Each direction change makes the sender take a DH step.
        if (!Pair::roundTrip(pair.a, pair.b) || !Pair::roundTrip(pair.b, pair.a))
            state.SkipWithError("decrypt failed");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 2);
}

void BM_RatchetOneWay(benchmark::State &state)
{
    Pair pair;
    for (auto _ : state) {
        if (!Pair::roundTrip(pair.a, pair.b))
            state.SkipWithError("decrypt failed");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_SessionSetup(benchmark::State &state, bool postQuantum)
{
    // Full set-up: verify the bundle (certificate and prekey signatures), X3DH (or PQXDH) on both
    // sides, the first prekey message encrypted, its certificate verified and decrypted.
    Device a("alice", crypto::systemRandom());
    Device b("bob", crypto::systemRandom(), postQuantum);
    const auto bundle = b.bundle();
    for (auto _ : state) {
        if (!SessionBuilder(a.local, a.sessions, a.identities, a.rng).processBundle(b.local.address, bundle, Now)
            || !Pair::roundTrip(a, b))
            state.SkipWithError("set-up failed");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// --- primitive costs, measured in the same run and the same way (CPU time per item) -----------

void BM_MlKemKeypair(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(crypto::Kem::keypair());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_MlKemEncaps(benchmark::State &state)
{
    const auto pair = crypto::Kem::keypair();
    for (auto _ : state) {
        auto enc = crypto::Kem::encapsulate(pair.publicKey);
        if (!enc)
            state.SkipWithError("encapsulate failed");
        benchmark::DoNotOptimize(enc);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_MlKemDecaps(benchmark::State &state)
{
    const auto pair = crypto::Kem::keypair();
    const auto enc = crypto::Kem::encapsulate(pair.publicKey);
    for (auto _ : state) {
        auto key = crypto::Kem::decapsulate(enc->ciphertext, pair.secretKey.view());
        if (!key)
            state.SkipWithError("decapsulate failed");
        benchmark::DoNotOptimize(key);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_PrimX25519Keygen(benchmark::State &state)
{
    unsigned char sk[32], pk[32];
    for (auto _ : state) {
        randombytes_buf(sk, sizeof sk);
        crypto_scalarmult_base(pk, sk);
        benchmark::DoNotOptimize(pk);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_PrimX25519Dh(benchmark::State &state)
{
    unsigned char sk[32], peer[32], out[32];
    randombytes_buf(sk, sizeof sk);
    crypto_scalarmult_base(peer, sk);
    for (auto _ : state) {
        benchmark::DoNotOptimize(crypto_scalarmult(out, sk, peer));
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_PrimHmacSha256(benchmark::State &state)
{
    // 32-byte key, 32-byte message: one chain step or one HKDF block.
    unsigned char key[32] = {1}, msg[32] = {2}, tag[32];
    for (auto _ : state) {
        crypto_auth_hmacsha256_state st;
        crypto_auth_hmacsha256_init(&st, key, sizeof key);
        crypto_auth_hmacsha256_update(&st, msg, sizeof msg);
        crypto_auth_hmacsha256_final(&st, tag);
        benchmark::DoNotOptimize(tag);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The benchmark's message: 160 padded bytes, a 32-byte binding + 41-byte header as AD.
unsigned char g_plain[160] = {3}, g_ad[73] = {4}, g_nonce[24] = {5}, g_key[32] = {6}, g_sealed[176];

void BM_PrimAeadSeal(benchmark::State &state)
{
    unsigned long long len = 0;
    for (auto _ : state) {
        crypto_aead_xchacha20poly1305_ietf_encrypt(g_sealed, &len, g_plain, sizeof g_plain, g_ad, sizeof g_ad, nullptr,
                                                   g_nonce, g_key);
        benchmark::DoNotOptimize(g_sealed);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_PrimAeadOpen(benchmark::State &state)
{
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(g_sealed, &len, g_plain, sizeof g_plain, g_ad, sizeof g_ad, nullptr,
                                               g_nonce, g_key);
    unsigned char opened[160];
    for (auto _ : state) {
        benchmark::DoNotOptimize(crypto_aead_xchacha20poly1305_ietf_decrypt(
            opened, &len, nullptr, g_sealed, sizeof g_sealed, g_ad, sizeof g_ad, g_nonce, g_key));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// --- the ceilings: exactly the primitive calls one message costs, back to back ---------------
// Run right before and right after the protocol case they bound (same load, same caches), so a
// shared machine's drift does not masquerade as protocol overhead.

struct PrimitiveScratch {
    unsigned char sk[32], pk[32], peer[32], out[32], key[32] = {1}, msg[32] = {2}, tag[32];
    unsigned char sealed[176], opened[160];
    unsigned long long len = 0;

    PrimitiveScratch()
    {
        randombytes_buf(sk, sizeof sk);
        crypto_scalarmult_base(peer, sk);
        crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &len, g_plain, sizeof g_plain, g_ad, sizeof g_ad, nullptr,
                                                   g_nonce, g_key);
    }
    /// `tags` HMAC tags under `keys` keys, each key's padded blocks hashed once and its state
    /// copied per tag: the cheapest way to the protocol's tags, and the way Ratchet.cpp and
    /// Hkdf.cpp compute them (HMAC keyed states reused; the zero HKDF salt's state precomputed).
    void hmacs(int keys, int tags)
    {
        crypto_auth_hmacsha256_state keyed;
        for (int k = 0; k < keys; ++k) {
            crypto_auth_hmacsha256_init(&keyed, key, sizeof key);
            benchmark::DoNotOptimize(keyed);
        }
        for (int i = 0; i < tags; ++i) {
            crypto_auth_hmacsha256_state st = keyed;
            crypto_auth_hmacsha256_update(&st, msg, sizeof msg);
            crypto_auth_hmacsha256_final(&st, tag);
            benchmark::DoNotOptimize(tag);
        }
    }
    void seal()
    {
        crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &len, g_plain, sizeof g_plain, g_ad, sizeof g_ad, nullptr,
                                                   g_nonce, g_key);
        benchmark::DoNotOptimize(sealed);
    }
    void open()
    {
        benchmark::DoNotOptimize(crypto_aead_xchacha20poly1305_ietf_decrypt(
            opened, &len, nullptr, sealed, sizeof sealed, g_ad, sizeof g_ad, g_nonce, g_key));
    }
};

void BM_CeilingPingPong(benchmark::State &state)
{
    PrimitiveScratch p;
    for (auto _ : state) {
        // Sender: new ratchet key, DH, root KDF (2 keys, 3 tags), chain step (1 key, 2 tags),
        // message keys (1 key, 3 tags), seal.
        randombytes_buf(p.sk, sizeof p.sk);
        crypto_scalarmult_base(p.pk, p.sk);
        benchmark::DoNotOptimize(crypto_scalarmult(p.out, p.sk, p.peer));
        p.hmacs(4, 8);
        p.seal();
        // Receiver: DH, root KDF, chain step, message keys, open.
        benchmark::DoNotOptimize(crypto_scalarmult(p.out, p.sk, p.peer));
        p.hmacs(4, 8);
        p.open();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_CeilingOneWay(benchmark::State &state)
{
    PrimitiveScratch p;
    for (auto _ : state) {
        p.hmacs(2, 5); // chain step (1 key, 2 tags) + message keys (1 key, 3 tags)
        p.seal();
        p.hmacs(2, 5);
        p.open();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Keeps the console output and remembers items/s per benchmark.
class CapturingReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const auto &run : runs) {
            auto it = run.counters.find("items_per_second");
            if (it != run.counters.end())
                rates[run.benchmark_name()] = it->second.value;
        }
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> rates;
};

double rateOf(const CapturingReporter &r, const std::string &prefix)
{
    for (const auto &[name, rate] : r.rates) {
        if (name.rfind(prefix, 0) == 0)
            return rate;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (sodium_init() < 0)
        return 1;
    // Registered here, in this order, so each ceiling runs next to the case it bounds; three
    // rounds, and the median round counts, because this machine is shared.
    for (int round = 1; round <= Rounds; ++round) {
        const auto r = "/round" + std::to_string(round);
        benchmark::RegisterBenchmark(("ceiling_pingpong_before" + r).c_str(), BM_CeilingPingPong)->MinTime(0.7);
        benchmark::RegisterBenchmark(("ratchet_pingpong" + r).c_str(), BM_RatchetPingPong)->MinTime(1.0);
        benchmark::RegisterBenchmark(("ceiling_pingpong_after" + r).c_str(), BM_CeilingPingPong)->MinTime(0.7);
        benchmark::RegisterBenchmark(("ceiling_oneway_before" + r).c_str(), BM_CeilingOneWay)->MinTime(0.7);
        benchmark::RegisterBenchmark(("ratchet_oneway" + r).c_str(), BM_RatchetOneWay)->MinTime(1.0);
        benchmark::RegisterBenchmark(("ceiling_oneway_after" + r).c_str(), BM_CeilingOneWay)->MinTime(0.7);
    }
    // X3DH and PQXDH set-ups alternate, three rounds each; per round their ratio, the median counts.
    for (int round = 1; round <= Rounds; ++round) {
        const auto r = "/round" + std::to_string(round);
        benchmark::RegisterBenchmark(("session_setup" + r).c_str(), BM_SessionSetup, false)->MinTime(0.7);
        benchmark::RegisterBenchmark(("pqxdh_setup" + r).c_str(), BM_SessionSetup, true)->MinTime(0.7);
    }
    benchmark::RegisterBenchmark("prim_mlkem768_keypair", BM_MlKemKeypair)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_mlkem768_encaps", BM_MlKemEncaps)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_mlkem768_decaps", BM_MlKemDecaps)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_x25519_keygen", BM_PrimX25519Keygen)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_x25519_dh", BM_PrimX25519Dh)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_hmac_sha256", BM_PrimHmacSha256)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_aead_seal_160", BM_PrimAeadSeal)->MinTime(0.5);
    benchmark::RegisterBenchmark("prim_aead_open_160", BM_PrimAeadOpen)->MinTime(0.5);
    benchmark::Initialize(&argc, argv);
    CapturingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();

    auto cost = [&](const char *name) {
        const double rate = rateOf(reporter, name);
        return rate > 0 ? 1.0 / rate : 0.0;
    };
    const double keygen = cost("prim_x25519_keygen"), dh = cost("prim_x25519_dh"), hmac = cost("prim_hmac_sha256"),
                 seal = cost("prim_aead_seal_160"), open = cost("prim_aead_open_160");
    std::printf("\nprimitive costs (us): X25519 keygen %.2f, X25519 DH %.2f, HMAC-SHA256 %.3f, "
                "AEAD seal(160 B) %.3f, AEAD open(160 B) %.3f\n",
                keygen * 1e6, dh * 1e6, hmac * 1e6, seal * 1e6, open * 1e6);
    std::printf("sum-of-parts ceilings (msgs/s): ping-pong %.0f, one-way %.0f\n",
                1.0 / (keygen + 2 * dh + 16 * hmac + seal + open), 1.0 / (10 * hmac + seal + open));
    // The ceilings the targets use: the same primitive calls measured back to back, before and
    // after each case (mean of the two); per case the round with the median ratio counts.
    struct Outcome {
        double rate = 0, ceiling = 0;
        [[nodiscard]] double ratio() const { return ceiling > 0 ? rate / ceiling : 0; }
    };
    auto outcome = [&](const std::string &name) {
        std::vector<Outcome> rounds;
        for (int round = 1; round <= Rounds; ++round) {
            const auto r = "/round" + std::to_string(round);
            Outcome o;
            o.rate = rateOf(reporter, "ratchet_" + name + r);
            o.ceiling = (rateOf(reporter, "ceiling_" + name + "_before" + r)
                         + rateOf(reporter, "ceiling_" + name + "_after" + r))
                        / 2;
            std::printf("%s round %d: %.0f msgs/s, ceiling %.0f, ratio %.3f\n", name.c_str(), round, o.rate, o.ceiling,
                        o.ratio());
            rounds.push_back(o);
        }
        std::sort(rounds.begin(), rounds.end(), [](const auto &x, const auto &y) { return x.ratio() < y.ratio(); });
        return rounds[rounds.size() / 2];
    };
    const auto pingPong = outcome("pingpong");
    const auto oneWay = outcome("oneway");
    Outcome setup; // rate: PQXDH, ceiling: X3DH (ratio = PQXDH / X3DH)
    {
        std::vector<Outcome> rounds;
        for (int round = 1; round <= Rounds; ++round) {
            const auto r = "/round" + std::to_string(round);
            Outcome o{rateOf(reporter, "pqxdh_setup" + r), rateOf(reporter, "session_setup" + r)};
            std::printf("set-up round %d: X3DH %.0f/s, PQXDH %.0f/s, ratio %.3f\n", round, o.ceiling, o.rate,
                        o.ratio());
            rounds.push_back(o);
        }
        std::sort(rounds.begin(), rounds.end(), [](const auto &x, const auto &y) { return x.ratio() < y.ratio(); });
        setup = rounds[rounds.size() / 2];
    }
    const double setups = setup.ceiling;
    std::printf("ceilings (msgs/s): ping-pong %.0f, one-way %.0f\n", pingPong.ceiling, oneWay.ceiling);
    std::printf("TARGET ratchet_pingpong_vs_ceiling %.3f >= 0.80 ratio\n", pingPong.ratio());
    std::printf("TARGET ratchet_oneway_vs_ceiling %.3f >= 0.80 ratio\n", oneWay.ratio());
    std::printf("FIGURE ratchet_pingpong_msgs_per_s %.0f\n", pingPong.rate);
    std::printf("FIGURE ratchet_oneway_msgs_per_s %.0f\n", oneWay.rate);
    std::printf("FIGURE session_setups_per_s %.0f\n", setups);
    std::printf("TARGET pqxdh_setup_vs_x3dh %.3f >= 0.50 ratio\n", setup.ratio());
    std::printf("FIGURE mlkem768_keypair_per_s %.0f\n", rateOf(reporter, "prim_mlkem768_keypair"));
    std::printf("FIGURE mlkem768_encaps_per_s %.0f\n", rateOf(reporter, "prim_mlkem768_encaps"));
    std::printf("FIGURE mlkem768_decaps_per_s %.0f\n", rateOf(reporter, "prim_mlkem768_decaps"));
    std::printf("FIGURE pqxdh_setups_per_s %.0f\n", setup.rate);
    return 0;
}
