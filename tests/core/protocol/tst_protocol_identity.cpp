// SPDX-License-Identifier: GPL-3.0-or-later
// Account and device identities, device certificates, prekeys and bundles, trust on first use.

#include "ProtocolTestUtil.h"

#include <lapis/protocol/Limits.h>

#include <QTest>

using namespace lapis;
using namespace lapis::protocol;
using namespace lapis::protocol::test;

class TestIdentity : public QObject {
    Q_OBJECT

private:
    crypto::DeterministicRandom m_rng{2};
    TestAccount m_alice{"alice", m_rng};
    TestAccount m_bob{"bob", m_rng};

private slots:
    void certificateVerifiesAgainstPinnedAccountKey()
    {
        TestDevice d(m_alice, 3, 5);
        const auto &cert = d.local().certificate;
        QVERIFY(cert.verify(m_alice.identity.publicKey()).ok());
        QVERIFY(cert.verifyFor(d.address(), m_alice.identity.publicKey()).ok());
        // Not signed by the pinned key.
        auto wrongKey = cert.verify(m_bob.identity.publicKey());
        QCOMPARE(wrongKey.error().code, ErrorCode::AuthenticationFailed);
        // For another device.
        QCOMPARE(cert.verifyFor(Address{m_alice.id, DeviceId(4)}, m_alice.identity.publicKey()).error().code,
                 ErrorCode::InvalidKey);
    }

    void certificateCoversEveryField()
    {
        TestDevice d(m_alice, 3, 5);
        const auto good = d.local().certificate;
        const auto key = m_alice.identity.publicKey();
        auto other = crypto::X25519KeyPair::generate(m_rng);
        auto otherSigning = crypto::Ed25519KeyPair::generate(m_rng);
        std::vector<DeviceCertificate> altered(5, good);
        altered[0].device.account = AccountId("alicf");
        altered[1].device.device = DeviceId(4);
        altered[2].identityKey = other.publicKey();
        altered[3].signingKey = otherSigning.publicKey();
        altered[4].createdAt += 1;
        for (const auto &cert : altered)
            QCOMPARE(cert.verify(key).error().code, ErrorCode::AuthenticationFailed);
    }

    void certificateSerialisation()
    {
        TestDevice d(m_alice, 3, 5);
        const auto bytes = d.local().certificate.serialize();
        auto parsed = DeviceCertificate::deserialize(bytes);
        QVERIFY(parsed.ok());
        QVERIFY(*parsed == d.local().certificate);
        QVERIFY(parsed->verify(m_alice.identity.publicKey()).ok());
        for (std::size_t cut = 0; cut < bytes.size(); ++cut)
            QVERIFY(!DeviceCertificate::deserialize(ByteView(bytes).first(cut)).ok());
        Bytes longer = bytes;
        longer.push_back(0);
        QVERIFY(!DeviceCertificate::deserialize(longer).ok());
    }

    void identityRoundTripsThroughSecrets()
    {
        auto restored = AccountIdentity::fromSeed(m_alice.identity.seed());
        QVERIFY(restored.ok());
        QVERIFY(restored->publicKey() == m_alice.identity.publicKey());
        auto keys = DeviceKeys::generate(m_rng);
        auto again = DeviceKeys::fromSecrets(keys.signingKey().seed(), keys.identityKey().secretKey().view());
        QVERIFY(again.ok());
        QVERIFY(again->identityKey().publicKey() == keys.identityKey().publicKey());
        QVERIFY(again->signingKey().publicKey() == keys.signingKey().publicKey());
    }

    void bundleWithBadSignatureRejected()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        auto bundle = b.bundle();
        bundle.signedPreKeySignature[0] ^= 1;
        auto result = a.builder().processBundle(b.address(), bundle, T0);
        QCOMPARE(result.error().code, ErrorCode::AuthenticationFailed);
        // A signed prekey swapped for another key (signature of the original).
        auto swapped = b.bundle();
        swapped.signedPreKey = crypto::X25519KeyPair::generate(m_rng).publicKey();
        QCOMPARE(a.builder().processBundle(b.address(), swapped, T0).error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(!a.sessions.loadSession(b.address()).has_value());
        QVERIFY(!a.identities.pinnedAccountKey(m_bob.id).has_value());
    }

