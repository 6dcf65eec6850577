// SPDX-License-Identifier: GPL-3.0-or-later
#include "Channel.h"
#include "StatusMapping.h"
#include "relay.grpc.pb.h"

#include <lapis/common/Log.h>
#include <lapis/proto/Limits.h>
#include <lapis/transport/MessageStream.h>

#include <algorithm>
#include <random>

namespace lapis::transport {

namespace v1 = lapis::relay::v1;

/// One open stream; writes (acks) are serialised by its mutex, reads happen on run()'s thread.
struct MessageStream::Connection {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReaderWriter<v1::StreamRequest, v1::StreamPush>> stream;
    std::mutex writeMutex;
    bool writable = true;
};

MessageStream::MessageStream(std::shared_ptr<RelayRoutes> routes, DeviceCredentials credentials, Callbacks callbacks,
                             Backoff backoff)
    : m_routes(std::move(routes))
    , m_credentials(std::move(credentials))
    , m_callbacks(std::move(callbacks))
    , m_backoff(backoff)
{}

MessageStream::MessageStream(std::shared_ptr<RelayRoutes> routes, DeviceCredentials credentials, Callbacks callbacks)
    : MessageStream(std::move(routes), std::move(credentials), std::move(callbacks), Backoff{})
{}

MessageStream::MessageStream(std::shared_ptr<grpc::Channel> channel, std::string relayAddress,
                             DeviceCredentials credentials, Callbacks callbacks, Backoff backoff)
    : MessageStream(RelayRoutes::single(std::move(channel), std::move(relayAddress)), std::move(credentials),
                    std::move(callbacks), backoff)
{}

MessageStream::MessageStream(std::shared_ptr<grpc::Channel> channel, std::string relayAddress,
                             DeviceCredentials credentials, Callbacks callbacks)
    : MessageStream(std::move(channel), std::move(relayAddress), std::move(credentials), std::move(callbacks),
                    Backoff{})
{}

MessageStream::~MessageStream()
{
    stop();
}

void MessageStream::start()
{
    std::lock_guard lock(m_mutex);
    if (m_started)
        return;
    m_started = true;
    m_thread = std::thread([this] { run(); });
    m_ackThread = std::thread([this] { ackWriter(); });
}

void MessageStream::stop()
{
    // The acks taken so far go out first, and the relay is told that the stream ends (a half
    // close), so that it makes them durable before it answers; cancelling at once would drop them
    // and the relay would push those envelopes again next time. A relay that does not answer
    // within the bound is cancelled.
    constexpr auto CloseBound = std::chrono::seconds(2);
    std::shared_ptr<Connection> connection;
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, CloseBound,
                        [&] { return m_stopping || !m_connection || (m_pendingAcks.empty() && !m_ackWriting); });
        // Also when the stream ended itself (a refused credential): its threads still need joining.
        m_stopping = true;
        connection = m_connection;
    }
    m_wake.notify_all();
    if (connection) {
        bool halfClosed = false;
        {
            std::lock_guard write(connection->writeMutex);
            if (connection->writable) {
                halfClosed = connection->stream->WritesDone();
                connection->writable = false;
            }
        }
        bool ended = false;
        if (halfClosed) {
            std::unique_lock lock(m_mutex);
            ended = m_wake.wait_for(lock, CloseBound, [&] { return m_connection != connection; });
        }
        if (!ended)
            connection->context.TryCancel();
    }
    if (m_thread.joinable())
        m_thread.join();
    if (m_ackThread.joinable())
        m_ackThread.join();
}

void MessageStream::ack(std::uint64_t id)
{
    ack(std::vector<std::uint64_t>{id});
}

void MessageStream::ack(const std::vector<std::uint64_t> &ids)
{
    {
        std::lock_guard lock(m_mutex);
        m_pendingAcks.insert(m_pendingAcks.end(), ids.begin(), ids.end());
    }
    m_wake.notify_all();
}

void MessageStream::setState(State state, const Error *error)
{
    if (m_callbacks.onState)
        m_callbacks.onState(state, error);
}

void MessageStream::ackWriter()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stopping || (!m_pendingAcks.empty() && m_connection); });
        if (m_stopping)
            return;
        auto connection = m_connection;
        std::vector<std::uint64_t> ids;
        const auto take = std::min(m_pendingAcks.size(), proto::limits::MaxAcksPerMessage);
        ids.assign(m_pendingAcks.begin(), m_pendingAcks.begin() + static_cast<std::ptrdiff_t>(take));
        m_pendingAcks.erase(m_pendingAcks.begin(), m_pendingAcks.begin() + static_cast<std::ptrdiff_t>(take));
        m_ackWriting = true;
        lock.unlock();
        v1::StreamRequest request;
        request.mutable_ack()->mutable_ids()->Add(ids.begin(), ids.end());
        bool sent = false;
        {
            std::lock_guard write(connection->writeMutex);
            sent = connection->writable && connection->stream->Write(request);
            if (!sent)
                connection->writable = false;
        }
        lock.lock();
        m_ackWriting = false;
        m_wake.notify_all(); // stop() may be waiting for the acks to be written
        if (!sent) {
            // Keep them for the next connection; ids stay valid across reconnects.
            m_pendingAcks.insert(m_pendingAcks.begin(), ids.begin(), ids.end());
            if (m_connection == connection)
                m_wake.wait(lock, [&] { return m_stopping || m_connection != connection; });
        }
    }
}

