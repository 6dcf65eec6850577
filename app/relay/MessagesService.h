// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "relay.grpc.pb.h"

namespace lapis::relay {

/// Envelope batches into durable per-device mailboxes, and the stream that pushes them out and
/// takes acks. Envelopes are opaque; the sender is stamped from the caller's credential.
class MessagesService final : public lapis::relay::v1::Messages::Service {
public:
    explicit MessagesService(RelayContext &relay)
        : m_relay(relay)
    {}

    grpc::Status SendBatch(grpc::ServerContext *context, const v1::SendBatchRequest *request,
                           v1::SendBatchResponse *response) override;
    grpc::Status SendStream(grpc::ServerContext *context,
                            grpc::ServerReaderWriter<v1::SendStreamResults, v1::SendStreamRequest> *stream) override;
    grpc::Status Stream(grpc::ServerContext *context,
                        grpc::ServerReaderWriter<v1::StreamPush, v1::StreamRequest> *stream) override;

private:
    RelayContext &m_relay;
};

} // namespace lapis::relay