    void bundleWithWrongIdentityRejected()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        crypto::DeterministicRandom rng(9);
        TestAccount eve("eve", rng);
        TestDevice e(eve, 1, 30);
        // Eve's bundle offered as Bob's device.
        QCOMPARE(a.builder().processBundle(b.address(), e.bundle(), T0).error().code, ErrorCode::InvalidKey);
        // Bob's certificate with Eve's account key: the certificate does not verify.
        auto mixed = b.bundle();
        mixed.accountKey = eve.identity.publicKey();
        QCOMPARE(a.builder().processBundle(b.address(), mixed, T0).error().code, ErrorCode::AuthenticationFailed);
        // A device certificate for bob.1 signed by Eve (with her key as the bundle's account key)
        // after Bob's real key was pinned.
        QVERIFY(a.startSessionWith(b).ok());
        auto forged = b.bundle();
        forged.accountKey = eve.identity.publicKey();
        forged.certificate = eve.identity.certify(m_bob.id, DeviceId(1), b.local().keys.signingKey().publicKey(),
                                                  b.local().keys.identityKey().publicKey(), T0);
        QCOMPARE(a.builder().processBundle(b.address(), forged, T0).error().code, ErrorCode::PermissionDenied);
    }

    void identityChangeHeldUntilAccepted()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        establish(a, b);
        // Bob reinstalls: a new account key, new device keys.
        crypto::DeterministicRandom rng(11);
        TestAccount bobAgain("bob", rng);
        TestDevice b2(bobAgain, 1, 21);
        QCOMPARE(a.startSessionWith(b2).error().code, ErrorCode::PermissionDenied);
        QVERIFY(b2.startSessionWith(a).ok());
        auto hello = b2.send(a.address(), "it is me, new phone");
        const auto before = a.snapshot(b.address());
        auto held = a.receive(*hello);
        QCOMPARE(held.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(a.snapshot(b.address()), before);
        QVERIFY(a.identities.pinnedAccountKey(m_bob.id) == m_bob.identity.publicKey());
        // The user compares safety numbers and accepts: the same envelope now decrypts.
        QVERIFY(acceptAccountKey(a.identities, m_bob.id, bobAgain.identity.publicKey()).ok());
        QCOMPARE(*a.receive(*hello), std::string("it is me, new phone"));
        auto answer = a.send(b2.address(), "welcome back");
        QCOMPARE(*b2.receive(*answer), std::string("welcome back"));
    }

    void oneTimePreKeyConsumedOnce()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        auto bundle = b.bundle();
        QVERIFY(bundle.oneTimePreKeyId.has_value());
        const auto count = b.preKeys.preKeyIds().size();
        QVERIFY(a.builder().processBundle(b.address(), bundle, T0).ok());
        auto first = a.send(b.address(), "first");
        QVERIFY(b.receive(*first).ok());
        QCOMPARE(b.preKeys.preKeyIds().size(), count - 1);
        QVERIFY(!b.preKeys.loadPreKey(*bundle.oneTimePreKeyId).has_value());
        // A second device of Alice handed the same bundle (a relay bug or replay) is refused.
        TestDevice a2(m_alice, 2, 11);
        QVERIFY(a2.builder().processBundle(b.address(), bundle, T0).ok());
        auto second = a2.send(b.address(), "second");
        auto refused = b.receive(*second);
        QCOMPARE(refused.error().code, ErrorCode::Duplicate);
        QVERIFY(!b.sessions.loadSession(a2.address()).has_value());
        // Without a one-time prekey the session still starts (three DHs).
        QVERIFY(a2.startSessionWith(b, false).ok());
        auto third = a2.send(b.address(), "third");
        QCOMPARE(*b.receive(*third), std::string("third"));
    }

    void unknownSignedPreKeyRejected()
    {
        TestDevice a(m_alice, 1, 10), b(m_bob, 1, 20);
        QVERIFY(a.startSessionWith(b).ok());
        auto first = a.send(b.address(), "x");
        QVERIFY(b.signedPreKeys.removeSignedPreKey(b.signedPreKey.id).ok());
        QCOMPARE(b.receive(*first).error().code, ErrorCode::InvalidKey);
    }

    void signedPreKeyRotationAndGrace()
    {
        TestDevice d(m_alice, 1, 10);
        PreKeyManager manager(d.local().keys, d.preKeys, d.signedPreKeys, d.rng());
        const auto first = d.signedPreKey;
        // Not due yet.
        auto same = manager.rotateSignedPreKey(T0 + SignedPreKeyRotation - 1);
        QCOMPARE(same->id, first.id);
        // Due: a new one, the old one kept.
        const auto t1 = T0 + SignedPreKeyRotation;
        auto second = manager.rotateSignedPreKey(t1);
        QVERIFY(second->id != first.id);
        QCOMPARE(d.signedPreKeys.allSignedPreKeys().size(), std::size_t{2});
        QVERIFY(d.signedPreKeys.loadSignedPreKey(first.id).has_value());
        QVERIFY(d.local().keys.signingKey().publicKey().verify(
            signedPreKeySigningInput(second->id, second->keyPair.publicKey()), second->signature));
        // A late prekey message to the old key still works within the grace period.
        TestDevice b(m_bob, 1, 20);
        auto oldBundle = PreKeyManager::bundleFor(d.local(), first, nullptr);
        QVERIFY(b.builder().processBundle(d.address(), oldBundle, T0).ok());
        auto late = b.send(d.address(), "late");
        QCOMPARE(*d.receive(*late, t1 + 10), std::string("late"));
        // After the grace period the old key goes.
        (void)manager.rotateSignedPreKey(t1 + SignedPreKeyGrace);
        QVERIFY(d.signedPreKeys.loadSignedPreKey(first.id).has_value());
        (void)manager.rotateSignedPreKey(t1 + SignedPreKeyGrace + 1);
        QVERIFY(!d.signedPreKeys.loadSignedPreKey(first.id).has_value());
    }

    void oneTimePreKeysReplenished()
    {
        TestDevice d(m_alice, 1, 10);
        PreKeyManager manager(d.local().keys, d.preKeys, d.signedPreKeys, d.rng());
        QCOMPARE(d.preKeys.preKeyIds().size(), OneTimePreKeyTarget);
        QVERIFY(manager.replenishOneTimePreKeys()->empty());
        auto ids = d.preKeys.preKeyIds();
        for (std::size_t i = 0; i < ids.size() - (OneTimePreKeyLow - 1); ++i)
            QVERIFY(d.preKeys.removePreKey(ids[i]).ok());
        QCOMPARE(d.preKeys.preKeyIds().size(), OneTimePreKeyLow - 1);
        auto made = manager.replenishOneTimePreKeys();
        QCOMPARE(made->size(), OneTimePreKeyTarget - (OneTimePreKeyLow - 1));
        QCOMPARE(d.preKeys.preKeyIds().size(), OneTimePreKeyTarget);
        for (const auto &record : *made) // ids are not reused
            QVERIFY(std::find(ids.begin(), ids.end(), record.id) == ids.end());

        // A pool that ran dry: the new ids are none of the ones handed out before.
        auto before = d.preKeys.preKeyIds();
        for (const auto &id : before)
            QVERIFY(d.preKeys.removePreKey(id).ok());
        auto refilled = manager.replenishOneTimePreKeys();
        QCOMPARE(refilled->size(), OneTimePreKeyTarget);
        for (const auto &record : *refilled) {
            QVERIFY(record.id.value() != 0);
            QVERIFY(std::find(before.begin(), before.end(), record.id) == before.end());
            QVERIFY(std::find(ids.begin(), ids.end(), record.id) == ids.end());
        }
    }
};

QTEST_APPLESS_MAIN(TestIdentity)
#include "tst_protocol_identity.moc"
