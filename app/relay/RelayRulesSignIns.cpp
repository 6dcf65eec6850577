// SPDX-License-Identifier: GPL-3.0-or-later
// RelayRules: sign-ins approved by a six-digit code shown on one of the account's devices.
#include "RelayRules.h"

#include <sstream>

namespace lapis::relay {

using namespace rules;

namespace {

/// Tells every device of the account about `record` (`kind` one of the SignIn* kinds).
Result<std::vector<std::uint32_t>> tellDevices(StoreTx &tx, const SignInRecord &record, int kind,
                                               std::uint32_t newDevice, std::int64_t nowMs, std::uint32_t except = 0)
{
    LAPIS_TRY_ASSIGN(auto devices, tx.devices(record.username));
    const Bytes payload = encodeSignInEvent(record, kind == MailboxItem::SignInRequested);
    std::vector<std::uint32_t> told;
    for (const auto &d : devices) {
        if (d.deviceId == except)
            continue;
        LAPIS_TRY(insertEvent(tx, record.username, d.deviceId, kind, newDevice, record.deviceName, nowMs, payload));
        told.push_back(d.deviceId);
    }
    return told;
}

Error notPending()
{
    return fail(ErrorCode::NotFound, "No such sign-in request is waiting");
}

Error closedAlready()
{
    return fail(ErrorCode::Duplicate, "This sign-in request is closed already; log in again for a new code");
}

} // namespace

namespace rules {

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

} // namespace rules

Result<std::vector<std::uint32_t>> RelayRules::createSignIn(const SignInRecord &record)
{
    return write<std::vector<std::uint32_t>>([&](StoreTx &tx) -> Result<std::vector<std::uint32_t>> {
        LAPIS_TRY(tx.insertSignIn(record));
        return tellDevices(tx, record, MailboxItem::SignInRequested, 0, record.createdMs);
    });
}

Result<std::optional<SignInRecord>> RelayRules::findSignIn(const std::string &username, const std::string &id)
{
    return read<std::optional<SignInRecord>>([&](StoreTx &tx) { return tx.signIn(username, id); });
}

Result<std::vector<SignInRecord>> RelayRules::pendingSignIns(const std::string &username, std::int64_t nowMs)
{
    return read<std::vector<SignInRecord>>([&](StoreTx &tx) { return tx.pendingSignIns(username, nowMs); });
}

Result<SignInRecord> RelayRules::recordWrongSignInCode(const std::string &username, const std::string &id, int limit,
                                                       std::int64_t nowMs, std::vector<std::uint32_t> &notified)
{
    return write<SignInRecord>([&](StoreTx &tx) -> Result<SignInRecord> {
        LAPIS_TRY_ASSIGN(auto wrong, tx.countWrongSignInCode(username, id));
        if (!wrong)
            return notPending();
        LAPIS_TRY_ASSIGN(auto record, tx.signIn(username, id));
        if (!record)
            return notPending();
        if (*wrong >= limit) {
            LAPIS_TRY_ASSIGN(bool closed, tx.decideSignIn(username, id, SignInRecord::State::Closed));
            if (closed) {
                record->state = SignInRecord::State::Closed;
                LAPIS_TRY_ASSIGN(notified, tellDevices(tx, *record, MailboxItem::SignInDenied, 0, nowMs));
            }
        }
        return std::move(*record);
    });
}

Result<DeviceAdded> RelayRules::addDeviceBySignIn(const std::string &username, const std::string &id,
                                                  ByteView credentialHash, std::int64_t nowMs)
{
    return write<DeviceAdded>([&](StoreTx &tx) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto record, tx.signIn(username, id));
        if (!record)
            return notPending();
        if (record->state != SignInRecord::State::Pending)
            return closedAlready();
        if (record->expiresMs <= nowMs)
            return fail(ErrorCode::AuthenticationFailed, "The sign-in request expired; log in again for a new code");
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        // Consumed by a compare-and-set: of two relays taking the same code, one adds a device.
        LAPIS_TRY_ASSIGN(bool approved, tx.decideSignIn(username, id, SignInRecord::State::Approved));
        if (!approved)
            return closedAlready();
        LAPIS_TRY_ASSIGN(auto added, insertDevice(tx, *account, record->deviceName, credentialHash, nowMs));
        LAPIS_TRY(tx.markAdmittedByCode(username, added.deviceId));
        // The new device already knows; the others see the outcome beside "device added".
        LAPIS_TRY(tellDevices(tx, *record, MailboxItem::SignInApproved, added.deviceId, nowMs, added.deviceId));
        return added;
    });
}

Result<std::vector<std::uint32_t>> RelayRules::denySignIn(const std::string &username, const std::string &id,
                                                          std::int64_t nowMs)
{
    return write<std::vector<std::uint32_t>>([&](StoreTx &tx) -> Result<std::vector<std::uint32_t>> {
        LAPIS_TRY_ASSIGN(auto record, tx.signIn(username, id));
        if (!record || record->state != SignInRecord::State::Pending || record->expiresMs <= nowMs)
            return notPending();
        LAPIS_TRY_ASSIGN(bool denied, tx.decideSignIn(username, id, SignInRecord::State::Denied));
        if (!denied)
            return notPending();
        return tellDevices(tx, *record, MailboxItem::SignInDenied, 0, nowMs);
    });
}

Result<bool> RelayRules::admittedByCode(const std::string &username, std::uint32_t deviceId)
{
    return read<bool>([&](StoreTx &tx) { return tx.admittedByCode(username, deviceId); });
}

Result<std::int64_t> RelayRules::wrongSignInCodes(const std::string &username, std::int64_t sinceMs)
{
    return read<std::int64_t>([&](StoreTx &tx) { return tx.wrongSignInCodes(username, sinceMs); });
}

Result<void> RelayRules::allowSignIns(const std::string &username, std::int64_t nowMs)
{
    return write<void>([&](StoreTx &tx) { return tx.allowSignIns(username, nowMs); });
}

} // namespace lapis::relay
