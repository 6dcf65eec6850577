// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <grpcpp/grpcpp.h>

#include <string>

namespace lapis::transport {

/// A user-readable Error for every gRPC status. The relay's `lapis-reason` trailer refines the
/// code: wrong password or TOTP code -> WrongPassphrase; "this account needs a TOTP code" ->
/// PermissionDenied; a replayed TOTP code -> Duplicate; lock-outs and rate limits ->
/// LimitExceeded (the message says when to retry); a refused device credential ->
/// AuthenticationFailed; an unreachable relay or a certificate that is not the pinned one ->
/// Unavailable.
Error toError(const grpc::Status &status, const grpc::ClientContext &context, const std::string &relayAddress);

} // namespace lapis::transport
