// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace lapis::store {

class Database;

/// A prepared statement borrowed from the Database's cache. It is reset and its bindings cleared
/// when the handle dies, so the next user of the same SQL starts clean. Indices are 1-based for
/// bind and 0-based for columns, as in SQLite.
class Statement {
public:
    Statement(Database &db, sqlite3_stmt *stmt)
        : m_db(&db)
        , m_stmt(stmt)
    {}
    ~Statement();
    Statement(Statement &&other) noexcept
        : m_db(other.m_db)
        , m_stmt(other.m_stmt)
    {
        other.m_stmt = nullptr;
    }
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bindInt(int index, std::int64_t value);
    Statement &bindText(int index, std::string_view value);
    Statement &bindBlob(int index, ByteView value);
    Statement &bindNull(int index);

    /// Binds every argument in order from index 1: integers and bools as INTEGER, strings as
    /// TEXT, byte views as BLOB, an empty std::optional as NULL.
    template<typename... Args>
    Statement &bindAll(const Args &...args)
    {
        int index = 1;
        (bindOne(index++, args), ...);
        return *this;
    }

    /// Advances to the next row: true when there is one, false when done.
    Result<bool> step();
    /// Runs a statement that returns no rows, then resets it for the next run.
    Result<void> run();
    /// Rewinds the statement (bindings stay).
    void reset();

    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] Bytes blob(int column) const;
    /// A BLOB column copied straight into secure memory.
    [[nodiscard]] SecureBytes secureBlob(int column) const;
    [[nodiscard]] std::optional<std::int64_t> optionalInteger(int column) const;

private:
    template<typename T>
    void bindOne(int index, const T &value)
    {
        if constexpr (std::is_same_v<T, std::nullopt_t>)
            bindNull(index);
        else if constexpr (std::is_same_v<T, bool>)
            bindInt(index, value ? 1 : 0);
        else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
            bindInt(index, static_cast<std::int64_t>(value));
        else if constexpr (std::is_convertible_v<const T &, std::string_view>)
            bindText(index, std::string_view(value));
        else if constexpr (std::is_convertible_v<const T &, ByteView>)
            bindBlob(index, ByteView(value));
        else if constexpr (requires { value.has_value(); }) {
            if (value.has_value())
                bindOne(index, *value);
            else
                bindNull(index);
        } else
            static_assert(sizeof(T) == 0, "no SQL binding for this type");
    }

    Database *m_db;
    sqlite3_stmt *m_stmt;
};

/// One open SQLCipher connection. Used only on the store thread; not thread-safe by design.
class Database {
public:
    /// The pages are laid out as SQLCipher 3 does it (see Database.cpp for why), 4096 bytes each.
    static constexpr int PageSize = 4096;

    /// Opens `path` with `key` (32 bytes). With `create` false a missing file is NotFound and is
    /// not created. The key is checked by reading the schema before anything is written: a key
    /// that does not open the file is WrongPassphrase and the file is left untouched.
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path &path, ByteView key, bool create);
    /// PRAGMA cipher_version on a throw-away in-memory connection: Unavailable when the SQLite
    /// this process loaded is not SQLCipher.
    static Result<std::string> cipherVersion();

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Switches to WAL, sets synchronous, foreign keys and the cache. Writes the file header, so it
    /// runs only once the key and the schema version have been accepted.
    Result<void> configureForWriting();

    /// Runs one or more statements that return no rows.
    Result<void> exec(std::string_view sql);
    /// COMMIT without secure_delete: only the full-text index merges at commit (see the definition).
    Result<void> commit();
    /// A cached prepared statement for `sql`.
    Result<Statement> prepare(std::string_view sql);
    /// A statement prepared once, for SQL built at run time that should not fill the cache.
    Result<std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt *)>> prepareUncached(std::string_view sql);

    /// The first column of the first row as an integer (e.g. PRAGMA user_version).
    Result<std::int64_t> queryInteger(std::string_view sql);
    /// The first column of the first row as text, or nullopt when there is no row.
    Result<std::optional<std::string>> queryText(std::string_view sql);

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] bool inTransaction() const;

    /// An Error for SQLite result `rc`, with `context`: NOTADB and CORRUPT are Corrupt, FULL and
    /// IOERR are Io, a UNIQUE or PRIMARY KEY clash is AlreadyExists, a
    /// missing foreign row NotFound. SQLite's message names tables and columns,
    /// never values, so it is safe to carry.
    [[nodiscard]] Error error(int rc, std::string_view context) const;

    sqlite3 *handle() { return m_db; }

private:
    explicit Database(sqlite3 *db)
        : m_db(db)
    {}
    sqlite3 *m_db;
    std::unordered_map<std::string, sqlite3_stmt *> m_statements;
};

} // namespace lapis::store
