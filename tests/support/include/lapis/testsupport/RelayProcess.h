// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace lapis::test {

/// A real lapis-relay on loopback for a test: its own data folder, a port the OS picks, its
/// self-signed certificate, and cheap Argon2 costs. Stopped (SIGTERM, then SIGKILL) on destruction.
class RelayProcess {
public:
    /// `binary`: the built lapis-relay. `extraArgs` go after the standard ones.
    explicit RelayProcess(QString binary, QStringList extraArgs = {});
    ~RelayProcess();
    RelayProcess(const RelayProcess &) = delete;
    RelayProcess &operator=(const RelayProcess &) = delete;

    /// Starts it and waits for "lapis-relay listening on HOST:PORT". False (with the relay's
    /// output in the test log) when it does not come up within `timeoutMs`.
    bool start(int timeoutMs = 20000);
    /// Ends it with SIGKILL: nothing is flushed or closed cleanly.
    void kill();
    /// Ends it with SIGTERM and waits.
    void stop();
    /// Starts again on the same data folder and port.
    bool restart(int timeoutMs = 20000);

    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] QString certificatePath() const { return m_data.path() + QStringLiteral("/tls/cert.pem"); }
    [[nodiscard]] QString dataPath() const { return m_data.path(); }
    [[nodiscard]] QString binary() const { return m_binary; }
    /// The running relay's process id, 0 when it is not running.
    [[nodiscard]] qint64 processId() const { return m_process ? m_process->processId() : 0; }

private:
    QString m_binary;
    QStringList m_extraArgs;
    QTemporaryDir m_data;
    QString m_listen = QStringLiteral("127.0.0.1:0");
    QString m_address;
    std::unique_ptr<QProcess> m_process;
};

} // namespace lapis::test
