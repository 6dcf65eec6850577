// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsService.h"
#include "ServiceSupport.h"
#include "SignInCodes.h"
#include "Totp.h"

#include <lapis/common/Log.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/proto/Limits.h>

#include <cstdio>

namespace lapis::relay {

namespace {
constexpr const char *WrongLogin = "Wrong username or password";
constexpr const char *TotpPurpose = "totp";
// Wrong codes a sign-in request survives; the fifth closes it.
constexpr int SignInCodeTries = 5;

std::string randomHex(std::size_t bytes)
{
    static constexpr char Digits[] = "0123456789abcdef";
    const Bytes raw = crypto::randomBytes(bytes);
    std::string out;
    for (auto b : raw) {
        out += Digits[b >> 4];
        out += Digits[b & 0x0f];
    }
    return out;
}

grpc::Status hashPoolFull(grpc::ServerContext &context)
{
    return retryLater(context, std::chrono::seconds(1), "The relay is busy checking passwords", "password-hash-busy");
}

std::string randomCode()
{
    char code[8];
    std::snprintf(code, sizeof code, "%06u", crypto::systemRandom().uniform(1'000'000));
    return code;
}

void toProto(const SignInRecord &r, const SecretSealer &sealer, v1::SignInRequest &out)
{
    out.set_id(r.id);
    out.set_code(sign_in_codes::reveal(sealer, r.username, r.id, r.code));
    out.set_device_name(r.deviceName);
    out.set_created_ms(r.createdMs);
    out.set_expires_ms(r.expiresMs);
}
} // namespace

AccountsService::AccountsService(RelayContext &relay)
    : m_relay(relay)
    , m_security(relay)
{
    auto hash = crypto::Argon2::hashPassword("unknown account", relay.config.argon2);
    if (hash.ok())
        m_dummyHash = std::move(hash).value();
}

grpc::Status AccountsService::checkLockout(grpc::ServerContext &context, const AccountRecord &account)
{
    const auto now = nowMs();
    if (account.lockedUntilMs > now)
        return retryLater(context, std::chrono::milliseconds(account.lockedUntilMs - now),
                          "Too many failed attempts for this account", "locked-out");
    return grpc::Status::OK;
}

grpc::Status AccountsService::failedAttempt(grpc::ServerContext &context, const std::string &username,
                                            const char *message, const char *reason)
{
    auto lockedUntil = m_relay.storage.recordLoginFailure(username, nowMs());
    if (!lockedUntil.ok())
        return toStatus(context, lockedUntil.error());
    if (*lockedUntil > 0)
        return retryLater(context, std::chrono::milliseconds(*lockedUntil - nowMs()),
                          std::string(message) + "; too many failed attempts for this account", "locked-out");
    return withReason(context, grpc::StatusCode::UNAUTHENTICATED, message, reason);
}

grpc::Status AccountsService::matchTotp(grpc::ServerContext &context, const AccountRecord &account, ByteView stored,
                                        const std::string &code, std::int64_t &step)
{
    auto secret = m_relay.sealer->open(stored, TotpPurpose, account.username, Totp::SecretSize);
    if (!secret.ok())
        return toStatus(context, fail(ErrorCode::Internal,
                                      "A TOTP secret does not open with DIR/secrets.key: " + secret.error().message));
    auto matched = Totp::matchStep(*secret, code, nowSeconds());
    if (!matched)
        return failedAttempt(context, account.username, "The TOTP code is wrong", "totp-wrong");
    if (*matched <= account.totpLastStep)
        return failedAttempt(context, account.username, "This TOTP code was used already; wait for the next one",
                             "totp-replayed");
    step = *matched;
    return grpc::Status::OK;
}

grpc::Status AccountsService::issueCredential(grpc::ServerContext &context, const std::string &username,
                                              const Result<DeviceAdded> &added, const Bytes &credential,
                                              v1::DeviceCredential *response)
{
    if (!added.ok()) {
        if (added.error().code == ErrorCode::Duplicate)
            return failedAttempt(context, username, added.error().message.c_str(), "totp-replayed");
        return toStatus(context, added.error());
    }
    for (auto device : added->notified)
        m_relay.hub.notify(username, device);
    response->set_username(username);
    response->set_device_id(added->deviceId);
    response->set_credential(credential.data(), credential.size());
    response->set_plaintext_only(added->plaintextOnly);
    qCDebug(lcRelay) << "device" << added->deviceId << "added to an account;" << added->notified.size()
                     << "other devices told";
    return grpc::Status::OK;
}

grpc::Status AccountsService::Register(grpc::ServerContext *context, const v1::RegisterRequest *request,
                                       v1::DeviceCredential *response)
{
    if (auto s = admitAnonymous(m_relay, *context); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    if (auto wait = m_relay.registerLimiter.take(sourceAddress(*context)))
        return retryLater(*context, *wait, "Too many registrations from this address", "register-rate");
    auto turn = m_relay.passwordHashes.acquire();
    if (!turn)
        return hashPoolFull(*context);
    auto hash = crypto::Argon2::hashPassword(request->password(), m_relay.config.argon2);
    turn.reset();
    if (!hash.ok())
        return toStatus(*context, hash.error());
    const Bytes credential = crypto::randomBytes(proto::limits::CredentialSize);
    auto added = m_relay.storage.createAccount(request->username(), *hash, request->plaintext_only(),
                                               request->device_name(), hashSecret(credential), nowMs());
    return issueCredential(*context, request->username(), added, credential, response);
}

grpc::Status AccountsService::LoginDevice(grpc::ServerContext *context, const v1::LoginDeviceRequest *request,
                                          v1::DeviceCredential *response)
{
    if (auto s = admitAnonymous(m_relay, *context); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    // Per account too, whatever address or connection the attempts come from.
    if (auto wait = m_relay.loginLimiter->take(request->username()))
        return retryLater(*context, *wait, "Too many log-in attempts for this account", "rate-limited");
    auto account = m_relay.storage.findAccount(request->username());
    if (!account.ok())
        return toStatus(*context, account.error());
    auto turn = m_relay.passwordHashes.acquire();
    if (!turn)
        return hashPoolFull(*context);
    if (!account.value()) {
        // Spend the same effort as a real check, so timing does not reveal which names exist.
        (void)crypto::Argon2::verifyPassword(m_dummyHash, request->password());
        return withReason(*context, grpc::StatusCode::UNAUTHENTICATED, WrongLogin, "wrong-password");
    }
    const AccountRecord &a = *account.value();
    if (auto s = checkLockout(*context, a); !s.ok())
        return s;
    const bool passwordRight = crypto::Argon2::verifyPassword(a.passwordHash, request->password());
    turn.reset();
    if (!passwordRight)
        return failedAttempt(*context, a.username, WrongLogin, "wrong-password");

    // Either second factor completes a sign-in: a code shown on one of the account's devices, or
    // a TOTP code where the account enabled it. Only an account with neither signs in by password.
    if (!request->device_code().empty()) {
        // An account with TOTP asks for it on every path, the code path too.
        if (a.totpEnabled) {
            if (request->totp_code().empty())
                return withReason(*context, grpc::StatusCode::UNAUTHENTICATED,
                                  "This account needs a TOTP code from the authenticator app as well as the code",
                                  "totp-required");
            std::int64_t matched = 0;
            if (auto s = matchTotp(*context, a, a.totpSecret, request->totp_code(), matched); !s.ok())
                return s;
        }
        return completeSignIn(*context, a, *request, response);
    }
    auto devices = m_relay.storage.listDevices(a.username);
    if (!devices.ok())
        return toStatus(*context, devices.error());
    if (!devices->empty() && !(a.totpEnabled && !request->totp_code().empty()))
        return requestSignIn(*context, a, *request);

    std::optional<std::int64_t> step;
    if (a.totpEnabled) {
        if (request->totp_code().empty())
            return withReason(*context, grpc::StatusCode::UNAUTHENTICATED,
                              "This account needs a TOTP code from the authenticator app", "totp-required");
        std::int64_t matched = 0;
        if (auto s = matchTotp(*context, a, a.totpSecret, request->totp_code(), matched); !s.ok())
            return s;
        step = matched;
    }
    const Bytes credential = crypto::randomBytes(proto::limits::CredentialSize);
    auto added = m_relay.storage.addDevice(a.username, request->device_name(), hashSecret(credential), step, nowMs());
    return issueCredential(*context, a.username, added, credential, response);
}

grpc::Status AccountsService::requestSignIn(grpc::ServerContext &context, const AccountRecord &account,
                                            const v1::LoginDeviceRequest &request)
{
    if (auto wait = m_relay.signInLimiter->take(account.username))
        return retryLater(context, *wait, "Too many sign-in requests for this account", "sign-in-rate");
    SignInRecord record;
    record.id = randomHex(8);
    record.username = account.username;
    if (auto sealed = sign_in_codes::protect(*m_relay.sealer, record, randomCode()); !sealed.ok())
        return toStatus(context, sealed.error());
    record.deviceName = request.device_name();
    record.createdMs = nowMs();
    record.expiresMs = record.createdMs + std::chrono::milliseconds(m_relay.config.signInTtl).count();
    auto told = m_relay.storage.createSignIn(record);
    if (!told.ok())
        return toStatus(context, told.error());
    for (auto device : *told)
        m_relay.hub.notify(account.username, device);
    qCDebug(lcRelay) << "sign-in request made;" << told->size() << "devices told";
    v1::SignInPending pending;
    pending.set_id(record.id);
    pending.set_expires_ms(record.expiresMs);
    context.AddTrailingMetadata(std::string(proto::limits::MetaReason), "sign-in-code-required");
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        account.totpEnabled
                            ? "Type the six-digit code shown on another device of this account and a TOTP code, or "
                              "a TOTP code alone"
                            : "Type the six-digit code shown on another device of this account",
                        pending.SerializeAsString());
}

grpc::Status AccountsService::completeSignIn(grpc::ServerContext &context, const AccountRecord &account,
                                             const v1::LoginDeviceRequest &request, v1::DeviceCredential *response)
{
    using C = grpc::StatusCode;
    auto found = m_relay.storage.findSignIn(account.username, request.sign_in_id());
    if (!found.ok())
        return toStatus(context, found.error());
    if (!found.value())
        return withReason(context, C::UNAUTHENTICATED, "No such sign-in request; log in again for a new code",
                          "sign-in-unknown");
    const SignInRecord &record = *found.value();
    switch (record.state) {
    case SignInRecord::State::Denied:
        return withReason(context, C::PERMISSION_DENIED, "The sign-in was denied on another device of this account",
                          "sign-in-denied");
    case SignInRecord::State::Approved:
        return withReason(context, C::UNAUTHENTICATED, "This sign-in code was used already", "sign-in-used");
    case SignInRecord::State::Closed:
        return withReason(context, C::UNAUTHENTICATED,
                          "Too many wrong codes: this sign-in request is closed; log in again for a new code",
                          "sign-in-closed");
    case SignInRecord::State::Pending:
        break;
    }
    const auto now = nowMs();
    if (record.expiresMs <= now)
        return withReason(context, C::UNAUTHENTICATED, "The sign-in code expired; log in again for a new code",
                          "sign-in-expired");
    // Wrong codes are capped per account across requests, not only per request.
    if (auto s = m_security.checkSignInCodeBudget(context, account.username); !s.ok())
        return s;
    if (!sign_in_codes::matches(*m_relay.sealer, record, request.device_code())) {
        std::vector<std::uint32_t> told;
        auto counted = m_relay.storage.recordWrongSignInCode(account.username, record.id, SignInCodeTries, now, told);
        if (!counted.ok())
            return toStatus(context, counted.error());
        for (auto device : told)
            m_relay.hub.notify(account.username, device);
        if (counted->state == SignInRecord::State::Closed)
            return withReason(context, C::UNAUTHENTICATED,
                              "The sign-in code is wrong; that was the last try: this request is closed, log in "
                              "again for a new code",
                              "sign-in-closed");
        return withReason(context, C::UNAUTHENTICATED,
                          "The sign-in code is wrong (" + std::to_string(SignInCodeTries - counted->wrongCodes)
                              + " tries left)",
                          "sign-in-code-wrong");
    }
    const Bytes credential = crypto::randomBytes(proto::limits::CredentialSize);
    auto added = m_relay.storage.addDeviceBySignIn(account.username, record.id, hashSecret(credential), now);
    if (!added.ok() && added.error().code == ErrorCode::Duplicate)
        return withReason(context, C::UNAUTHENTICATED, "This sign-in code was used already", "sign-in-used");
    if (!added.ok() && added.error().code == ErrorCode::AuthenticationFailed)
        return withReason(context, C::UNAUTHENTICATED, added.error().message, "sign-in-expired");
    return issueCredential(context, account.username, added, credential, response);
}

grpc::Status AccountsService::RegisterLinkedDevice(grpc::ServerContext *context,
                                                   const v1::RegisterLinkedDeviceRequest *request,
                                                   v1::DeviceCredential *response)
{
    if (auto s = admitAnonymous(m_relay, *context); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    const Bytes credential = crypto::randomBytes(proto::limits::CredentialSize);
    auto added = m_relay.storage.addLinkedDevice(request->username(), hashSecret(asBytes(request->link_token())),
                                                 request->device_name(), hashSecret(credential), nowMs());
    return issueCredential(*context, request->username(), added, credential, response);
}

grpc::Status AccountsService::TotpEnroll(grpc::ServerContext *context, const v1::TotpEnrollRequest *,
                                         v1::TotpEnrollResponse *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    auto account = m_relay.storage.findAccount(caller.account);
    if (!account.ok() || !account.value())
        return toStatus(*context, account.ok() ? fail(ErrorCode::NotFound, "No such account") : account.error());
    if (account.value()->totpEnabled)
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "TOTP is on already; turn it off first");
    const Bytes secret = crypto::randomBytes(Totp::SecretSize);
    // Stored sealed with DIR/secrets.key: the database alone holds no usable secret.
    auto sealed = m_relay.sealer->seal(secret, TotpPurpose, caller.account);
    if (!sealed.ok())
        return toStatus(*context, sealed.error());
    if (auto r = m_relay.storage.setTotpPending(caller.account, *sealed); !r.ok())
        return toStatus(*context, r.error());
    response->set_secret(secret.data(), secret.size());
    response->set_otpauth_uri(Totp::otpauthUri(caller.account, secret));
    return grpc::Status::OK;
}

grpc::Status AccountsService::TotpConfirm(grpc::ServerContext *context, const v1::TotpCodeRequest *request, v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    auto account = m_relay.storage.findAccount(caller.account);
    if (!account.ok() || !account.value())
        return toStatus(*context, account.ok() ? fail(ErrorCode::NotFound, "No such account") : account.error());
    const AccountRecord &a = *account.value();
    if (a.totpPendingSecret.empty())
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "Start TOTP enrolment first");
    if (auto s = checkLockout(*context, a); !s.ok())
        return s;
    std::int64_t step = 0;
    if (auto s = matchTotp(*context, a, a.totpPendingSecret, request->code(), step); !s.ok())
        return s;
    if (auto r = m_relay.storage.confirmTotp(a.username, step); !r.ok())
        return toStatus(*context, r.error());
    return grpc::Status::OK;
}

grpc::Status AccountsService::TotpDisable(grpc::ServerContext *context, const v1::TotpCodeRequest *request, v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    auto account = m_relay.storage.findAccount(caller.account);
    if (!account.ok() || !account.value())
        return toStatus(*context, account.ok() ? fail(ErrorCode::NotFound, "No such account") : account.error());
    const AccountRecord &a = *account.value();
    if (!a.totpEnabled)
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "TOTP is not on for this account");
    if (auto s = checkLockout(*context, a); !s.ok())
        return s;
    std::int64_t step = 0;
    if (auto s = matchTotp(*context, a, a.totpSecret, request->code(), step); !s.ok())
        return s;
    if (auto r = m_relay.storage.disableTotp(a.username, step); !r.ok())
        return toStatus(*context, r.error());
    return grpc::Status::OK;
}

