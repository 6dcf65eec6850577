// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-relay [--envelopes N] [--senders K] [--unary] [--no-postgres]
// Relay path: K senders send N ~200-byte envelopes, one batch each, pipelined over their
// BatchSender streams (or, with --unary, one blocking SendBatch call at a time per sender) to a
// device whose MessageStream acks each one; timed from the first send until the last envelope
// arrived. Each envelope is written durably (group commit), pushed, acked and deleted.
// Bare path: one gRPC client stream of N 200-byte messages into a sink service over TLS with the
// same certificate, timed until the server's answer. Each path: best of three alternating rounds.
// PostgreSQL path: the relay path against two relays on one throwaway PostgreSQL (tests/support
// PostgresServer), the senders split between them and the receiver on the first, best of three;
// then cross-instance latency: one envelope at a time sent through relay A to a device streaming
// from relay B (woken by NOTIFY), from before the send until the push arrives.
#include "Channel.h" // transport-internal: these tests make raw gRPC calls
#include "bench_sink.grpc.pb.h"

#include <lapis/testsupport/PostgresServer.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/transport/BatchSender.h>
#include <lapis/transport/MessageStream.h>
#include <lapis/transport/RelayClient.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

using namespace lapis;
using namespace lapis::transport;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t PayloadSize = 200;

class SinkService final : public lapis::bench::v1::Sink::Service {
public:
    grpc::Status Push(grpc::ServerContext *, grpc::ServerReader<lapis::bench::v1::Blob> *reader,
                      lapis::bench::v1::Count *response) override
    {
        lapis::bench::v1::Blob blob;
        std::uint64_t n = 0;
        while (reader->Read(&blob))
            ++n;
        response->set_received(n);
        return grpc::Status::OK;
    }
};

QString readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

/// Envelopes per second from `senders` (spread over `senderRelays` in turn) to a device streaming
/// from `receiverRelay`.
double benchRelay(const std::vector<RelayEndpoint> &senderRelays, const RelayEndpoint &receiverRelay, int envelopes,
                  int senders, bool unary, const std::string &round)
{
    const std::string receiverName = "receiver" + round;
    const RelayEndpoint endpoint = receiverRelay;
    auto receiver = RelayClient::create(endpoint);
    auto device = (*receiver)->registerAccount(receiverName, "bench password", "bench");
    if (!device.ok()) {
        std::fprintf(stderr, "register: %s\n", device.error().message.c_str());
        return 0;
    }
    std::mutex mutex;
    std::condition_variable done;
    int received = 0;
    std::unique_ptr<MessageStream> stream;
    MessageStream::Callbacks callbacks;
    callbacks.onEnvelope = [&](const ReceivedEnvelope &e) {
        stream->ack(e.id);
        std::lock_guard lock(mutex);
        if (++received == envelopes)
            done.notify_all();
    };
    bool drained = false;
    callbacks.onDrained = [&] {
        std::lock_guard lock(mutex);
        drained = true;
        done.notify_all();
    };
    stream = std::make_unique<MessageStream>((*receiver)->channel(), endpoint.address, device->credentials,
                                             std::move(callbacks));
    stream->start();
    {
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return drained; });
    }

    std::vector<std::unique_ptr<RelayClient>> clients;
    for (int s = 0; s < senders; ++s) {
        auto c = RelayClient::create(senderRelays[static_cast<std::size_t>(s) % senderRelays.size()]);
        auto d = (*c)->registerAccount("sender" + round + "-" + std::to_string(s), "bench password", "bench");
        if (!d.ok()) {
            std::fprintf(stderr, "register: %s\n", d.error().message.c_str());
            return 0;
        }
        (*c)->setCredentials(d->credentials);
        clients.push_back(std::move(c).value());
    }
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    const Bytes payload(PayloadSize, 0x5a);
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int s = 0; s < senders && !unary; ++s) {
        threads.emplace_back([&, s] {
            const auto &c = clients[static_cast<std::size_t>(s)];
            BatchSender sender(c->routes(), *c->credentials());
            // A bounded window keeps memory flat however far the relay falls behind.
            constexpr int Window = 2000;
            std::mutex windowMutex;
            std::condition_variable windowFreed;
            int inFlight = 0;
            while (next.fetch_add(1) < envelopes) {
                {
                    std::unique_lock lock(windowMutex);
                    windowFreed.wait(lock, [&] { return inFlight < Window; });
                    ++inFlight;
                }
                auto queued = sender.send(receiverName, {{1, payload, false}}, false, [&](Result<SendOutcome> r) {
                    if (!r.ok() || !r->accepted) {
                        if (failures.fetch_add(1) == 0)
                            std::fprintf(stderr, "send: %s\n", r.ok() ? "device mismatch" : r.error().message.c_str());
                    }
                    std::lock_guard lock(windowMutex);
                    --inFlight;
                    windowFreed.notify_one();
                });
                if (!queued.ok()) {
                    failures.fetch_add(1);
                    std::lock_guard lock(windowMutex);
                    --inFlight;
                }
            }
            std::unique_lock lock(windowMutex);
            windowFreed.wait(lock, [&] { return inFlight == 0; });
        });
    }
    for (int s = 0; s < senders && unary; ++s) {
        threads.emplace_back([&, s] {
            while (next.fetch_add(1) < envelopes) {
                auto r = clients[static_cast<std::size_t>(s)]->sendBatch(receiverName, {{1, payload, false}});
                if (!r.ok() || !r->accepted) {
                    if (failures.fetch_add(1) == 0)
                        std::fprintf(stderr, "send: %s\n", r.ok() ? "device mismatch" : r.error().message.c_str());
                }
            }
        });
    }
    for (auto &t : threads)
        t.join();
    {
        std::unique_lock lock(mutex);
        done.wait_for(lock, std::chrono::seconds(120), [&] { return received >= envelopes - failures.load(); });
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    stream->stop();
    if (failures > 0)
        std::fprintf(stderr, "%d sends failed\n", failures.load());
    return received / seconds;
}

