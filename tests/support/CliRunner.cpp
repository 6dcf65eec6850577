// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/testsupport/CliRunner.h>

#include <QFile>
#include <QJsonDocument>
#include <QProcess>

namespace lapis::test {

std::vector<QJsonObject> CliRun::json() const
{
    std::vector<QJsonObject> objects;
    for (const auto &line : lines())
        objects.push_back(QJsonDocument::fromJson(line.toUtf8()).object());
    return objects;
}

CliProfile::CliProfile(QString binary, QString relayAddress, QString relayCa)
    : m_binary(std::move(binary))
    , m_relay(std::move(relayAddress))
    , m_ca(std::move(relayCa))
{
    QFile passphrase(m_secrets.filePath(QStringLiteral("passphrase")));
    passphrase.open(QIODevice::WriteOnly);
    passphrase.write("correct horse battery staple\n");
    QFile password(m_secrets.filePath(QStringLiteral("password")));
    password.open(QIODevice::WriteOnly);
    password.write("relay password 123\n");
}

CliProfile::CliProfile(const RelayProcess &relay)
    : CliProfile(builtBinary(), relay.address(), relay.certificatePath())
{}

QString CliProfile::builtBinary()
{
    return QStringLiteral(LAPIS_BUILT_CLI_BINARY);
}

CliRun CliProfile::run(const QStringList &args, int timeoutMs) const
{
    QProcess process;
    QStringList all{QStringLiteral("--profile"), m_dir.path(), QStringLiteral("--passphrase-file"),
                    m_secrets.filePath(QStringLiteral("passphrase"))};
    all << args;
    process.start(m_binary, all);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
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

CliRun CliProfile::registerAs(const QString &name, bool plaintextOnly)
{
    m_name = name;
    QStringList args{QStringLiteral("register"),        name,
                     QStringLiteral("--relay"),         m_relay,
                     QStringLiteral("--relay-ca"),      m_ca,
                     QStringLiteral("--password-file"), m_secrets.filePath(QStringLiteral("password"))};
    if (plaintextOnly)
        args << QStringLiteral("--plaintext");
    return run(args);
}

QStringList receiveJson(int count, int deadlineSeconds)
{
    return {QStringLiteral("receive"), QStringLiteral("--json"),    QStringLiteral("--count"),
            QString::number(count),    QStringLiteral("--timeout"), QString::number(deadlineSeconds)};
}

QStringList receiveWaiting(int deadlineSeconds)
{
    return {QStringLiteral("receive"), QStringLiteral("--count"), QStringLiteral("0"), QStringLiteral("--timeout"),
            QString::number(deadlineSeconds)};
}

bool CliTestCase::startAliceAndBob()
{
    if (!m_relay.start())
        return false;
    m_alice = profile();
    m_bob = profile();
    for (auto *person : {m_alice.get(), m_bob.get()}) {
        const auto name = person == m_alice.get() ? QStringLiteral("alice") : QStringLiteral("bob");
        const auto registered = person->registerAs(name);
        if (registered.exitCode != 0) {
            qWarning("register %s: %s", qPrintable(name), qPrintable(describe(registered)));
            return false;
        }
    }
    return true;
}

QString describe(const CliRun &run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out, run.err);
}

std::string readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

} // namespace lapis::test
