// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStorage.h"

#include <algorithm>

namespace lapis::relay {

using namespace sqlite_detail;

namespace {

// 2: sign_ins (issue 9); tables only added, so version 1 files open and gain them.
// 4: sign_ins.code holds the sealed code and code_hash its keyed hash (issue 16 item 17).
// 5: kem_prekeys (issue 21, PQXDH): a table only added, so version 4 files open and gain it
// (CREATE TABLE IF NOT EXISTS in one transaction with the version bump).
constexpr int SchemaVersion = 5;

constexpr const char *Schema = R"sql(
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

// Failed log-ins before the account is locked, and the first lock-out; each further failure
// doubles it, up to an hour. Enough for typos, useless for guessing.
constexpr std::int64_t FreeAttempts = 4;
constexpr std::int64_t FirstLockoutMs = 30'000;
constexpr std::int64_t MaxLockoutMs = 3'600'000;

Error noAccount()
{
    return fail(ErrorCode::NotFound, "No such account");
}

} // namespace

namespace sqlite_detail {

Result<DeviceAdded> insertDevice(SqliteConnection &db, const AccountRecord &account, const std::string &name,
                                 ByteView credentialHash, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto next, db.prepare("SELECT next_device FROM accounts WHERE username=?"));
    next.bind(1, account.username);
    LAPIS_TRY_ASSIGN(bool row, next.step());
    if (!row)
        return noAccount();
    const auto deviceId = static_cast<std::uint32_t>(next.int64(0));

    LAPIS_TRY_ASSIGN(auto others, loadDevices(db, account.username));
    LAPIS_TRY_ASSIGN(auto insert, db.prepare("INSERT INTO devices(username, device_id, name, credential_hash, "
                                             "created_ms) VALUES(?,?,?,?,?)"));
    insert.bind(1, account.username).bind(2, deviceId).bind(3, name).bindBlob(4, credentialHash).bind(5, nowMs);
    LAPIS_TRY(insert.run());
    LAPIS_TRY_ASSIGN(auto bump, db.prepare("UPDATE accounts SET next_device=next_device+1, failed_attempts=0, "
                                           "locked_until_ms=0 WHERE username=?"));
    bump.bind(1, account.username);
    LAPIS_TRY(bump.run());
    // Plaintext sent while the account had no device waits in mailbox 0 for the first one.
    LAPIS_TRY_ASSIGN(auto adopt, db.prepare("UPDATE mailbox SET device_id=? WHERE username=? AND device_id=0"));
    adopt.bind(1, deviceId).bind(2, account.username);
    LAPIS_TRY(adopt.run());

    DeviceAdded added;
    added.deviceId = deviceId;
    added.plaintextOnly = account.plaintextOnly;
    for (const auto &other : others) {
        LAPIS_TRY(insertEvent(db, account.username, other.deviceId, MailboxItem::DeviceAdded, deviceId, name, nowMs));
        added.notified.push_back(other.deviceId);
    }
    return added;
}

} // namespace sqlite_detail

namespace {

Result<void> consumeStep(SqliteConnection &db, const AccountRecord &account, std::int64_t step)
{
    if (step <= account.totpLastStep)
        return fail(ErrorCode::Duplicate, "This TOTP code was used already; wait for the next one");
    LAPIS_TRY_ASSIGN(auto update, db.prepare("UPDATE accounts SET totp_last_step=? WHERE username=?"));
    update.bind(1, step).bind(2, account.username);
    return update.run();
}

} // namespace

namespace sqlite_detail {

Result<std::optional<AccountRecord>> loadAccount(SqliteConnection &db, const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT password_hash, plaintext_only, totp_enabled, totp_secret, "
                                        "totp_pending, totp_last_step, failed_attempts, locked_until_ms, "
                                        "account_key FROM accounts WHERE username=?"));
    q.bind(1, username);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<AccountRecord>();
    AccountRecord a;
    a.username = username;
    a.passwordHash = q.text(0);
    a.plaintextOnly = q.int64(1) != 0;
    a.totpEnabled = q.int64(2) != 0;
    a.totpSecret = q.blob(3);
    a.totpPendingSecret = q.blob(4);
    a.totpLastStep = q.int64(5);
    a.failedAttempts = q.int64(6);
    a.lockedUntilMs = q.int64(7);
    a.accountKey = q.blob(8);
    return std::optional<AccountRecord>(std::move(a));
}

