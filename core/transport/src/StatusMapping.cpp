// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/proto/Limits.h>
#include "StatusMapping.h"

namespace lapis::transport {

namespace {

std::string trailer(const grpc::ClientContext &context, std::string_view key)
{
    const auto &md = context.GetServerTrailingMetadata();
    auto it = md.find(grpc::string_ref(key.data(), key.size()));
    return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

bool contains(const std::string &text, const char *part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

namespace {

Error codeAndMessage(const grpc::Status &status, const grpc::ClientContext &context, const std::string &relayAddress)
{
    using C = grpc::StatusCode;
    const std::string &msg = status.error_message();
    const std::string reason = trailer(context, proto::limits::MetaReason);
    switch (status.error_code()) {
    case C::OK:
        return fail(ErrorCode::Internal, "A successful call was treated as a failure");
    case C::CANCELLED:
        return fail(ErrorCode::Cancelled, "The request to the relay was cancelled");
    case C::INVALID_ARGUMENT:
    case C::OUT_OF_RANGE:
        return fail(ErrorCode::InvalidArgument, "The relay refused the request: " + msg);
    case C::FAILED_PRECONDITION:
        return fail(ErrorCode::InvalidArgument, msg);
    case C::DEADLINE_EXCEEDED:
        return fail(ErrorCode::Unavailable, ErrorReason::RelayTimeout,
                    "The relay at " + relayAddress + " did not answer in time");
    case C::NOT_FOUND:
        return fail(ErrorCode::NotFound, msg);
    case C::ALREADY_EXISTS:
        return fail(ErrorCode::AlreadyExists, msg);
    case C::PERMISSION_DENIED:
        return fail(ErrorCode::PermissionDenied, msg);
    case C::RESOURCE_EXHAUSTED:
        if (reason.empty() && contains(msg, "larger than max"))
            return fail(ErrorCode::LimitExceeded, "The request is larger than the relay accepts");
        return fail(ErrorCode::LimitExceeded, msg);
    case C::ABORTED:
        return fail(ErrorCode::Unavailable, "The relay ended the request (" + msg + "); try again");
    case C::UNIMPLEMENTED:
        return fail(ErrorCode::Unsupported, "The relay does not support this request (is it older than this app?)");
    case C::INTERNAL:
    case C::UNKNOWN:
        return fail(ErrorCode::Internal, "The relay had an internal error; try again later");
    case C::DATA_LOSS:
        return fail(ErrorCode::Corrupt, "The relay reported lost data: " + msg);
    case C::UNAVAILABLE:
        if (contains(msg, "certificate") || contains(msg, "handshake") || contains(msg, "SSL"))
            return fail(ErrorCode::Unavailable, ErrorReason::RelayCertificateMismatch,
                        "The relay at " + relayAddress + " did not present the pinned certificate (TLS failed)");
        return fail(ErrorCode::Unavailable, ErrorReason::RelayUnreachable,
                    "Cannot reach the relay at " + relayAddress + " (" + msg + ")");
    case C::UNAUTHENTICATED:
        if (reason == "totp-required")
            return fail(ErrorCode::PermissionDenied, msg);
        if (reason == "totp-replayed" || reason == "sign-in-used")
            return fail(ErrorCode::Duplicate, msg);
        if (reason == "wrong-password" || reason == "totp-wrong" || reason == "sign-in-code-wrong")
            return fail(ErrorCode::WrongPassphrase, msg);
        return fail(ErrorCode::AuthenticationFailed, msg.empty() ? "The relay did not accept this device" : msg);
    default:
        break;
    }
    return fail(ErrorCode::Internal, "The relay answered with an unknown status: " + msg);
}

} // namespace

Error toError(const grpc::Status &status, const grpc::ClientContext &context, const std::string &relayAddress)
{
    Error error = codeAndMessage(status, context, relayAddress);
    // The relay's own reason wins: it names the case, which a status code only groups.
    if (const auto named = errorReasonFromName(trailer(context, proto::limits::MetaReason)); named != ErrorReason::None)
        error.reason = named;
    return error;
}

} // namespace lapis::transport
