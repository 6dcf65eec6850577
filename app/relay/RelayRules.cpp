// SPDX-License-Identifier: GPL-3.0-or-later
// RelayRules: accounts, devices, log-in failures and TOTP.
#include "RelayRules.h"

#include <algorithm>

namespace lapis::relay {

using namespace rules;

namespace {

// Failed log-ins before the account is locked, and the first lock-out; each further failure
// doubles it, up to an hour. Enough for typos, useless for guessing.
constexpr std::int64_t FreeAttempts = 4;
constexpr std::int64_t FirstLockoutMs = 30'000;
constexpr std::int64_t MaxLockoutMs = 3'600'000;

Result<void> consumeStep(StoreTx &tx, const std::string &username, std::int64_t step)
{
    LAPIS_TRY_ASSIGN(bool newer, tx.consumeTotpStep(username, step));
    if (!newer)
        return fail(ErrorCode::Duplicate, "This TOTP code was used already; wait for the next one");
    return {};
}

} // namespace

namespace rules {

Error noAccount()
{
    return fail(ErrorCode::NotFound, "No such account");
}

Result<void> insertEvent(StoreTx &tx, const std::string &username, std::uint32_t toDevice, int kind,
                         std::uint32_t eventDevice, const std::string &eventName, std::int64_t nowMs, ByteView payload)
{
    MailboxRow row;
    row.username = username;
    row.deviceId = toDevice;
    row.kind = kind;
    row.senderAccount = username;
    row.serverTimeMs = nowMs;
    row.payload.assign(payload.begin(), payload.end());
    row.eventDevice = eventDevice;
    row.eventName = eventName;
    return tx.insertMailbox(row);
}

Result<DeviceAdded> insertDevice(StoreTx &tx, const AccountRecord &account, const std::string &name,
                                 ByteView credentialHash, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto deviceId, tx.allocateDeviceId(account.username));
    if (!deviceId)
        return noAccount();
    LAPIS_TRY_ASSIGN(auto others, tx.devices(account.username));
    LAPIS_TRY(tx.insertDevice(account.username, *deviceId, name, credentialHash, nowMs));
    // A device added is a successful log-in: the lock-out is over.
    LAPIS_TRY(tx.setLockout(account.username, 0, 0));
    // Plaintext sent while the account had no device waits in mailbox 0 for the first one.
    LAPIS_TRY(tx.adoptAccountMailbox(account.username, *deviceId));

    DeviceAdded added;
    added.deviceId = *deviceId;
    added.plaintextOnly = account.plaintextOnly;
    for (const auto &other : others) {
        LAPIS_TRY(insertEvent(tx, account.username, other.deviceId, MailboxItem::DeviceAdded, *deviceId, name, nowMs));
        added.notified.push_back(other.deviceId);
    }
    return added;
}

} // namespace rules

RelayRules::RelayRules(std::unique_ptr<StoreBackend> backend)
    : m_backend(std::move(backend))
{}

RelayRules::~RelayRules() = default;

Result<DeviceAdded> RelayRules::createAccount(const std::string &username, const std::string &passwordHash,
                                              bool plaintextOnly, const std::string &deviceName,
                                              ByteView credentialHash, std::int64_t nowMs)
{
    return write<DeviceAdded>([&](StoreTx &tx) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto existing, tx.account(username));
        if (existing)
            return fail(ErrorCode::AlreadyExists, "The username is taken");
        LAPIS_TRY(tx.insertAccount(username, passwordHash, plaintextOnly, nowMs));
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        return insertDevice(tx, *account, deviceName, credentialHash, nowMs);
    });
}

Result<std::optional<AccountRecord>> RelayRules::findAccount(const std::string &username)
{
    return read<std::optional<AccountRecord>>([&](StoreTx &tx) { return tx.account(username); });
}

Result<DeviceAdded> RelayRules::addDevice(const std::string &username, const std::string &deviceName,
                                          ByteView credentialHash, std::optional<std::int64_t> totpStep,
                                          std::int64_t nowMs)
{
    return write<DeviceAdded>([&](StoreTx &tx) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        if (totpStep)
            LAPIS_TRY(consumeStep(tx, username, *totpStep));
        LAPIS_TRY_ASSIGN(auto added, insertDevice(tx, *account, deviceName, credentialHash, nowMs));
        // A sign-in by TOTP (or by password alone) is shown like one approved by a code, without an id.
        SignInRecord shown;
        shown.username = username;
        shown.deviceName = deviceName;
        shown.createdMs = nowMs;
        shown.expiresMs = nowMs;
        const Bytes payload = encodeSignInEvent(shown, false);
        for (auto other : added.notified)
            LAPIS_TRY(insertEvent(tx, username, other, MailboxItem::SignInApproved, added.deviceId, deviceName, nowMs,
                                  payload));
        return added;
    });
}

