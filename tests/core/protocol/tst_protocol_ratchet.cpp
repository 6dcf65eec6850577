// SPDX-License-Identifier: GPL-3.0-or-later
// The Double Ratchet through SessionCipher: ordering, limits, replays, tampering, addressing and
// simultaneous initiation.

#include "ProtocolTestUtil.h"

#include <lapis/protocol/Limits.h>
#include <lapis/protocol/Ratchet.h>

#include <QTest>

using namespace lapis;
using namespace lapis::protocol;
using namespace lapis::protocol::test;

class TestRatchet : public QObject {
    Q_OBJECT

private:
    crypto::DeterministicRandom m_rng{1};
    TestAccount m_alice{"alice", m_rng};
    TestAccount m_bob{"bob", m_rng};

    std::vector<Envelope> sendMany(TestDevice &from, const Address &to, int count, const std::string &prefix)
    {
        std::vector<Envelope> out;
        for (int i = 0; i < count; ++i) {
            auto e = from.send(to, prefix + std::to_string(i));
            if (!e.ok())
                qFatal("send failed");
            out.push_back(*e);
        }
        return out;
    }

private slots:
    void basicExchangeAndDhStepEveryTurn()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        crypto::X25519PublicKey lastKey;
        for (int turn = 0; turn < 6; ++turn) {
            auto &from = turn % 2 ? b : a;
            auto &to = turn % 2 ? a : b;
            auto e = from.send(to.address(), "turn " + std::to_string(turn));
            QVERIFY(e.ok());
            QCOMPARE(e->type, Envelope::Type::Ratchet);
            const auto header = ratchet::parseHeader(e->ciphertext);
            QVERIFY(header.ok());
            QVERIFY(!(header->ratchetKey == lastKey)); // a fresh ratchet key every turn
            lastKey = header->ratchetKey;
            auto got = to.receive(*e);
            QVERIFY(got.ok());
            QCOMPARE(*got, "turn " + std::to_string(turn));
        }
    }

    void outOfOrderWithinAChain()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        auto msgs = sendMany(a, b.address(), 6, "m");
        for (int i : {5, 0, 3, 1, 4, 2}) {
            auto got = b.receive(msgs[static_cast<std::size_t>(i)]);
            QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
            QCOMPARE(*got, "m" + std::to_string(i));
        }
        QCOMPARE(b.sessions.loadSession(a.address())->current().skipped.size(), std::size_t{0});
    }

    void outOfOrderAcrossRatchetSteps()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        auto chain1 = sendMany(a, b.address(), 3, "c1-");
        QVERIFY(b.receive(chain1[1]).ok()); // b learns chain 1, skips 0
        auto reply = b.send(a.address(), "r");
        QVERIFY(reply.ok() && a.receive(*reply).ok());
        auto chain2 = sendMany(a, b.address(), 3, "c2-"); // a new ratchet key
        // Deliver the new chain first, then the stragglers of the old one.
        QCOMPARE(*b.receive(chain2[2]), std::string("c2-2"));
        QCOMPARE(*b.receive(chain1[2]), std::string("c1-2"));
        QCOMPARE(*b.receive(chain2[0]), std::string("c2-0"));
        QCOMPARE(*b.receive(chain1[0]), std::string("c1-0"));
        QCOMPARE(*b.receive(chain2[1]), std::string("c2-1"));
        QCOMPARE(b.sessions.loadSession(a.address())->current().skipped.size(), std::size_t{0});
    }

    void gapOverLimitRejectedWithStateUnchanged()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        auto msgs = sendMany(a, b.address(), int(MaxSkipPerChain) + 2, "g");
        const auto before = b.snapshot(a.address());
        auto tooFar = b.receive(msgs.back()); // skips 1001 keys
        QVERIFY(!tooFar.ok());
        QCOMPARE(tooFar.error().code, ErrorCode::LimitExceeded);
        QCOMPARE(b.snapshot(a.address()), before);
        // Exactly at the limit is fine.
        auto atLimit = b.receive(msgs[MaxSkipPerChain]);
        QVERIFY2(atLimit.ok(), atLimit.ok() ? "" : describe(atLimit.error()));
        QCOMPARE(b.sessions.loadSession(a.address())->current().skipped.size(), std::size_t{MaxSkipPerChain});
        QCOMPARE(*b.receive(msgs[7]), std::string("g7"));
    }

    void gapOverLimitOnPreviousChainRejected()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        auto first = sendMany(a, b.address(), 2, "x");
        QVERIFY(b.receive(first[0]).ok());
        (void)sendMany(a, b.address(), int(MaxSkipPerChain) + 5, "lost");
        // a cannot start a new chain without hearing from b, so let b talk on a's old key.
        auto reply = b.send(a.address(), "r");
        QVERIFY(reply.ok() && a.receive(*reply).ok());
        auto next = a.send(b.address(), "next chain"); // previous counter is 1007
        QVERIFY(next.ok());
        const auto before = b.snapshot(a.address());
        auto result = b.receive(*next);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::LimitExceeded);
        QCOMPARE(b.snapshot(a.address()), before);
    }

    void storedKeyBoundEvictsOldest()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        std::vector<std::vector<Envelope>> chains;
        for (int round = 0; round < 3; ++round) {
            chains.push_back(sendMany(a, b.address(), int(MaxSkipPerChain) + 1, "r" + std::to_string(round) + "-"));
            auto got = b.receive(chains.back().back());
            QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
            const auto stored = b.sessions.loadSession(a.address())->current().skipped.size();
            QVERIFY(stored <= MaxSkippedKeysPerSession);
            QCOMPARE(stored, std::min<std::size_t>(MaxSkippedKeysPerSession, (round + 1) * MaxSkipPerChain));
            auto reply = b.send(a.address(), "ack");
            QVERIFY(reply.ok() && a.receive(*reply).ok());
        }
        // The first chain's keys were the oldest and went; the second's and third's remain.
        auto evicted = b.receive(chains[0][5]);
        QVERIFY(!evicted.ok());
        QCOMPARE(evicted.error().code, ErrorCode::Duplicate);
        QCOMPARE(*b.receive(chains[1][5]), std::string("r1-5"));
        QCOMPARE(*b.receive(chains[2][999]), std::string("r2-999"));
    }

    void skippedKeysExpireAfterThirtyDays()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        auto msgs = sendMany(a, b.address(), 3, "e");
        QVERIFY(b.receive(msgs[2], T0).ok());
        const auto saved = *b.sessions.loadSession(a.address());
        // Just within 30 days: still there.
        QCOMPARE(*b.receive(msgs[0], T0 + SkippedKeyLifetime), std::string("e0"));
        // After 30 days: gone.
        QVERIFY(b.sessions.storeSession(a.address(), saved).ok());
        auto late = b.receive(msgs[1], T0 + SkippedKeyLifetime + 1);
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, ErrorCode::Duplicate);
        // Any later successful decrypt drops expired keys from the store too.
        auto fresh = a.send(b.address(), "fresh");
        QVERIFY(fresh.ok());
        QVERIFY(b.receive(*fresh, T0 + SkippedKeyLifetime + 1).ok());
        QCOMPARE(b.sessions.loadSession(a.address())->current().skipped.size(), std::size_t{0});
    }

    void duplicatesAreReported()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        QVERIFY(a.startSessionWith(b).ok());
        auto first = a.send(b.address(), "one");
        QVERIFY(b.receive(*first).ok());
        auto replayPreKey = b.receive(*first);
        QVERIFY(!replayPreKey.ok());
        QCOMPARE(replayPreKey.error().code, ErrorCode::Duplicate);

        auto reply = b.send(a.address(), "two");
        QVERIFY(a.receive(*reply).ok());
        auto replayRatchet = a.receive(*reply);
        QCOMPARE(replayRatchet.error().code, ErrorCode::Duplicate);

        // A replay of a message from an old chain, and of an out-of-order one.
        auto msgs = sendMany(a, b.address(), 3, "d");
        QVERIFY(b.receive(msgs[2]).ok());
        QVERIFY(b.receive(msgs[0]).ok());
        QCOMPARE(b.receive(msgs[0]).error().code, ErrorCode::Duplicate);
        QCOMPARE(b.receive(msgs[2]).error().code, ErrorCode::Duplicate);
        auto r2 = b.send(a.address(), "turn");
        QVERIFY(a.receive(*r2).ok());
        auto newChain = a.send(b.address(), "new");
        QVERIFY(b.receive(*newChain).ok());
        QCOMPARE(b.receive(msgs[2]).error().code, ErrorCode::Duplicate);
        QCOMPARE(*b.receive(msgs[1]), std::string("d1")); // still a stored key
        QCOMPARE(b.receive(msgs[1]).error().code, ErrorCode::Duplicate);
    }

    void everyBitFlipRejected_data()
    {
        QTest::addColumn<bool>("preKey");
        QTest::newRow("ratchet message") << false;
        QTest::newRow("prekey message") << true;
    }

    void everyBitFlipRejected()
    {
        QFETCH(bool, preKey);
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        if (preKey)
            QVERIFY(a.startSessionWith(b).ok());
        else
            establish(a, b);
        auto genuine = a.send(b.address(), "the genuine one");
        QVERIFY(genuine.ok());
        QCOMPARE(genuine->type, preKey ? Envelope::Type::PreKey : Envelope::Type::Ratchet);
        const auto before = b.snapshot(a.address());
        const auto preKeysBefore = b.preKeys.preKeyIds().size();
        for (std::size_t bit = 0; bit < genuine->ciphertext.size() * 8; ++bit) {
            Envelope tampered = *genuine;
            tampered.ciphertext[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
            auto result = b.receive(tampered);
            if (result.ok())
                QFAIL(qPrintable(QString("bit %1 flipped was accepted").arg(bit)));
        }
        // Truncations too.
        for (std::size_t cut = 0; cut < genuine->ciphertext.size(); cut += 7) {
            Envelope truncated = *genuine;
            truncated.ciphertext.resize(cut);
            QVERIFY(!b.receive(truncated).ok());
        }
        QCOMPARE(b.snapshot(a.address()), before);
        QCOMPARE(b.preKeys.preKeyIds().size(), preKeysBefore);
        auto got = b.receive(*genuine);
        QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
        QCOMPARE(*got, std::string("the genuine one"));
    }

    void messageForAnotherDeviceRejected()
    {
        TestDevice a(m_alice, 1, 10), b1(m_bob, 1, 20), b2(m_bob, 2, 30);
        establish(a, b1);
        establish(a, b2);
        auto forB1 = a.send(b1.address(), "for b1");
        const auto before = b2.snapshot(a.address());
        // Delivered as is: the envelope names another device.
        auto asIs = b2.receive(*forB1);
        QCOMPARE(asIs.error().code, ErrorCode::InvalidArgument);
        // Relabelled by the relay: the keys and the bound addresses do not match.
        Envelope relabelled = *forB1;
        relabelled.recipient = b2.address();
        auto result = b2.receive(relabelled);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::AuthenticationFailed);
        QCOMPARE(b2.snapshot(a.address()), before);
        // A copy of b1's session in b2's store is not b2's session either.
        QVERIFY(b2.sessions.storeSession(a.address(), *b1.sessions.loadSession(a.address())).ok());
        QVERIFY(!b2.receive(relabelled).ok());
        QCOMPARE(*b1.receive(*forB1), std::string("for b1"));
    }

    void messageFromAnotherAccountRejected()
    {
        crypto::DeterministicRandom rng(77);
        TestAccount mallory("mallory", rng);
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20), m(mallory, 1, 40);
        establish(a, b);
        establish(m, b);
        // Alice's message relabelled as Mallory's: it does not authenticate on Mallory's session.
        auto fromAlice = a.send(b.address(), "from alice");
        Envelope relabelled = *fromAlice;
        relabelled.sender = m.address();
        const auto before = b.snapshot(m.address());
        auto result = b.receive(relabelled);
        QCOMPARE(result.error().code, ErrorCode::AuthenticationFailed);
        QCOMPARE(b.snapshot(m.address()), before);
        QCOMPARE(*b.receive(*fromAlice), std::string("from alice"));

        // Mallory's device claiming to be an Alice device: its certificate is for mallory.
        TestDevice fake(mallory, 9, 50);
        QVERIFY(fake.startSessionWith(b).ok());
        auto forged = fake.send(b.address(), "I am alice");
        forged->sender = Address{m_alice.id, DeviceId(9)};
        QCOMPARE(b.receive(*forged).error().code, ErrorCode::InvalidKey);
        // ...and a certificate for alice.9 signed by Mallory's key: not the key pinned for alice.
        TestDevice impostor(mallory, 9, 60);
        impostor.mutableLocal().address = Address{m_alice.id, DeviceId(9)};
        impostor.mutableLocal().certificate =
            mallory.identity.certify(m_alice.id, DeviceId(9), impostor.local().keys.signingKey().publicKey(),
                                     impostor.local().keys.identityKey().publicKey(), T0);
        QVERIFY(impostor.startSessionWith(b).ok());
        auto impostorMessage = impostor.send(b.address(), "I am alice");
        QCOMPARE(b.receive(*impostorMessage).error().code, ErrorCode::PermissionDenied);
        QVERIFY(!b.sessions.loadSession(Address{m_alice.id, DeviceId(9)}).has_value());
    }

    void simultaneousInitiationConverges_data()
    {
        QTest::addColumn<std::uint64_t>("seed");
        for (std::uint64_t seed = 1; seed <= 6; ++seed)
            QTest::newRow(qPrintable(QString("seed %1").arg(seed))) << seed;
    }

    void simultaneousInitiationConverges()
    {
        QFETCH(std::uint64_t, seed);
        TestDevice a(m_alice, 1, seed * 100), b(m_bob, 1, seed * 100 + 1);
        QVERIFY(a.startSessionWith(b).ok());
        QVERIFY(b.startSessionWith(a).ok());
        auto fromA = a.send(b.address(), "a1");
        auto fromB = b.send(a.address(), "b1");
        QCOMPARE(fromA->type, Envelope::Type::PreKey);
        QCOMPARE(fromB->type, Envelope::Type::PreKey);
        QCOMPARE(*b.receive(*fromA), std::string("a1"));
        QCOMPARE(*a.receive(*fromB), std::string("b1"));
        // Both now use the session of the initiator whose identity key sorts lower.
        const auto aRecord = *a.sessions.loadSession(b.address());
        const auto bRecord = *b.sessions.loadSession(a.address());
        QVERIFY(aRecord.current().baseKey == bRecord.current().baseKey);
        // Conversation continues on it, both ways, and late messages on the other still decrypt.
        auto lateB = b.send(a.address(), "b2");
        for (int i = 0; i < 4; ++i) {
            auto &from = i % 2 ? b : a;
            auto &to = i % 2 ? a : b;
            auto e = from.send(to.address(), "x" + std::to_string(i));
            QVERIFY(e.ok());
            auto got = to.receive(*e);
            QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
            QCOMPARE(*got, "x" + std::to_string(i));
        }
        QCOMPARE(*a.receive(*lateB), std::string("b2"));
        QVERIFY(a.sessions.loadSession(b.address())->current().baseKey
                == b.sessions.loadSession(a.address())->current().baseKey);
        auto settled = a.send(b.address(), "settled");
        QCOMPARE(settled->type, Envelope::Type::Ratchet);
        QCOMPARE(*b.receive(*settled), std::string("settled"));
    }

    void archivedStatesAreBoundedAndStillDecrypt()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        std::vector<Envelope> late;
        for (int i = 0; i < int(MaxArchivedStates) + 3; ++i) {
            QVERIFY(a.startSessionWith(b, false).ok()); // a restarts: a new session each time
            auto first = a.send(b.address(), "start " + std::to_string(i));
            QVERIFY(b.receive(*first).ok());
            late.push_back(*a.send(b.address(), "late " + std::to_string(i)));
        }
        QCOMPARE(b.sessions.loadSession(a.address())->archived().size(), MaxArchivedStates);
        QCOMPARE(a.sessions.loadSession(b.address())->archived().size(), MaxArchivedStates);
        // The newest session and every archived one still decrypt late messages, without
        // changing which session is current.
        const auto current = b.sessions.loadSession(a.address())->current().baseKey;
        for (std::size_t i = late.size() - 1 - MaxArchivedStates; i < late.size(); ++i) {
            auto got = b.receive(late[i]);
            QVERIFY2(got.ok(), got.ok() ? "" : describe(got.error()));
            QCOMPARE(*got, "late " + std::to_string(i));
        }
        QVERIFY(b.sessions.loadSession(a.address())->current().baseKey == current);
    }

    void failedDecryptLeavesStoreUntouchedForUnknownSender()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        auto e = a.send(b.address(), "x");
        Envelope unknown = *e;
        unknown.sender = Address{AccountId("carol"), DeviceId(1)};
        QCOMPARE(b.receive(unknown).error().code, ErrorCode::NotFound);
        QVERIFY(!b.sessions.loadSession(unknown.sender).has_value());
    }
};

QTEST_APPLESS_MAIN(TestRatchet)
#include "tst_protocol_ratchet.moc"
