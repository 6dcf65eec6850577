// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli backup-export / backup-import through a real relay: the recovery code, a restore that
// becomes a new device of the account, and files that must not restore (wrong code, truncated,
// altered), each leaving the target folder exactly as it was.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;
using lapis::test::readFile;

namespace {
const QRegularExpression CodePattern(QStringLiteral("^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$"));

/// Every entry under `dir` and beside it that a restore could have left behind.
QStringList leftovers(const QString &dir)
{
    QStringList found = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    const QFileInfo info(dir);
    for (const auto &sibling : info.dir().entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
        if (sibling.startsWith(QLatin1Char('.') + info.fileName() + QStringLiteral(".restoring-")))
            found << sibling;
    return found;
}

void writeFile(const QString &path, const std::string &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), static_cast<qint64>(bytes.size()));
}
} // namespace

class TestCliBackup : public lapis::test::CliTestCase {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(startAliceAndBob());
        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("before the backup")}));
        VERIFY_RUN(m_bob->run(lapis::test::receiveWaiting()));
        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("a pelican answer")}));
        VERIFY_RUN(m_alice->run(lapis::test::receiveWaiting()));
        // The backup that the slots below restore or damage, in a folder of its own.
        m_backup = m_backupDir.filePath(QStringLiteral("alice.lapisbackup"));
        m_exported = m_alice->run({QStringLiteral("backup-export"), m_backup});
        VERIFY_RUN(m_exported);
        const auto lines = m_exported.lines();
        QVERIFY(!lines.isEmpty());
        m_code = lines.last().trimmed();
    }

    void exportPrintsTheRecoveryCodeLast()
    {
        QVERIFY2(CodePattern.match(m_code).hasMatch(), qPrintable(m_exported.out));
        const auto bytes = readFile(m_backup);
        QVERIFY(bytes.size() > 100);
        QCOMPARE(QByteArray::fromStdString(bytes.substr(0, 8)), QByteArray("LAPISBAK"));
        // The code is not in the file, and no temporary file stays beside it.
        QVERIFY(bytes.find(m_code.toStdString()) == std::string::npos);
        QCOMPARE(QDir(m_backupDir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

        // A second export gets a different code.
        const auto again = m_alice->run({QStringLiteral("backup-export"), m_files.filePath(QStringLiteral("b2"))});
        VERIFY_RUN(again);
        QVERIFY(again.lines().last().trimmed() != m_code);
    }

    void wrongCodeCreatesNothing()
    {
        CliProfile target(m_relay);
        QString wrong = m_code;
        wrong[0] = wrong[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        const auto run =
            target.run({QStringLiteral("backup-import"), m_backup, QStringLiteral("--recovery-code"), wrong});
        QVERIFY2(run.exitCode != 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("recovery code")), qPrintable(describe(run)));
        QVERIFY2(leftovers(target.dir()).isEmpty(), qPrintable(leftovers(target.dir()).join(QLatin1Char(' '))));

        const auto malformed = target.run(
            {QStringLiteral("backup-import"), m_backup, QStringLiteral("--recovery-code"), QStringLiteral("12345")});
        QVERIFY2(malformed.exitCode != 0, qPrintable(describe(malformed)));
        QVERIFY(leftovers(target.dir()).isEmpty());
    }

    void damagedFilesCreateNothing_data()
    {
        QTest::addColumn<int>("cut");
        QTest::addColumn<int>("flip");
        QTest::addColumn<QString>("expected");
        const auto size = static_cast<int>(readFile(m_backup).size());
        QTest::newRow("truncated mid-record") << size - 40 << -1 << QStringLiteral("truncated");
        QTest::newRow("truncated header") << 30 << -1 << QStringLiteral("truncated");
        // A flip may hit a length prefix, which reads as a damaged or a truncated file.
        QTest::newRow("byte flipped in a record") << -1 << size / 2 << QStringLiteral("damaged|truncated");
        QTest::newRow("byte flipped in the last record") << -1 << size - 3 << QStringLiteral("damaged");
        QTest::newRow("not a backup") << -1 << 2 << QStringLiteral("not a Lapis backup");
    }

    void damagedFilesCreateNothing()
    {
        QFETCH(int, cut);
        QFETCH(int, flip);
        QFETCH(QString, expected);
        auto bytes = readFile(m_backup);
        if (cut >= 0)
            bytes.resize(static_cast<std::size_t>(cut));
        if (flip >= 0)
            bytes[static_cast<std::size_t>(flip)] = static_cast<char>(bytes[static_cast<std::size_t>(flip)] ^ 0x20);
        const auto damaged = m_files.filePath(QStringLiteral("damaged"));
        writeFile(damaged, bytes);
        CliProfile target(m_relay);
        const auto run =
            target.run({QStringLiteral("backup-import"), damaged, QStringLiteral("--recovery-code"), m_code});
        QVERIFY2(run.exitCode != 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QRegularExpression(expected)), qPrintable(describe(run)));
        QVERIFY2(leftovers(target.dir()).isEmpty(), qPrintable(leftovers(target.dir()).join(QLatin1Char(' '))));
    }

    void restoreIsANewDeviceWithTheHistory()
    {
        CliProfile restored(m_relay);
        // The code as a person might type it: lower case, spaces instead of dashes.
        const auto typed = m_code.toLower().replace(QLatin1Char('-'), QLatin1Char(' '));
        VERIFY_RUN(restored.run({QStringLiteral("backup-import"), m_backup, QStringLiteral("--recovery-code"), typed}));

        const auto history = restored.run({QStringLiteral("history"), QStringLiteral("bob")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("before the backup")), qPrintable(history.out));
        QVERIFY2(history.out.contains(QStringLiteral("a pelican answer")), qPrintable(history.out));
        const auto search = restored.run({QStringLiteral("search"), QStringLiteral("pelican")});
        VERIFY_RUN(search);
        QVERIFY2(search.out.contains(QStringLiteral("a pelican answer")), qPrintable(search.out));

        // A new device of the same account: two devices now, Bob's safety number unchanged.
        const auto devices = restored.run({QStringLiteral("devices")});
        VERIFY_RUN(devices);
        QCOMPARE(devices.lines().size(), 2);
        const auto number = restored.run({QStringLiteral("safety-number"), QStringLiteral("bob")});
        const auto original = m_alice->run({QStringLiteral("safety-number"), QStringLiteral("bob")});
        VERIFY_RUN(number);
        QCOMPARE(number.out, original.out);

        // New messages reach the restored device, and the original one keeps working too.
        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("after the restore")}));
        const auto got = restored.run(lapis::test::receiveJson(1));
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1, qPrintable(describe(got)));
        QCOMPARE(got.json()[0][QStringLiteral("text")].toString(), QStringLiteral("after the restore"));
        QCOMPARE(got.json()[0][QStringLiteral("e2e")].toBool(), true);
        const auto atOriginal = m_alice->run(lapis::test::receiveJson(1));
        VERIFY_RUN(atOriginal);
        QVERIFY2(atOriginal.out.contains(QStringLiteral("after the restore")), qPrintable(describe(atOriginal)));

        // And the restored device sends end to end.
        VERIFY_RUN(restored.run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("from the restore")}));
        const auto atBob = m_bob->run(lapis::test::receiveJson(1));
        VERIFY_RUN(atBob);
        QVERIFY2(atBob.out.contains(QStringLiteral("from the restore")), qPrintable(describe(atBob)));

        // A profile that holds an account is never overwritten.
        const auto before = QDir(m_alice->dir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        const auto over =
            m_alice->run({QStringLiteral("backup-import"), m_backup, QStringLiteral("--recovery-code"), m_code});
        QVERIFY2(over.exitCode != 0, qPrintable(describe(over)));
        QVERIFY2(over.err.contains(QStringLiteral("empty")), qPrintable(describe(over)));
        QCOMPARE(QDir(m_alice->dir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    }

private:
    QTemporaryDir m_files;
    QTemporaryDir m_backupDir;
    QString m_backup;
    CliRun m_exported;
    QString m_code;
};

QTEST_GUILESS_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
