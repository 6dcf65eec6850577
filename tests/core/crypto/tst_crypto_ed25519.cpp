// SPDX-License-Identifier: GPL-3.0-or-later
#include "WycheproofRunner.h"

#include <lapis/crypto/Ed25519.h>

using namespace lapis;
using namespace lapis::crypto;
using lapis::test::Outcome;

class TestEd25519 : public QObject {
    Q_OBJECT
private slots:
    void wycheproof()
    {
        lapis::test::runWycheproof(QStringLiteral("ed25519_test.json"), [](const QJsonObject &group,
                                                                           const QJsonObject &tc) {
            const auto keyBytes = lapis::test::hexField(group.value(QLatin1String("publicKey")).toObject(), "pk");
            const auto key = Ed25519PublicKey::fromBytes(keyBytes);
            if (!key.ok())
                return Outcome::Rejected;
            return key->verify(lapis::test::hexField(tc, "msg"), lapis::test::hexField(tc, "sig")) ? Outcome::Accepted
                                                                                                   : Outcome::Rejected;
        });
    }

    void signAndVerify()
    {
        DeterministicRandom rng(1);
        const auto pair = Ed25519KeyPair::generate(rng);
        const auto message = toBytes("a device certificate");
        auto sig = pair.sign(message);
        QVERIFY(pair.publicKey().verify(message, sig));
        sig[10] ^= 0x01;
        QVERIFY(!pair.publicKey().verify(message, sig));
        QVERIFY(!pair.publicKey().verify(message, ByteView(sig).first(63)));
    }

    void seedRoundTrip()
    {
        const auto pair = Ed25519KeyPair::generate();
        const auto again = Ed25519KeyPair::fromSeed(pair.seed());
        QVERIFY(again.ok());
        QVERIFY(again->publicKey() == pair.publicKey());
        const auto message = toBytes("x");
        QCOMPARE(again->sign(message), pair.sign(message)); // Ed25519 is deterministic
        QCOMPARE(Ed25519KeyPair::fromSeed(Bytes(31)).error().code, ErrorCode::InvalidKey);
    }

    void otherKeyRejected()
    {
        const auto a = Ed25519KeyPair::generate();
        const auto b = Ed25519KeyPair::generate();
        const auto message = toBytes("hello");
        QVERIFY(!b.publicKey().verify(message, a.sign(message)));
    }
};

QTEST_APPLESS_MAIN(TestEd25519)
#include "tst_crypto_ed25519.moc"
