// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteTx: the relay's storage calls as SQLite statements.
#include "SqliteBackend.h"

namespace lapis::relay {

Result<void> SqliteTx::begin()
{
    return m_db.exec("BEGIN IMMEDIATE");
}

Result<void> SqliteTx::control(std::string_view sql)
{
    // Prepared once and reused: group commit runs two to four of these per job, and parsing them
    // each time took a fifth of the writer's time in lapis-bench-relay.
    LAPIS_TRY_ASSIGN(auto statement, m_db.prepare(sql));
    return statement.run();
}

Result<void> SqliteTx::runForDevice(const char *sql, const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare(sql));
    q.bind(1, username).bind(2, deviceId);
    return q.run();
}

Result<std::optional<AccountRecord>> SqliteTx::account(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT password_hash, plaintext_only, totp_enabled, totp_secret, "
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

Result<void> SqliteTx::insertAccount(const std::string &username, const std::string &passwordHash, bool plaintextOnly,
                                     std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO accounts(username, password_hash, plaintext_only, created_ms) "
                                          "VALUES(?,?,?,?)"));
    q.bind(1, username).bind(2, passwordHash).bind(3, plaintextOnly ? 1 : 0).bind(4, nowMs);
    return q.run();
}

Result<std::optional<std::uint32_t>> SqliteTx::allocateDeviceId(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET next_device=next_device+1 WHERE username=? "
                                          "RETURNING next_device-1"));
    q.bind(1, username);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<std::uint32_t>();
    const auto id = static_cast<std::uint32_t>(q.int64(0));
    q.reset();
    return std::optional(id);
}

Result<std::optional<std::int64_t>> SqliteTx::countLoginFailure(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET failed_attempts=failed_attempts+1 WHERE username=? "
                                          "RETURNING failed_attempts"));
    q.bind(1, username);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<std::int64_t>();
    const auto failures = q.int64(0);
    q.reset();
    return std::optional(failures);
}

Result<void> SqliteTx::setLockout(const std::string &username, std::int64_t failures, std::int64_t lockedUntilMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET failed_attempts=?, locked_until_ms=? WHERE username=?"));
    q.bind(1, failures).bind(2, lockedUntilMs).bind(3, username);
    return q.run();
}

Result<bool> SqliteTx::setPasswordHash(const std::string &username, const std::string &passwordHash)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET password_hash=? WHERE username=?"));
    q.bind(1, passwordHash).bind(2, username);
    LAPIS_TRY(q.run());
    return m_db.changes() == 1;
}

Result<bool> SqliteTx::pinAccountKey(const std::string &username, ByteView accountKey)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET account_key=? WHERE username=? AND account_key=x''"));
    q.bindBlob(1, accountKey).bind(2, username);
    LAPIS_TRY(q.run());
    return m_db.changes() == 1;
}

Result<bool> SqliteTx::consumeTotpStep(const std::string &username, std::int64_t step)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET totp_last_step=?1 WHERE username=?2 AND "
                                          "totp_last_step<?1"));
    q.bind(1, step).bind(2, username);
    LAPIS_TRY(q.run());
    return m_db.changes() == 1;
}

Result<bool> SqliteTx::setTotpPending(const std::string &username, ByteView secret)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE accounts SET totp_pending=? WHERE username=?"));
    q.bindBlob(1, secret).bind(2, username);
    LAPIS_TRY(q.run());
    return m_db.changes() == 1;
}

Result<void> SqliteTx::setTotpEnabled(const std::string &username, bool enable)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare(enable ? "UPDATE accounts SET totp_enabled=1, totp_secret=totp_pending, "
                                                   "totp_pending=NULL WHERE username=?"
                                                 : "UPDATE accounts SET totp_enabled=0, totp_secret=NULL, "
                                                   "totp_pending=NULL WHERE username=?"));
    q.bind(1, username);
    return q.run();
}

Result<void> SqliteTx::clearAccount(const std::string &username)
{
    for (const char *sql :
         {"DELETE FROM devices WHERE username=?", "DELETE FROM one_time_prekeys WHERE username=?",
          "DELETE FROM kem_prekeys WHERE username=?", "DELETE FROM mailbox WHERE username=?",
          "DELETE FROM link_tokens WHERE username=?", "DELETE FROM sign_ins WHERE username=?",
          "DELETE FROM code_devices WHERE username=?", "DELETE FROM sign_in_allowances WHERE username=?",
          "UPDATE accounts SET failed_attempts=0, locked_until_ms=0, account_key=x'', totp_enabled=0, "
          "totp_secret=NULL, totp_pending=NULL WHERE username=?"}) {
        LAPIS_TRY_ASSIGN(auto q, m_db.prepare(sql));
        q.bind(1, username);
        LAPIS_TRY(q.run());
    }
    return {};
}

Result<std::vector<DeviceRecord>> SqliteTx::devices(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT device_id, name, created_ms, certificate, signed_prekey "
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

Result<void> SqliteTx::insertDevice(const std::string &username, std::uint32_t deviceId, const std::string &name,
                                    ByteView credentialHash, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO devices(username, device_id, name, credential_hash, "
                                          "created_ms) VALUES(?,?,?,?,?)"));
    q.bind(1, username).bind(2, deviceId).bind(3, name).bindBlob(4, credentialHash).bind(5, nowMs);
    return q.run();
}

Result<void> SqliteTx::deleteDevice(const std::string &username, std::uint32_t deviceId)
{
    for (const char *sql : {"DELETE FROM devices WHERE username=? AND device_id=?",
                            "DELETE FROM one_time_prekeys WHERE username=? AND device_id=?",
                            "DELETE FROM kem_prekeys WHERE username=? AND device_id=?",
                            "DELETE FROM mailbox WHERE username=? AND device_id=?",
                            "DELETE FROM code_devices WHERE username=? AND device_id=?"})
        LAPIS_TRY(runForDevice(sql, username, deviceId));
    return {};
}

Result<std::optional<Bytes>> SqliteTx::credentialHash(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT credential_hash FROM devices WHERE username=? AND device_id=?"));
    q.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<Bytes>();
    return std::optional<Bytes>(q.blob(0));
}

Result<void> SqliteTx::setCertificate(const std::string &username, std::uint32_t deviceId, ByteView certificate)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE devices SET certificate=? WHERE username=? AND device_id=?"));
    q.bindBlob(1, certificate).bind(2, username).bind(3, deviceId);
    return q.run();
}

Result<void> SqliteTx::setSignedPreKey(const std::string &username, std::uint32_t deviceId, ByteView signedPreKey)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE devices SET signed_prekey=? WHERE username=? AND device_id=?"));
    q.bindBlob(1, signedPreKey).bind(2, username).bind(3, deviceId);
    return q.run();
}

Result<void> SqliteTx::markAdmittedByCode(const std::string &username, std::uint32_t deviceId)
{
    return runForDevice("INSERT INTO code_devices(username, device_id) VALUES(?,?)", username, deviceId);
}

Result<bool> SqliteTx::admittedByCode(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT 1 FROM code_devices WHERE username=? AND device_id=?"));
    q.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    q.reset();
    return row;
}

} // namespace lapis::relay
