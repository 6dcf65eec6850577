// SPDX-License-Identifier: GPL-3.0-or-later
#include "Channel.h"
#include "RelayClientStubs.h"
#include "StatusMapping.h"

#include <lapis/proto/Validation.h>
#include <lapis/transport/LoginAnswer.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace lapis::transport {

namespace {

DeviceInfo fromProto(const v1::DeviceInfo &d)
{
    return DeviceInfo{d.device_id(), toBytes(d.certificate()), d.name(), d.created_ms(), d.has_keys()};
}

} // namespace

/// Runs one unary call (see RelayClient::invoke): validation, context, the call on the current
/// relay (and the next ones as `repeat` allows), and a failure mapped to an Error.
#define LAPIS_UNARY(repeat, authenticated, stub, method, request, response)                                            \
    Attempt attempt;                                                                                                   \
    LAPIS_TRY(invoke(                                                                                                  \
        repeat, authenticated,                                                                                         \
        [&](Stubs &stubs, grpc::ClientContext &ctx) { return stubs.stub->method(&ctx, request, &response); },          \
        attempt));                                                                                                     \
    if (!attempt.status.ok())                                                                                          \
        return toError(attempt.status, *attempt.context, attempt.address);

RelayClient::RelayClient(RelayEndpoint endpoint, std::shared_ptr<RelayRoutes> routes)
    : m_endpoint(std::move(endpoint))
    , m_routes(std::move(routes))
{
    m_stubs.reserve(m_routes->size());
    for (std::size_t i = 0; i < m_routes->size(); ++i)
        m_stubs.emplace_back(m_routes->at(i).channel);
}

RelayClient::~RelayClient() = default;

Result<std::unique_ptr<RelayClient>> RelayClient::create(RelayEndpoint endpoint)
{
    LAPIS_TRY_ASSIGN(auto routes, RelayRoutes::create(endpoint));
    return std::unique_ptr<RelayClient>(new RelayClient(std::move(endpoint), std::move(routes)));
}

Result<void> RelayClient::invoke(Repeat repeat, bool authenticated,
                                 const std::function<grpc::Status(Stubs &, grpc::ClientContext &)> &call,
                                 Attempt &attempt, std::optional<std::chrono::milliseconds> timeout)
{
    for (std::size_t tries = 0; tries < m_routes->size(); ++tries) {
        const auto route = m_routes->current();
        // A call on a connection that is not up yet fails UNAVAILABLE without a byte reaching
        // the relay (a relay that is gone refuses the connection): it may always go elsewhere.
        const bool connected = route.channel->GetState(false) == GRPC_CHANNEL_READY;
        LAPIS_TRY_ASSIGN(attempt.context, context(authenticated, timeout));
        attempt.address = route.address;
        attempt.status = call(m_stubs[route.index], *attempt.context);
        if (attempt.status.error_code() != grpc::StatusCode::UNAVAILABLE)
            return {};
        m_routes->failed(route.index);
        if (repeat == Repeat::IfNeverSent && connected)
            return {};
    }
    return {};
}

void RelayClient::setCredentials(DeviceCredentials credentials)
{
    std::lock_guard lock(m_mutex);
    m_credentials = std::move(credentials);
}

std::optional<DeviceCredentials> RelayClient::credentials() const
{
    std::lock_guard lock(m_mutex);
    return m_credentials;
}

Result<std::unique_ptr<grpc::ClientContext>> RelayClient::context(bool authenticated,
                                                                  std::optional<std::chrono::milliseconds> timeout)
{
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + timeout.value_or(m_timeout));
    if (authenticated) {
        std::lock_guard lock(m_mutex);
        if (!m_credentials)
            return fail(ErrorCode::PermissionDenied, "This device is not registered with the relay yet");
        addCredentials(*ctx, *m_credentials);
    }
    return ctx;
}

Result<RegisteredDevice> RelayClient::registerAccount(const std::string &username, const std::string &password,
                                                      const std::string &deviceName, bool plaintextOnly)
{
    v1::RegisterRequest request;
    request.set_username(username);
    request.set_password(password);
    request.set_device_name(deviceName);
    request.set_plaintext_only(plaintextOnly);
    LAPIS_TRY(proto::validate(request));
    v1::DeviceCredential response;
    LAPIS_UNARY(Repeat::IfNeverSent, false, accounts, Register, request, response);
    return parseDeviceCredential(response.SerializeAsString());
}

