// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace lapis::transport {
struct RelayEndpoint;
}

namespace lapis::test {

/// A data folder that the test keeps, so that it outlives the relay (a restart, a second relay
/// on the same database, the operator's own look at relay.db).
struct RelayDataDir {
    QString path;
};

/// A real lapis-relay on loopback for a test: its own data folder, a port the OS picks, its
/// self-signed certificate, and cheap Argon2 costs (unless useProductionArgon2()). Stopped
/// (SIGTERM, then SIGKILL) on destruction.
class RelayProcess {
public:
    /// `binary`: the built lapis-relay, in a temporary data folder. `extraArgs` go after the
    /// standard ones.
    explicit RelayProcess(QString binary, QStringList extraArgs = {});
    /// The build's lapis-relay (a test added with NEEDS_RELAY) on the data folder `dataDir`.
    explicit RelayProcess(RelayDataDir dataDir, QStringList extraArgs = {});
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
    /// SIGTERM and wait for a graceful exit; returns the exit code (-1: it did not exit cleanly).
    int terminate();
    /// Starts again on the same data folder and port.
    bool restart(int timeoutMs = 20000);
    /// Before start(): the relay's real Argon2id costs instead of the minimal test ones.
    void useProductionArgon2() { m_productionArgon2 = true; }
    /// Before start(): keep everything in the PostgreSQL database at `uri` (--database), for
    /// serving and for runAdmin(). Relays on one database may share one data folder (RelayDataDir):
    /// the same certificate, sealing key and attachment folder.
    void useDatabase(QString uri) { m_database = std::move(uri); }

    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] QString certificatePath() const { return dataPath() + QStringLiteral("/tls/cert.pem"); }
    [[nodiscard]] QString dataPath() const { return m_dataDir ? *m_dataDir : m_data.path(); }
    [[nodiscard]] QString dataDir() const { return dataPath(); }
    [[nodiscard]] QString binary() const { return m_binary; }
    /// The running relay's process id, 0 when it is not running.
    [[nodiscard]] qint64 processId() const { return m_process ? m_process->processId() : 0; }
    /// The endpoint pinning the relay's self-signed certificate (include lapis/transport/Types.h).
    [[nodiscard]] transport::RelayEndpoint endpoint() const;
    /// Runs `lapis-relay --data DIR ARGS...` to completion (admin commands); returns the exit code.
    int runAdmin(const QStringList &args, QString *output = nullptr) const;

    /// The build's lapis-relay, for tests added with NEEDS_RELAY (empty without the relay).
    static QString builtBinary();

private:
    QString m_binary;
    QStringList m_extraArgs;
    QTemporaryDir m_data;
    std::optional<QString> m_dataDir;
    QString m_listen = QStringLiteral("127.0.0.1:0");
    QString m_address;
    bool m_productionArgon2 = false;
    QString m_database;
    std::unique_ptr<QProcess> m_process;
};

} // namespace lapis::test
