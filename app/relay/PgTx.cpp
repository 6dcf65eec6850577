// SPDX-License-Identifier: GPL-3.0-or-later
// PgTx: the relay's storage calls as PostgreSQL statements (accounts and devices).
#include "PgBackend.h"

namespace lapis::relay {

Result<std::optional<AccountRecord>> PgTx::account(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT password_hash, plaintext_only, totp_enabled, totp_secret, totp_pending, "
                                 "totp_last_step, failed_attempts, locked_until_ms, account_key FROM accounts "
                                 "WHERE username=$1",
                                 PgParams().add(username)));
    if (q.rows() == 0)
        return std::optional<AccountRecord>();
    AccountRecord a;
    a.username = username;
    a.passwordHash = q.text(0, 0);
    a.plaintextOnly = q.int64(0, 1) != 0;
    a.totpEnabled = q.int64(0, 2) != 0;
    a.totpSecret = q.bytes(0, 3);
    a.totpPendingSecret = q.bytes(0, 4);
    a.totpLastStep = q.int64(0, 5);
    a.failedAttempts = q.int64(0, 6);
    a.lockedUntilMs = q.int64(0, 7);
    a.accountKey = q.bytes(0, 8);
    return std::optional<AccountRecord>(std::move(a));
}

Result<void> PgTx::insertAccount(const std::string &username, const std::string &passwordHash, bool plaintextOnly,
                                 std::int64_t nowMs)
{
    LAPIS_TRY(run("INSERT INTO accounts(username, password_hash, plaintext_only, created_ms) VALUES($1,$2,$3,$4)",
                  PgParams().add(username).add(passwordHash).add(plaintextOnly ? 1 : 0).add(nowMs)));
    return {};
}

Result<std::optional<std::uint32_t>> PgTx::allocateDeviceId(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE accounts SET next_device=next_device+1 WHERE username=$1 "
                                 "RETURNING next_device-1",
                                 PgParams().add(username)));
    if (q.rows() == 0)
        return std::optional<std::uint32_t>();
    return std::optional(static_cast<std::uint32_t>(q.int64(0, 0)));
}

Result<std::optional<std::int64_t>> PgTx::countLoginFailure(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE accounts SET failed_attempts=failed_attempts+1 WHERE username=$1 "
                                 "RETURNING failed_attempts",
                                 PgParams().add(username)));
    if (q.rows() == 0)
        return std::optional<std::int64_t>();
    return std::optional(q.int64(0, 0));
}

Result<void> PgTx::setLockout(const std::string &username, std::int64_t failures, std::int64_t lockedUntilMs)
{
    LAPIS_TRY(run("UPDATE accounts SET failed_attempts=$1, locked_until_ms=$2 WHERE username=$3",
                  PgParams().add(failures).add(lockedUntilMs).add(username)));
    return {};
}

Result<bool> PgTx::setPasswordHash(const std::string &username, const std::string &passwordHash)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE accounts SET password_hash=$1 WHERE username=$2",
                                 PgParams().add(passwordHash).add(username)));
    return q.affected() == 1;
}

Result<bool> PgTx::pinAccountKey(const std::string &username, ByteView accountKey)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE accounts SET account_key=$1 WHERE username=$2 AND account_key=''::bytea",
                                 PgParams().addBytes(accountKey).add(username)));
    return q.affected() == 1;
}

Result<bool> PgTx::consumeTotpStep(const std::string &username, std::int64_t step)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE accounts SET totp_last_step=$1 WHERE username=$2 AND totp_last_step<$1",
                                 PgParams().add(step).add(username)));
    return q.affected() == 1;
}

Result<bool> PgTx::setTotpPending(const std::string &username, ByteView secret)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE accounts SET totp_pending=$1 WHERE username=$2",
                                 PgParams().addBytes(secret).add(username)));
    return q.affected() == 1;
}

Result<void> PgTx::setTotpEnabled(const std::string &username, bool enable)
{
    LAPIS_TRY(run(enable ? "UPDATE accounts SET totp_enabled=1, totp_secret=totp_pending, totp_pending=NULL "
                           "WHERE username=$1"
                         : "UPDATE accounts SET totp_enabled=0, totp_secret=NULL, totp_pending=NULL WHERE username=$1",
                  PgParams().add(username)));
    return {};
}