Result<RegisteredDevice> RelayClient::loginDevice(const std::string &username, const std::string &password,
                                                  const std::string &deviceName, const std::string &totpCode)
{
    return loginDevice(LoginRequest{username, password, deviceName, totpCode, {}, {}});
}

Result<RegisteredDevice> RelayClient::loginDevice(const LoginRequest &login, std::optional<SignInPending> *pending)
{
    v1::LoginDeviceRequest request;
    request.set_username(login.username);
    request.set_password(login.password);
    request.set_device_name(login.deviceName);
    request.set_totp_code(login.totpCode);
    request.set_device_code(login.deviceCode);
    request.set_sign_in_id(login.signInId);
    LAPIS_TRY(proto::validate(request));
    v1::DeviceCredential response;
    Attempt attempt;
    LAPIS_TRY(invoke(
        Repeat::IfNeverSent, false,
        [&](Stubs &stubs, grpc::ClientContext &ctx) { return stubs.accounts->LoginDevice(&ctx, request, &response); },
        attempt));
    if (const auto &status = attempt.status; !status.ok()) {
        if (pending && status.error_code() == grpc::StatusCode::PERMISSION_DENIED)
            if (auto made = parseSignInPending(status.error_details()))
                *pending = std::move(made);
        return toError(status, *attempt.context, attempt.address);
    }
    return parseDeviceCredential(response.SerializeAsString());
}

Result<std::vector<SignInRequest>> RelayClient::signInRequests()
{
    v1::ListSignInRequestsRequest request;
    v1::SignInRequests response;
    LAPIS_UNARY(Repeat::Always, true, accounts, ListSignInRequests, request, response);
    std::vector<SignInRequest> out;
    for (const auto &r : response.requests())
        out.push_back(SignInRequest{r.id(), r.code(), r.device_name(), r.created_ms(), r.expires_ms()});
    return out;
}

Result<void> RelayClient::denySignIn(const std::string &id)
{
    v1::DenySignInRequest request;
    request.set_id(id);
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, accounts, DenySignIn, request, response);
    return {};
}

Result<RegisteredDevice> RelayClient::registerLinkedDevice(const std::string &username, ByteView linkToken,
                                                           const std::string &deviceName)
{
    v1::RegisterLinkedDeviceRequest request;
    request.set_username(username);
    request.set_link_token(linkToken.data(), linkToken.size());
    request.set_device_name(deviceName);
    LAPIS_TRY(proto::validate(request));
    v1::DeviceCredential response;
    LAPIS_UNARY(Repeat::IfNeverSent, false, accounts, RegisterLinkedDevice, request, response);
    return parseDeviceCredential(response.SerializeAsString());
}

Result<TotpEnrollment> RelayClient::enrollTotp()
{
    v1::TotpEnrollRequest request;
    v1::TotpEnrollResponse response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, accounts, TotpEnroll, request, response);
    return TotpEnrollment{toBytes(response.secret()), response.otpauth_uri()};
}

Result<void> RelayClient::confirmTotp(const std::string &code)
{
    v1::TotpCodeRequest request;
    request.set_code(code);
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, accounts, TotpConfirm, request, response);
    return {};
}

Result<void> RelayClient::disableTotp(const std::string &code)
{
    v1::TotpCodeRequest request;
    request.set_code(code);
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, accounts, TotpDisable, request, response);
    return {};
}

Result<void> RelayClient::changePassword(const std::string &oldPassword, const std::string &newPassword,
                                         const std::string &totpCode)
{
    v1::ChangePasswordRequest request;
    request.set_old_password(oldPassword);
    request.set_new_password(newPassword);
    request.set_totp_code(totpCode);
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, accounts, ChangePassword, request, response);
    return {};
}

Result<void> RelayClient::allowSignIns()
{
    v1::AllowSignInsRequest request;
    v1::Empty response;
    LAPIS_UNARY(Repeat::Always, true, accounts, AllowSignIns, request, response);
    return {};
}

