// SPDX-License-Identifier: GPL-3.0-or-later
// Logging a new device in by password and a second factor (a six-digit code that the
// account's other devices show, or TOTP), and the trusted device's side of those sign-ins.
#include "SignInHistory.h"

#include <lapis/common/Log.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/keys/KeyMaintenance.h>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {

/// The profile remembers the relay's pending sign-in between `login` and `login --device-code`,
/// in the store (nothing of it is secret: the code is typed in and the password given again, but
/// even that a sign-in is under way stays off the disk in the clear).
constexpr std::string_view PendingKey = "sign_in_request";

struct PendingSignIn {
    std::string id;
    std::int64_t expiresMs = 0;
};

std::optional<PendingSignIn> parsePending(const std::optional<std::string> &stored)
{
    if (!stored)
        return std::nullopt;
    std::istringstream in(*stored);
    int version = 0;
    PendingSignIn pending;
    if (!(in >> version >> pending.id >> pending.expiresMs) || version != 1 || pending.id.size() != 16)
        return std::nullopt;
    return pending;
}

std::string formatPending(const transport::SignInPending &pending)
{
    return "1 " + pending.id + " " + std::to_string(pending.expiresMs);
}

SignInRequest fromTransport(const transport::SignInRequest &r)
{
    return SignInRequest{r.id, r.code, r.deviceName, r.createdMs, r.expiresMs};
}

/// Whether the relay's answer means the pending request is over (so a new login must start one).
bool requestIsOver(const Error &error)
{
    return error.code == ErrorCode::Duplicate || error.code == ErrorCode::AuthenticationFailed
           || error.reason == ErrorReason::SignInDenied;
}

} // namespace

Result<void> Accounts::login(const AccountSetup &setup)
{
    if (m_ctx.hasAccount())
        return fail(ErrorCode::AlreadyExists, "This profile already has an account (" + m_ctx.account.value() + ")");
    auto readPending = [this]() -> Result<std::optional<PendingSignIn>> {
        LAPIS_TRY_ASSIGN(auto stored,
                         m_ctx.store->transact([](store::Transaction &tx) { return tx.meta().get(PendingKey); }).get());
        return parsePending(stored);
    };
    auto writePending = [this](const transport::SignInPending &made) {
        return m_ctx.store
            ->transact([&](store::Transaction &tx) { return tx.meta().set(PendingKey, formatPending(made)); })
            .get();
    };
    auto forgetPending = [this] {
        (void)m_ctx.store->transact([](store::Transaction &tx) { return tx.meta().remove(PendingKey); }).get();
    };
    transport::LoginRequest request{setup.username, setup.password, setup.deviceName, setup.totpCode, {}, {}};
    if (!setup.deviceCode.empty()) {
        LAPIS_TRY_ASSIGN(const auto pending, readPending());
        if (!pending)
            return fail(ErrorCode::NotFound, "No sign-in request is waiting in this profile: log in without a code "
                                             "first, then type the code that another device shows");
        request.deviceCode = setup.deviceCode;
        request.signInId = pending->id;
    }
    LAPIS_TRY(m_ctx.connect(setup.relayAddress, setup.relayCertificatePem));
    std::optional<transport::SignInPending> made;
    auto device = m_ctx.relay->loginDevice(request, &made);
    if (!device.ok()) {
        if (made) {
            LAPIS_TRY(writePending(*made));
            const auto minutes = std::max<std::int64_t>(1, (made->expiresMs - m_ctx.nowMs() + 59'999) / 60'000);
            return fail(ErrorCode::PermissionDenied, ErrorReason::SignInCodeRequired,
                        "A code from another device is needed: the account's other devices now show a six-digit "
                        "sign-in code for \""
                            + setup.deviceName + "\"; log in again with it within " + std::to_string(minutes)
                            + " minutes");
        }
        if (!request.signInId.empty() && requestIsOver(device.error()))
            forgetPending();
        if (device.error().reason == ErrorReason::SignInDenied)
            return fail(ErrorCode::PermissionDenied, ErrorReason::SignInDenied,
                        "The sign-in was denied on another device of this account; nothing was added");
        return std::move(device).error();
    }
    forgetPending();

    if (!device->plaintextOnly) {
        m_ctx.relay->setCredentials(device->credentials);
        LAPIS_TRY_ASSIGN(auto own, m_ctx.relay->listDevices());
        bool othersHaveKeys = false;
        for (const auto &other : own)
            othersHaveKeys = othersHaveKeys || (other.deviceId != device->credentials.deviceId && other.hasKeys);
        if (othersHaveKeys) {
            // The account key exists only on the other devices and never passes through the relay:
            // this device is signed in, and receives the key when it is linked from one of them.
            m_ctx.awaitingKeys = true;
            qCInfo(lcEngine) << "Signed in by a second factor; end-to-end keys wait for linking";
        } else {
            // No device holds an account key (all lost, or the operator reset the account): this
            // device starts one, and contacts are warned that the safety number changed.
            m_ctx.identity = std::make_unique<LocalIdentity>(
                LocalIdentity::create(AccountId(device->credentials.account), DeviceId(device->credentials.deviceId),
                                      m_ctx.nowMs() / 1000, m_ctx.rng));
        }
    }
    LAPIS_TRY(saveAccount(*device, setup));
    if (m_ctx.identity)
        LAPIS_TRY(m_keys.publishKeys());
    return {};
}

Result<std::vector<SignInRequest>> Accounts::signInRequests()
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    LAPIS_TRY_ASSIGN(auto listed, m_ctx.relay->signInRequests());
    std::vector<SignInRequest> out;
    out.reserve(listed.size());
    for (const auto &r : listed)
        out.push_back(fromTransport(r));
    return out;
}

