// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStorage: sign-ins approved by a six-digit code shown on one of the account's devices.
#include "SqliteStorage.h"

#include <charconv>
#include <sstream>

namespace lapis::relay {

using namespace sqlite_detail;

namespace {

Result<std::optional<SignInRecord>> loadSignIn(SqliteConnection &db, const std::string &username, const std::string &id)
{
    LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT code, device_name, created_ms, expires_ms, wrong_codes, state, "
                                        "code_hash FROM sign_ins WHERE id=? AND username=?"));
    q.bind(1, id).bind(2, username);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<SignInRecord>();
    SignInRecord r;
    r.id = id;
    r.username = username;
    r.code = q.text(0);
    r.deviceName = q.text(1);
    r.createdMs = q.int64(2);
    r.expiresMs = q.int64(3);
    r.wrongCodes = static_cast<int>(q.int64(4));
    r.state = static_cast<SignInRecord::State>(q.int64(5));
    r.codeHash = q.text(6);
    return std::optional<SignInRecord>(std::move(r));
}

Result<void> setState(SqliteConnection &db, const SignInRecord &record, SignInRecord::State state)
{
    LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE sign_ins SET state=? WHERE id=? AND username=?"));
    q.bind(1, static_cast<int>(state)).bind(2, record.id).bind(3, record.username);
    return q.run();
}

/// Tells every device of the account about `record` (`kind` one of the SignIn* kinds).
Result<std::vector<std::uint32_t>> tellDevices(SqliteConnection &db, const SignInRecord &record, int kind,
                                               std::uint32_t newDevice, std::int64_t nowMs, std::uint32_t except = 0)
{
    LAPIS_TRY_ASSIGN(auto devices, loadDevices(db, record.username));
    const Bytes payload = encodeSignInEvent(record, kind == MailboxItem::SignInRequested);
    std::vector<std::uint32_t> told;
    for (const auto &d : devices) {
        if (d.deviceId == except)
            continue;
        LAPIS_TRY(insertEvent(db, record.username, d.deviceId, kind, newDevice, record.deviceName, nowMs, payload));
        told.push_back(d.deviceId);
    }
    return told;
}

Error notPending()
{
    return fail(ErrorCode::NotFound, "No such sign-in request is waiting");
}

} // namespace

namespace sqlite_detail {

Bytes encodeSignInEvent(const SignInRecord &record, bool withCode)
{
    const std::string text = (record.id.empty() ? std::string("-") : record.id) + ' '
                             + (withCode ? record.code : std::string("-")) + ' ' + std::to_string(record.createdMs)
                             + ' ' + std::to_string(record.expiresMs);
    return Bytes(text.begin(), text.end());
}

void decodeSignInEvent(ByteView payload, MailboxItem &item)
{
    std::istringstream in(std::string(reinterpret_cast<const char *>(payload.data()), payload.size()));
    std::string code;
    in >> item.signInId >> code >> item.signInCreatedMs >> item.signInExpiresMs;
    if (item.signInId == "-")
        item.signInId.clear(); // a sign-in by TOTP or password alone: no request
    item.signInCode = code == "-" ? std::string() : code;
    item.payload.clear();
}

} // namespace sqlite_detail

Result<std::vector<std::uint32_t>> SqliteStorage::createSignIn(const SignInRecord &record)
{
    return write<std::vector<std::uint32_t>>([&](SqliteConnection &db) -> Result<std::vector<std::uint32_t>> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("INSERT INTO sign_ins(id, username, code, device_name, created_ms, "
                                            "expires_ms, code_hash) VALUES(?,?,?,?,?,?,?)"));
        q.bind(1, record.id).bind(2, record.username).bind(3, record.code).bind(4, record.deviceName);
        q.bind(5, record.createdMs).bind(6, record.expiresMs).bind(7, record.codeHash);
        LAPIS_TRY(q.run());
        return tellDevices(db, record, MailboxItem::SignInRequested, 0, record.createdMs);
    });
}

Result<std::optional<SignInRecord>> SqliteStorage::findSignIn(const std::string &username, const std::string &id)
{
    return read<std::optional<SignInRecord>>([&](SqliteConnection &db) { return loadSignIn(db, username, id); });
}

Result<std::vector<SignInRecord>> SqliteStorage::pendingSignIns(const std::string &username, std::int64_t nowMs)
{
    return read<std::vector<SignInRecord>>([&](SqliteConnection &db) -> Result<std::vector<SignInRecord>> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT id FROM sign_ins WHERE username=? AND state=0 AND expires_ms>? "
                                            "ORDER BY created_ms, id"));
        q.bind(1, username).bind(2, nowMs);
        std::vector<std::string> ids;
        for (;;) {
            LAPIS_TRY_ASSIGN(bool row, q.step());
            if (!row)
                break;
            ids.push_back(q.text(0));
        }
        std::vector<SignInRecord> out;
        for (const auto &id : ids) {
            LAPIS_TRY_ASSIGN(auto r, loadSignIn(db, username, id));
            if (r)
                out.push_back(std::move(*r));
        }
        return out;
    });
}

