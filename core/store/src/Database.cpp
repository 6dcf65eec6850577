// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/common/Log.h>

#include <sqlite3.h>

#include <cstring>

namespace lapis::store {

namespace {

void finalizeStatement(sqlite3_stmt *stmt)
{
    sqlite3_finalize(stmt);
}

} // namespace

// --- Statement -------------------------------------------------------------------------------

Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

Statement &Statement::bindInt(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bindText(int index, std::string_view value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlob(int index, ByteView value)
{
    // A zero-length blob with a null pointer would bind NULL; keep empty blobs empty, not NULL.
    static const std::uint8_t empty = 0;
    const void *data = value.empty() ? &empty : value.data();
    sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return m_db->error(rc, "A database statement failed");
}

Result<void> Statement::run()
{
    auto stepped = step();
    // Reset at once, so the same handle can be bound and run again in a loop.
    sqlite3_reset(m_stmt);
    if (!stepped.ok())
        return std::move(stepped).error();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::text(int column) const
{
    const auto *p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

Bytes Statement::blob(int column) const
{
    const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? Bytes(p, p + n) : Bytes();
}

SecureBytes Statement::secureBlob(int column) const
{
    const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? SecureBytes::copyOf(ByteView(p, static_cast<std::size_t>(n))) : SecureBytes();
}

std::optional<std::int64_t> Statement::optionalInteger(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return integer(column);
}

// --- Database --------------------------------------------------------------------------------

namespace {
/// Process-wide settings, made before SQLite initialises (afterwards sqlite3_config refuses and
/// changes nothing). Memory statistics take a global mutex on every allocation SQLite makes, from
/// every store thread; nothing here reads them.
void configureSqliteOnce()
{
    static const bool configured = [] {
        (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}
} // namespace

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path &path, ByteView key, bool create)
{
    if (key.size() != 32)
        return fail(ErrorCode::InvalidArgument, "The database key must be 32 bytes long");
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create)
        return fail(ErrorCode::NotFound, "The profile has no database");

    configureSqliteOnce();
    // NOMUTEX: every call happens on the store thread, so SQLite's own locking is pure cost.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (create)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw));
    if (rc != SQLITE_OK)
        return db->error(rc, "Opening the database failed");
    sqlite3_extended_result_codes(raw, 1);

    // Without SQLCipher (libsqlite3 got loaded first, see setup.md) PRAGMA key is a silent no-op
    // and everything would be written in the clear: refuse before the key is even given.
    LAPIS_TRY_ASSIGN(auto cipherVersion, db->queryText("PRAGMA cipher_version"));
    if (!cipherVersion || cipherVersion->empty())
        return fail(ErrorCode::Unavailable, "The SQLite library in this process is not SQLCipher (PRAGMA "
                                            "cipher_version gave no answer); refusing to open an unencrypted store");

    // A raw key skips SQLCipher's PBKDF2 (the key is already random). Held in wiped memory.
    WipedBytes rawKey(3 + 64);
    const std::string hex = toHex(key);
    rawKey.data()[0] = 'x';
    rawKey.data()[1] = '\'';
    std::memcpy(rawKey.data() + 2, hex.data(), 64);
    rawKey.data()[66] = '\'';
    secureWipe(const_cast<char *>(hex.data()), hex.size());
    if (const int krc = sqlite3_key(raw, rawKey.data(), static_cast<int>(rawKey.size())); krc != SQLITE_OK)
        return db->error(krc, "Setting the database key failed");

    // Cipher settings, explicit rather than the library's defaults, which changed between
    // SQLCipher 3 and 4. We keep SQLCipher 3's page format (HMAC-SHA1 over each page,
    // PBKDF2-HMAC-SHA1 for the HMAC subkey) with 4096-byte pages, because that is the one both
    // Debian's 3.4.1 and SQLCipher 4 can read: a profile survives an upgrade of the library.
    // HMAC-SHA1 remains a sound MAC; AES-256-CBC with a random IV per page does the hiding.
    // 3.4.1 ignores the two *_algorithm pragmas (they arrived in 4.0), where they are its defaults.
    // kdf_iter is irrelevant with a raw key, but explicit so that no default can surprise.
    LAPIS_TRY(db->exec("PRAGMA cipher_page_size = 4096;"
                       "PRAGMA kdf_iter = 64000;"
                       "PRAGMA cipher_hmac_algorithm = HMAC_SHA1;"
                       "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA1;"
                       "PRAGMA cipher_use_hmac = ON;"));

    // The first read decrypts page 1: a wrong key fails here (SQLITE_NOTADB), before any write.
    auto check = db->queryInteger("SELECT count(*) FROM sqlite_master");
    if (!check.ok()) {
        if (exists && check.error().code == ErrorCode::Corrupt)
            return fail(ErrorCode::WrongPassphrase,
                        "The database key does not open this database (wrong key, or its first page is damaged)");
        return std::move(check).error();
    }
    return db;
}

Result<std::string> Database::cipherVersion()
{
    configureSqliteOnce();
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<Database> db(new Database(raw));
    if (rc != SQLITE_OK)
        return db->error(rc, "Opening an in-memory database failed");
    LAPIS_TRY_ASSIGN(auto version, db->queryText("PRAGMA cipher_version"));
    if (!version || version->empty())
        return fail(ErrorCode::Unavailable, "The SQLite library in this process is not SQLCipher (PRAGMA "
                                            "cipher_version gave no answer); the store cannot encrypt");
    return *version;
}

Database::~Database()
{
    for (auto &[sql, stmt] : m_statements)
        sqlite3_finalize(stmt);
    m_statements.clear();
    if (m_db) {
        const int rc = sqlite3_close(m_db);
        if (rc != SQLITE_OK)
            qCWarning(lcStore) << "Closing the database failed with code" << rc;
    }
}

Result<void> Database::configureForWriting()
{
    LAPIS_TRY_ASSIGN(auto mode, queryText("PRAGMA journal_mode = WAL"));
    if (!mode || *mode != "wal")
        return fail(ErrorCode::Unsupported, "The database could not be switched to WAL mode");
    // synchronous = FULL: in WAL mode that fsyncs the WAL at every commit. NORMAL would be
    // faster but a power cut may undo the last commits, and the engine acknowledges envelopes to
    // the relay right after committing them: a commit that is acknowledged and then lost is a
    // message lost for good. Batching several writes per transaction keeps the fsync count low.
    // secure_delete: freed pages are zeroed, so deleted rows leave no plaintext-derived residue
    // (old ratchet keys above all); on for every statement, off for COMMIT alone (see commit()).
    // temp_store = MEMORY: sorts and temporary indexes never reach a temp file on disk.
    // cache_size: 64 MiB of decrypted pages; each page read from disk costs an AES + HMAC pass.
    return exec("PRAGMA synchronous = FULL;"
                "PRAGMA foreign_keys = ON;"
                "PRAGMA secure_delete = ON;"
                "PRAGMA temp_store = MEMORY;"
                "PRAGMA cache_size = -65536;"
                "PRAGMA busy_timeout = 5000;");
}

Result<void> Database::commit()
{
    // Everything the transaction's statements removed (old session states and prekeys, deleted
    // and edited messages, sent envelopes) was zeroed as it went, under secure_delete. What is
    // left for COMMIT is the full-text index flushing its new terms and merging segments: the
    // pages such a merge frees hold index terms, and zeroing each of them doubled the index's
    // writes, a third of the cost of storing a message. So only the commit runs without it;
    // runTransaction turns it on again at the next BEGIN whatever happens here.
    LAPIS_TRY(exec("PRAGMA secure_delete = OFF"));
    auto committed = exec("COMMIT");
    if (auto restored = exec("PRAGMA secure_delete = ON"); !restored.ok())
        qCWarning(lcStore) << "secure_delete could not be turned on again:" << restored.error().message.c_str();
    return committed;
}

Result<void> Database::exec(std::string_view sql)
{
    const std::string owned(sql);
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, owned.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
        return error(rc, "A database statement failed");
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    std::string key(sql);
    auto it = m_statements.find(key);
    if (it == m_statements.end()) {
        sqlite3_stmt *stmt = nullptr;
        const int rc = sqlite3_prepare_v2(m_db, key.c_str(), static_cast<int>(key.size()), &stmt, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(stmt);
            return error(rc, "Preparing a database statement failed");
        }
        it = m_statements.emplace(std::move(key), stmt).first;
    }
    return Statement(*this, it->second);
}

Result<std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt *)>> Database::prepareUncached(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt *)> owned(stmt, &finalizeStatement);
    if (rc != SQLITE_OK)
        return error(rc, "Preparing a database statement failed");
    return owned;
}

Result<std::int64_t> Database::queryInteger(std::string_view sql)
{
    LAPIS_TRY_ASSIGN(auto stmt, prepareUncached(sql));
    Statement s(*this, stmt.get());
    LAPIS_TRY_ASSIGN(const bool row, s.step());
    if (!row)
        return fail(ErrorCode::Internal, "A database query returned no row");
    return s.integer(0);
}

Result<std::optional<std::string>> Database::queryText(std::string_view sql)
{
    LAPIS_TRY_ASSIGN(auto stmt, prepareUncached(sql));
    Statement s(*this, stmt.get());
    LAPIS_TRY_ASSIGN(const bool row, s.step());
    if (!row)
        return std::optional<std::string>();
    return std::optional<std::string>(s.text(0));
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Error Database::error(int rc, std::string_view context) const
{
    const int primary = rc & 0xff;
    ErrorCode code = ErrorCode::Internal;
    switch (primary) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        code = ErrorCode::Corrupt;
        break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
        code = ErrorCode::Io;
        break;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            code = ErrorCode::NotFound;
        else if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
            code = ErrorCode::AlreadyExists;
        else
            code = ErrorCode::InvalidArgument;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = ErrorCode::Unavailable;
        break;
    case SQLITE_ERROR:
        // SQLCipher 3 reports a page whose HMAC does not verify as a bare SQLITE_ERROR with
        // SQLite's generic text; real SQL errors always carry a specific message.
        if (m_db && std::strcmp(sqlite3_errmsg(m_db), sqlite3_errstr(rc)) == 0)
            return Error{ErrorCode::Corrupt,
                         std::string(context) + " (a database page failed authentication: the file is damaged)"};
        break;
    default:
        break;
    }
    std::string message(context);
    message += " (";
    message += m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    message += ", code " + std::to_string(rc) + ")";
    return Error{code, std::move(message)};
}

} // namespace lapis::store
