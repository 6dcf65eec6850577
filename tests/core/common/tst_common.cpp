// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Log.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <QTest>

#include <unordered_set>

using namespace lapis;

namespace {
Result<int> parsePositive(int x)
{
    if (x <= 0)
        return fail(ErrorCode::InvalidArgument, "Not positive");
    return x;
}

Result<int> doubled(int x)
{
    int value = 0;
    LAPIS_TRY_ASSIGN(value, parsePositive(x));
    return value * 2;
}

Result<void> checkBoth(int a, int b)
{
    LAPIS_TRY(parsePositive(a));
    LAPIS_TRY(parsePositive(b));
    return {};
}

QString captured;
void captureMessages(QtMsgType, const QMessageLogContext &, const QString &msg)
{
    captured += msg;
}
} // namespace

class TestCommon : public QObject {
    Q_OBJECT
private slots:
    void resultCarriesValueOrError()
    {
        QCOMPARE(*doubled(4), 8);
        const auto bad = doubled(-1);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
        QVERIFY(checkBoth(1, 2).ok());
        QCOMPARE(checkBoth(1, 0).error().message, std::string("Not positive"));
        QCOMPARE(bad.error().withContext("Reading the count").message, std::string("Reading the count: Not positive"));
        QCOMPARE(errorCodeName(ErrorCode::Duplicate), std::string_view("duplicate"));
    }

    // Issue 17: a reason is what programs branch on; the relay's wire names map to it and back.
    void errorReasonsHaveStableNames()
    {
        for (int r = 0; r <= static_cast<int>(ErrorReason::NoProfileOpen); ++r) {
            const auto reason = static_cast<ErrorReason>(r);
            const auto name = errorReasonName(reason);
            QVERIFY2(name != "unknown", qPrintable(QString::number(r)));
            QCOMPARE(errorReasonFromName(name), reason);
        }
        QCOMPARE(errorReasonFromName("sign-in-rate"), ErrorReason::RateLimited); // a relay synonym
        QCOMPARE(errorReasonFromName("no-such-reason"), ErrorReason::None);
        const auto error = fail(ErrorCode::PermissionDenied, ErrorReason::SignInDenied, "denied");
        QCOMPARE(error.withContext("Logging in").reason, ErrorReason::SignInDenied);
        QVERIFY(!(error == fail(ErrorCode::PermissionDenied, "denied")));
    }

    void hexRoundTripAndRejects()
    {
        const Bytes b{0x00, 0xab, 0xff};
        QCOMPARE(toHex(b), std::string("00abff"));
        QCOMPARE(*fromHex("00ABff"), b);
        QVERIFY(!fromHex("abc").ok());
        QVERIFY(!fromHex("zz").ok());
        QVERIFY(fromHex("")->empty());
    }

    void base64UrlRoundTrip()
    {
        for (std::size_t n = 0; n < 40; ++n) {
            Bytes b(n);
            for (std::size_t i = 0; i < n; ++i)
                b[i] = static_cast<std::uint8_t>(i * 37 + 250);
            const auto text = toBase64Url(b);
            QVERIFY(text.find_first_of("+/=") == std::string::npos);
            QCOMPARE(*fromBase64Url(text), b);
        }
        QVERIFY(!fromBase64Url("ab+c").ok());
        QVERIFY(!fromBase64Url("a b").ok());
    }

    void secureBytesMoveAndCompare()
    {
        auto a = SecureBytes::copyOf(toBytes("secret"));
        QCOMPARE(a.size(), std::size_t{6});
        QVERIFY(a.equals(toBytes("secret")));
        QVERIFY(!a.equals(toBytes("secreT")));
        QVERIFY(!a.equals(toBytes("secrets")));
        auto b = std::move(a);
        QVERIFY(a.empty());
        QVERIFY(b.equals(toBytes("secret")));
        auto c = b.clone();
        QVERIFY(c.equals(b.view()));
        QVERIFY(c.data() != b.data());
        static_assert(!std::is_copy_constructible_v<SecureBytes>, "secrets are copied only on purpose");
        static_assert(!std::is_copy_constructible_v<WipedBytes>);
    }

    void wipedBytesTruncate()
    {
        WipedBytes w(Bytes{1, 2, 3, 4});
        w.truncate(2);
        QCOMPARE(w.size(), std::size_t{2});
        QCOMPARE(w.view()[1], std::uint8_t{2});
    }

    void secretsNeverReachLogs()
    {
        captured.clear();
        const auto old = qInstallMessageHandler(captureMessages);
        const auto secret = SecureBytes::copyOf(toBytes("TOPSECRETVALUE"));
        qCInfo(lcCrypto) << secret;
        qInstallMessageHandler(old);
        QVERIFY(!captured.contains(QLatin1String("TOPSECRET")));
        QVERIFY(captured.contains(QLatin1String("<redacted 14 bytes>")));
    }

    void strongIdsAreDistinctTypes()
    {
        static_assert(!std::is_convertible_v<DeviceId, PreKeyId>);
        static_assert(!std::is_convertible_v<std::uint32_t, DeviceId>);
        std::unordered_set<DeviceId> devices{DeviceId(1), DeviceId(2), DeviceId(1)};
        QCOMPARE(devices.size(), std::size_t{2});
        QVERIFY(AccountId("alice") < AccountId("bob"));
        QVERIFY(!MessageId::fromBytes(Bytes(15)).ok());
        const auto id = MessageId::fromBytes(Bytes(16, 0xaa));
        QVERIFY(id.ok() && !id->isNull());
        QCOMPARE(id->toHex(), std::string(32, 'a'));
        QVERIFY(MessageId().isNull());
    }
};

QTEST_APPLESS_MAIN(TestCommon)
#include "tst_common.moc"
