// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target over everything that parses bytes from the network or the disk in
// core/protocol: envelopes, prekey and ratchet messages (through a real receiving device with
// an established session, so inputs reach the ratchet; Bob publishes ML-KEM prekeys, so prekey
// messages reach PQXDH's KEM part: its prekey id, ciphertext length and ciphertext), content,
// padding, session records, device certificates and link boxes. Built with -fsanitize=fuzzer under Clang, or linked
// with FuzzDriver.cpp (a deterministic mutation loop) otherwise. See tests/fuzz/README.md.

#include "FuzzSeeds.h"

#include <lapis/protocol/Content.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/InMemoryStores.h>
#include <lapis/protocol/KemPreKeyManager.h>
#include <lapis/protocol/LinkCipher.h>
#include <lapis/protocol/Padding.h>
#include <lapis/protocol/PreKeyManager.h>
#include <lapis/protocol/Ratchet.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>

#include <google/protobuf/stubs/logging.h>

#include <cstdlib>
#include <set>

using namespace lapis;
using namespace lapis::protocol;

namespace {

constexpr std::int64_t Now = 1'800'000'000;

struct Device {
    LocalDevice local;
    InMemoryIdentityStore identities;
    InMemorySessionStore sessions;
    InMemoryPreKeyStore preKeys;
    InMemorySignedPreKeyStore signedPreKeys;
    InMemoryKemPreKeyStore kemPreKeys;
};

Device makeDevice(const AccountIdentity &account, const char *name, crypto::RandomSource &rng)
{
    auto keys = DeviceKeys::generate(rng);
    auto cert = account.certify(AccountId(name), DeviceId(1), keys.signingKey().publicKey(),
                                keys.identityKey().publicKey(), Now);
    Device d{LocalDevice{Address{AccountId(name), DeviceId(1)}, account.publicKey(), std::move(keys), std::move(cert)},
             {},
             {},
             {},
             {},
             {}};
    PreKeyManager manager(d.local.keys, d.preKeys, d.signedPreKeys, rng);
    (void)manager.rotateSignedPreKey(Now, true);
    (void)manager.replenishOneTimePreKeys();
    // A last-resort ML-KEM key and two one-time ones (the fuzzer copies the store per input).
    KemPreKeyManager kemManager(d.local.keys, d.kemPreKeys, rng);
    (void)kemManager.rotateLastResortKey(Now);
    (void)kemManager.makeOneTimeKeys(2, Now);
    return d;
}

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "fuzz set-up failed: %s\n", what);
    std::abort();
}

// A fixed world, made once: Alice and Bob with a session, and genuine envelopes as seeds.
struct World {
    crypto::DeterministicRandom rng{4242};
    AccountIdentity aliceAccount = AccountIdentity::generate(rng);
    AccountIdentity bobAccount = AccountIdentity::generate(rng);
    Device alice = makeDevice(aliceAccount, "alice", rng);
    Device bob = makeDevice(bobAccount, "bob", rng);
    crypto::X25519KeyPair linkKey = crypto::X25519KeyPair::generate(rng);
    std::vector<Bytes> seeds;

    World()
    {
        SessionBuilder builder(alice.local, alice.sessions, alice.identities, rng);
        auto spk = bob.signedPreKeys.allSignedPreKeys().front();
        auto opk = bob.preKeys.loadPreKey(bob.preKeys.preKeyIds().front());
        const auto kemIds = bob.kemPreKeys.oneTimeKemPreKeyIds();
        auto kem = bob.kemPreKeys.loadKemPreKey(kemIds.front());
        if (!builder.processBundle(bob.local.address, PreKeyManager::bundleFor(bob.local, spk, &*opk, &*kem), Now))
            die("bundle");
        SessionCipher aliceCipher(alice.local, alice.sessions, alice.identities, alice.preKeys, alice.signedPreKeys,
                                  rng);
        auto preKeyEnvelope = aliceCipher.encrypt(bob.local.address, asBytes("seed prekey message"));
        if (!preKeyEnvelope)
            die("encrypt");
        seeds.push_back(preKeyEnvelope->serialize());
        // Bob receives the first one so ratchet messages reach a live session.
        SessionCipher bobCipher(bob.local, bob.sessions, bob.identities, bob.preKeys, bob.signedPreKeys, bob.kemPreKeys,
                                rng);
        if (!bobCipher.decrypt(*preKeyEnvelope, Now))
            die("decrypt");
        auto reply = bobCipher.encrypt(alice.local.address, asBytes("reply"));
        if (!reply || !aliceCipher.decrypt(*reply, Now))
            die("reply");
        for (int i = 0; i < 3; ++i) {
            Content c;
            c.data = DataMessage{};
            c.data->text = "seed " + std::to_string(i);
            auto e = aliceCipher.encrypt(bob.local.address, c.serialize()->view());
            if (!e)
                die("ratchet");
            seeds.push_back(e->serialize());
        }
        seeds.push_back(
            makePlaintextEnvelope(alice.local.address, bob.local.address, asBytes("green"), rng).serialize());
        auto record = bob.sessions.loadSession(alice.local.address)->serialize();
        seeds.emplace_back(record.view().begin(), record.view().end());
        seeds.push_back(alice.local.certificate.serialize());
        // A PQXDH prekey message Bob has not seen, on his other one-time ML-KEM key and on his
        // last-resort one: inputs derived from them reach decapsulation with a live key.
        for (const auto *kemKey : {&kemIds.back(), static_cast<const PreKeyId *>(nullptr)}) {
            InMemorySessionStore sessions;
            InMemoryIdentityStore identities;
            SessionBuilder fresh(alice.local, sessions, identities, rng);
            const auto kemRecord = kemKey ? bob.kemPreKeys.loadKemPreKey(*kemKey)
                                          : std::optional(bob.kemPreKeys.lastResortKemPreKeys().front().clone());
            if (!fresh.processBundle(bob.local.address, PreKeyManager::bundleFor(bob.local, spk, nullptr, &*kemRecord),
                                     Now))
                die("pq bundle");
            SessionCipher cipher(alice.local, sessions, identities, alice.preKeys, alice.signedPreKeys, rng);
            auto envelope = cipher.encrypt(bob.local.address, asBytes("seed PQXDH prekey message"));
            if (!envelope)
                die("pq encrypt");
            seeds.push_back(envelope->serialize());
        }
        seeds.push_back(*LinkCipher::seal(linkKey.publicKey(), asBytes("link bundle"), rng));
    }
};

