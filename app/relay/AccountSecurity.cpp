// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountSecurity.h"

#include <lapis/crypto/Ed25519.h>

#include <algorithm>

namespace lapis::relay {

namespace {
constexpr std::int64_t DayMs = 24LL * 3600 * 1000;
}

grpc::Status AccountSecurity::requireAccountProof(grpc::ServerContext &context, const Caller &caller)
{
    auto byCode = m_relay.storage.admittedByCode(caller.account, caller.device);
    if (!byCode.ok())
        return toStatus(context, byCode.error());
    if (!*byCode)
        return grpc::Status::OK;
    // Joined by a code: only a certificate the account key signed lifts the restriction.
    auto account = m_relay.storage.findAccount(caller.account);
    auto devices = m_relay.storage.listDevices(caller.account);
    if (!account.ok())
        return toStatus(context, account.error());
    if (!devices.ok())
        return toStatus(context, devices.error());
    if (account.value()) {
        auto key = crypto::Ed25519PublicKey::fromBytes(account.value()->accountKey);
        const auto self = std::find_if(devices->begin(), devices->end(),
                                       [&](const DeviceRecord &d) { return d.deviceId == caller.device; });
        if (key.ok() && self != devices->end() && !self->certificate.empty()
            && m_relay.verdicts.certified(*key, caller.account, *self))
            return grpc::Status::OK;
    }
    return withReason(context, grpc::StatusCode::PERMISSION_DENIED,
                      "This device signed in with a code and is not linked yet: link it from another device of "
                      "the account first",
                      "link-first");
}

grpc::Status AccountSecurity::checkSignInCodeBudget(grpc::ServerContext &context, const std::string &username)
{
    auto wrong = m_relay.storage.wrongSignInCodes(username, nowMs() - DayMs);
    if (!wrong.ok())
        return toStatus(context, wrong.error());
    if (*wrong >= m_relay.config.signInWrongCodesPerDay)
        return withReason(context, grpc::StatusCode::PERMISSION_DENIED,
                          "Too many wrong sign-in codes for this account: sign-ins by code are locked until a "
                          "device of the account allows them again",
                          "sign-in-locked");
    return grpc::Status::OK;
}

} // namespace lapis::relay
