// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli's two-factor sign-in approved on a trusted device (issue 9), through a real relay:
// login without a code says one is needed and keeps the request, sign-in-requests shows
// `ID CODE DEVICE-NAME TIME`, login --device-code completes that same request, sign-in-deny makes
// the new device's login report "denied", and a signed-in device gets its end-to-end keys by
// linking and then exchanges end-to-end messages; afterwards `sign-ins` lists both outcomes.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;

namespace {
/// One line of sign-in-requests.
struct Listed {
    QString id;
    QString code;
    QString deviceName;
    QDateTime time;
};

std::vector<Listed> parseRequests(const CliRun &run)
{
    static const QRegularExpression line(
        QStringLiteral("^([0-9a-f]{16}) ([0-9]{6}) (.+) ([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)$"));
    std::vector<Listed> out;
    for (const auto &text : run.lines()) {
        const auto m = line.match(text);
        if (!m.hasMatch())
            return {};
        out.push_back({m.captured(1), m.captured(2), m.captured(3), QDateTime::fromString(m.captured(4), Qt::ISODate)});
    }
    return out;
}
} // namespace

class TestCliSignIn : public lapis::test::CliTestCase {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(startAliceAndBob());
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("hello bob")}));
    }

    void passwordAloneForAnAccountWithoutDevicesRecommendsTotp()
    {
        // An account whose only device the operator removed: no device to approve from and no
        // TOTP, so the next login is by password alone, and lapis-cli recommends TOTP.
        auto other = profile();
        VERIFY_RUN(other->registerAs(QStringLiteral("lonely")));
        QProcess reset;
        reset.start(m_relay.binary(), {QStringLiteral("--data"), m_relay.dataPath(), QStringLiteral("admin"),
                                       QStringLiteral("reset-account"), QStringLiteral("lonely")});
        QVERIFY(reset.waitForFinished(30000));
        QCOMPARE(reset.exitCode(), 0);
        auto again = profile();
        const auto loggedIn = again->run(login(*again, QStringLiteral("lonely")));
        VERIFY_RUN(loggedIn);
        QVERIFY2(loggedIn.lines().value(0) == QStringLiteral("logged in as lonely"), qPrintable(describe(loggedIn)));
        QVERIFY2(loggedIn.out.contains(QStringLiteral("password alone"))
                     && loggedIn.out.contains(QStringLiteral("TOTP")),
                 qPrintable(describe(loggedIn)));
    }

    void loginNeedsACodeAndCompletesWithIt()
    {
        auto phone = profile();
        const QStringList args = login(*phone, QStringLiteral("alice"))
                                 + QStringList{QStringLiteral("--device-name"), QStringLiteral("alice phone")};
        const auto before = QDateTime::currentDateTimeUtc().addSecs(-2);
        const auto refused = phone->run(args);
        QVERIFY2(refused.exitCode != 0, qPrintable(describe(refused)));
        QVERIFY2(refused.err.contains(QStringLiteral("code from another device")), qPrintable(describe(refused)));
        QCOMPARE(refused.err.trimmed().count(QLatin1Char('\n')), 0);

        const auto listed = m_alice->run({QStringLiteral("sign-in-requests")});
        VERIFY_RUN(listed);
        const auto requests = parseRequests(listed);
        QVERIFY2(requests.size() == 1, qPrintable(describe(listed)));
        QCOMPARE(requests[0].deviceName, QStringLiteral("alice phone"));
        QVERIFY(requests[0].time >= before && requests[0].time <= QDateTime::currentDateTimeUtc().addSecs(2));

        // A wrong code is refused and the request stays.
        const QString wrongCode =
            QStringLiteral("%1").arg((requests[0].code.toInt() + 1) % 1000000, 6, 10, QLatin1Char('0'));
        const auto wrong = phone->run(args + QStringList{QStringLiteral("--device-code"), wrongCode});
        QVERIFY2(wrong.exitCode != 0 && wrong.err.contains(QStringLiteral("wrong")), qPrintable(describe(wrong)));

        // The same profile completes that request: no new one is made.
        const auto completed = phone->run(args + QStringList{QStringLiteral("--device-code"), requests[0].code});
        VERIFY_RUN(completed);
        QVERIFY2(completed.lines().value(0) == QStringLiteral("logged in as alice"), qPrintable(describe(completed)));
        QVERIFY2(completed.out.contains(QStringLiteral("no end-to-end keys yet")), qPrintable(describe(completed)));
        const auto after = m_alice->run({QStringLiteral("sign-in-requests")});
        VERIFY_RUN(after);
        QVERIFY2(after.out.isEmpty(), qPrintable(describe(after)));
        const auto devices = m_alice->run({QStringLiteral("devices")});
        VERIFY_RUN(devices);
        QVERIFY2(devices.out.contains(QStringLiteral("alice phone")), qPrintable(describe(devices)));
        // The used code is of no use to another profile (the relay's replay refusal is checked in
        // tst_transport_signin).
        auto replay = profile();
        const auto replayed = replay->run(login(*replay, QStringLiteral("alice"))
                                          + QStringList{QStringLiteral("--device-code"), requests[0].code});
        QVERIFY2(replayed.exitCode != 0, qPrintable(describe(replayed)));

        // Without the account key the device cannot send end to end yet; linking brings it.
        const auto early = phone->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("too early")});
        QVERIFY2(early.exitCode != 0 && early.err.contains(QStringLiteral("link")), qPrintable(describe(early)));
        link(*phone);

        // Now it is an end-to-end device of Alice's: Bob's message reaches it, and its own reach Bob.
        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("to every device")}));
        const auto got = phone->run(lapis::test::receiveJson(1));
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1, qPrintable(describe(got)));
        QCOMPARE(got.json()[0][QStringLiteral("text")].toString(), QStringLiteral("to every device"));
        QVERIFY(got.json()[0][QStringLiteral("e2e")].toBool());
        const auto sent = phone->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("from the phone")});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.contains(QStringLiteral(" e2e")), qPrintable(describe(sent)));
        const auto atBob = m_bob->run(lapis::test::receiveJson(1));
        VERIFY_RUN(atBob);
        bool seen = false;
        for (const auto &m : atBob.json())
            seen = seen
                   || (m[QStringLiteral("text")].toString() == QStringLiteral("from the phone")
                       && m[QStringLiteral("e2e")].toBool());
        QVERIFY2(seen, qPrintable(describe(atBob)));
        // The signed-in device that made way for the linked one is gone from the account.
        const auto finalDevices = m_alice->run({QStringLiteral("devices")});
        VERIFY_RUN(finalDevices);
        QCOMPARE(finalDevices.out.count(QStringLiteral("alice phone")), 1);
    }

    void deniedOnTheTrustedDevice()
    {
        auto stranger = profile();
        const QStringList args = login(*stranger, QStringLiteral("alice"))
                                 + QStringList{QStringLiteral("--device-name"), QStringLiteral("stranger")};
        const auto refused = stranger->run(args);
        QVERIFY2(refused.exitCode != 0 && refused.err.contains(QStringLiteral("code from another device")),
                 qPrintable(describe(refused)));
        const auto listed = m_alice->run({QStringLiteral("sign-in-requests")});
        VERIFY_RUN(listed);
        const auto requests = parseRequests(listed);
        QVERIFY2(requests.size() == 1 && requests[0].deviceName == QStringLiteral("stranger"),
                 qPrintable(describe(listed)));

        const auto denied = m_alice->run({QStringLiteral("sign-in-deny"), requests[0].id});
        VERIFY_RUN(denied);
        QVERIFY2(m_alice->run({QStringLiteral("sign-in-requests")}).out.isEmpty(),
                 "the denied request is still listed");
        const auto after = stranger->run(args + QStringList{QStringLiteral("--device-code"), requests[0].code});
        QVERIFY2(after.exitCode != 0, qPrintable(describe(after)));
        QVERIFY2(after.err.contains(QStringLiteral("denied")), qPrintable(describe(after)));
        // Denying it again, or an unknown id, is a clear error.
        const auto twice = m_alice->run({QStringLiteral("sign-in-deny"), requests[0].id});
        QVERIFY2(twice.exitCode != 0 && !twice.err.isEmpty(), qPrintable(describe(twice)));
        // A code without a request made by this profile is refused before anything is sent.
        auto fresh = profile();
        const auto noRequest = fresh->run(login(*fresh, QStringLiteral("alice"))
                                          + QStringList{QStringLiteral("--device-code"), requests[0].code});
        QVERIFY2(noRequest.exitCode != 0 && noRequest.err.contains(QStringLiteral("No sign-in request")),
                 qPrintable(describe(noRequest)));
    }

    void decidedSignInsAreShownAfterwards()
    {
        // Dora's first device was not running while her phone was approved and a stranger
        // denied: its next receive takes both outcomes, and sign-ins lists them, newest first.
        auto dora = profile();
        VERIFY_RUN(dora->registerAs(QStringLiteral("dora")));
        auto phone = profile();
        QVERIFY(signIn(*dora, *phone, QStringLiteral("dora phone"), true));
        auto stranger = profile();
        QVERIFY(signIn(*dora, *stranger, QStringLiteral("stranger"), false));
        const auto received = dora->run(lapis::test::receiveWaiting());
        VERIFY_RUN(received);
        // The phone joined the account: told on stderr (issue 16 item 9), stdout stays messages.
        static const QRegularExpression added(
            QStringLiteral("notice: device [0-9]+ \\(\"dora phone\"\\) was added to your account"));
        QVERIFY2(added.match(received.err).hasMatch(), qPrintable(describe(received)));
        const auto shown = dora->run({QStringLiteral("sign-ins")});
        VERIFY_RUN(shown);
        static const QRegularExpression line(QStringLiteral(
            "^([0-9a-f]{16}|-) (approved|denied) ([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z) (.+)$"));
        QStringList outcomes;
        for (const auto &text : shown.lines()) {
            const auto m = line.match(text);
            QVERIFY2(m.hasMatch(), qPrintable(describe(shown)));
            outcomes << m.captured(2) + QLatin1Char(' ') + m.captured(4);
        }
        QCOMPARE(outcomes, (QStringList{QStringLiteral("denied stranger"), QStringLiteral("approved dora phone")}));
        // Shown once each: receiving again adds nothing.
        VERIFY_RUN(dora->run(lapis::test::receiveWaiting()));
        QCOMPARE(dora->run({QStringLiteral("sign-ins")}).lines().size(), 2);
    }

    // Issue 16 item 9: device-changes lists what receive told; remove-device takes a device out
    // of the account, and that is told and listed too.
    void deviceChangesListedAndDevicesRemovable()
    {
        // Erin's phone joins her account (approved on her first device), then she removes it.
        auto erin = profile();
        VERIFY_RUN(erin->registerAs(QStringLiteral("erin")));
        auto phone = profile();
        QVERIFY(signIn(*erin, *phone, QStringLiteral("erin phone"), true));
        VERIFY_RUN(erin->run(lapis::test::receiveWaiting()));
        static const QRegularExpression line(
            QStringLiteral("^(added|removed) ([0-9]+) ([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z) (.+)$"));
        const auto listed = erin->run({QStringLiteral("device-changes")});
        VERIFY_RUN(listed);
        QString phoneId; // the phone as the account lists it
        const auto devices = erin->run({QStringLiteral("devices")});
        for (const auto &text : devices.lines())
            if (text.contains(QStringLiteral(" erin phone ")))
                phoneId = text.section(QLatin1Char(' '), 0, 0);
        QVERIFY2(!phoneId.isEmpty(), qPrintable(describe(devices)));
        bool toldAdded = false;
        for (const auto &text : listed.lines()) {
            const auto m = line.match(text);
            QVERIFY2(m.hasMatch(), qPrintable(describe(listed)));
            toldAdded = toldAdded
                        || (m.captured(1) == QStringLiteral("added") && m.captured(2) == phoneId
                            && m.captured(4) == QStringLiteral("erin phone"));
        }
        QVERIFY2(toldAdded, qPrintable(describe(listed)));

        const auto notANumber = erin->run({QStringLiteral("remove-device"), QStringLiteral("phone")});
        QVERIFY2(notANumber.exitCode != 0 && notANumber.err.contains(QStringLiteral("not a device id")),
                 qPrintable(describe(notANumber)));
        const auto removed = erin->run({QStringLiteral("remove-device"), phoneId});
        VERIFY_RUN(removed);
        QCOMPARE(removed.lines().value(0), QStringLiteral("removed device ") + phoneId);
        const auto received = erin->run(lapis::test::receiveWaiting());
        VERIFY_RUN(received);
        QVERIFY2(received.err.contains(QStringLiteral("notice: device ") + phoneId
                                       + QStringLiteral(" (\"erin phone\") was removed from your account")),
                 qPrintable(describe(received)));
        const auto after = erin->run({QStringLiteral("device-changes")});
        VERIFY_RUN(after);
        QCOMPARE(after.lines().value(0).section(QLatin1Char(' '), 0, 1), QStringLiteral("removed ") + phoneId);
        QVERIFY2(!erin->run({QStringLiteral("devices")}).out.contains(QStringLiteral("erin phone")),
                 "the removed device is still listed");
    }

    // Issue 16 item 11: password-change takes the old password again; afterwards the old one is
    // wrong and the new one is right (and then asks for the code another device shows).
    void passwordChangeNeedsTheOldPassword()
    {
        auto owner = profile();
        VERIFY_RUN(owner->registerAs(QStringLiteral("pwchange")));
        QTemporaryDir secrets;
        const QString wrongFile = secrets.filePath(QStringLiteral("wrong"));
        const QString newFile = secrets.filePath(QStringLiteral("new"));
        for (const auto &[path, text] :
             {std::pair{wrongFile, "not the password"}, std::pair{newFile, "a new password 9"}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
        const auto refused = owner->run({QStringLiteral("password-change"), QStringLiteral("--password-file"),
                                         wrongFile, QStringLiteral("--new-password-file"), newFile});
        QVERIFY2(refused.exitCode != 0 && !refused.err.isEmpty(), qPrintable(describe(refused)));
        const auto changed = owner->run({QStringLiteral("password-change"), QStringLiteral("--password-file"),
                                         owner->passwordFile(), QStringLiteral("--new-password-file"), newFile});
        VERIFY_RUN(changed);
        QCOMPARE(changed.lines().value(0), QStringLiteral("password changed"));

        auto phone = profile();
        auto oldLogin = login(*phone, QStringLiteral("pwchange"));
        const auto withOld = phone->run(oldLogin);
        QVERIFY2(withOld.exitCode != 0 && withOld.err.contains(QStringLiteral("password")),
                 qPrintable(describe(withOld)));
        auto newLogin = oldLogin;
        newLogin.last() = newFile;
        const auto withNew = phone->run(newLogin);
        QVERIFY2(withNew.exitCode != 0 && withNew.err.contains(QStringLiteral("code")), qPrintable(describe(withNew)));
    }

private:
    /// `device` asks to sign in to `owner`'s account as `deviceName`; `owner` approves (the device
    /// completes with the code it was shown) or denies. False, with the reason, on failure.
    bool signIn(const CliProfile &owner, const CliProfile &device, const QString &deviceName, bool approve) const
    {
        const QStringList args = login(device, owner.name()) + QStringList{QStringLiteral("--device-name"), deviceName};
        const auto refused = device.run(args);
        const auto listed = owner.run({QStringLiteral("sign-in-requests")});
        const auto requests = parseRequests(listed);
        if (refused.exitCode == 0 || requests.size() != 1) {
            qWarning("no pending sign-in: %s\n%s", qPrintable(describe(refused)), qPrintable(describe(listed)));
            return false;
        }
        const auto decided = approve ? device.run(args + QStringList{QStringLiteral("--device-code"), requests[0].code})
                                     : owner.run({QStringLiteral("sign-in-deny"), requests[0].id});
        if (decided.exitCode != 0)
            qWarning("sign-in not decided: %s", qPrintable(describe(decided)));
        return decided.exitCode == 0;
    }

    QStringList login(const CliProfile &p, const QString &user) const
    {
        return {QStringLiteral("login"),           user,
                QStringLiteral("--relay"),         m_relay.address(),
                QStringLiteral("--relay-ca"),      m_relay.certificatePath(),
                QStringLiteral("--password-file"), p.passwordFile()};
    }

    /// Links `device` (signed in, without keys) from Alice's first device, comparing the codes.
    void link(const CliProfile &device)
    {
        QProcess request;
        request.start(QStringLiteral(LAPIS_CLI_BINARY),
                      {QStringLiteral("--profile"), device.dir(), QStringLiteral("--passphrase-file"),
                       device.passphraseFile(), QStringLiteral("link-request"), QStringLiteral("--relay"),
                       m_relay.address(), QStringLiteral("--relay-ca"), m_relay.certificatePath(),
                       QStringLiteral("--device-name"), QStringLiteral("alice phone")});
        QVERIFY(request.waitForStarted());
        QByteArray printed;
        while (printed.count('\n') < 2 && request.waitForReadyRead(30000))
            printed += request.readAllStandardOutput();
        const auto lines = QString::fromUtf8(printed).split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 2 && lines[1].startsWith(QStringLiteral("code: ")),
                 qPrintable(QString::fromUtf8(printed + request.readAllStandardError())));
        VERIFY_RUN(m_alice->run({QStringLiteral("link-approve"), lines[0], QStringLiteral("--code"), lines[1].mid(6)}));
        QVERIFY(request.waitForFinished(60000));
        QVERIFY2(request.exitCode() == 0, request.readAllStandardError().constData());
    }
};

QTEST_GUILESS_MAIN(TestCliSignIn)
#include "tst_cli_signin.moc"
