// SPDX-License-Identifier: GPL-3.0-or-later
#include "WycheproofRunner.h"

#include <lapis/crypto/Aead.h>

using namespace lapis;
using namespace lapis::crypto;
using lapis::test::Outcome;

namespace {
/// A case is accepted when both directions agree with the vector: seal(msg) == ct ‖ tag and
/// open(ct ‖ tag) == msg. A refusal in either direction counts as rejected.
Outcome checkAead(AeadAlgorithm algorithm, const QJsonObject &tc)
{
    const auto key = lapis::test::hexField(tc, "key");
    const auto nonce = lapis::test::hexField(tc, "iv");
    const auto ad = lapis::test::hexField(tc, "aad");
    const auto msg = lapis::test::hexField(tc, "msg");
    const auto sealedExpected = concat({lapis::test::hexField(tc, "ct"), lapis::test::hexField(tc, "tag")});
    const auto opened = aeadOpen(algorithm, key, nonce, sealedExpected, ad);
    if (!opened.ok())
        return Outcome::Rejected;
    const auto sealed = aeadSeal(algorithm, key, nonce, msg, ad);
    if (!sealed.ok())
        return Outcome::Rejected;
    return *opened == msg && *sealed == sealedExpected ? Outcome::Accepted : Outcome::Mismatch;
}
} // namespace

class TestAead : public QObject {
    Q_OBJECT
private slots:
    void wycheproofXChaCha20Poly1305()
    {
        lapis::test::runWycheproof(
            QStringLiteral("xchacha20_poly1305_test.json"),
            [](const QJsonObject &, const QJsonObject &tc) { return checkAead(AeadAlgorithm::XChaCha20Poly1305, tc); });
    }

    void wycheproofChaCha20Poly1305()
    {
        lapis::test::runWycheproof(
            QStringLiteral("chacha20_poly1305_test.json"),
            [](const QJsonObject &, const QJsonObject &tc) { return checkAead(AeadAlgorithm::ChaCha20Poly1305, tc); });
    }

    void wrongSizesAreErrorsBeforeEncryption()
    {
        const Bytes key(32, 1), nonce(24, 2), msg(10, 3);
        QCOMPARE(aeadSeal(AeadAlgorithm::XChaCha20Poly1305, Bytes(31, 1), nonce, msg, {}).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(aeadSeal(AeadAlgorithm::XChaCha20Poly1305, key, Bytes(12, 2), msg, {}).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(aeadOpen(AeadAlgorithm::ChaCha20Poly1305, key, nonce, msg, {}).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(aeadOpen(AeadAlgorithm::XChaCha20Poly1305, key, nonce, Bytes(15), {}).error().code,
                 ErrorCode::AuthenticationFailed);
    }

    void everyFlippedBitRejected()
    {
        const Bytes key = randomBytes(32);
        const auto ad = toBytes("header");
        const auto sealed = sealWithRandomNonce(key, toBytes("attack at dawn"), ad);
        QVERIFY(sealed.ok());
        QCOMPARE(*openWithNonce(key, *sealed, ad), toBytes("attack at dawn"));
        for (std::size_t bit = 0; bit < sealed->size() * 8; ++bit) {
            Bytes altered = *sealed;
            altered[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
            QVERIFY2(!openWithNonce(key, altered, ad).ok(), qPrintable(QString::number(bit)));
        }
        QVERIFY(!openWithNonce(key, *sealed, toBytes("other header")).ok());
        QVERIFY(!openWithNonce(randomBytes(32), *sealed, ad).ok());
        QCOMPARE(openWithNonce(key, Bytes(39), ad).error().code, ErrorCode::Corrupt);
    }
};

QTEST_APPLESS_MAIN(TestAead)
#include "tst_crypto_aead.moc"
