// SPDX-License-Identifier: GPL-3.0-or-later
#include "Totp.h"

#include <lapis/testsupport/TestData.h>

#include <QJsonArray>
#include <QTest>

using namespace lapis;
using lapis::relay::Totp;

class TestRelayTotp : public QObject {
    Q_OBJECT

private slots:
    /// RFC 6238 Appendix B, SHA-1 rows, 8 digits: the same function the relay uses with 6.
    void rfc6238Vectors()
    {
        const QJsonObject file = test::loadJson("rfc/rfc6238_totp.json");
        const Bytes seed = test::hexField(file["seeds"].toObject()["SHA1"].toObject(), "hex");
        const int digits = file["parameters"].toObject()["digits"].toInt();
        QCOMPARE(digits, 8);
        int checked = 0;
        for (const auto &value : file["tests"].toArray()) {
            const QJsonObject test = value.toObject();
            if (test["mode"].toString() != "SHA1")
                continue;
            const auto unixTime = static_cast<std::int64_t>(test["unixTime"].toDouble());
            const auto step = Totp::stepAt(unixTime);
            QCOMPARE(step, static_cast<std::int64_t>(test["T"].toString().toULongLong(nullptr, 16)));
            QCOMPARE(QString::fromStdString(Totp::code(seed, static_cast<std::uint64_t>(step), digits)),
                     test["totp"].toString());
            ++checked;
        }
        QCOMPARE(checked, 6);
    }

    void windowIsOneStep()
    {
        const Bytes secret = toBytes("12345678901234567890");
        const std::int64_t now = 1'700'000'000;
        const auto step = Totp::stepAt(now);
        for (int delta : {-1, 0, 1}) {
            auto code = Totp::code(secret, static_cast<std::uint64_t>(step + delta));
            QCOMPARE(code.size(), 6u);
            auto matched = Totp::matchStep(secret, code, now);
            QVERIFY(matched);
            QCOMPARE(*matched, step + delta);
        }
        for (int delta : {-2, 2})
            QVERIFY(!Totp::matchStep(secret, Totp::code(secret, static_cast<std::uint64_t>(step + delta)), now));
        QVERIFY(!Totp::matchStep(secret, "12345", now));
    }

    void base32AndUri()
    {
        // RFC 4648 section 10 test vectors, without padding.
        QCOMPARE(QString::fromStdString(Totp::base32(toBytes("foobar"))), QString("MZXW6YTBOI"));
        QCOMPARE(QString::fromStdString(Totp::base32(toBytes("f"))), QString("MY"));
        QCOMPARE(
            QString::fromStdString(Totp::otpauthUri("alice", toBytes("foobar"))),
            QString("otpauth://totp/Lapis:alice?secret=MZXW6YTBOI&issuer=Lapis&algorithm=SHA1&digits=6&period=30"));
    }
};

QTEST_GUILESS_MAIN(TestRelayTotp)
#include "tst_relay_totp.moc"
