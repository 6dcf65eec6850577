// SPDX-License-Identifier: GPL-3.0-or-later
#include "Channel.h"
#include "StatusMapping.h"
#include "relay.grpc.pb.h"

#include <lapis/proto/Limits.h>
#include <lapis/proto/Validation.h>
#include <lapis/transport/BatchSender.h>

#include <optional>

namespace lapis::transport {

namespace v1 = lapis::relay::v1;

namespace {

// A pack stays well under the relay's MaxGrpcMessage, whatever its batches hold.
constexpr std::size_t MaxPackBytes = 512 * 1024;

/// `sharedIndex`: the 1-based place of the batch's shared payload in its pack (0: none).
void fillRequest(v1::SendStreamRequest &request, const std::string &recipient,
                 const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext, std::uint32_t sharedIndex = 0)
{
    auto *batch = request.mutable_batch();
    batch->set_recipient(recipient);
    batch->set_allow_plaintext(allowPlaintext);
    for (const auto &e : envelopes) {
        auto *out = batch->add_envelopes();
        out->set_recipient_device(e.recipientDevice);
        if (sharedIndex != 0 && e.payload.empty())
            out->set_shared_payload(sharedIndex);
        else
            out->set_payload(e.payload.data(), e.payload.size());
        out->set_plaintext(e.plaintext);
    }
}

} // namespace

struct BatchSender::Connection {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReaderWriter<v1::SendStreamPack, v1::SendStreamResults>> stream;
    std::mutex mutex;                 // guards writes, `pending` and `broken`
    std::condition_variable answered; // a completion ran, or the stream broke
    std::map<std::uint64_t, Completion> pending;
    int running = 0; // completions taken out of `pending` and not yet returned
    bool broken = false;
    RelayRoutes::Route route; // the relay this stream goes to
};

BatchSender::BatchSender(std::shared_ptr<RelayRoutes> routes, DeviceCredentials credentials)
    : m_routes(std::move(routes))
    , m_credentials(std::move(credentials))
{}

BatchSender::BatchSender(std::shared_ptr<grpc::Channel> channel, std::string relayAddress,
                         DeviceCredentials credentials)
    : BatchSender(RelayRoutes::single(std::move(channel), std::move(relayAddress)), std::move(credentials))
{}

BatchSender::~BatchSender()
{
    std::vector<std::thread> readers;
    std::shared_ptr<Connection> current;
    {
        std::lock_guard lock(m_mutex);
        readers.swap(m_readers);
        current = std::move(m_connection);
    }
    if (current) {
        {
            std::lock_guard lock(current->mutex);
            current->stream->WritesDone();
        }
        current->context.TryCancel();
    }
    for (auto &t : readers)
        t.join();
}

void BatchSender::cancel()
{
    std::shared_ptr<Connection> current;
    {
        std::lock_guard lock(m_mutex);
        current = m_connection;
    }
    if (current)
        current->context.TryCancel();
}

bool BatchSender::waitForAnswers(std::chrono::milliseconds timeout)
{
    std::shared_ptr<Connection> current;
    {
        std::lock_guard lock(m_mutex);
        current = m_connection;
    }
    if (!current)
        return true;
    std::unique_lock lock(current->mutex);
    return current->answered.wait_for(
        lock, timeout, [&] { return (current->pending.empty() || current->broken) && current->running == 0; });
}

Result<std::shared_ptr<BatchSender::Connection>> BatchSender::connection()
{
    std::lock_guard lock(m_mutex);
    if (m_connection) {
        std::lock_guard connectionLock(m_connection->mutex);
        if (!m_connection->broken)
            return m_connection;
    }
    auto connection = std::make_shared<Connection>();
    addCredentials(connection->context, m_credentials);
    connection->route = m_routes->current();
    connection->stream = v1::Messages::NewStub(connection->route.channel)->SendStreamPacked(&connection->context);
    m_connection = connection;
    m_readers.emplace_back([this, connection] { readLoop(connection); });
    return connection;
}

Result<void> BatchSender::send(const std::string &recipient, const std::vector<OutgoingEnvelope> &envelopes,
                               bool allowPlaintext, Completion done)
{
    v1::SendStreamPack pack;
    fillRequest(*pack.add_requests(), recipient, envelopes, allowPlaintext);
    LAPIS_TRY(proto::validate(pack.requests(0)));
    std::vector<Completion> completions;
    completions.push_back(std::move(done));
    return writePack(pack, completions);
}

void BatchSender::sendAll(std::vector<Batch> batches)
{
    std::vector<std::pair<Completion, Error>> failed;
    std::optional<Error> broken; // once a write failed, nothing after it goes out
    v1::SendStreamPack pack;
    std::vector<Completion> packed;
    std::size_t packBytes = 0;
    PackShares shares;
    const auto flush = [&] {
        if (packed.empty())
            return;
        if (!broken) {
            if (auto written = writePack(pack, packed); !written.ok())
                broken = std::move(written).error();
        }
        if (broken) {
            for (auto &done : packed)
                failed.emplace_back(std::move(done), *broken);
        }
        pack.Clear();
        packed.clear();
        packBytes = 0;
        shares = {};
    };
    for (auto &batch : batches) {
        const Bytes *shared = batch.sharedPayload.get();
        // A shared payload goes into the pack with the first batch that names it.
        const auto sharedCost = [&] {
            return shared && !shares.index.contains(shared) ? shared->size() + 16 : std::size_t{0};
        };
        const auto sharedIndex = [&] {
            if (!shared)
                return std::uint32_t{0};
            auto known = shares.index.find(shared);
            return known != shares.index.end() ? known->second : static_cast<std::uint32_t>(shares.sizes.size() + 1);
        };
        v1::SendStreamRequest request;
        fillRequest(request, batch.recipient, batch.envelopes, batch.allowPlaintext, sharedIndex());
        auto sizes = shares.sizes;
        if (shared && !shares.index.contains(shared))
            sizes.push_back(shared->size());
        if (auto valid = proto::validate(request, sizes); !valid.ok()) {
            failed.emplace_back(std::move(batch.done), std::move(valid).error());
            continue;
        }
        if (packBytes + request.ByteSizeLong() + sharedCost() > MaxPackBytes
            || packed.size() == proto::limits::MaxRequestsPerPack) {
            flush();
            request.Clear();
            fillRequest(request, batch.recipient, batch.envelopes, batch.allowPlaintext, sharedIndex());
        }
        const std::size_t bytes = request.ByteSizeLong() + sharedCost();
        if (shared && !shares.index.contains(shared)) {
            pack.add_shared_payloads(shared->data(), shared->size());
            shares.sizes.push_back(shared->size());
            shares.index.emplace(shared, static_cast<std::uint32_t>(shares.sizes.size()));
        }
        pack.add_requests()->Swap(&request);
        packed.push_back(std::move(batch.done));
        packBytes += bytes;
    }
    flush();
    for (auto &[done, error] : failed)
        done(error);
}

Result<void> BatchSender::writePack(v1::SendStreamPack &pack, std::vector<Completion> &completions)
{
    LAPIS_TRY_ASSIGN(auto conn, connection());
    std::lock_guard lock(conn->mutex);
    if (conn->broken)
        return fail(ErrorCode::Unavailable,
                    "The connection to the relay at " + conn->route.address + " broke; try again");
    {
        std::lock_guard idLock(m_mutex);
        for (auto &request : *pack.mutable_requests())
            request.set_request_id(m_nextId++);
    }
    for (int i = 0; i < pack.requests_size(); ++i)
        conn->pending.emplace(pack.requests(i).request_id(), std::move(completions[static_cast<std::size_t>(i)]));
    if (!conn->stream->Write(pack)) {
        for (int i = 0; i < pack.requests_size(); ++i) {
            auto it = conn->pending.find(pack.requests(i).request_id());
            completions[static_cast<std::size_t>(i)] = std::move(it->second);
            conn->pending.erase(it);
        }
        conn->broken = true;
        return fail(ErrorCode::Unavailable,
                    "The connection to the relay at " + conn->route.address + " broke; try again");
    }
    return {};
}

void BatchSender::complete(Connection &conn, const v1::SendStreamResult &result)
{
    Completion done;
    {
        std::lock_guard lock(conn.mutex);
        auto it = conn.pending.find(result.request_id());
        if (it == conn.pending.end())
            return;
        done = std::move(it->second);
        conn.pending.erase(it);
        ++conn.running;
    }
    if (result.code() == grpc::StatusCode::OK) {
        SendOutcome outcome;
        outcome.accepted = true;
        outcome.serverTimeMs = result.server_time_ms();
        done(outcome);
    } else if (result.code() == grpc::StatusCode::FAILED_PRECONDITION && result.has_mismatch()) {
        SendOutcome outcome;
        outcome.plaintextOnly = result.mismatch().plaintext_only();
        for (const auto &d : result.mismatch().devices())
            outcome.currentDevices.push_back(
                DeviceInfo{d.device_id(), toBytes(d.certificate()), d.name(), d.created_ms(), d.has_keys()});
        done(outcome);
    } else {
        grpc::ClientContext scratch; // per-batch results carry no trailers
        done(toError(grpc::Status(static_cast<grpc::StatusCode>(result.code()), result.message()), scratch,
                     conn.route.address));
    }
    {
        std::lock_guard lock(conn.mutex);
        --conn.running;
    }
    conn.answered.notify_all();
}

void BatchSender::readLoop(std::shared_ptr<Connection> conn)
{
    v1::SendStreamResults results;
    while (conn->stream->Read(&results)) {
        for (const auto &result : results.results())
            complete(*conn, result);
    }
    const grpc::Status status = conn->stream->Finish();
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE)
        m_routes->failed(conn->route.index);
    failAll(*conn, status.ok() ? fail(ErrorCode::Unavailable, "The relay closed the send stream")
                               : toError(status, conn->context, conn->route.address));
}

void BatchSender::failAll(Connection &conn, const Error &error)
{
    std::map<std::uint64_t, Completion> pending;
    {
        std::lock_guard lock(conn.mutex);
        conn.broken = true;
        pending.swap(conn.pending);
        ++conn.running;
    }
    for (auto &[id, done] : pending)
        done(error);
    {
        std::lock_guard lock(conn.mutex);
        --conn.running;
    }
    conn.answered.notify_all();
}

} // namespace lapis::transport
