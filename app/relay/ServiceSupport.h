// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"

#include <lapis/common/Result.h>

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace lapis::relay {

/// The authenticated device behind a call.
struct Caller {
    std::string account;
    std::uint32_t device = 0;
};

std::int64_t nowMs();
std::int64_t nowSeconds();

/// BLAKE2b-256 of a random credential or token: enough for 256-bit random secrets, which need
/// no password hashing.
Bytes hashSecret(ByteView secret);

/// The gRPC status for an Error. Disk and internal errors are logged and shown as a generic
/// INTERNAL, so no detail of the relay's files leaks to callers.
grpc::Status toStatus(grpc::ServerContextBase &context, const Error &error);
/// RESOURCE_EXHAUSTED with the retry time in the message and in `lapis-retry-after-ms`.
grpc::Status retryLater(grpc::ServerContextBase &context, std::chrono::milliseconds after, const std::string &what,
                        const char *reason);
/// Adds the machine-readable `lapis-reason` trailer to a status.
grpc::Status withReason(grpc::ServerContextBase &context, grpc::StatusCode code, const std::string &message,
                        const char *reason);

/// The caller's address without its port ("ipv4:127.0.0.1"): what limits per source key on.
std::string sourceAddress(const grpc::ServerContextBase &context);
/// The per-connection and per-address rate limits, for calls without a credential.
grpc::Status admitAnonymous(RelayContext &relay, grpc::ServerContextBase &context);
/// The per-connection limit, the device credential, then the per-account limit.
grpc::Status authenticate(RelayContext &relay, grpc::ServerContextBase &context, Caller &caller);

/// Validates a request and answers INVALID_ARGUMENT with the reason.
template<typename Request, typename... Extra>
grpc::Status validateRequest(grpc::ServerContextBase &context, const Request &request, Extra... extra);

} // namespace lapis::relay

#include <lapis/proto/Validation.h>

template<typename Request, typename... Extra>
grpc::Status lapis::relay::validateRequest(grpc::ServerContextBase &context, const Request &request, Extra... extra)
{
    if (auto r = proto::validate(request, extra...); !r.ok())
        return toStatus(context, r.error());
    return grpc::Status::OK;
}
