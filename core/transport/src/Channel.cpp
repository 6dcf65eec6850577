// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/proto/Limits.h>
#include "Channel.h"

namespace lapis::transport {

Result<std::shared_ptr<grpc::Channel>> makeChannel(const RelayEndpoint &endpoint)
{
    if (endpoint.address.empty())
        return fail(ErrorCode::InvalidArgument, "No relay address was given");
    if (endpoint.pinnedCertificatePem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        return fail(ErrorCode::InvalidArgument, "The relay certificate is not a PEM certificate");
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = endpoint.pinnedCertificatePem;
    grpc::ChannelArguments args;
    if (!endpoint.tlsNameOverride.empty())
        args.SetSslTargetNameOverride(endpoint.tlsNameOverride);
    args.SetMaxReceiveMessageSize(static_cast<int>(proto::limits::MaxGrpcMessage));
    // Keeps the message stream's connection alive through NATs, and notices a dead relay.
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30'000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10'000);
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
    // Reconnection pacing is MessageStream's; keep gRPC's own retry short so it notices soon.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2'000);
    auto channel = grpc::CreateCustomChannel(endpoint.address, grpc::SslCredentials(tls), args);
    if (!channel)
        return fail(ErrorCode::Internal, "Cannot create a channel to " + endpoint.address);
    return channel;
}

void addCredentials(grpc::ClientContext &context, const DeviceCredentials &credentials)
{
    context.AddMetadata(std::string(proto::limits::MetaAccount), credentials.account);
    context.AddMetadata(std::string(proto::limits::MetaDevice), std::to_string(credentials.deviceId));
    context.AddMetadata(std::string(proto::limits::MetaCredential), toBase64Url(credentials.credential));
}

} // namespace lapis::transport