// Malformed UTF-8 in string fields is rejected, but libprotobuf also logs each one: mute it.
const bool protobufMuted = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
}();

/// Bob's ML-KEM prekeys as one input sees them: the world's keys, less those this input used.
/// (Copying the keys per input costs a secure allocation each, which dominated the run.)
class KemPreKeysForOneInput final : public KemPreKeyStore {
public:
    explicit KemPreKeysForOneInput(const KemPreKeyStore &base)
        : m_base(base)
    {}
    [[nodiscard]] std::optional<KemPreKeyRecord> loadKemPreKey(PreKeyId id) const override
    {
        if (m_removed.contains(id.value()))
            return std::nullopt;
        return m_base.loadKemPreKey(id);
    }
    Result<void> storeKemPreKey(const KemPreKeyRecord &) override
    {
        return fail(ErrorCode::Internal, "The fuzz target's receiver makes no ML-KEM prekeys");
    }
    Result<void> removeKemPreKey(PreKeyId id) override
    {
        m_removed.insert(id.value());
        return {};
    }
    [[nodiscard]] std::vector<PreKeyId> oneTimeKemPreKeyIds() const override
    {
        std::vector<PreKeyId> out;
        for (const auto &id : m_base.oneTimeKemPreKeyIds())
            if (!m_removed.contains(id.value()))
                out.push_back(id);
        return out;
    }
    [[nodiscard]] std::vector<KemPreKeyRecord> lastResortKemPreKeys() const override
    {
        return m_base.lastResortKemPreKeys();
    }
    [[nodiscard]] bool hasKemPreKeys() const override { return true; }

private:
    const KemPreKeyStore &m_base;
    std::set<std::uint32_t> m_removed;
};

World &world()
{
    static World w;
    return w;
}

void decryptAsBob(const Envelope &envelope)
{
    auto &w = world();
    // Fresh copies per input: the fuzzer must see the same state every time.
    InMemoryIdentityStore identities = w.bob.identities;
    InMemorySessionStore sessions = w.bob.sessions;
    InMemoryPreKeyStore preKeys = w.bob.preKeys;
    InMemorySignedPreKeyStore signedPreKeys = w.bob.signedPreKeys;
    KemPreKeysForOneInput kemPreKeys(w.bob.kemPreKeys);
    crypto::DeterministicRandom rng(1);
    SessionCipher cipher(w.bob.local, sessions, identities, preKeys, signedPreKeys, kemPreKeys, rng);
    auto plain = cipher.decrypt(envelope, Now);
    if (plain)
        (void)Content::deserialize(plain->view());
}

} // namespace

std::vector<Bytes> lapisFuzzSeeds()
{
    return world().seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const ByteView input(data, size);
    auto &w = world();
    (void)protobufMuted;

    if (auto envelope = Envelope::deserialize(input); envelope.ok()) {
        decryptAsBob(*envelope);
        // Steer it to Bob from Alice so the message parsers and the ratchet see it too.
        Envelope steered = *envelope;
        steered.sender = w.alice.local.address;
        steered.recipient = w.bob.local.address;
        decryptAsBob(steered);
        (void)openPlaintextEnvelope(*envelope);
    }
    // The raw bytes as the ciphertext of each message type.
    for (auto type : {Envelope::Type::PreKey, Envelope::Type::Ratchet}) {
        Envelope raw;
        raw.sender = w.alice.local.address;
        raw.recipient = w.bob.local.address;
        raw.type = type;
        raw.ciphertext.assign(input.begin(), input.end());
        decryptAsBob(raw);
    }
    (void)ratchet::parseHeader(input);
    if (auto content = Content::deserialize(input); content.ok())
        (void)content->serialize();
    (void)unpad(input);
    if (auto record = SessionRecord::deserialize(input); record.ok()) {
        // A record that parses must serialise again without trouble.
        (void)record->serialize();
    }
    if (auto cert = DeviceCertificate::deserialize(input); cert.ok())
        (void)cert->verify(w.aliceAccount.publicKey());
    (void)LinkCipher::open(w.linkKey, input);
    return 0;
}