bool MessageStream::connectOnce(bool &receivedAny, bool &movedOn, Error &error)
{
    const auto route = m_routes->current();
    auto connection = std::make_shared<Connection>();
    addCredentials(connection->context, m_credentials);
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return false;
        connection->stream = v1::Messages::NewStub(route.channel)->Stream(&connection->context);
        m_connection = connection;
    }
    m_wake.notify_all();

    auto deliver = [this](const v1::Envelope &e) {
        if (m_callbacks.onEnvelope)
            m_callbacks.onEnvelope(ReceivedEnvelope{e.id(), e.sender_account(), e.sender_device(), toBytes(e.payload()),
                                                    e.plaintext(), e.server_time_ms()});
    };
    v1::StreamPush push;
    while (connection->stream->Read(&push)) {
        if (!receivedAny) {
            receivedAny = true;
            setState(State::Connected, nullptr);
        }
        switch (push.item_case()) {
        case v1::StreamPush::kEnvelope:
            deliver(push.envelope());
            break;
        case v1::StreamPush::kEnvelopes:
            for (const auto &e : push.envelopes().envelopes())
                deliver(e);
            break;
        case v1::StreamPush::kEvent:
            if (m_callbacks.onEvent) {
                const auto &ev = push.event();
                AccountEvent event{ev.id(),          AccountEvent::Kind::Unknown, ev.device_id(),
                                   ev.device_name(), ev.server_time_ms(),         {}};
                if (ev.kind() == v1::AccountEvent::DEVICE_ADDED)
                    event.kind = AccountEvent::Kind::DeviceAdded;
                else if (ev.kind() == v1::AccountEvent::DEVICE_REMOVED)
                    event.kind = AccountEvent::Kind::DeviceRemoved;
                else if (ev.kind() == v1::AccountEvent::SIGN_IN_REQUESTED)
                    event.kind = AccountEvent::Kind::SignInRequested;
                else if (ev.kind() == v1::AccountEvent::SIGN_IN_APPROVED)
                    event.kind = AccountEvent::Kind::SignInApproved;
                else if (ev.kind() == v1::AccountEvent::SIGN_IN_DENIED)
                    event.kind = AccountEvent::Kind::SignInDenied;
                if (ev.has_sign_in()) {
                    const auto &r = ev.sign_in();
                    event.signIn = SignInRequest{r.id(), r.code(), r.device_name(), r.created_ms(), r.expires_ms()};
                }
                m_callbacks.onEvent(event);
            }
            break;
        case v1::StreamPush::kDrained:
            if (m_callbacks.onDrained)
                m_callbacks.onDrained();
            break;
        default:
            break; // a newer relay's push this client does not know: skip it
        }
    }
    {
        std::lock_guard write(connection->writeMutex);
        connection->writable = false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_connection.reset();
    }
    m_wake.notify_all();
    const grpc::Status status = connection->stream->Finish();
    error = toError(status, connection->context, route.address);
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE && m_routes->size() > 1) {
        m_routes->failed(route.index);
        movedOn = true;
    }
    // A refused credential does not get better by retrying.
    return status.error_code() != grpc::StatusCode::UNAUTHENTICATED;
}

void MessageStream::run()
{
    std::mt19937 jitter(std::random_device{}());
    int attempt = 0;
    for (;;) {
        setState(State::Connecting, nullptr);
        bool receivedAny = false;
        bool movedOn = false;
        Error error;
        const bool retry = connectOnce(receivedAny, movedOn, error);
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
        }
        if (!retry) {
            setState(State::Stopped, &error);
            std::lock_guard lock(m_mutex);
            m_stopping = true;
            m_wake.notify_all();
            return;
        }
        attempt = receivedAny ? 0 : attempt + 1;
        // Exponential backoff with full jitter, so many clients do not reconnect in step.
        const auto ceiling =
            std::min<long long>(m_backoff.maximum.count(), m_backoff.initial.count() << std::min(attempt, 16));
        // A relay that served this stream went away: the next one is tried at once.
        const auto delay = movedOn && receivedAny ? std::chrono::milliseconds(0)
                                                  : std::chrono::milliseconds(std::uniform_int_distribution<long long>(
                                                      ceiling / 2, std::max<long long>(ceiling, 1))(jitter));
        setState(State::Waiting, &error);
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, delay, [&] { return m_stopping; }))
            break;
    }
    setState(State::Stopped, nullptr);
}

} // namespace lapis::transport
