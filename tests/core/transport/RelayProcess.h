// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/transport/Types.h>

#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace lapis::test {

/// The built lapis-relay as a child process on loopback with real TLS and a real data folder.
class RelayProcess {
public:
    /// `dataDir` outlives the process (so a restart finds the same database).
    RelayProcess(QString dataDir, QStringList extraArgs = {});
    ~RelayProcess();

    /// Starts the relay on 127.0.0.1:0 and waits for its listening line; false on failure.
    bool start();
    /// SIGKILL: nothing flushed, nothing cleaned up.
    void kill();
    /// SIGTERM and wait for a graceful exit; returns the exit code.
    int terminate();

    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] QString dataDir() const { return m_dataDir; }
    /// The running relay's process id, 0 when it is not running.
    [[nodiscard]] qint64 processId() const { return m_process ? m_process->processId() : 0; }
    /// The endpoint pinning the relay's self-signed certificate.
    [[nodiscard]] transport::RelayEndpoint endpoint() const;
    /// Runs `lapis-relay --data DIR ARGS...` to completion (admin commands); returns the exit code.
    int runAdmin(const QStringList &args, QString *output = nullptr) const;

    static QString binary();
    /// Before start(): the relay's real Argon2id costs instead of the minimal test ones.
    void useProductionArgon2() { m_productionArgon2 = true; }

private:
    QString m_dataDir;
    QStringList m_extraArgs;
    std::unique_ptr<QProcess> m_process;
    QString m_address;
    bool m_productionArgon2 = false;
};

} // namespace lapis::test
