// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/transport/RelayRoutes.h>
#include <lapis/transport/Types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace grpc {
class Channel;
}
namespace lapis::relay::v1 {
class SendStreamResult;
class SendStreamPack;
} // namespace lapis::relay::v1

namespace lapis::transport {

/// Pipelined sending over one stream: many batches in flight, each answered like
/// RelayClient::sendBatch, so a sender with a backlog (an outbox after time offline, a bridge)
/// is not held to one round trip and one fsync per batch. Completions run on the sender's own
/// thread. When the stream breaks, the batches in flight fail with Unavailable (the engine's
/// outbox retries them; a retried batch may then arrive twice, which the receiver dedupes by
/// message id) and the next send opens a new stream — on the next relay when the stream broke
/// with UNAVAILABLE and RelayRoutes lists several.
class BatchSender {
public:
    using Completion = std::function<void(Result<SendOutcome>)>;

    BatchSender(std::shared_ptr<RelayRoutes> routes, DeviceCredentials credentials);
    BatchSender(std::shared_ptr<grpc::Channel> channel, std::string relayAddress, DeviceCredentials credentials);
    /// Fails what is still in flight with Cancelled and joins the reader thread.
    ~BatchSender();
    BatchSender(const BatchSender &) = delete;
    BatchSender &operator=(const BatchSender &) = delete;

    struct Batch {
        std::string recipient;
        std::vector<OutgoingEnvelope> envelopes;
        bool allowPlaintext = false;
        Completion done;
        /// A multi-recipient send (a group message): the payload of every envelope here whose own
        /// payload is empty. The batches of one sendAll holding the same payload (the same
        /// pointer) send it once per stream write and the relay stores it once for all their
        /// devices; each batch is still checked and answered on its own.
        std::shared_ptr<const Bytes> sharedPayload;
    };

    /// Queues a batch; InvalidArgument at once for a batch that breaks a limit, otherwise the
    /// outcome arrives through `done`. Blocks only when the relay pushes back (flow control).
    Result<void> send(const std::string &recipient, const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext,
                      Completion done);
    /// Queues several batches in as few stream writes as the message size allows (a burst: one
    /// write per round instead of one per message, on both ends). Every batch's completion runs
    /// exactly once: on the calling thread, before this returns, with InvalidArgument for a batch
    /// that breaks a limit (the others go on) or Unavailable for one the broken stream did not
    /// take (nor any after it, so they stay in order); otherwise with the relay's answer.
    void sendAll(std::vector<Batch> batches);
    /// Waits until every batch sent so far was answered (or failed) and its completion returned,
    /// at most `timeout`; false when some are still in flight.
    bool waitForAnswers(std::chrono::milliseconds timeout);
    /// Gives up on the current stream (a relay that stopped answering): what is in flight fails
    /// with an error on the reader thread, and the next send opens a new stream.
    void cancel();

private:
    struct Connection;
    Result<std::shared_ptr<Connection>> connection();
    /// The shared payloads of the pack being filled, by pointer: their 1-based index in it.
    struct PackShares {
        std::map<const Bytes *, std::uint32_t> index;
        std::vector<std::size_t> sizes;
    };
    /// Writes one pack whose requests answer to `completions`, in order. On failure the
    /// completions are handed back, not run.
    Result<void> writePack(lapis::relay::v1::SendStreamPack &pack, std::vector<Completion> &completions);
    void readLoop(std::shared_ptr<Connection> connection);
    void complete(Connection &connection, const lapis::relay::v1::SendStreamResult &result);
    void failAll(Connection &connection, const Error &error);

    std::shared_ptr<RelayRoutes> m_routes;
    DeviceCredentials m_credentials;
    std::mutex m_mutex;
    std::shared_ptr<Connection> m_connection;
    std::vector<std::thread> m_readers;
    std::uint64_t m_nextId = 1;
};

} // namespace lapis::transport