Result<DeviceAdded> RelayRules::addLinkedDevice(const std::string &username, ByteView tokenHash,
                                                const std::string &deviceName, ByteView credentialHash,
                                                std::int64_t nowMs)
{
    return write<DeviceAdded>([&](StoreTx &tx) -> Result<DeviceAdded> {
        LAPIS_TRY_ASSIGN(bool taken, tx.takeLinkToken(username, tokenHash, nowMs));
        if (!taken)
            return fail(ErrorCode::NotFound, "The link token is unknown, used or expired");
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        return insertDevice(tx, *account, deviceName, credentialHash, nowMs);
    });
}

Result<std::int64_t> RelayRules::recordLoginFailure(const std::string &username, std::int64_t nowMs)
{
    return write<std::int64_t>([&](StoreTx &tx) -> Result<std::int64_t> {
        // Counted in one atomic step, so that guesses spread over several relays all count.
        LAPIS_TRY_ASSIGN(auto failures, tx.countLoginFailure(username));
        if (!failures)
            return std::int64_t{0};
        std::int64_t lockedUntil = 0;
        if (*failures > FreeAttempts) {
            const auto doublings = std::min<std::int64_t>(*failures - FreeAttempts - 1, 20);
            lockedUntil = nowMs + std::min(FirstLockoutMs << doublings, MaxLockoutMs);
        }
        LAPIS_TRY(tx.setLockout(username, *failures, lockedUntil));
        return lockedUntil;
    });
}

Result<void> RelayRules::clearLoginFailures(const std::string &username)
{
    // The usual case, an account with no failures, needs no write at all.
    auto account = findAccount(username);
    if (!account.ok())
        return std::move(account).error();
    if (!*account || (*account)->failedAttempts == 0)
        return {};
    return write<void>([&](StoreTx &tx) { return tx.setLockout(username, 0, 0); });
}

Result<std::optional<Bytes>> RelayRules::credentialHash(const std::string &username, std::uint32_t deviceId)
{
    return read<std::optional<Bytes>>([&](StoreTx &tx) { return tx.credentialHash(username, deviceId); });
}

Result<std::vector<DeviceRecord>> RelayRules::listDevices(const std::string &username)
{
    return read<std::vector<DeviceRecord>>([&](StoreTx &tx) { return tx.devices(username); });
}

Result<std::vector<std::uint32_t>> RelayRules::removeDevice(const std::string &username, std::uint32_t deviceId,
                                                            std::int64_t nowMs)
{
    return write<std::vector<std::uint32_t>>([&](StoreTx &tx) -> Result<std::vector<std::uint32_t>> {
        LAPIS_TRY_ASSIGN(auto devices, tx.devices(username));
        auto it = std::find_if(devices.begin(), devices.end(), [&](const auto &d) { return d.deviceId == deviceId; });
        if (it == devices.end())
            return fail(ErrorCode::NotFound, "No such device");
        const std::string name = it->name;
        LAPIS_TRY(tx.deleteDevice(username, deviceId));
        std::vector<std::uint32_t> notified;
        for (const auto &d : devices) {
            if (d.deviceId == deviceId)
                continue;
            LAPIS_TRY(insertEvent(tx, username, d.deviceId, MailboxItem::DeviceRemoved, deviceId, name, nowMs));
            notified.push_back(d.deviceId);
        }
        return notified;
    });
}

Result<std::size_t> RelayRules::resetAccount(const std::string &username)
{
    return write<std::size_t>([&](StoreTx &tx) -> Result<std::size_t> {
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        LAPIS_TRY_ASSIGN(auto devices, tx.devices(username));
        LAPIS_TRY(tx.clearAccount(username));
        return devices.size();
    });
}

Result<std::uint64_t> RelayRules::blobBytesOwnedBy(const std::string &owner)
{
    return read<std::uint64_t>([&](StoreTx &tx) { return tx.blobBytesOwnedBy(owner); });
}

Result<void> RelayRules::setPassword(const std::string &username, const std::string &passwordHash)
{
    return write<void>([&](StoreTx &tx) -> Result<void> {
        LAPIS_TRY_ASSIGN(bool changed, tx.setPasswordHash(username, passwordHash));
        if (!changed)
            return noAccount();
        // A new password ends the lock-out its guessing caused.
        return tx.setLockout(username, 0, 0);
    });
}

Result<void> RelayRules::setTotpPending(const std::string &username, ByteView secret)
{
    return write<void>([&](StoreTx &tx) -> Result<void> {
        LAPIS_TRY_ASSIGN(bool changed, tx.setTotpPending(username, secret));
        if (!changed)
            return noAccount();
        return {};
    });
}

Result<void> RelayRules::confirmTotp(const std::string &username, std::int64_t step)
{
    return write<void>([&](StoreTx &tx) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        LAPIS_TRY(consumeStep(tx, username, step));
        return tx.setTotpEnabled(username, true);
    });
}

Result<void> RelayRules::disableTotp(const std::string &username, std::int64_t step)
{
    return write<void>([&](StoreTx &tx) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        LAPIS_TRY(consumeStep(tx, username, step));
        return tx.setTotpEnabled(username, false);
    });
}

} // namespace lapis::relay