/// The 99th percentile, in milliseconds, of the time from before a send through `sendVia` until
/// the push reaches a device streaming from `streamFrom`, one envelope at a time.
double crossInstanceP99Ms(const RelayEndpoint &sendVia, const RelayEndpoint &streamFrom, int messages)
{
    auto receiver = RelayClient::create(streamFrom);
    auto sender = RelayClient::create(sendVia);
    auto receiverDevice = (*receiver)->registerAccount("cross-receiver", "bench password", "bench");
    auto senderDevice = (*sender)->registerAccount("cross-sender", "bench password", "bench");
    if (!receiverDevice.ok() || !senderDevice.ok()) {
        std::fprintf(stderr, "register: %s\n",
                     (receiverDevice.ok() ? senderDevice.error() : receiverDevice.error()).message.c_str());
        return 0;
    }
    (*sender)->setCredentials(senderDevice->credentials);
    std::mutex mutex;
    std::condition_variable arrived;
    int received = 0;
    bool drained = false;
    std::unique_ptr<MessageStream> stream;
    MessageStream::Callbacks callbacks;
    callbacks.onEnvelope = [&](const ReceivedEnvelope &e) {
        stream->ack(e.id);
        std::lock_guard lock(mutex);
        ++received;
        arrived.notify_all();
    };
    callbacks.onDrained = [&] {
        std::lock_guard lock(mutex);
        drained = true;
        arrived.notify_all();
    };
    stream = std::make_unique<MessageStream>((*receiver)->routes(), receiverDevice->credentials, std::move(callbacks));
    stream->start();
    {
        std::unique_lock lock(mutex);
        arrived.wait(lock, [&] { return drained; });
    }
    const Bytes payload(PayloadSize, 0x5a);
    std::vector<double> latencies;
    for (int i = 0; i < messages; ++i) {
        const auto start = Clock::now();
        auto sent = (*sender)->sendBatch("cross-receiver", {{1, payload, false}});
        if (!sent.ok() || !sent->accepted) {
            std::fprintf(stderr, "send: %s\n", sent.ok() ? "device mismatch" : sent.error().message.c_str());
            break;
        }
        std::unique_lock lock(mutex);
        if (!arrived.wait_for(lock, std::chrono::seconds(10), [&] { return received > i; })) {
            std::fprintf(stderr, "cross-instance: envelope %d did not arrive within 10 s\n", i);
            latencies.push_back(10'000);
            break;
        }
        latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    stream->stop();
    if (latencies.empty())
        return 0;
    std::sort(latencies.begin(), latencies.end());
    return latencies[static_cast<std::size_t>(0.99 * static_cast<double>(latencies.size() - 1))];
}

double benchBareGrpc(const QString &certPem, const QString &keyPem, int messages)
{
    SinkService service;
    grpc::SslServerCredentialsOptions tls;
    tls.pem_key_cert_pairs.push_back({keyPem.toStdString(), certPem.toStdString()});
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(tls), &port);
    builder.RegisterService(&service);
    auto server = builder.BuildAndStart();
    auto channel = makeChannel(RelayEndpoint{"127.0.0.1:" + std::to_string(port), certPem.toStdString(), {}});
    auto stub = lapis::bench::v1::Sink::NewStub(*channel);

    lapis::bench::v1::Blob blob;
    blob.set_data(std::string(PayloadSize, 'x'));
    const auto start = Clock::now();
    grpc::ClientContext context;
    lapis::bench::v1::Count count;
    auto writer = stub->Push(&context, &count);
    for (int i = 0; i < messages; ++i)
        writer->Write(blob);
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    server->Shutdown();
    if (!status.ok() || count.received() != static_cast<std::uint64_t>(messages))
        std::fprintf(stderr, "bare gRPC: %s\n", status.error_message().c_str());
    return static_cast<double>(count.received()) / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int envelopes = 20000;
    int senders = 4;
    bool unary = false;
    bool postgres = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--unary") == 0)
            unary = true;
        else if (std::strcmp(argv[i], "--no-postgres") == 0)
            postgres = false;
        else if (i + 1 < argc && std::strcmp(argv[i], "--envelopes") == 0)
            envelopes = std::atoi(argv[++i]);
        else if (i + 1 < argc && std::strcmp(argv[i], "--senders") == 0)
            senders = std::atoi(argv[++i]);
    }
    const QStringList unthrottled{"--rate-account", "1000000/1000000", "--rate-connection", "1000000/1000000"};
    QTemporaryDir dir;
    test::RelayProcess relay(test::RelayDataDir{dir.path()}, unthrottled);
    if (!relay.start()) {
        std::fprintf(stderr, "lapis-relay did not start\n");
        return 1;
    }
    // Best of three rounds each, alternating, so that load from other processes on the machine
    // hits both paths alike and a single unlucky round does not decide the ratio.
    const QString cert = readFile(dir.path() + "/tls/cert.pem");
    const QString key = readFile(dir.path() + "/tls/key.pem");
    double relayRate = 0;
    double bareRate = 0;
    for (int round = 0; round < 3; ++round) {
        relayRate = std::max(relayRate, benchRelay({relay.endpoint()}, relay.endpoint(), envelopes, senders, unary,
                                                   std::to_string(round)));
        bareRate = std::max(bareRate, benchBareGrpc(cert, key, envelopes * 5));
    }
    relay.terminate();

    // Two relays on one PostgreSQL database, sharing the data folder (certificate, sealing key).
    double pgRate = 0;
    double crossP99 = 0;
    if (postgres) {
        test::PostgresServer server;
        QTemporaryDir pgDir;
        if (!server.start() || !server.createDatabase("bench")) {
            std::fprintf(stderr, "the throwaway PostgreSQL server did not start\n");
            return 1;
        }
        std::vector<std::unique_ptr<test::RelayProcess>> relays;
        for (int i = 0; i < 2; ++i) {
            relays.push_back(std::make_unique<test::RelayProcess>(test::RelayDataDir{pgDir.path()}, unthrottled));
            relays.back()->useDatabase(server.uri("bench"));
            if (!relays.back()->start()) {
                std::fprintf(stderr, "lapis-relay on PostgreSQL did not start\n");
                return 1;
            }
        }
        const std::vector<RelayEndpoint> both{relays[0]->endpoint(), relays[1]->endpoint()};
        for (int round = 0; round < 3; ++round)
            pgRate =
                std::max(pgRate, benchRelay(both, both[0], envelopes, senders, unary, "pg" + std::to_string(round)));
        crossP99 = crossInstanceP99Ms(both[0], both[1], 500);
        for (auto &r : relays)
            r->terminate();
    }

    const double ratio = bareRate > 0 ? relayRate / bareRate : 0;
    std::printf("relay: %d envelopes of %zu bytes, %d %s senders; bare gRPC: %d messages\n", envelopes, PayloadSize,
                senders, unary ? "unary" : "pipelined", envelopes * 5);
    std::printf("TARGET relay_vs_bare_grpc %.3f >= 0.40 ratio\n", ratio);
    if (postgres) {
        std::printf("TARGET relay_pg_vs_sqlite %.3f >= 0.50 ratio\n", relayRate > 0 ? pgRate / relayRate : 0);
        std::printf("TARGET cross_instance_p99_ms %.1f < 50 ms\n", crossP99);
    }
    std::printf("FIGURE relay_envelopes_per_s %.0f\n", relayRate);
    std::printf("FIGURE bare_grpc_msgs_per_s %.0f\n", bareRate);
    if (postgres)
        std::printf("FIGURE relay_pg_envelopes_per_s %.0f\n", pgRate);
    return 0;
}
