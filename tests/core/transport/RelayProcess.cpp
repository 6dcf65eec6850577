// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayProcess.h"

#include <QDeadlineTimer>
#include <QFile>

namespace lapis::test {

RelayProcess::RelayProcess(QString dataDir, QStringList extraArgs)
    : m_dataDir(std::move(dataDir))
    , m_extraArgs(std::move(extraArgs))
{}

RelayProcess::~RelayProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

QString RelayProcess::binary()
{
    return QStringLiteral(LAPIS_RELAY_BINARY);
}

bool RelayProcess::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{"--data", m_dataDir, "--listen", "127.0.0.1:0"};
    if (!m_productionArgon2)
        args << "--argon2-test-params";
    args += m_extraArgs;
    m_process->start(binary(), args);
    if (!m_process->waitForStarted(10'000))
        return false;
    const QByteArray prefix = "lapis-relay listening on ";
    QDeadlineTimer deadline(15'000);
    QByteArray buffer;
    while (!deadline.hasExpired()) {
        if (!m_process->canReadLine() && !m_process->waitForReadyRead(static_cast<int>(deadline.remainingTime())))
            break;
        while (m_process->canReadLine()) {
            const QByteArray line = m_process->readLine().trimmed();
            if (line.startsWith(prefix)) {
                m_address = QString::fromUtf8(line.mid(prefix.size()));
                return true;
            }
        }
    }
    return false;
}

void RelayProcess::kill()
{
    m_process->kill();
    m_process->waitForFinished(10'000);
}

int RelayProcess::terminate()
{
    m_process->terminate();
    if (!m_process->waitForFinished(15'000))
        return -1;
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

transport::RelayEndpoint RelayProcess::endpoint() const
{
    QFile cert(m_dataDir + "/tls/cert.pem");
    cert.open(QIODevice::ReadOnly);
    return transport::RelayEndpoint{m_address.toStdString(), cert.readAll().toStdString(), {}};
}

int RelayProcess::runAdmin(const QStringList &args, QString *output) const
{
    QProcess admin;
    admin.start(binary(), QStringList{"--data", m_dataDir} + args);
    if (!admin.waitForFinished(30'000))
        return -1;
    if (output)
        *output = QString::fromUtf8(admin.readAllStandardOutput() + admin.readAllStandardError());
    return admin.exitCode();
}

} // namespace lapis::test
