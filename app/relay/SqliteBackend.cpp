// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteBackend: opening and migrating the file, the writer and the readers.
#include "SqliteBackend.h"

namespace lapis::relay {

namespace {

// Every table as of schema 5. Files before schema 5 only ever gained tables and columns that
// this creates when missing, so they are caught up by running it (IF NOT EXISTS).
constexpr const char *SchemaFive = R"sql(
CREATE TABLE IF NOT EXISTS accounts(
  username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, plaintext_only INTEGER NOT NULL,
  created_ms INTEGER NOT NULL, totp_enabled INTEGER NOT NULL DEFAULT 0, totp_secret BLOB,
  totp_pending BLOB, totp_last_step INTEGER NOT NULL DEFAULT -1,
  failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until_ms INTEGER NOT NULL DEFAULT 0,
  next_device INTEGER NOT NULL DEFAULT 1, account_key BLOB NOT NULL DEFAULT x'');
CREATE TABLE IF NOT EXISTS devices(
  username TEXT NOT NULL, device_id INTEGER NOT NULL, name TEXT NOT NULL,
  credential_hash BLOB NOT NULL, created_ms INTEGER NOT NULL,
  certificate BLOB NOT NULL DEFAULT x'', signed_prekey BLOB NOT NULL DEFAULT x'',
  PRIMARY KEY(username, device_id));
CREATE TABLE IF NOT EXISTS one_time_prekeys(
  username TEXT NOT NULL, device_id INTEGER NOT NULL, prekey_id INTEGER NOT NULL,
  public_key BLOB NOT NULL, PRIMARY KEY(username, device_id, prekey_id));
CREATE TABLE IF NOT EXISTS kem_prekeys(
  username TEXT NOT NULL, device_id INTEGER NOT NULL, prekey_id INTEGER NOT NULL,
  public_key BLOB NOT NULL, signature BLOB NOT NULL, last_resort INTEGER NOT NULL,
  PRIMARY KEY(username, device_id, prekey_id));
CREATE TABLE IF NOT EXISTS mailbox(
  id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL, device_id INTEGER NOT NULL,
  kind INTEGER NOT NULL, sender_account TEXT NOT NULL, sender_device INTEGER NOT NULL,
  plaintext INTEGER NOT NULL, server_time_ms INTEGER NOT NULL, payload BLOB NOT NULL,
  event_device INTEGER NOT NULL DEFAULT 0, event_name TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS mailbox_by_device ON mailbox(username, device_id, id);
CREATE INDEX IF NOT EXISTS mailbox_by_time ON mailbox(server_time_ms);
CREATE TABLE IF NOT EXISTS link_tokens(
  token_hash BLOB PRIMARY KEY, username TEXT NOT NULL, expires_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blobs(
  blob_id TEXT PRIMARY KEY, owner TEXT NOT NULL, size INTEGER NOT NULL, received INTEGER NOT NULL,
  complete INTEGER NOT NULL, expires_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sign_ins(
  id TEXT PRIMARY KEY, username TEXT NOT NULL, code TEXT NOT NULL, device_name TEXT NOT NULL,
  created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, wrong_codes INTEGER NOT NULL DEFAULT 0,
  state INTEGER NOT NULL DEFAULT 0, code_hash TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS sign_ins_by_account ON sign_ins(username, created_ms);
CREATE INDEX IF NOT EXISTS blobs_by_owner ON blobs(owner);
CREATE TABLE IF NOT EXISTS code_devices(
  username TEXT NOT NULL, device_id INTEGER NOT NULL, PRIMARY KEY(username, device_id));
CREATE TABLE IF NOT EXISTS sign_in_allowances(username TEXT PRIMARY KEY, since_ms INTEGER NOT NULL);
)sql";

/// Brings a file at schema `found` (< 5) to schema 5.
/// 2: sign_ins (issue 9). 4: sign_ins.code holds the sealed code and code_hash its keyed hash
/// (issue 16 item 17). 5: kem_prekeys (issue 21, PQXDH).
Result<void> toFive(SqliteConnection &db, std::int64_t found)
{
    if (found >= 2 && found < 4) {
        // Codes were kept in the clear before schema 4: they are erased (their requests closed,
        // their pushes withdrawn) rather than carried over; a new device asks again.
        LAPIS_TRY(db.exec("ALTER TABLE sign_ins ADD COLUMN code_hash TEXT NOT NULL DEFAULT ''"));
        LAPIS_TRY(db.exec("UPDATE sign_ins SET code='', state=CASE WHEN state=0 THEN 3 ELSE state END"));
        LAPIS_TRY(db.exec("DELETE FROM mailbox WHERE kind=" + std::to_string(MailboxItem::SignInRequested)));
    }
    return db.exec(SchemaFive);
}

/// Schema 6 added only what relays on one PostgreSQL database share and a single relay keeps in
/// its memory (link addresses, the per-account rate buckets): nothing changes in the file.
Result<void> toSix(SqliteConnection &, std::int64_t)
{
    return {};
}

/// Schema 7: a multi-recipient send's payload is stored once in shared_payloads and the mailbox
/// rows it goes to reference it (payload_ref; 0 for a row holding its own payload).
Result<void> toSeven(SqliteConnection &db, std::int64_t)
{
    // Idempotent, as migration 5 is: a file whose version was set back keeps what it has.
    LAPIS_TRY(db.exec("CREATE TABLE IF NOT EXISTS shared_payloads(id INTEGER PRIMARY KEY AUTOINCREMENT, payload BLOB "
                      "NOT NULL)"));
    bool hasColumn = false;
    {
        // Done with before the ALTER: a statement still stepping would hold the table.
        LAPIS_TRY_ASSIGN(auto column, db.prepare("SELECT count(*) FROM pragma_table_info('mailbox') WHERE "
                                                 "name='payload_ref'"));
        LAPIS_TRY_ASSIGN(bool row, column.step());
        hasColumn = row && column.int64(0) != 0;
    }
    if (!hasColumn)
        LAPIS_TRY(db.exec("ALTER TABLE mailbox ADD COLUMN payload_ref INTEGER NOT NULL DEFAULT 0"));
    return db.exec("CREATE INDEX IF NOT EXISTS mailbox_by_payload ON mailbox(payload_ref) WHERE payload_ref<>0");
}

/// The numbered migrations, oldest first: each brings the file from the version before it to
/// its own, inside the one transaction that also sets user_version.
struct SqliteMigration {
    int version;
    Result<void> (*apply)(SqliteConnection &db, std::int64_t found);
};
constexpr SqliteMigration Migrations[] = {{5, toFive}, {6, toSix}, {7, toSeven}};
static_assert(Migrations[std::size(Migrations) - 1].version == RelaySchemaVersion);

Result<void> migrate(SqliteConnection &db, const std::string &path)
{
    std::int64_t found = 0;
    {
        LAPIS_TRY_ASSIGN(auto version, db.prepare("PRAGMA user_version"));
        LAPIS_TRY_ASSIGN(bool row, version.step());
        found = row ? version.int64(0) : 0;
    }
    if (found > RelaySchemaVersion)
        return fail(ErrorCode::Unsupported, "The relay database " + path
                                                + " was written by a newer lapis-relay "
                                                  "(schema "
                                                + std::to_string(found) + "; this one knows up to "
                                                + std::to_string(RelaySchemaVersion) + "); refusing to open it");
    if (found == RelaySchemaVersion)
        return {};
    const bool eraseClearCodes = found >= 2 && found < 4;
    if (eraseClearCodes)
        LAPIS_TRY(db.exec("PRAGMA secure_delete=ON")); // erased means overwritten, not only unlinked
    LAPIS_TRY(db.exec("BEGIN IMMEDIATE"));
    for (const auto &migration : Migrations) {
        if (migration.version <= found)
            continue;
        if (auto applied = migration.apply(db, found); !applied.ok()) {
            (void)db.exec("ROLLBACK");
            return applied;
        }
    }
    LAPIS_TRY(db.exec("PRAGMA user_version=" + std::to_string(RelaySchemaVersion)));
    LAPIS_TRY(db.exec("COMMIT"));
    if (eraseClearCodes)
        LAPIS_TRY(db.exec("PRAGMA secure_delete=OFF"));
    return {};
}

} // namespace

SqliteBackend::SqliteBackend(std::string path, SqliteConnection writer)
    : m_path(std::move(path))
    , m_writer(std::make_unique<GroupCommitWriter>(std::make_unique<SqliteTx>(std::move(writer))))
{}

SqliteBackend::~SqliteBackend() = default;

Result<std::unique_ptr<SqliteBackend>> SqliteBackend::open(const std::string &path)
{
    LAPIS_TRY_ASSIGN(auto db, SqliteConnection::open(path));
    LAPIS_TRY(migrate(db, path));
    return std::unique_ptr<SqliteBackend>(new SqliteBackend(path, std::move(db)));
}

Result<void> SqliteBackend::write(Job job)
{
    return m_writer->run(std::move(job));
}

Result<void> SqliteBackend::read(const Job &job)
{
    std::unique_ptr<SqliteTx> reader;
    {
        std::lock_guard lock(m_readersMutex);
        if (!m_readers.empty()) {
            reader = std::move(m_readers.back());
            m_readers.pop_back();
        }
    }
    if (!reader) {
        LAPIS_TRY_ASSIGN(auto db, SqliteConnection::open(m_path));
        reader = std::make_unique<SqliteTx>(std::move(db));
    }
    Result<void> r = job(*reader);
    std::lock_guard lock(m_readersMutex);
    if (m_readers.size() < 16)
        m_readers.push_back(std::move(reader));
    return r;
}

std::string SqliteBackend::description() const
{
    return "sqlite " + m_path + ", schema " + std::to_string(RelaySchemaVersion);
}

Result<std::unique_ptr<RelayRules>> openSqliteStorage(const std::string &path)
{
    LAPIS_TRY_ASSIGN(auto backend, SqliteBackend::open(path));
    return std::make_unique<RelayRules>(std::move(backend));
}

} // namespace lapis::relay