Result<std::vector<DeviceRecord>> loadDevices(SqliteConnection &db, const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT device_id, name, created_ms, certificate, signed_prekey "
                                        "FROM devices WHERE username=? ORDER BY device_id"));
    q.bind(1, username);
    std::vector<DeviceRecord> devices;
    for (;;) {
        LAPIS_TRY_ASSIGN(bool row, q.step());
        if (!row)
            break;
        DeviceRecord d;
        d.deviceId = static_cast<std::uint32_t>(q.int64(0));
        d.name = q.text(1);
        d.createdMs = q.int64(2);
        d.certificate = q.blob(3);
        d.signedPreKey = q.blob(4);
        devices.push_back(std::move(d));
    }
    return devices;
}

Result<void> insertEvent(SqliteConnection &db, const std::string &username, std::uint32_t toDevice, int kind,
                         std::uint32_t eventDevice, const std::string &eventName, std::int64_t nowMs, ByteView payload)
{
    LAPIS_TRY_ASSIGN(auto q, db.prepare("INSERT INTO mailbox(username, device_id, kind, sender_account, "
                                        "sender_device, plaintext, server_time_ms, payload, event_device, "
                                        "event_name) VALUES(?,?,?,?,0,0,?,?,?,?)"));
    q.bind(1, username).bind(2, toDevice).bind(3, kind).bind(4, username).bind(5, nowMs).bindBlob(6, payload);
    q.bind(7, eventDevice).bind(8, eventName);
    return q.run();
}

} // namespace sqlite_detail

SqliteStorage::SqliteStorage(std::string path, SqliteConnection writer)
    : m_path(std::move(path))
    , m_writer(std::make_unique<GroupCommitWriter>(std::move(writer)))
{}

SqliteStorage::~SqliteStorage() = default;

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const std::string &path)
{
    LAPIS_TRY_ASSIGN(auto db, SqliteConnection::open(path));
    std::int64_t found = 0;
    {
        LAPIS_TRY_ASSIGN(auto version, db.prepare("PRAGMA user_version"));
        LAPIS_TRY_ASSIGN(bool row, version.step());
        found = row ? version.int64(0) : 0;
    }
    if (found > SchemaVersion)
        return fail(ErrorCode::Unsupported, "The relay database was written by a newer lapis-relay (schema "
                                                + std::to_string(found) + "); refusing to open it");
    const bool eraseClearCodes = found >= 2 && found < 4;
    if (eraseClearCodes)
        LAPIS_TRY(db.exec("PRAGMA secure_delete=ON")); // erased means overwritten, not only unlinked
    LAPIS_TRY(db.exec("BEGIN IMMEDIATE"));
    if (eraseClearCodes) {
        // Codes were kept in the clear before schema 4: they are erased (their requests closed,
        // their pushes withdrawn) rather than carried over; a new device asks again.
        LAPIS_TRY(db.exec("ALTER TABLE sign_ins ADD COLUMN code_hash TEXT NOT NULL DEFAULT ''"));
        LAPIS_TRY(db.exec("UPDATE sign_ins SET code='', state=CASE WHEN state=0 THEN 3 ELSE state END"));
        LAPIS_TRY(db.exec("DELETE FROM mailbox WHERE kind=" + std::to_string(MailboxItem::SignInRequested)));
    }
    LAPIS_TRY(db.exec(Schema));
    LAPIS_TRY(db.exec("PRAGMA user_version=" + std::to_string(SchemaVersion)));
    LAPIS_TRY(db.exec("COMMIT"));
    if (eraseClearCodes)
        LAPIS_TRY(db.exec("PRAGMA secure_delete=OFF"));
    return std::unique_ptr<SqliteStorage>(new SqliteStorage(path, std::move(db)));
}

Result<std::unique_ptr<SqliteConnection>> SqliteStorage::acquireReader()
{
    {
        std::lock_guard lock(m_readersMutex);
        if (!m_readers.empty()) {
            auto c = std::move(m_readers.back());
            m_readers.pop_back();
            return c;
        }
    }
    LAPIS_TRY_ASSIGN(auto db, SqliteConnection::open(m_path));
    return std::make_unique<SqliteConnection>(std::move(db));
}

void SqliteStorage::releaseReader(std::unique_ptr<SqliteConnection> connection)
{
    std::lock_guard lock(m_readersMutex);
    if (m_readers.size() < 16)
        m_readers.push_back(std::move(connection));
}

