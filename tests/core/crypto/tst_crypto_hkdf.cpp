// SPDX-License-Identifier: GPL-3.0-or-later
#include "WycheproofRunner.h"

#include <lapis/crypto/Hkdf.h>

using namespace lapis;
using namespace lapis::crypto;
using lapis::test::Outcome;

class TestHkdf : public QObject {
    Q_OBJECT
private slots:
    void wycheproof()
    {
        lapis::test::runWycheproof(QStringLiteral("hkdf_sha256_test.json"), [](const QJsonObject &,
                                                                               const QJsonObject &tc) {
            const auto size = static_cast<std::size_t>(tc.value(QLatin1String("size")).toInt());
            const auto okm = Hkdf::derive(lapis::test::hexField(tc, "salt"), lapis::test::hexField(tc, "ikm"),
                                          lapis::test::hexField(tc, "info"), size);
            if (!okm.ok())
                return okm.error().code == ErrorCode::LimitExceeded ? Outcome::Rejected : Outcome::Mismatch;
            const auto expected = lapis::test::hexField(tc, "okm");
            return Bytes(okm->view().begin(), okm->view().end()) == expected ? Outcome::Accepted : Outcome::Mismatch;
        });
    }

    void rfc5869()
    {
        const auto root = lapis::test::loadJson(QStringLiteral("rfc/rfc5869_hkdf_sha256.json"));
        const auto tests = root.value(QLatin1String("tests")).toArray();
        QCOMPARE(tests.size(), 3);
        for (const auto value : tests) {
            const auto tc = value.toObject();
            const auto salt = lapis::test::hexField(tc, "salt");
            const auto ikm = lapis::test::hexField(tc, "ikm");
            const auto prk = Hkdf::extract(salt, ikm);
            QCOMPARE(Bytes(prk.view().begin(), prk.view().end()), lapis::test::hexField(tc, "prk"));
            Bytes okm(static_cast<std::size_t>(tc.value(QLatin1String("L")).toInt()));
            QVERIFY(Hkdf::expand(prk.view(), lapis::test::hexField(tc, "info"), okm).ok());
            QCOMPARE(okm, lapis::test::hexField(tc, "okm"));
        }
    }

    void outputLimitEnforced()
    {
        QVERIFY(Hkdf::derive({}, toBytes("ikm"), {}, Hkdf::MaxOutput).ok());
        const auto tooLong = Hkdf::derive({}, toBytes("ikm"), {}, Hkdf::MaxOutput + 1);
        QVERIFY(!tooLong.ok());
        QCOMPARE(tooLong.error().code, ErrorCode::LimitExceeded);
        Bytes out(32);
        QCOMPARE(Hkdf::expand(Bytes(31, 1), {}, out).error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_APPLESS_MAIN(TestHkdf)
#include "tst_crypto_hkdf.moc"
