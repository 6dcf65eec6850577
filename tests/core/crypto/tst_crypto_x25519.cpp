// SPDX-License-Identifier: GPL-3.0-or-later
#include "WycheproofRunner.h"

#include <lapis/crypto/Sodium.h>
#include <lapis/crypto/X25519.h>

using namespace lapis;
using namespace lapis::crypto;
using lapis::test::Outcome;

class TestX25519 : public QObject {
    Q_OBJECT
private slots:
    void wycheproof()
    {
        lapis::test::runWycheproof(
            QStringLiteral("x25519_test.json"),
            [](const QJsonObject &, const QJsonObject &tc) {
                const auto secret = lapis::test::hexField(tc, "private");
                const auto pub = lapis::test::hexField(tc, "public");
                const auto expected = lapis::test::hexField(tc, "shared");
                auto shared = x25519(secret, pub);
                if (!shared.ok())
                    return shared.error().code == ErrorCode::InvalidKey ? Outcome::Rejected : Outcome::Mismatch;
                return shared->view().size() == expected.size()
                               && std::equal(expected.begin(), expected.end(), shared->view().begin())
                           ? Outcome::Accepted
                           : Outcome::Mismatch;
            },
            // An all-zero shared secret must be refused (a peer could force it); the other
            // "acceptable" cases (twist points, non-canonical encodings) must give the listed output.
            [](const QStringList &flags, Outcome outcome) {
                return flags.contains(QLatin1String("ZeroSharedSecret")) ? outcome == Outcome::Rejected
                                                                         : outcome == Outcome::Accepted;
            });
    }

    void keyPairsAgree()
    {
        DeterministicRandom rng(7);
        const auto alice = X25519KeyPair::generate(rng);
        const auto bob = X25519KeyPair::generate(rng);
        const auto ab = alice.agree(bob.publicKey());
        const auto ba = bob.agree(alice.publicKey());
        QVERIFY(ab.ok() && ba.ok());
        QVERIFY(std::equal(ab->view().begin(), ab->view().end(), ba->view().begin()));
        QVERIFY(!(alice.publicKey() == bob.publicKey()));
    }

    void fromSecretReproducesPublicKey()
    {
        const auto pair = X25519KeyPair::generate();
        const auto again = X25519KeyPair::fromSecret(pair.secretKey().view());
        QVERIFY(again.ok());
        QVERIFY(again->publicKey() == pair.publicKey());
    }

    void storedPairKeepsBothHalves()
    {
        const auto pair = X25519KeyPair::generate();
        const auto pub = pair.publicKey().bytes();
        const auto stored = X25519KeyPair::fromStoredPair(pair.secretKey().view(), ByteView(pub.data(), pub.size()));
        QVERIFY(stored.ok());
        QVERIFY(stored->publicKey() == pair.publicKey());
        QVERIFY(lapis::crypto::constantTimeEqual(stored->secretKey().view(), pair.secretKey().view()));
        // It agrees like the original: the same shared secret with a peer.
        const auto peer = X25519KeyPair::generate();
        QVERIFY(std::ranges::equal(stored->agree(peer.publicKey())->view(), pair.agree(peer.publicKey())->view()));
        QCOMPARE(X25519KeyPair::fromStoredPair(Bytes(31, 1), ByteView(pub.data(), pub.size())).error().code,
                 ErrorCode::InvalidKey);
        QCOMPARE(X25519KeyPair::fromStoredPair(pair.secretKey().view(), Bytes(33, 1)).error().code,
                 ErrorCode::InvalidKey);
    }

    void wrongSizesRejected()
    {
        const Bytes shortKey(31, 1);
        QCOMPARE(X25519PublicKey::fromBytes(shortKey).error().code, ErrorCode::InvalidKey);
        QCOMPARE(x25519(Bytes(32, 1), shortKey).error().code, ErrorCode::InvalidKey);
        QCOMPARE(x25519(shortKey, Bytes(32, 9)).error().code, ErrorCode::InvalidKey);
        QCOMPARE(X25519KeyPair::fromSecret(Bytes(33, 1)).error().code, ErrorCode::InvalidKey);
    }

    void allZeroPeerKeyRejected()
    {
        const auto pair = X25519KeyPair::generate();
        const Bytes zero(32, 0);
        const auto r = pair.agree(*X25519PublicKey::fromBytes(zero));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidKey);
    }
};

QTEST_APPLESS_MAIN(TestX25519)
#include "tst_crypto_x25519.moc"
