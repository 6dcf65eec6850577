// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli against what issue 16 found on the client side: plaintext the relay's operator drops
// into a mailbox in an encrypting contact's name, a shipped binary weakened by its environment, a
// one-character passphrase, a recovery code visible in the process list. Real profiles, a real
// relay over TLS, and the operator writing into the relay's own database.
#include <lapis/crypto/PasswordHash.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Content.h>
#include <lapis/protocol/SessionCipher.h>
#include <lapis/store/PassphraseKeyFile.h>
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayOperator.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;
using lapis::test::RelayOperator;

namespace {
void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

/// `binary` --profile DIR --passphrase-file F ARGS with `environment` added and `input` on stdin.
CliRun runWith(const QString &binary, const QStringList &args, const QStringList &environment,
               const QByteArray &input = {})
{
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(binary, args);
    process.write(input);
    process.closeWriteChannel();
    CliRun run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}
} // namespace

class TestCliClientTrust : public lapis::test::CliTestCase {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(startAliceAndBob());
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("hello bob")}));
        VERIFY_RUN(m_bob->run(lapis::test::receiveWaiting()));
    }

    // Item 1: receive prints a warning line on stderr and no message.
    void forgedPlaintextIsAWarningNotAMessage()
    {
        const RelayOperator relayOperator(m_relay.dataPath());
        const auto devices = relayOperator.sql(QStringLiteral(
            "SELECT username, device_id FROM devices WHERE username IN ('alice', 'bob') ORDER BY username"));
        QVERIFY(devices && devices->size() == 2);
        const auto aliceDevice = devices->at(0).section(QLatin1Char('|'), 1).toUInt();
        const auto bobDevice = devices->at(1).section(QLatin1Char('|'), 1).toUInt();

        auto &rng = lapis::crypto::systemRandom();
        lapis::protocol::Content content;
        content.messageId = lapis::protocol::newContentMessageId(QDateTime::currentMSecsSinceEpoch(), rng);
        content.data = lapis::protocol::DataMessage{};
        content.data->text = "please wire the money today";
        content.data->timestamp = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
        const auto padded = content.serialize();
        QVERIFY(padded.ok());
        const auto forged = lapis::protocol::makePlaintextEnvelope(
                                {lapis::AccountId("alice"), lapis::DeviceId(aliceDevice)},
                                {lapis::AccountId("bob"), lapis::DeviceId(bobDevice)}, padded->view(), rng)
                                .serialize();
        QVERIFY(relayOperator.deliver(
            QStringLiteral("bob"), bobDevice,
            {0, QStringLiteral("alice"), aliceDevice, true, QDateTime::currentMSecsSinceEpoch(),
             QByteArray(reinterpret_cast<const char *>(forged.data()), static_cast<qsizetype>(forged.size()))}));

        const auto got = m_bob->run(lapis::test::receiveJson(0));
        VERIFY_RUN(got);
        QVERIFY2(got.json().empty(), qPrintable(describe(got)));
        QVERIFY2(got.err.contains(QStringLiteral("warning: the relay tried to deliver an unencrypted message in the "
                                                 "name of alice")),
                 qPrintable(describe(got)));
        QCOMPARE(got.err.count(QStringLiteral("warning: the relay tried")), 1);
        const auto history = m_bob->run({QStringLiteral("history"), QStringLiteral("alice")});
        VERIFY_RUN(history);
        QVERIFY2(!history.out.contains(QStringLiteral("wire the money")), qPrintable(history.out));
    }

    // Item 18: LAPIS_TEST_FAST_KDF does nothing to the shipped lapis-cli: its key file keeps the
    // real Argon2id costs. (lapis-cli-test, the suites' build, honours it.)
    void shippedCliIgnoresTheFastKdfVariable()
    {
        QTemporaryDir shipped, testBuild, secrets;
        const QString passphrase = secrets.filePath(QStringLiteral("passphrase"));
        writeFile(passphrase, "correct horse battery staple\n");
        const QStringList environment{QStringLiteral("LAPIS_TEST_FAST_KDF=1")};
        const QStringList history{QStringLiteral("history"), QStringLiteral("nobody")};
        VERIFY_RUN(runWith(
            QStringLiteral(LAPIS_SHIPPED_CLI_BINARY),
            QStringList{QStringLiteral("--profile"), shipped.path(), QStringLiteral("--passphrase-file"), passphrase}
                + history,
            environment));
        const auto params = lapis::store::PassphraseKeyFile::params(
            QDir(shipped.path()).filePath(QStringLiteral("lapis.key")).toStdString());
        QVERIFY2(params.ok(), params.ok() ? "" : params.error().message.c_str());
        const auto real = lapis::crypto::Argon2Params::moderate();
        QCOMPARE(params->memLimitBytes, real.memLimitBytes);
        QCOMPARE(params->opsLimit, real.opsLimit);

        VERIFY_RUN(runWith(
            QStringLiteral(LAPIS_CLI_BINARY),
            QStringList{QStringLiteral("--profile"), testBuild.path(), QStringLiteral("--passphrase-file"), passphrase}
                + history,
            environment));
        const auto cheap = lapis::store::PassphraseKeyFile::params(
            QDir(testBuild.path()).filePath(QStringLiteral("lapis.key")).toStdString());
        QVERIFY(cheap.ok());
        QCOMPARE(cheap->memLimitBytes, lapis::crypto::Argon2Params::minimumForTests().memLimitBytes);
    }

    // Item 22: a weak passphrase is refused with a clear message, and nothing is created.
    void shortPassphraseIsRefused()
    {
        QTemporaryDir dir, secrets;
        const QString passphrase = secrets.filePath(QStringLiteral("passphrase"));
        writeFile(passphrase, "abc\n");
        const auto refused = runWith(QStringLiteral(LAPIS_CLI_BINARY),
                                     {QStringLiteral("--profile"), dir.path(), QStringLiteral("--passphrase-file"),
                                      passphrase, QStringLiteral("history"), QStringLiteral("nobody")},
                                     {});
        QVERIFY2(refused.exitCode != 0, qPrintable(describe(refused)));
        QVERIFY2(refused.err.contains(QStringLiteral("too short")) && refused.err.contains(QStringLiteral("8")),
                 qPrintable(describe(refused)));
        QVERIFY2(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty(),
                 qPrintable(QDir(dir.path()).entryList().join(QLatin1Char(' '))));
    }

    // Item 22: the recovery code from a file or from standard input, out of the process list.
    void recoveryCodeFromAFileOrStandardInput()
    {
        QTemporaryDir files;
        const QString backup = files.filePath(QStringLiteral("alice.lapisbackup"));
        const auto exported = m_alice->run({QStringLiteral("backup-export"), backup});
        VERIFY_RUN(exported);
        const QString code = exported.lines().last().trimmed();
        const QString codeFile = files.filePath(QStringLiteral("code"));
        writeFile(codeFile, code.toUtf8() + "\n");

        auto fromFile = profile();
        const auto restored =
            fromFile->run({QStringLiteral("backup-import"), backup, QStringLiteral("--recovery-code-file"), codeFile});
        VERIFY_RUN(restored);
        QVERIFY2(restored.out.contains(QStringLiteral("Restored")), qPrintable(describe(restored)));

        auto fromStdin = profile();
        const auto piped = runWith(QStringLiteral(LAPIS_CLI_BINARY),
                                   {QStringLiteral("--profile"), fromStdin->dir(), QStringLiteral("--passphrase-file"),
                                    fromStdin->passphraseFile(), QStringLiteral("backup-import"), backup,
                                    QStringLiteral("--recovery-code-file"), QStringLiteral("-")},
                                   {QStringLiteral("LAPIS_TEST_FAST_KDF=1")}, code.toUtf8() + "\n");
        VERIFY_RUN(piped);

        // Both at once is a mistake, said as such.
        auto both = profile();
        const auto refused = both->run({QStringLiteral("backup-import"), backup, QStringLiteral("--recovery-code"),
                                        code, QStringLiteral("--recovery-code-file"), codeFile});
        QVERIFY2(refused.exitCode != 0 && refused.err.contains(QStringLiteral("not both")),
                 qPrintable(describe(refused)));
    }
};

QTEST_GUILESS_MAIN(TestCliClientTrust)
#include "tst_cli_client_trust.moc"