Result<std::vector<DeviceInfo>> RelayClient::listDevices()
{
    v1::ListDevicesRequest request;
    v1::DeviceList response;
    LAPIS_UNARY(Repeat::Always, true, accounts, ListDevices, request, response);
    std::vector<DeviceInfo> devices;
    for (const auto &d : response.devices())
        devices.push_back(fromProto(d));
    return devices;
}

Result<void> RelayClient::removeDevice(std::uint32_t deviceId)
{
    v1::RemoveDeviceRequest request;
    request.set_device_id(deviceId);
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, accounts, RemoveDevice, request, response);
    return {};
}

Result<void> RelayClient::publishKeys(ByteView accountKey, ByteView certificate, ByteView signedPreKey,
                                      const std::vector<OneTimePreKey> &oneTime, const KemPreKeyUpload &kem)
{
    v1::PublishDeviceKeysRequest request;
    auto setKem = [](v1::KemPreKey *out, const KemPreKey &key) {
        out->set_id(key.id);
        out->set_public_key(key.publicKey.data(), key.publicKey.size());
        out->set_signature(key.signature.data(), key.signature.size());
    };
    if (kem.lastResort)
        setKem(request.mutable_last_resort_kem_prekey(), *kem.lastResort);
    for (const auto &key : kem.oneTime)
        setKem(request.add_one_time_kem_prekeys(), key);
    request.set_account_key(accountKey.data(), accountKey.size());
    request.set_certificate(certificate.data(), certificate.size());
    request.set_signed_prekey(signedPreKey.data(), signedPreKey.size());
    for (const auto &k : oneTime) {
        auto *out = request.add_one_time_prekeys();
        out->set_id(k.id);
        out->set_public_key(k.publicKey.data(), k.publicKey.size());
    }
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::Always, true, keys, PublishDeviceKeys, request, response);
    return {};
}

Result<PreKeyBundles> RelayClient::fetchPreKeyBundles(const std::string &account,
                                                      const std::vector<std::uint32_t> &devicesWithSession,
                                                      bool lookupOnly)
{
    v1::PreKeyBundlesRequest request;
    request.set_account(account);
    request.set_lookup_only(lookupOnly);
    for (const auto device : devicesWithSession)
        request.add_devices_with_session(device);
    LAPIS_TRY(proto::validate(request));
    v1::PreKeyBundles response;
    LAPIS_UNARY(Repeat::Always, true, keys, GetPreKeyBundles, request, response);
    PreKeyBundles out{response.account(), response.plaintext_only(), {}, toBytes(response.account_key())};
    for (const auto &b : response.bundles()) {
        PreKeyBundle bundle{b.device_id(), toBytes(b.certificate()), toBytes(b.signed_prekey()), std::nullopt,
                            std::nullopt};
        if (b.has_one_time_prekey())
            bundle.oneTimePreKey = OneTimePreKey{b.one_time_prekey().id(), toBytes(b.one_time_prekey().public_key())};
        if (b.has_kem_prekey())
            bundle.kemPreKey = KemPreKey{b.kem_prekey().id(), toBytes(b.kem_prekey().public_key()),
                                         toBytes(b.kem_prekey().signature())};
        out.bundles.push_back(std::move(bundle));
    }
    return out;
}

Result<std::uint32_t> RelayClient::preKeyCount()
{
    v1::PreKeyCountRequest request;
    v1::PreKeyCount response;
    LAPIS_UNARY(Repeat::Always, true, keys, GetPreKeyCount, request, response);
    return response.count();
}

Result<PreKeyCounts> RelayClient::preKeyCounts()
{
    v1::PreKeyCountRequest request;
    v1::PreKeyCount response;
    LAPIS_UNARY(Repeat::Always, true, keys, GetPreKeyCount, request, response);
    return PreKeyCounts{response.count(), response.kem_count(), response.has_last_resort_kem_prekey()};
}

