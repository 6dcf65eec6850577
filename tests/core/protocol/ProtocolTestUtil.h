// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test devices with in-memory stores and deterministic randomness, shared by the protocol tests.

#include <lapis/crypto/Random.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/InMemoryStores.h>
#include <lapis/protocol/PreKeyManager.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>

#include <QTest>

#include <memory>
#include <set>
#include <string>

namespace lapis::protocol::test {

inline constexpr std::int64_t T0 = 1'800'000'000; // a fixed "now", seconds

struct TestAccount {
    AccountId id;
    AccountIdentity identity;

    TestAccount(std::string name, crypto::RandomSource &rng)
        : id(std::move(name))
        , identity(AccountIdentity::generate(rng))
    {}
};

/// One device with its own stores, signed prekey and a pool of one-time prekeys.
class TestDevice {
public:
    TestDevice(const TestAccount &account, std::uint32_t device, std::uint64_t seed)
        : m_rng(seed)
        , m_local(makeLocal(account, device, m_rng))
    {
        PreKeyManager manager(m_local.keys, preKeys, signedPreKeys, m_rng);
        signedPreKey = *manager.rotateSignedPreKey(T0);
        (void)manager.replenishOneTimePreKeys();
    }

    [[nodiscard]] const Address &address() const { return m_local.address; }
    [[nodiscard]] const LocalDevice &local() const { return m_local; }
    LocalDevice &mutableLocal() { return m_local; }
    crypto::RandomSource &rng() { return m_rng; }

    /// A bundle with the lowest unused one-time prekey (as the relay hands out), or none.
    PreKeyBundle bundle(bool withOneTimePreKey = true)
    {
        std::optional<OneTimePreKeyRecord> opk;
        if (withOneTimePreKey) {
            const auto ids = preKeys.preKeyIds();
            for (const auto &id : ids) {
                if (!m_handedOut.contains(id.value())) {
                    opk = preKeys.loadPreKey(id);
                    m_handedOut.insert(id.value());
                    break;
                }
            }
        }
        return PreKeyManager::bundleFor(m_local, signedPreKey, opk ? &*opk : nullptr);
    }

    SessionCipher cipher() { return SessionCipher(m_local, sessions, identities, preKeys, signedPreKeys, m_rng); }
    SessionBuilder builder() { return SessionBuilder(m_local, sessions, identities, m_rng); }

    Result<void> startSessionWith(TestDevice &peer, bool withOneTimePreKey = true)
    {
        return builder().processBundle(peer.address(), peer.bundle(withOneTimePreKey), T0);
    }

    Result<Envelope> send(const Address &to, std::string_view text) { return cipher().encrypt(to, asBytes(text)); }

    Result<std::string> receive(const Envelope &envelope, std::int64_t now = T0)
    {
        LAPIS_TRY_ASSIGN(auto plain, cipher().decrypt(envelope, now));
        return toString(plain.view());
    }

    /// The serialised session record with `peer` (empty if none): to check "no state changed".
    Bytes snapshot(const Address &peer) const
    {
        auto record = sessions.loadSession(peer);
        if (!record)
            return {};
        auto bytes = record->serialize();
        return Bytes(bytes.view().begin(), bytes.view().end());
    }

    InMemoryIdentityStore identities;
    InMemorySessionStore sessions;
    InMemoryPreKeyStore preKeys;
    InMemorySignedPreKeyStore signedPreKeys;
    SignedPreKeyRecord signedPreKey;

private:
    static LocalDevice makeLocal(const TestAccount &account, std::uint32_t device, crypto::RandomSource &rng)
    {
        auto keys = DeviceKeys::generate(rng);
        auto cert = account.identity.certify(account.id, DeviceId(device), keys.signingKey().publicKey(),
                                             keys.identityKey().publicKey(), T0);
        return LocalDevice{Address{account.id, DeviceId(device)}, account.identity.publicKey(), std::move(keys),
                           std::move(cert)};
    }

    crypto::DeterministicRandom m_rng;
    LocalDevice m_local;
    std::set<std::uint32_t> m_handedOut;
};

/// Sets up a session from `a` to `b` and one round trip, so both sides use ratchet messages.
inline void establish(TestDevice &a, TestDevice &b)
{
    QVERIFY(a.startSessionWith(b).ok());
    auto first = a.send(b.address(), "hello");
    QVERIFY(first.ok());
    QCOMPARE(first->type, Envelope::Type::PreKey);
    auto got = b.receive(*first);
    QVERIFY2(got.ok(), got.ok() ? "" : got.error().message.c_str());
    QCOMPARE(*got, std::string("hello"));
    auto reply = b.send(a.address(), "hi");
    QVERIFY(reply.ok());
    QCOMPARE(reply->type, Envelope::Type::Ratchet);
    auto gotReply = a.receive(*reply);
    QVERIFY(gotReply.ok());
    QCOMPARE(*gotReply, std::string("hi"));
}

inline const char *describe(const Error &e)
{
    return e.message.c_str();
}

} // namespace lapis::protocol::test
