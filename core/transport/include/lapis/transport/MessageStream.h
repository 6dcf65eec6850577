// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/transport/RelayRoutes.h>
#include <lapis/transport/Types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace grpc {
class Channel;
class ClientContext;
} // namespace grpc

namespace lapis::transport {

/// The device's long-lived message stream: receives envelopes and account events as the relay
/// pushes them, sends acks, and reconnects with exponential backoff (with jitter) whenever the
/// connection drops. Callbacks run on the stream's own thread, one at a time, never on the
/// caller's; they must not block for long (hand work to the engine's worker). An envelope not
/// acked comes again after a reconnect, so ack only after the envelope is safely stored.
/// Over RelayRoutes with several relays, a stream that breaks with UNAVAILABLE (the relay went
/// away) moves to the next relay at once; acks keep their ids there (the relays share one
/// database), and what was not acked comes again from it.
class MessageStream {
public:
    enum class State {
        Connecting, ///< opening the stream
        Connected,  ///< the relay answered; pushes flow
        Waiting,    ///< disconnected, reconnecting after a backoff
        Stopped,    ///< stop() was called, or the credential was refused (see the error)
    };

    struct Callbacks {
        std::function<void(const ReceivedEnvelope &)> onEnvelope;
        std::function<void(const AccountEvent &)> onEvent;
        /// Everything queued while the device was away has been delivered (once per connection).
        std::function<void()> onDrained;
        /// State changes; `error` is set for Waiting and for a Stopped caused by the relay.
        std::function<void(State, const Error *error)> onState;
    };

    struct Backoff {
        std::chrono::milliseconds initial{500};
        std::chrono::milliseconds maximum{30'000};
    };

    MessageStream(std::shared_ptr<RelayRoutes> routes, DeviceCredentials credentials, Callbacks callbacks,
                  Backoff backoff);
    MessageStream(std::shared_ptr<RelayRoutes> routes, DeviceCredentials credentials, Callbacks callbacks);
    MessageStream(std::shared_ptr<grpc::Channel> channel, std::string relayAddress, DeviceCredentials credentials,
                  Callbacks callbacks, Backoff backoff);
    MessageStream(std::shared_ptr<grpc::Channel> channel, std::string relayAddress, DeviceCredentials credentials,
                  Callbacks callbacks);
    /// Stops and joins the stream's threads.
    ~MessageStream();
    MessageStream(const MessageStream &) = delete;
    MessageStream &operator=(const MessageStream &) = delete;

    void start();
    /// Ends the stream: the acks taken so far are written and the relay, told the stream ends,
    /// makes them durable before it closes (at most about 2 s each, then the call is cancelled).
    /// Callbacks no longer run once this returns. Not from a callback.
    void stop();
    /// Acknowledges envelopes or events (from any thread, also from a callback); sent in batches.
    void ack(std::uint64_t id);
    void ack(const std::vector<std::uint64_t> &ids);

private:
    struct Connection;
    void run();
    void ackWriter();
    /// One connection to the current relay until it ends; false when retrying is useless.
    /// `movedOn`: it ended with UNAVAILABLE and another relay became current.
    bool connectOnce(bool &receivedAny, bool &movedOn, Error &error);
    void setState(State state, const Error *error);

    std::shared_ptr<RelayRoutes> m_routes;
    DeviceCredentials m_credentials;
    Callbacks m_callbacks;
    Backoff m_backoff;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_started = false;
    std::vector<std::uint64_t> m_pendingAcks;
    /// The ack writer has taken acks out of m_pendingAcks and is writing them.
    bool m_ackWriting = false;
    std::shared_ptr<Connection> m_connection;
    std::thread m_thread;
    std::thread m_ackThread;
};

} // namespace lapis::transport
