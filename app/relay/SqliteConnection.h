// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace lapis::relay {

class SqliteConnection;

/// One prepared statement; bind parameters by 1-based index, step, read columns by 0-based index.
class SqliteStatement {
public:
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&) = delete;
    SqliteStatement(const SqliteStatement &) = delete;
    ~SqliteStatement();

    SqliteStatement &bind(int index, std::int64_t value);
    SqliteStatement &bind(int index, std::string_view text);
    SqliteStatement &bindBlob(int index, ByteView blob);
    SqliteStatement &bindNull(int index);

    /// True when a row is ready, false when done.
    Result<bool> step();
    /// Runs to completion, ignoring rows.
    Result<void> run();
    void reset();

    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] Bytes blob(int column) const;
    [[nodiscard]] bool isNull(int column) const;

private:
    friend class SqliteConnection;
    SqliteStatement(SqliteConnection *owner, sqlite3 *db, sqlite3_stmt *stmt, std::string sql)
        : m_owner(owner)
        , m_db(db)
        , m_stmt(stmt)
        , m_sql(std::move(sql))
    {}
    SqliteConnection *m_owner = nullptr;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::string m_sql;
};

/// A connection to the relay's database in WAL mode with full synchronous commits, so a commit
/// that returned is on disk. Used from one thread at a time.
class SqliteConnection {
public:
    static Result<SqliteConnection> open(const std::string &path);
    SqliteConnection(SqliteConnection &&other) noexcept;
    SqliteConnection &operator=(SqliteConnection &&) = delete;
    SqliteConnection(const SqliteConnection &) = delete;
    ~SqliteConnection();

    Result<void> exec(std::string_view sql);
    /// A statement for `sql`, reused from the connection's cache when it was prepared before:
    /// the single writer runs the same few statements thousands of times a second.
    Result<SqliteStatement> prepare(std::string_view sql);
    [[nodiscard]] std::int64_t changes() const;
    [[nodiscard]] std::int64_t lastInsertRowId() const;

private:
    friend class SqliteStatement;
    explicit SqliteConnection(sqlite3 *db)
        : m_db(db)
    {}
    void giveBack(std::string sql, sqlite3_stmt *stmt);

    sqlite3 *m_db = nullptr;
    /// Idle prepared statements; one in use is taken out, so no two users share one.
    std::unordered_map<std::string, sqlite3_stmt *> m_cache;
};

/// An Io error with SQLite's message, for errors that are the disk's or a bug's, not the user's.
Error sqliteError(sqlite3 *db, std::string_view what);

} // namespace lapis::relay
