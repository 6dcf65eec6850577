// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/testsupport/RelayProcess.h>

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QtDebug>

namespace lapis::test {

RelayProcess::RelayProcess(QString binary, QStringList extraArgs)
    : m_binary(std::move(binary))
    , m_extraArgs(std::move(extraArgs))
{}

RelayProcess::~RelayProcess()
{
    stop();
}

bool RelayProcess::start(int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    QStringList args{QStringLiteral("--data"), m_data.path(), QStringLiteral("--listen"), m_listen,
                     QStringLiteral("--argon2-test-params")};
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
    qWarning() << "lapis-relay did not come up:" << output << m_process->readAllStandardError();
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

bool RelayProcess::restart(int timeoutMs)
{
    stop();
    return start(timeoutMs);
}

} // namespace lapis::test