Result<SignInRecord> SqliteStorage::recordWrongSignInCode(const std::string &username, const std::string &id, int limit,
                                                          std::int64_t nowMs, std::vector<std::uint32_t> &notified)
{
    return write<SignInRecord>([&](SqliteConnection &db) -> Result<SignInRecord> {
        LAPIS_TRY_ASSIGN(auto record, loadSignIn(db, username, id));
        if (!record || record->state != SignInRecord::State::Pending)
            return notPending();
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE sign_ins SET wrong_codes=wrong_codes+1 WHERE id=? AND "
                                            "username=?"));
        q.bind(1, id).bind(2, username);
        LAPIS_TRY(q.run());
        ++record->wrongCodes;
        if (record->wrongCodes >= limit) {
            record->state = SignInRecord::State::Closed;
            LAPIS_TRY(setState(db, *record, SignInRecord::State::Closed));
            LAPIS_TRY_ASSIGN(notified, tellDevices(db, *record, MailboxItem::SignInDenied, 0, nowMs));
        }
        return std::move(*record);
    });
}

Result<DeviceAdded> SqliteStorage::addDeviceBySignIn(const std::string &username, const std::string &id,
                                                     ByteView credentialHash, std::int64_t nowMs)
{
    return write<DeviceAdded>([&](SqliteConnection &db) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto record, loadSignIn(db, username, id));
        if (!record)
            return notPending();
        if (record->state != SignInRecord::State::Pending)
            return fail(ErrorCode::Duplicate, "This sign-in request is closed already; log in again for a new code");
        if (record->expiresMs <= nowMs)
            return fail(ErrorCode::AuthenticationFailed, "The sign-in request expired; log in again for a new code");
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return fail(ErrorCode::NotFound, "No such account");
        LAPIS_TRY(setState(db, *record, SignInRecord::State::Approved));
        LAPIS_TRY_ASSIGN(auto added, insertDevice(db, *account, record->deviceName, credentialHash, nowMs));
        LAPIS_TRY_ASSIGN(auto mark, db.prepare("INSERT INTO code_devices(username, device_id) VALUES(?,?)"));
        mark.bind(1, username).bind(2, added.deviceId);
        LAPIS_TRY(mark.run());
        // The new device already knows; the others see the outcome beside "device added".
        LAPIS_TRY(tellDevices(db, *record, MailboxItem::SignInApproved, added.deviceId, nowMs, added.deviceId));
        return added;
    });
}

Result<std::vector<std::uint32_t>> SqliteStorage::denySignIn(const std::string &username, const std::string &id,
                                                             std::int64_t nowMs)
{
    return write<std::vector<std::uint32_t>>([&](SqliteConnection &db) -> Result<std::vector<std::uint32_t>> {
        LAPIS_TRY_ASSIGN(auto record, loadSignIn(db, username, id));
        if (!record || record->state != SignInRecord::State::Pending || record->expiresMs <= nowMs)
            return notPending();
        LAPIS_TRY(setState(db, *record, SignInRecord::State::Denied));
        return tellDevices(db, *record, MailboxItem::SignInDenied, 0, nowMs);
    });
}

Result<bool> SqliteStorage::admittedByCode(const std::string &username, std::uint32_t deviceId)
{
    return read<bool>([&](SqliteConnection &db) -> Result<bool> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT 1 FROM code_devices WHERE username=? AND device_id=?"));
        q.bind(1, username).bind(2, deviceId);
        return q.step();
    });
}

Result<std::int64_t> SqliteStorage::wrongSignInCodes(const std::string &username, std::int64_t sinceMs)
{
    return read<std::int64_t>([&](SqliteConnection &db) -> Result<std::int64_t> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT COALESCE(SUM(wrong_codes), 0) FROM sign_ins WHERE username=?1 "
                                            "AND created_ms >= MAX(?2, COALESCE((SELECT since_ms FROM "
                                            "sign_in_allowances WHERE username=?1), 0))"));
        q.bind(1, username).bind(2, sinceMs);
        LAPIS_TRY_ASSIGN(bool row, q.step());
        return row ? q.int64(0) : 0;
    });
}

Result<void> SqliteStorage::allowSignIns(const std::string &username, std::int64_t nowMs)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("INSERT INTO sign_in_allowances(username, since_ms) VALUES(?1, ?2) "
                                            "ON CONFLICT(username) DO UPDATE SET since_ms=?2"));
        q.bind(1, username).bind(2, nowMs);
        return q.run();
    });
}

} // namespace lapis::relay
