// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteConnection.h"

#include <sqlite3.h>

namespace lapis::relay {

Error sqliteError(sqlite3 *db, std::string_view what)
{
    return fail(ErrorCode::Io, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_owner(other.m_owner)
    , m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_sql(std::move(other.m_sql))
{
    other.m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    if (!m_stmt)
        return;
    if (m_owner)
        m_owner->giveBack(std::move(m_sql), m_stmt);
    else
        sqlite3_finalize(m_stmt);
}

SqliteStatement &SqliteStatement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, std::string_view text)
{
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bindBlob(int index, ByteView blob)
{
    // A zero-length blob must still bind as a blob, not NULL.
    static const std::uint8_t empty = 0;
    sqlite3_bind_blob(m_stmt, index, blob.empty() ? &empty : blob.data(), static_cast<int>(blob.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return sqliteError(m_db, "A database statement failed");
}

Result<void> SqliteStatement::run()
{
    for (;;) {
        LAPIS_TRY_ASSIGN(bool row, step());
        if (!row)
            return {};
    }
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::string SqliteStatement::text(int column) const
{
    const auto *p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

Bytes SqliteStatement::blob(int column) const
{
    const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? Bytes(p, p + n) : Bytes();
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Result<SqliteConnection> SqliteConnection::open(const std::string &path)
{
    sqlite3 *db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        auto error = sqliteError(db, "Cannot open the relay database " + path);
        sqlite3_close(db);
        return error;
    }
    SqliteConnection connection(db);
    // The admin command and the relay share the file: wait for each other rather than fail.
    sqlite3_busy_timeout(db, 10000);
    // WAL lets readers run beside the writer; synchronous=FULL syncs the WAL on every commit, so
    // an acknowledged write survives a power cut. Group commit keeps that to one fsync per batch.
    LAPIS_TRY(connection.exec("PRAGMA journal_mode=WAL"));
    LAPIS_TRY(connection.exec("PRAGMA synchronous=FULL"));
    LAPIS_TRY(connection.exec("PRAGMA foreign_keys=OFF"));
    // Group commit runs each job in a savepoint, so SQLite keeps a statement journal of the
    // pages a job changes; in a temporary file that was a pwrite per few inserts (40% of the
    // relay's time in lapis-bench-relay). It is needed only to roll a job back, never to recover.
    LAPIS_TRY(connection.exec("PRAGMA temp_store=MEMORY"));
    return connection;
}

SqliteConnection::SqliteConnection(SqliteConnection &&other) noexcept
    : m_db(other.m_db)
    , m_cache(std::move(other.m_cache))
{
    other.m_db = nullptr;
    other.m_cache.clear();
}

SqliteConnection::~SqliteConnection()
{
    for (auto &[sql, stmt] : m_cache)
        sqlite3_finalize(stmt);
    sqlite3_close_v2(m_db);
}

void SqliteConnection::giveBack(std::string sql, sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!m_cache.try_emplace(std::move(sql), stmt).second)
        sqlite3_finalize(stmt);
}

Result<void> SqliteConnection::exec(std::string_view sql)
{
    char *message = nullptr;
    const std::string statement(sql);
    if (sqlite3_exec(m_db, statement.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        return fail(ErrorCode::Io, "A database statement failed: " + text);
    }
    return {};
}

Result<SqliteStatement> SqliteConnection::prepare(std::string_view sql)
{
    std::string key(sql);
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        sqlite3_stmt *stmt = it->second;
        m_cache.erase(it);
        return SqliteStatement(this, m_db, stmt, std::move(key));
    }
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return sqliteError(m_db, "Cannot prepare a database statement");
    return SqliteStatement(this, m_db, stmt, std::move(key));
}

std::int64_t SqliteConnection::changes() const
{
    return sqlite3_changes(m_db);
}
std::int64_t SqliteConnection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace lapis::relay
