// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceSupport.h"

#include <lapis/common/Log.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/proto/Limits.h>

#include <charconv>

namespace lapis::relay {

namespace lim = proto::limits;

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t nowSeconds()
{
    return nowMs() / 1000;
}

Bytes hashSecret(ByteView secret)
{
    auto h = crypto::Blake2b::hash(secret, 32);
    return h.ok() ? std::move(h).value() : Bytes(32, 0);
}

grpc::Status withReason(grpc::ServerContextBase &context, grpc::StatusCode code, const std::string &message,
                        const char *reason)
{
    context.AddTrailingMetadata(std::string(lim::MetaReason), reason);
    return grpc::Status(code, message);
}

grpc::Status retryLater(grpc::ServerContextBase &context, std::chrono::milliseconds after, const std::string &what,
                        const char *reason)
{
    const auto seconds = std::max<long long>(1, (after.count() + 999) / 1000);
    context.AddTrailingMetadata(std::string(lim::MetaRetryAfterMs), std::to_string(after.count()));
    return withReason(context, grpc::StatusCode::RESOURCE_EXHAUSTED,
                      what + "; try again in " + std::to_string(seconds) + " s", reason);
}

grpc::Status toStatus(grpc::ServerContextBase &context, const Error &error)
{
    using C = grpc::StatusCode;
    switch (error.code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidKey:
    case ErrorCode::Corrupt:
        return withReason(context, C::INVALID_ARGUMENT, error.message, "invalid-argument");
    case ErrorCode::NotFound:
        return grpc::Status(C::NOT_FOUND, error.message);
    case ErrorCode::AlreadyExists:
    case ErrorCode::Duplicate:
        return grpc::Status(C::ALREADY_EXISTS, error.message);
    case ErrorCode::PermissionDenied:
        return grpc::Status(C::PERMISSION_DENIED, error.message);
    case ErrorCode::AuthenticationFailed:
    case ErrorCode::WrongPassphrase:
        return grpc::Status(C::UNAUTHENTICATED, error.message);
    case ErrorCode::LimitExceeded:
        return withReason(context, C::RESOURCE_EXHAUSTED, error.message, "limit");
    case ErrorCode::Unsupported:
        return grpc::Status(C::UNIMPLEMENTED, error.message);
    case ErrorCode::Unavailable:
        return grpc::Status(C::UNAVAILABLE, error.message);
    case ErrorCode::Cancelled:
        return grpc::Status(C::CANCELLED, error.message);
    case ErrorCode::Io:
    case ErrorCode::Internal:
        break;
    }
    qCWarning(lcRelay) << "internal error:" << QString::fromStdString(error.message);
    return grpc::Status(C::INTERNAL, "The relay had an internal error; try again later");
}

std::string sourceAddress(const grpc::ServerContextBase &context)
{
    // "ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000" (maybe %-escaped): everything before the port.
    const std::string peer = context.peer();
    const auto colon = peer.rfind(':');
    const auto scheme = peer.find(':');
    if (colon == std::string::npos || colon == scheme)
        return peer;
    return peer.substr(0, colon);
}

namespace {

grpc::Status admitConnection(RelayContext &relay, grpc::ServerContextBase &context)
{
    if (relay.stopping)
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "The relay is shutting down");
    if (auto wait = relay.connectionLimiter.take("peer:" + context.peer()))
        return retryLater(context, *wait, "Too many requests on this connection", "rate-limited");
    return grpc::Status::OK;
}

} // namespace

grpc::Status admitAnonymous(RelayContext &relay, grpc::ServerContextBase &context)
{
    if (auto s = admitConnection(relay, context); !s.ok())
        return s;
    // Per address as well as per connection: new connections cost a client nothing.
    if (auto wait = relay.addressLimiter.take("address:" + sourceAddress(context)))
        return retryLater(context, *wait, "Too many requests from this address", "rate-limited");
    return grpc::Status::OK;
}

namespace {

std::string metadata(const grpc::ServerContextBase &context, std::string_view key)
{
    const auto &md = context.client_metadata();
    auto it = md.find(grpc::string_ref(key.data(), key.size()));
    if (it == md.end())
        return {};
    return std::string(it->second.data(), it->second.size());
}

grpc::Status unauthenticated(grpc::ServerContextBase &context, const char *message)
{
    return withReason(context, grpc::StatusCode::UNAUTHENTICATED, message, "unauthenticated");
}

} // namespace

grpc::Status authenticate(RelayContext &relay, grpc::ServerContextBase &context, Caller &caller)
{
    if (auto s = admitConnection(relay, context); !s.ok())
        return s;
    const std::string account = metadata(context, lim::MetaAccount);
    const std::string deviceText = metadata(context, lim::MetaDevice);
    const std::string credentialText = metadata(context, lim::MetaCredential);
    if (account.empty() || deviceText.empty() || credentialText.empty())
        return unauthenticated(context, "This call needs a device credential");
    std::uint32_t device = 0;
    const auto [end, ec] = std::from_chars(deviceText.data(), deviceText.data() + deviceText.size(), device);
    auto credential = fromBase64Url(credentialText);
    if (ec != std::errc() || end != deviceText.data() + deviceText.size() || device == 0 || !credential.ok()
        || credential->size() != lim::CredentialSize || !proto::validateUsername(account).ok())
        return unauthenticated(context, "The device credential is malformed");

    auto stored = relay.storage.credentialHash(account, device);
    if (!stored.ok())
        return toStatus(context, stored.error());
    // The same answer for an unknown device and a wrong credential: nothing to probe.
    if (!stored.value() || !crypto::constantTimeEqual(*stored.value(), hashSecret(*credential)))
        return unauthenticated(context, "The device credential is not valid (was this device removed?)");

    if (auto wait = relay.accountLimiter.take("account:" + account))
        return retryLater(context, *wait, "Too many requests for this account", "rate-limited");
    caller.account = account;
    caller.device = device;
    return grpc::Status::OK;
}

} // namespace lapis::relay
