// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "relay.grpc.pb.h"

#include <lapis/common/Bytes.h>

#include <functional>
#include <memory>
#include <vector>

namespace lapis::relay {

struct Caller;

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
    grpc::Status SendStreamPacked(grpc::ServerContext *context,
                                  grpc::ServerReaderWriter<v1::SendStreamResults, v1::SendStreamPack> *stream) override;
    grpc::Status Stream(grpc::ServerContext *context,
                        grpc::ServerReaderWriter<v1::StreamPush, v1::StreamRequest> *stream) override;

private:
    /// The shared payloads of one SendStreamPack (a multi-recipient send), which its requests'
    /// envelopes reference: each is stored once for all of them.
    struct PackPayloads {
        std::vector<std::shared_ptr<const Bytes>> payloads;
        std::vector<std::size_t> sizes;
    };
    struct QueuedSend {
        v1::SendStreamRequest request;
        std::shared_ptr<const PackPayloads> shared; // null outside SendStreamPacked
    };
    /// Reads the next stream message into `into`; false at the stream's end, or with `failure`
    /// set when the message breaks a limit and the stream ends with it.
    using ReadRequests = std::function<bool(std::vector<QueuedSend> &into, grpc::Status &failure)>;
    using WriteResults = std::function<bool(const v1::SendStreamResults &results)>;
    /// Both send streams: everything read while one group commit runs is stored in the next.
    grpc::Status serveSends(grpc::ServerContext &context, const ReadRequests &read, const WriteResults &write);
    /// Answers one round of requests: validated, rate-limited, stored in one group commit.
    v1::SendStreamResults storeRound(const Caller &caller, std::vector<QueuedSend> &requests);

    RelayContext &m_relay;
};

} // namespace lapis::relay
