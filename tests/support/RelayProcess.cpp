// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/transport/Types.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QtDebug>

namespace lapis::test {

RelayProcess::RelayProcess(QString binary, QStringList extraArgs)
    : m_binary(std::move(binary))
    , m_extraArgs(std::move(extraArgs))
{}

RelayProcess::RelayProcess(RelayDataDir dataDir, QStringList extraArgs)
    : m_binary(builtBinary())
    , m_extraArgs(std::move(extraArgs))
    , m_dataDir(std::move(dataDir.path))
{}

RelayProcess::~RelayProcess()
{
    stop();
}

QString RelayProcess::builtBinary()
{
    return QStringLiteral(LAPIS_BUILT_RELAY_BINARY);
}

bool RelayProcess::start(int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    // Its log goes to the test's own: read by nobody else, a pipe of it could fill and stall it.
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{QStringLiteral("--data"), dataPath(), QStringLiteral("--listen"), m_listen};
    if (!m_productionArgon2)
        args << QStringLiteral("--argon2-test-params");
    if (!m_database.isEmpty())
        args << QStringLiteral("--database") << m_database;
    args << m_extraArgs;
    m_process->start(m_binary, args);
    if (!m_process->waitForStarted(timeoutMs)) {
        qWarning() << "lapis-relay did not start:" << m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("lapis-relay listening on (\\S+)"));
    QByteArray output;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running)
            break;
        m_process->waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
        output += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_address = match.captured(1);
            m_listen = m_address; // a restart comes back on the same port
            return true;
        }
    }
    qWarning() << "lapis-relay did not come up:" << output;
    return false;
}

void RelayProcess::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
}

void RelayProcess::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(10000);
        }
    }
}

int RelayProcess::terminate()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(15000))
        return -1;
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool RelayProcess::restart(int timeoutMs)
{
    stop();
    return start(timeoutMs);
}

transport::RelayEndpoint RelayProcess::endpoint() const
{
    QFile cert(certificatePath());
    if (!cert.open(QIODevice::ReadOnly))
        qWarning() << "no relay certificate at" << certificatePath();
    return transport::RelayEndpoint{m_address.toStdString(), cert.readAll().toStdString(), {}};
}

int RelayProcess::runAdmin(const QStringList &args, QString *output) const
{
    QProcess admin;
    QStringList standard{QStringLiteral("--data"), dataPath()};
    if (!m_database.isEmpty())
        standard << QStringLiteral("--database") << m_database;
    admin.start(m_binary, standard + args);
    if (!admin.waitForFinished(30000))
        return -1;
    if (output)
        *output = QString::fromUtf8(admin.readAllStandardOutput() + admin.readAllStandardError());
    return admin.exitStatus() == QProcess::NormalExit ? admin.exitCode() : -1;
}

} // namespace lapis::test