grpc::Status AccountsService::ListDevices(grpc::ServerContext *context, const v1::ListDevicesRequest *,
                                          v1::DeviceList *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    auto devices = m_relay.storage.listDevices(caller.account);
    if (!devices.ok())
        return toStatus(*context, devices.error());
    for (const auto &d : *devices) {
        auto *info = response->add_devices();
        info->set_device_id(d.deviceId);
        info->set_certificate(d.certificate.data(), d.certificate.size());
        info->set_name(d.name);
        info->set_created_ms(d.createdMs);
        info->set_has_keys(!d.certificate.empty() && !d.signedPreKey.empty());
    }
    return grpc::Status::OK;
}

grpc::Status AccountsService::RemoveDevice(grpc::ServerContext *context, const v1::RemoveDeviceRequest *request,
                                           v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    // A device may always retire itself (a keyless device does once it is linked).
    if (request->device_id() != caller.device)
        if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
            return s;
    auto notified = m_relay.storage.removeDevice(caller.account, request->device_id(), nowMs());
    if (!notified.ok())
        return toStatus(*context, notified.error());
    m_relay.hub.disconnect(caller.account, request->device_id());
    for (auto device : *notified)
        m_relay.hub.notify(caller.account, device);
    return grpc::Status::OK;
}

grpc::Status AccountsService::ListSignInRequests(grpc::ServerContext *context, const v1::ListSignInRequestsRequest *,
                                                 v1::SignInRequests *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    auto pending = m_relay.storage.pendingSignIns(caller.account, nowMs());
    if (!pending.ok())
        return toStatus(*context, pending.error());
    for (const auto &r : *pending)
        toProto(r, *m_relay.sealer, *response->add_requests());
    return grpc::Status::OK;
}

