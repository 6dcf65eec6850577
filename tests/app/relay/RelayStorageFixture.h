// SPDX-License-Identifier: GPL-3.0-or-later
// What every suite over the relay's storage shares: one backend per run (SQLite files, or fresh
// databases on a throwaway PostgreSQL server), a fresh place per test, and a main() that runs
// the suite on both backends.
#pragma once

#include "OpenStorage.h"

#include <lapis/testsupport/PostgresServer.h>

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace lapis::test {

class RelayStorageFixture {
public:
    /// `postgres`: the server whose fresh databases the tests use; null: SQLite files. Each
    /// test's place is named `prefix` and its number.
    RelayStorageFixture(PostgresServer *postgres, QString prefix)
        : m_postgres(postgres)
        , m_prefix(std::move(prefix))
    {}

protected:
    /// The storage at this test's place (the same one again when a test opens it twice).
    Result<std::unique_ptr<relay::RelayRules>> open()
    {
        if (m_postgres)
            return relay::openRelayStorage({}, m_postgres->uri(m_database).toStdString());
        return relay::openRelayStorage(m_dir.filePath(m_database).toStdString(), {});
    }

    /// For initTestCase: says which backend runs; false when the scratch folder is missing.
    bool startBackend()
    {
        qInfo("backend: %s", m_postgres ? "postgresql" : "sqlite");
        return m_dir.isValid();
    }

    /// For init: a fresh database (or folder) for the next test.
    bool freshPlace()
    {
        m_database = m_prefix + QString::number(++m_tests);
        return m_postgres ? m_postgres->createDatabase(m_database) : QDir(m_dir.path()).mkpath(m_database);
    }

    PostgresServer *m_postgres;
    QTemporaryDir m_dir;
    QString m_database;

private:
    QString m_prefix;
    int m_tests = 0;
};

/// Runs `Suite` on SQLite, then on a throwaway PostgreSQL server (which must start: CI never skips
/// the PostgreSQL backend). Returns the number of failures.
template<typename Suite>
int runOnBothBackends(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failed = 0;
    {
        Suite sqlite(nullptr);
        failed += QTest::qExec(&sqlite, argc, argv);
    }
    PostgresServer postgres;
    if (!postgres.start()) {
        qCritical("The throwaway PostgreSQL server did not start: the PostgreSQL backend is untested");
        return 1;
    }
    {
        Suite pg(&postgres);
        failed += QTest::qExec(&pg, argc, argv);
    }
    return failed;
}

} // namespace lapis::test
