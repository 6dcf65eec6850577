// SPDX-License-Identifier: GPL-3.0-or-later
#include "WycheproofRunner.h"

#include <lapis/crypto/Hmac.h>

using namespace lapis;
using namespace lapis::crypto;
using lapis::test::Outcome;

class TestHmac : public QObject {
    Q_OBJECT
private slots:
    void wycheproof()
    {
        lapis::test::runWycheproof(QStringLiteral("hmac_sha256_test.json"), [](const QJsonObject &group,
                                                                               const QJsonObject &tc) {
            const auto tagBytes = static_cast<std::size_t>(group.value(QLatin1String("tagSize")).toInt() / 8);
            const auto key = lapis::test::hexField(tc, "key");
            const auto msg = lapis::test::hexField(tc, "msg");
            const auto tag = lapis::test::hexField(tc, "tag");
            // A tag of another length than the group's is refused before comparing.
            if (tag.size() != tagBytes || !verifyHmacSha256(key, msg, tag))
                return Outcome::Rejected;
            const auto computed = hmacSha256(key, msg);
            return std::equal(tag.begin(), tag.end(), computed.view().begin()) ? Outcome::Accepted : Outcome::Mismatch;
        });
    }

    void rfc4231()
    {
        const auto root = lapis::test::loadJson(QStringLiteral("rfc/rfc4231_hmac_sha256.json"));
        const auto tests = root.value(QLatin1String("tests")).toArray();
        QCOMPARE(tests.size(), 7);
        for (const auto value : tests) {
            const auto tc = value.toObject();
            const auto key = lapis::test::hexField(tc, "key");
            const auto data = lapis::test::hexField(tc, "data");
            const auto mac = lapis::test::hexField(tc, "mac");
            QCOMPARE(mac.size() * 8, static_cast<std::size_t>(tc.value(QLatin1String("macBits")).toInt()));
            const auto computed = hmacSha256(key, data);
            QVERIFY2(std::equal(mac.begin(), mac.end(), computed.view().begin()),
                     qPrintable(tc.value(QLatin1String("comment")).toString()));
            QVERIFY(verifyHmacSha256(key, data, mac));
        }
    }

    void incrementalEqualsOneShot()
    {
        const auto key = toBytes("key");
        HmacSha256 mac(key);
        mac.update(toBytes("hello ")).update(toBytes("world"));
        const auto a = mac.finish();
        const auto b = hmacSha256(key, toBytes("hello world"));
        QVERIFY(std::equal(a.view().begin(), a.view().end(), b.view().begin()));
    }

    void tagLengthsOutsideRangeRejected()
    {
        const auto key = toBytes("k");
        const auto msg = toBytes("m");
        const auto tag = hmacSha256(key, msg);
        QVERIFY(verifyHmacSha256(key, msg, tag.view()));
        QVERIFY(verifyHmacSha256(key, msg, tag.view().first(16)));
        QVERIFY(!verifyHmacSha256(key, msg, tag.view().first(15)));
        QVERIFY(!verifyHmacSha256(key, msg, {}));
        Bytes longer(tag.view().begin(), tag.view().end());
        longer.push_back(0);
        QVERIFY(!verifyHmacSha256(key, msg, longer));
    }
};

QTEST_APPLESS_MAIN(TestHmac)
#include "tst_crypto_hmac.moc"
