// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/transport/Types.h>

#include <grpcpp/grpcpp.h>

#include <memory>

namespace lapis::transport {

/// A TLS channel to the relay that trusts only the pinned certificate: no system roots, so a
/// certificate from any public CA is refused just like a forged one.
Result<std::shared_ptr<grpc::Channel>> makeChannel(const RelayEndpoint &endpoint);

/// Adds the device's authentication metadata to a call.
void addCredentials(grpc::ClientContext &context, const DeviceCredentials &credentials);

} // namespace lapis::transport