grpc::Status AccountsService::DenySignIn(grpc::ServerContext *context, const v1::DenySignInRequest *request,
                                         v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    auto told = m_relay.storage.denySignIn(caller.account, request->id(), nowMs());
    if (!told.ok())
        return toStatus(*context, told.error());
    for (auto device : *told)
        m_relay.hub.notify(caller.account, device);
    return grpc::Status::OK;
}

grpc::Status AccountsService::ChangePassword(grpc::ServerContext *context, const v1::ChangePasswordRequest *request,
                                             v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    auto account = m_relay.storage.findAccount(caller.account);
    if (!account.ok() || !account.value())
        return toStatus(*context, account.ok() ? fail(ErrorCode::NotFound, "No such account") : account.error());
    const AccountRecord &a = *account.value();
    if (auto s = checkLockout(*context, a); !s.ok())
        return s;
    auto turn = m_relay.passwordHashes.acquire();
    if (!turn)
        return hashPoolFull(*context);
    if (!crypto::Argon2::verifyPassword(a.passwordHash, request->old_password()))
        return failedAttempt(*context, a.username, "The current password is wrong", "wrong-password");
    if (a.totpEnabled) {
        if (request->totp_code().empty())
            return withReason(*context, grpc::StatusCode::UNAUTHENTICATED,
                              "This account needs a TOTP code from the authenticator app", "totp-required");
        std::int64_t step = 0;
        if (auto s = matchTotp(*context, a, a.totpSecret, request->totp_code(), step); !s.ok())
            return s;
    }
    auto hash = crypto::Argon2::hashPassword(request->new_password(), m_relay.config.argon2);
    turn.reset();
    if (!hash.ok())
        return toStatus(*context, hash.error());
    if (auto r = m_relay.storage.setPassword(a.username, *hash); !r.ok())
        return toStatus(*context, r.error());
    qCDebug(lcRelay) << "password changed for an account";
    return grpc::Status::OK;
}

grpc::Status AccountsService::AllowSignIns(grpc::ServerContext *context, const v1::AllowSignInsRequest *, v1::Empty *)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = m_security.requireAccountProof(*context, caller); !s.ok())
        return s;
    if (auto r = m_relay.storage.allowSignIns(caller.account, nowMs()); !r.ok())
        return toStatus(*context, r.error());
    return grpc::Status::OK;
}

} // namespace lapis::relay
