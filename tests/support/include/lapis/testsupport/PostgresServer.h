// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace lapis::test {

/// A throwaway PostgreSQL server for a test: initdb into a temporary folder, listening only on a
/// Unix socket in that folder (no TCP port), started and stopped with pg_ctl. PostgreSQL refuses
/// to run as root, so when the test runs as root (as in CI) the server runs as `nobody`
/// (setpriv). Stopped and deleted on destruction.
class PostgresServer {
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    /// initdb (the first time) and pg_ctl start; false (with the reason in the test log) on failure.
    bool start();
    /// pg_ctl stop -m fast: open connections are cut.
    bool stop();
    /// Creates an empty database; false on failure.
    bool createDatabase(const QString &name);
    /// Runs SQL in `database` with psql; its output (tuples only) or an empty string on failure.
    QString psql(const QString &database, const QString &sql, bool *ok = nullptr);
    /// The libpq URI of `database` (over the Unix socket, as the superuser `lapis`).
    [[nodiscard]] QString uri(const QString &database) const;
    /// The folder holding the server's PostgreSQL binaries (initdb, pg_ctl), empty if none.
    static QString binDir();

private:
    int run(const QString &program, const QStringList &args, bool asServerUser, QString *output = nullptr);

    QTemporaryDir m_dir;
    bool m_initialised = false;
    bool m_running = false;
};

} // namespace lapis::test