Result<DeviceAdded> SqliteStorage::createAccount(const std::string &username, const std::string &passwordHash,
                                                 bool plaintextOnly, const std::string &deviceName,
                                                 ByteView credentialHash, std::int64_t nowMs)
{
    return write<DeviceAdded>([&](SqliteConnection &db) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto existing, loadAccount(db, username));
        if (existing)
            return fail(ErrorCode::AlreadyExists, "The username is taken");
        LAPIS_TRY_ASSIGN(auto q, db.prepare("INSERT INTO accounts(username, password_hash, plaintext_only, "
                                            "created_ms) VALUES(?,?,?,?)"));
        q.bind(1, username).bind(2, passwordHash).bind(3, plaintextOnly ? 1 : 0).bind(4, nowMs);
        LAPIS_TRY(q.run());
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        return insertDevice(db, *account, deviceName, credentialHash, nowMs);
    });
}

Result<std::optional<AccountRecord>> SqliteStorage::findAccount(const std::string &username)
{
    return read<std::optional<AccountRecord>>([&](SqliteConnection &db) { return loadAccount(db, username); });
}

Result<DeviceAdded> SqliteStorage::addDevice(const std::string &username, const std::string &deviceName,
                                             ByteView credentialHash, std::optional<std::int64_t> totpStep,
                                             std::int64_t nowMs)
{
    return write<DeviceAdded>([&](SqliteConnection &db) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return noAccount();
        if (totpStep)
            LAPIS_TRY(consumeStep(db, *account, *totpStep));
        LAPIS_TRY_ASSIGN(auto added, insertDevice(db, *account, deviceName, credentialHash, nowMs));
        // A sign-in by TOTP (or by password alone) is shown like one approved by a code, without an id.
        SignInRecord shown;
        shown.username = username;
        shown.deviceName = deviceName;
        shown.createdMs = nowMs;
        shown.expiresMs = nowMs;
        const Bytes payload = encodeSignInEvent(shown, false);
        for (auto other : added.notified)
            LAPIS_TRY(insertEvent(db, username, other, MailboxItem::SignInApproved, added.deviceId, deviceName, nowMs,
                                  payload));
        return added;
    });
}

Result<DeviceAdded> SqliteStorage::addLinkedDevice(const std::string &username, ByteView tokenHash,
                                                   const std::string &deviceName, ByteView credentialHash,
                                                   std::int64_t nowMs)
{
    return write<DeviceAdded>([&](SqliteConnection &db) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto take, db.prepare("DELETE FROM link_tokens WHERE token_hash=? AND username=? "
                                               "AND expires_ms>?"));
        take.bindBlob(1, tokenHash).bind(2, username).bind(3, nowMs);
        LAPIS_TRY(take.run());
        if (db.changes() != 1)
            return fail(ErrorCode::NotFound, "The link token is unknown, used or expired");
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return noAccount();
        return insertDevice(db, *account, deviceName, credentialHash, nowMs);
    });
}

Result<std::int64_t> SqliteStorage::recordLoginFailure(const std::string &username, std::int64_t nowMs)
{
    return write<std::int64_t>([&](SqliteConnection &db) -> Result<std::int64_t> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return std::int64_t{0};
        const std::int64_t failures = account->failedAttempts + 1;
        std::int64_t lockedUntil = 0;
        if (failures > FreeAttempts) {
            const auto doublings = std::min<std::int64_t>(failures - FreeAttempts - 1, 20);
            lockedUntil = nowMs + std::min(FirstLockoutMs << doublings, MaxLockoutMs);
        }
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET failed_attempts=?, locked_until_ms=? "
                                            "WHERE username=?"));
        q.bind(1, failures).bind(2, lockedUntil).bind(3, username);
        LAPIS_TRY(q.run());
        return lockedUntil;
    });
}

Result<void> SqliteStorage::clearLoginFailures(const std::string &username)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET failed_attempts=0, locked_until_ms=0 "
                                            "WHERE username=? AND failed_attempts<>0"));
        q.bind(1, username);
        return q.run();
    });
}

Result<std::optional<Bytes>> SqliteStorage::credentialHash(const std::string &username, std::uint32_t deviceId)
{
    return read<std::optional<Bytes>>([&](SqliteConnection &db) -> Result<std::optional<Bytes>> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT credential_hash FROM devices WHERE username=? AND device_id=?"));
        q.bind(1, username).bind(2, deviceId);
        LAPIS_TRY_ASSIGN(bool row, q.step());
        if (!row)
            return std::optional<Bytes>();
        return std::optional<Bytes>(q.blob(0));
    });
}

Result<std::vector<DeviceRecord>> SqliteStorage::listDevices(const std::string &username)
{
    return read<std::vector<DeviceRecord>>([&](SqliteConnection &db) { return loadDevices(db, username); });
}

