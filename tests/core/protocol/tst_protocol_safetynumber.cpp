// SPDX-License-Identifier: GPL-3.0-or-later
// Safety numbers: the same on both sides, different when a key or an id changes, and the QR
// payload comparison.

#include <lapis/crypto/Ed25519.h>
#include <lapis/protocol/SafetyNumber.h>

#include <QTest>

using namespace lapis;
using namespace lapis::protocol;

class TestSafetyNumber : public QObject {
    Q_OBJECT

private:
    crypto::DeterministicRandom m_rng{5};
    crypto::Ed25519KeyPair m_aliceKey = crypto::Ed25519KeyPair::generate(m_rng);
    crypto::Ed25519KeyPair m_bobKey = crypto::Ed25519KeyPair::generate(m_rng);
    AccountId m_alice{"alice"};
    AccountId m_bob{"bob"};

private slots:
    void sameOnBothSides()
    {
        auto a = SafetyNumber::compute(m_alice, m_aliceKey.publicKey(), m_bob, m_bobKey.publicKey());
        auto b = SafetyNumber::compute(m_bob, m_bobKey.publicKey(), m_alice, m_aliceKey.publicKey());
        QCOMPARE(a.digits(), b.digits());
        QCOMPARE(a.digits().size(), std::size_t{60});
        QVERIFY(std::all_of(a.digits().begin(), a.digits().end(), [](char c) { return c >= '0' && c <= '9'; }));
        const auto shown = a.displayString();
        QCOMPARE(shown.size(), std::size_t{60 + 11});
        QCOMPARE(QString::fromStdString(shown).split(' ').size(), 12);
        for (const auto &group : QString::fromStdString(shown).split(' '))
            QCOMPARE(group.size(), 5);
    }

    void differsWhenAKeyOrIdChanges()
    {
        const auto base = SafetyNumber::compute(m_alice, m_aliceKey.publicKey(), m_bob, m_bobKey.publicKey());
        auto other = crypto::Ed25519KeyPair::generate(m_rng);
        QVERIFY(SafetyNumber::compute(m_alice, m_aliceKey.publicKey(), m_bob, other.publicKey()).digits()
                != base.digits());
        QVERIFY(SafetyNumber::compute(m_alice, other.publicKey(), m_bob, m_bobKey.publicKey()).digits()
                != base.digits());
        QVERIFY(
            SafetyNumber::compute(m_alice, m_aliceKey.publicKey(), AccountId("bobby"), m_bobKey.publicKey()).digits()
            != base.digits());
    }

    void stableAcrossVersions()
    {
        // Pinned: a change to the derivation would show every verified contact as "changed".
        Bytes k1(32), k2(32);
        for (std::size_t i = 0; i < 32; ++i) {
            k1[i] = static_cast<std::uint8_t>(i);
            k2[i] = static_cast<std::uint8_t>(0xA0 + i);
        }
        const auto n = SafetyNumber::compute(AccountId("alice"), *crypto::Ed25519PublicKey::fromBytes(k1),
                                             AccountId("bob"), *crypto::Ed25519PublicKey::fromBytes(k2));
        QCOMPARE(QString::fromStdString(n.displayString()),
                 QString("51523 38073 64266 19276 91580 55868 70445 54771 66567 93072 10092 38977"));
    }

    void qrPayloadComparison()
    {
        auto a = SafetyNumber::compute(m_alice, m_aliceKey.publicKey(), m_bob, m_bobKey.publicKey());
        auto b = SafetyNumber::compute(m_bob, m_bobKey.publicKey(), m_alice, m_aliceKey.publicKey());
        const auto shownByBob = b.qrPayload();
        QCOMPARE(shownByBob.size(), SafetyNumber::QrPayloadSize);
        QCOMPARE(*a.compareScanned(shownByBob), true);
        QCOMPARE(*b.compareScanned(a.qrPayload()), true);
        // Alice scanning her own code is no verification.
        QCOMPARE(*a.compareScanned(a.qrPayload()), false);
        // A man in the middle with another key for Bob.
        auto mitm = crypto::Ed25519KeyPair::generate(m_rng);
        auto c = SafetyNumber::compute(m_bob, mitm.publicKey(), m_alice, m_aliceKey.publicKey());
        QCOMPARE(*a.compareScanned(c.qrPayload()), false);
        auto wrongVersion = shownByBob;
        wrongVersion[0] = 2;
        QCOMPARE(a.compareScanned(wrongVersion).error().code, ErrorCode::Unsupported);
        QCOMPARE(a.compareScanned(ByteView(shownByBob).first(40)).error().code, ErrorCode::Corrupt);
        QCOMPARE(a.compareScanned(Bytes{}).error().code, ErrorCode::Corrupt);
    }
};

QTEST_APPLESS_MAIN(TestSafetyNumber)
#include "tst_protocol_safetynumber.moc"