Result<void> PgTx::clearAccount(const std::string &username)
{
    for (const char *sql :
         {"DELETE FROM devices WHERE username=$1", "DELETE FROM one_time_prekeys WHERE username=$1",
          "DELETE FROM kem_prekeys WHERE username=$1", "DELETE FROM mailbox WHERE username=$1",
          "DELETE FROM link_tokens WHERE username=$1", "DELETE FROM sign_ins WHERE username=$1",
          "DELETE FROM code_devices WHERE username=$1", "DELETE FROM sign_in_allowances WHERE username=$1",
          "UPDATE accounts SET failed_attempts=0, locked_until_ms=0, account_key=''::bytea, totp_enabled=0, "
          "totp_secret=NULL, totp_pending=NULL WHERE username=$1"})
        LAPIS_TRY(run(sql, PgParams().add(username)));
    return {};
}

Result<std::vector<DeviceRecord>> PgTx::devices(const std::string &username)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT device_id, name, created_ms, certificate, signed_prekey FROM devices "
                                 "WHERE username=$1 ORDER BY device_id",
                                 PgParams().add(username)));
    std::vector<DeviceRecord> devices;
    for (int i = 0; i < q.rows(); ++i) {
        DeviceRecord d;
        d.deviceId = static_cast<std::uint32_t>(q.int64(i, 0));
        d.name = q.text(i, 1);
        d.createdMs = q.int64(i, 2);
        d.certificate = q.bytes(i, 3);
        d.signedPreKey = q.bytes(i, 4);
        devices.push_back(std::move(d));
    }
    return devices;
}

Result<void> PgTx::insertDevice(const std::string &username, std::uint32_t deviceId, const std::string &name,
                                ByteView credentialHash, std::int64_t nowMs)
{
    LAPIS_TRY(run("INSERT INTO devices(username, device_id, name, credential_hash, created_ms) VALUES($1,$2,$3,$4,$5)",
                  PgParams().add(username).add(deviceId).add(name).addBytes(credentialHash).add(nowMs)));
    return {};
}

Result<void> PgTx::deleteDevice(const std::string &username, std::uint32_t deviceId)
{
    for (const char *sql : {"DELETE FROM devices WHERE username=$1 AND device_id=$2",
                            "DELETE FROM one_time_prekeys WHERE username=$1 AND device_id=$2",
                            "DELETE FROM kem_prekeys WHERE username=$1 AND device_id=$2",
                            "DELETE FROM mailbox WHERE username=$1 AND device_id=$2",
                            "DELETE FROM code_devices WHERE username=$1 AND device_id=$2"})
        LAPIS_TRY(runForDevice(sql, username, deviceId));
    return {};
}

Result<std::optional<Bytes>> PgTx::credentialHash(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT credential_hash FROM devices WHERE username=$1 AND device_id=$2",
                                 PgParams().add(username).add(deviceId)));
    if (q.rows() == 0)
        return std::optional<Bytes>();
    return std::optional<Bytes>(q.bytes(0, 0));
}

Result<void> PgTx::setCertificate(const std::string &username, std::uint32_t deviceId, ByteView certificate)
{
    LAPIS_TRY(run("UPDATE devices SET certificate=$1 WHERE username=$2 AND device_id=$3",
                  PgParams().addBytes(certificate).add(username).add(deviceId)));
    return {};
}

Result<void> PgTx::setSignedPreKey(const std::string &username, std::uint32_t deviceId, ByteView signedPreKey)
{
    LAPIS_TRY(run("UPDATE devices SET signed_prekey=$1 WHERE username=$2 AND device_id=$3",
                  PgParams().addBytes(signedPreKey).add(username).add(deviceId)));
    return {};
}

Result<void> PgTx::markAdmittedByCode(const std::string &username, std::uint32_t deviceId)
{
    return runForDevice("INSERT INTO code_devices(username, device_id) VALUES($1,$2) ON CONFLICT DO NOTHING", username,
                        deviceId);
}

Result<bool> PgTx::admittedByCode(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT 1 FROM code_devices WHERE username=$1 AND device_id=$2",
                                 PgParams().add(username).add(deviceId)));
    return q.rows() > 0;
}

} // namespace lapis::relay