Result<std::vector<std::uint32_t>> SqliteStorage::removeDevice(const std::string &username, std::uint32_t deviceId,
                                                               std::int64_t nowMs)
{
    return write<std::vector<std::uint32_t>>([&](SqliteConnection &db) -> Result<std::vector<std::uint32_t>> {
        LAPIS_TRY_ASSIGN(auto devices, loadDevices(db, username));
        auto it = std::find_if(devices.begin(), devices.end(), [&](const auto &d) { return d.deviceId == deviceId; });
        if (it == devices.end())
            return fail(ErrorCode::NotFound, "No such device");
        const std::string name = it->name;
        for (const char *sql : {"DELETE FROM devices WHERE username=? AND device_id=?",
                                "DELETE FROM one_time_prekeys WHERE username=? AND device_id=?",
                                "DELETE FROM kem_prekeys WHERE username=? AND device_id=?",
                                "DELETE FROM mailbox WHERE username=? AND device_id=?",
                                "DELETE FROM code_devices WHERE username=? AND device_id=?"}) {
            LAPIS_TRY_ASSIGN(auto q, db.prepare(sql));
            q.bind(1, username).bind(2, deviceId);
            LAPIS_TRY(q.run());
        }
        std::vector<std::uint32_t> notified;
        for (const auto &d : devices) {
            if (d.deviceId == deviceId)
                continue;
            LAPIS_TRY(insertEvent(db, username, d.deviceId, MailboxItem::DeviceRemoved, deviceId, name, nowMs));
            notified.push_back(d.deviceId);
        }
        return notified;
    });
}

Result<std::size_t> SqliteStorage::resetAccount(const std::string &username)
{
    return write<std::size_t>([&](SqliteConnection &db) -> Result<std::size_t> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return noAccount();
        LAPIS_TRY_ASSIGN(auto devices, loadDevices(db, username));
        for (const char *sql :
             {"DELETE FROM devices WHERE username=?", "DELETE FROM one_time_prekeys WHERE username=?",
              "DELETE FROM kem_prekeys WHERE username=?", "DELETE FROM mailbox WHERE username=?",
              "DELETE FROM link_tokens WHERE username=?", "DELETE FROM sign_ins WHERE username=?",
              "DELETE FROM code_devices WHERE username=?", "DELETE FROM sign_in_allowances WHERE username=?",
              "UPDATE accounts SET failed_attempts=0, locked_until_ms=0, account_key=x'', totp_enabled=0, "
              "totp_secret=NULL, totp_pending=NULL WHERE username=?"}) {
            LAPIS_TRY_ASSIGN(auto q, db.prepare(sql));
            q.bind(1, username);
            LAPIS_TRY(q.run());
        }
        return devices.size();
    });
}

Result<std::uint64_t> SqliteStorage::blobBytesOwnedBy(const std::string &owner)
{
    return read<std::uint64_t>([&](SqliteConnection &db) -> Result<std::uint64_t> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT COALESCE(SUM(size), 0) FROM blobs WHERE owner=?"));
        q.bind(1, owner);
        LAPIS_TRY_ASSIGN(bool row, q.step());
        return row ? static_cast<std::uint64_t>(q.int64(0)) : 0;
    });
}

Result<void> SqliteStorage::setPassword(const std::string &username, const std::string &passwordHash)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET password_hash=?, failed_attempts=0, locked_until_ms=0 "
                                            "WHERE username=?"));
        q.bind(1, passwordHash).bind(2, username);
        LAPIS_TRY(q.run());
        if (db.changes() != 1)
            return noAccount();
        return {};
    });
}

Result<void> SqliteStorage::setTotpPending(const std::string &username, ByteView secret)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET totp_pending=? WHERE username=?"));
        q.bindBlob(1, secret).bind(2, username);
        LAPIS_TRY(q.run());
        if (db.changes() != 1)
            return noAccount();
        return {};
    });
}

Result<void> SqliteStorage::confirmTotp(const std::string &username, std::int64_t step)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return noAccount();
        LAPIS_TRY(consumeStep(db, *account, step));
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET totp_enabled=1, totp_secret=totp_pending, "
                                            "totp_pending=NULL WHERE username=?"));
        q.bind(1, username);
        return q.run();
    });
}

Result<void> SqliteStorage::disableTotp(const std::string &username, std::int64_t step)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return noAccount();
        LAPIS_TRY(consumeStep(db, *account, step));
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET totp_enabled=0, totp_secret=NULL, "
                                            "totp_pending=NULL WHERE username=?"));
        q.bind(1, username);
        return q.run();
    });
}

} // namespace lapis::relay
