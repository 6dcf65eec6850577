// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli end to end through a real relay: what protects a user when the relay or the account
// changes under them (downgrade guard, uncertified devices, changed account keys, TOTP).
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/PreKeys.h>
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/transport/MessageStream.h>
#include <lapis/transport/RelayClient.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <mutex>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;
using lapis::test::readFile;

namespace {
/// The code oathtool (an implementation independent of the relay's) computes for `secret`
/// (base32) at `at`; empty when oathtool fails.
QString oathtoolCode(const QString &secret, const QDateTime &at)
{
    QProcess oathtool;
    oathtool.start(QStringLiteral("oathtool"),
                   {QStringLiteral("--totp"), QStringLiteral("-b"), QStringLiteral("--now"),
                    at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC"), secret});
    if (!oathtool.waitForFinished(10000) || oathtool.exitCode() != 0)
        return {};
    return QString::fromLatin1(oathtool.readAllStandardOutput()).trimmed();
}
} // namespace

class TestCliTrust : public lapis::test::CliTestCase {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(startAliceAndBob()); }

    void uncertifiedDeviceIsNotEncryptedTo()
    {
        // A device of Bob's account that Bob's account key never certified: someone with Bob's
        // relay password (or the relay itself) added it and signed its certificate with
        // another key. The relay keeps Bob's real account key (the field is left empty).
        auto client = lapis::transport::RelayClient::create(
            {m_relay.address().toStdString(), readFile(m_relay.certificatePath()), {}});
        QVERIFY2(client.ok(), client.ok() ? "" : client.error().message.c_str());
        // The password alone no longer adds a device (issue 9): this one also got the code that
        // Bob's device shows.
        lapis::transport::LoginRequest login{"bob", "relay password 123", "rogue", {}, {}, {}};
        std::optional<lapis::transport::SignInPending> pending;
        QVERIFY(!(*client)->loginDevice(login, &pending).ok() && pending);
        const auto requests = m_bob->run({QStringLiteral("sign-in-requests")});
        VERIFY_RUN(requests);
        login.deviceCode = requests.out.section(QLatin1Char(' '), 1, 1).toStdString();
        login.signInId = pending->id;
        auto rogue = (*client)->loginDevice(login);
        QVERIFY2(rogue.ok(), rogue.ok() ? "" : rogue.error().message.c_str());
        (*client)->setCredentials(rogue->credentials);
        const auto rogueId = rogue->credentials.deviceId;

        auto &rng = lapis::crypto::systemRandom();
        const auto otherAccountKey = lapis::protocol::AccountIdentity::generate(rng);
        const auto keys = lapis::protocol::DeviceKeys::generate(rng);
        const auto now = QDateTime::currentSecsSinceEpoch();
        const auto certificate =
            otherAccountKey.certify(lapis::AccountId("bob"), lapis::DeviceId(rogueId), keys.signingKey().publicKey(),
                                    keys.identityKey().publicKey(), now);
        const auto signedPreKey =
            lapis::protocol::SignedPreKeyRecord::generate(lapis::PreKeyId(1), keys.signingKey(), now, rng);
        // As the engine publishes it: u32 id (big endian) ‖ public key ‖ signature.
        lapis::Bytes encoded{0, 0, 0, 1};
        const auto pub = signedPreKey.keyPair.publicKey().bytes();
        encoded.insert(encoded.end(), pub.begin(), pub.end());
        encoded.insert(encoded.end(), signedPreKey.signature.begin(), signedPreKey.signature.end());
        const auto published = (*client)->publishKeys({}, certificate.serialize(), encoded, {});
        QVERIFY2(published.ok(), published.ok() ? "" : published.error().message.c_str());

        // Everything that reaches the rogue device's mailbox from now on.
        std::mutex mutex;
        std::vector<std::string> senders;
        std::atomic<bool> drained{false};
        lapis::transport::MessageStream::Callbacks callbacks;
        callbacks.onEnvelope = [&](const lapis::transport::ReceivedEnvelope &e) {
            std::lock_guard lock(mutex);
            senders.push_back(e.senderAccount);
        };
        callbacks.onDrained = [&] { drained = true; };
        lapis::transport::MessageStream stream((*client)->channel(), m_relay.address().toStdString(),
                                               rogue->credentials, callbacks);

        const auto sent =
            m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("only for bob's devices")});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.contains(QStringLiteral(" e2e")), qPrintable(describe(sent)));
        const QString warning = QStringLiteral("warning: device %1 ignored: ").arg(rogueId);
        QVERIFY2(sent.err.contains(warning), qPrintable(describe(sent)));

        const auto got = m_bob->run(lapis::test::receiveJson(1));
        VERIFY_RUN(got);
        const auto messages = got.json();
        QVERIFY2(messages.size() == 1, qPrintable(describe(got)));
        QCOMPARE(messages[0][QStringLiteral("from")].toString(), QStringLiteral("alice"));
        QCOMPARE(messages[0][QStringLiteral("text")].toString(), QStringLiteral("only for bob's devices"));
        QCOMPARE(messages[0][QStringLiteral("e2e")].toBool(), true);

        // The rogue device's mailbox got nothing from Alice: opened after her send, its stream has
        // pushed everything it held once it says it is drained.
        stream.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained.load(), 10000);
        stream.stop();
        {
            std::lock_guard lock(mutex);
            QVERIFY2(std::find(senders.begin(), senders.end(), "alice") == senders.end(),
                     "the uncertified device received an envelope from alice");
        }
        (void)(*client)->removeDevice(rogueId);
    }

    void downgradeGuardRefusesThenAllows()
    {
        auto carol = profile();
        VERIFY_RUN(carol->registerAs(QStringLiteral("carol")));
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("carol"), QStringLiteral("hi carol")}));
        const auto first = carol->run(lapis::test::receiveJson(1));
        VERIFY_RUN(first);
        QVERIFY2(first.json().size() == 1 && first.json()[0][QStringLiteral("e2e")].toBool(),
                 qPrintable(describe(first)));

        // The operator resets Carol's account: no device, no keys.
        QProcess reset;
        reset.start(m_relay.binary(), {QStringLiteral("--data"), m_relay.dataPath(), QStringLiteral("admin"),
                                       QStringLiteral("reset-account"), QStringLiteral("carol")});
        QVERIFY(reset.waitForFinished(30000));
        QVERIFY2(reset.exitCode() == 0, reset.readAllStandardError().constData());

        const auto refused =
            m_alice->run({QStringLiteral("send"), QStringLiteral("carol"), QStringLiteral("secret plans")});
        QVERIFY2(refused.exitCode != 0, qPrintable(describe(refused)));
        QCOMPARE(refused.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(refused.err.contains(QStringLiteral("end-to-end"), Qt::CaseInsensitive)
                     && refused.err.contains(QStringLiteral("relay could read")),
                 qPrintable(describe(refused)));

        const auto allowed = m_alice->run({QStringLiteral("send"), QStringLiteral("carol"),
                                           QStringLiteral("no secret here"), QStringLiteral("--allow-plaintext")});
        VERIFY_RUN(allowed);
        QVERIFY2(allowed.out.startsWith(QStringLiteral("sent ")) && allowed.out.contains(QStringLiteral(" plaintext")),
                 qPrintable(describe(allowed)));
        // Alice's own record says plaintext, and the refused message is not in it.
        const auto history = m_alice->run({QStringLiteral("history"), QStringLiteral("carol")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("[plaintext] no secret here")), qPrintable(history.out));
        QVERIFY2(!history.out.contains(QStringLiteral("secret plans")), qPrintable(history.out));

        // The relay keeps plaintext sent while the account had no device for its first new device.
        auto carolAgain = profile();
        VERIFY_RUN(carolAgain->run({QStringLiteral("login"), QStringLiteral("carol"), QStringLiteral("--relay"),
                                    m_relay.address(), QStringLiteral("--relay-ca"), m_relay.certificatePath(),
                                    QStringLiteral("--password-file"), passwordFile(*carolAgain)}));
        const auto queued = carolAgain->run(lapis::test::receiveJson(1));
        VERIFY_RUN(queued);
        QVERIFY2(queued.json().size() == 1, qPrintable(describe(queued)));
        QCOMPARE(queued.json()[0][QStringLiteral("from")].toString(), QStringLiteral("alice"));
        QCOMPARE(queued.json()[0][QStringLiteral("text")].toString(), QStringLiteral("no secret here"));
        QCOMPARE(queued.json()[0][QStringLiteral("e2e")].toBool(), false);
    }

    void changedAccountKeyIsHeld()
    {
        // Dave's new device made a new account key (nothing to link from after the reset): Alice
        // pinned the old one, so nothing goes to Dave until Alice accepts the change.
        auto dave = profile();
        VERIFY_RUN(dave->registerAs(QStringLiteral("dave")));
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("dave"), QStringLiteral("hi dave")}));
        const auto first = dave->run(lapis::test::receiveJson(1));
        VERIFY_RUN(first);
        QVERIFY2(first.json().size() == 1 && first.json()[0][QStringLiteral("e2e")].toBool(),
                 qPrintable(describe(first)));
        QString output;
        QVERIFY2(m_relay.runAdmin({QStringLiteral("admin"), QStringLiteral("reset-account"), QStringLiteral("dave")},
                                  &output)
                     == 0,
                 qPrintable(output));
        auto daveAgain = profile();
        VERIFY_RUN(daveAgain->run({QStringLiteral("login"), QStringLiteral("dave"), QStringLiteral("--relay"),
                                   m_relay.address(), QStringLiteral("--relay-ca"), m_relay.certificatePath(),
                                   QStringLiteral("--password-file"), passwordFile(*daveAgain)}));

        const auto held =
            m_alice->run({QStringLiteral("send"), QStringLiteral("dave"), QStringLiteral("are you really dave?")});
        QVERIFY2(held.exitCode != 0, qPrintable(describe(held)));
        QCOMPARE(held.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(held.err.contains(QStringLiteral("safety number")), qPrintable(describe(held)));
        // Not even with plaintext allowed: the account has end-to-end devices, just not trusted ones.
        const auto stillHeld =
            m_alice->run({QStringLiteral("send"), QStringLiteral("dave"), QStringLiteral("are you really dave?"),
                          QStringLiteral("--allow-plaintext")});
        QVERIFY2(stillHeld.exitCode != 0, qPrintable(describe(stillHeld)));
        const auto nothing = daveAgain->run(lapis::test::receiveJson(0));
        VERIFY_RUN(nothing);
        QVERIFY2(nothing.json().empty(), qPrintable(describe(nothing)));
    }

    void totpCodesFromAnIndependentImplementationAreAcceptedOnce()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("oathtool")).isEmpty())
            QSKIP("oathtool is not installed (Debian package oathtool, see packaging/install-deps.sh)");
        auto bot = profile();
        VERIFY_RUN(bot->registerAs(QStringLiteral("totpbot"), true));
        const auto enabled = bot->run({QStringLiteral("totp-enable")});
        VERIFY_RUN(enabled);
        const QUrl uri(enabled.out.trimmed());
        QCOMPARE(uri.scheme(), QStringLiteral("otpauth"));
        QCOMPARE(uri.host(), QStringLiteral("totp"));
        const QUrlQuery query(uri);
        QCOMPARE(query.queryItemValue(QStringLiteral("issuer")), QStringLiteral("Lapis"));
        const QString secret = query.queryItemValue(QStringLiteral("secret"));
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Z2-7]+=*$")).match(secret).hasMatch(), qPrintable(secret));

        // A step of 30 s: confirm with this step's code, log in with the next step's (the relay
        // accepts one step of drift), so nothing waits for the clock.
        const auto now = QDateTime::currentDateTimeUtc();
        const QString current = oathtoolCode(secret, now);
        QVERIFY(!current.isEmpty());
        VERIFY_RUN(bot->run({QStringLiteral("totp-confirm"), current}));

        const QStringList login{QStringLiteral("login"), QStringLiteral("totpbot"),    QStringLiteral("--relay"),
                                m_relay.address(),       QStringLiteral("--relay-ca"), m_relay.certificatePath()};
        auto withoutCode = profile();
        const auto refused =
            withoutCode->run(login + QStringList{QStringLiteral("--password-file"), passwordFile(*withoutCode)});
        QVERIFY2(refused.exitCode != 0, qPrintable(describe(refused)));
        QVERIFY2(refused.err.contains(QStringLiteral("code"), Qt::CaseInsensitive), qPrintable(describe(refused)));

        // The confirmed code is spent.
        auto replay = profile();
        const auto replayed = replay->run(
            login
            + QStringList{QStringLiteral("--password-file"), passwordFile(*replay), QStringLiteral("--totp"), current});
        QVERIFY2(replayed.exitCode != 0, qPrintable(describe(replayed)));

        const QString next = oathtoolCode(secret, now.addSecs(30));
        QVERIFY(!next.isEmpty());
        auto second = profile();
        const auto loggedIn = second->run(
            login
            + QStringList{QStringLiteral("--password-file"), passwordFile(*second), QStringLiteral("--totp"), next});
        VERIFY_RUN(loggedIn);
        QVERIFY2(loggedIn.out.contains(QStringLiteral("logged in as totpbot")), qPrintable(describe(loggedIn)));

        // The same code again: refused, with the reason.
        auto third = profile();
        const auto again = third->run(
            login
            + QStringList{QStringLiteral("--password-file"), passwordFile(*third), QStringLiteral("--totp"), next});
        QVERIFY2(again.exitCode != 0, qPrintable(describe(again)));
        QVERIFY2(again.err.contains(QStringLiteral("used already")), qPrintable(describe(again)));
    }

private:
    // Every CliProfile writes the same relay password next to its passphrase.
    static QString passwordFile(const CliProfile &p)
    {
        return QFileInfo(p.passphraseFile()).dir().filePath(QStringLiteral("password"));
    }
};

QTEST_GUILESS_MAIN(TestCliTrust)
#include "tst_cli_trust.moc"