Result<SendOutcome> RelayClient::sendBatch(const std::string &recipient, const std::vector<OutgoingEnvelope> &envelopes,
                                           bool allowPlaintext)
{
    v1::SendBatchRequest request;
    request.set_recipient(recipient);
    request.set_allow_plaintext(allowPlaintext);
    for (const auto &e : envelopes) {
        auto *out = request.add_envelopes();
        out->set_recipient_device(e.recipientDevice);
        out->set_payload(e.payload.data(), e.payload.size());
        out->set_plaintext(e.plaintext);
    }
    LAPIS_TRY(proto::validate(request));
    v1::SendBatchResponse response;
    // Repeated on the next relay after UNAVAILABLE even when the first may have stored it: the
    // envelopes are the same bytes, and the receiving device drops a second copy (by message id
    // and ciphertext digest, IncomingMessages::isNewEnvelope).
    Attempt attempt;
    LAPIS_TRY(invoke(
        Repeat::Always, true,
        [&](Stubs &stubs, grpc::ClientContext &ctx) { return stubs.messages->SendBatch(&ctx, request, &response); },
        attempt));
    const grpc::Status &status = attempt.status;
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        v1::DeviceMismatch mismatch;
        if (mismatch.ParseFromString(status.error_details())) {
            SendOutcome outcome;
            outcome.plaintextOnly = mismatch.plaintext_only();
            for (const auto &d : mismatch.devices())
                outcome.currentDevices.push_back(fromProto(d));
            return outcome;
        }
    }
    if (!status.ok())
        return toError(status, *attempt.context, attempt.address);
    SendOutcome outcome;
    outcome.accepted = true;
    outcome.serverTimeMs = response.server_time_ms();
    return outcome;
}

Result<LinkAddress> RelayClient::createLinkAddress()
{
    v1::CreateLinkAddressRequest request;
    v1::LinkAddress response;
    LAPIS_UNARY(Repeat::Always, false, link, CreateAddress, request, response);
    return LinkAddress{response.address(), std::chrono::seconds(response.ttl_seconds())};
}

Result<Bytes> RelayClient::waitForLink(const std::string &address, std::chrono::milliseconds timeout,
                                       const std::function<bool()> &interrupted)
{
    v1::WaitLinkRequest request;
    request.set_address(address);
    LAPIS_TRY(proto::validate(request));
    // Relays on one database share the link channel: a wait whose relay went away goes on at the
    // next one, for the time that is left. (A single relay keeps it in memory; there is no next.)
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (std::size_t tries = 0;; ++tries) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        LAPIS_TRY_ASSIGN(auto ctx, context(false, std::max(left, std::chrono::milliseconds(1))));
        const auto route = m_routes->current();
        v1::LinkBundle response;
        // One long call, cancelled from a watcher only when the caller gives up: a call cut into
        // slices could end just as the relay hands the bundle over, and the bundle would be lost.
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        bool cancelled = false;
        std::thread watcher;
        if (interrupted)
            watcher = std::thread([&] {
                std::unique_lock lock(mutex);
                while (!done) {
                    if (finished.wait_for(lock, std::chrono::milliseconds(200), [&] { return done; }))
                        break;
                    if (interrupted()) {
                        cancelled = true;
                        ctx->TryCancel();
                        break;
                    }
                }
            });
        const grpc::Status status = m_stubs[route.index].link->Wait(ctx.get(), request, &response);
        if (watcher.joinable()) {
            {
                std::lock_guard lock(mutex);
                done = true;
            }
            finished.notify_all();
            watcher.join();
        }
        if (cancelled && !status.ok())
            return fail(ErrorCode::Cancelled, "Linking was cancelled");
        if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED)
            return fail(ErrorCode::Cancelled, "Nobody approved the link request in time");
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
            m_routes->failed(route.index);
            if (tries + 1 < m_routes->size() && std::chrono::steady_clock::now() < deadline)
                continue;
        }
        if (!status.ok())
            return toError(status, *ctx, route.address);
        return toBytes(response.sealed_bundle());
    }
}

Result<LinkToken> RelayClient::createLinkToken()
{
    v1::CreateLinkTokenRequest request;
    v1::LinkToken response;
    LAPIS_UNARY(Repeat::Always, true, link, CreateToken, request, response);
    return LinkToken{toBytes(response.token()), std::chrono::seconds(response.ttl_seconds())};
}

Result<void> RelayClient::postLinkBundle(const std::string &address, ByteView sealedBundle)
{
    v1::PostLinkBundleRequest request;
    request.set_address(address);
    request.set_sealed_bundle(sealedBundle.data(), sealedBundle.size());
    LAPIS_TRY(proto::validate(request));
    v1::Empty response;
    LAPIS_UNARY(Repeat::IfNeverSent, true, link, PostBundle, request, response);
    return {};
}

} // namespace lapis::transport