Result<void> Accounts::denySignIn(const std::string &id)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    auto denied = m_ctx.relay->denySignIn(id);
    if (!denied.ok() && denied.error().code == ErrorCode::InvalidArgument)
        return fail(ErrorCode::InvalidArgument, "No sign-in request has the id " + id);
    if (!denied.ok() && denied.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, "No sign-in request " + id + " is waiting (decided or expired already)");
    return denied;
}

void Accounts::setSignInListener(std::function<void(const SignInRequest &, bool pending)> listener)
{
    std::lock_guard lock(m_ctx.signInMutex);
    m_ctx.signInListener = std::move(listener);
}

Result<std::vector<SignInRequest>> Accounts::signInHistory()
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    LAPIS_TRY_ASSIGN(
        auto stored,
        m_ctx.store->transact([](store::Transaction &tx) { return tx.meta().get(sign_in_history::MetaKey); }).get());
    return sign_in_history::decode(stored);
}

bool Accounts::onAccountEvent(const transport::AccountEvent &event)
{
    using Kind = transport::AccountEvent::Kind;
    // Sends need no news of devices (each one asks the relay for the current devices and checks
    // their certificates), but the user does: kept and told, then acknowledged.
    if (event.kind == Kind::DeviceAdded || event.kind == Kind::DeviceRemoved)
        return m_devices.onDeviceChange(event);
    if (event.kind != Kind::SignInRequested && event.kind != Kind::SignInApproved && event.kind != Kind::SignInDenied)
        return false;
    auto request = fromTransport(event.signIn);
    if (request.deviceName.empty())
        request.deviceName = event.deviceName;
    std::function<void(const SignInRequest &, bool)> listener;
    {
        std::lock_guard lock(m_ctx.signInMutex);
        listener = m_ctx.signInListener;
    }
    if (event.kind == Kind::SignInRequested) {
        // A request's event stays in the mailbox until acknowledged: one that expired meanwhile
        // is no longer worth showing, and one nobody can show waits for a device that can.
        if (request.expiresAtMs <= m_ctx.nowMs())
            return true;
        if (!listener)
            return false;
        listener(request, true);
        return true;
    }
    // Outcomes are kept, so that every sign-in can be reviewed afterwards even when no window was
    // open to show it (lapis-cli receive, a locked screen).
    request.state = event.kind == Kind::SignInApproved ? SignInRequest::State::Approved : SignInRequest::State::Denied;
    request.decidedAtMs = event.serverTimeMs;
    const auto kept = m_ctx.store
                          ->transact([&request](store::Transaction &tx) -> Result<void> {
                              LAPIS_TRY_ASSIGN(auto stored, tx.meta().get(sign_in_history::MetaKey));
                              auto history = sign_in_history::decode(stored);
                              if (!sign_in_history::record(history, request))
                                  return {};
                              return tx.meta().set(sign_in_history::MetaKey, sign_in_history::encode(history));
                          })
                          .get();
    if (!kept.ok())
        qCWarning(lcEngine) << "A sign-in outcome was not kept:" << kept.error().message.c_str();
    if (listener)
        listener(request, false);
    return kept.ok() || listener;
}

} // namespace lapis::engine
