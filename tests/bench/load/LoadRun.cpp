// SPDX-License-Identifier: GPL-3.0-or-later
#include "Channel.h" // transport-internal: addCredentials for raw calls as each device
#include "LoadRun.h"
#include "relay.grpc.pb.h"

#include <lapis/crypto/Random.h>
#include <lapis/proto/Limits.h>
#include <lapis/transport/LoginAnswer.h>
#include <lapis/transport/MessageStream.h>
#include <lapis/transport/RelayRoutes.h>

#include <QFile>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

namespace lapis {

namespace {

namespace v1 = lapis::relay::v1;
using Clock = std::chrono::steady_clock;

/// One TLS connection of its own per channel: gRPC shares a connection between channels with the
/// same target and arguments, and real devices do not share theirs.
std::shared_ptr<grpc::Channel> connectionTo(const transport::RelayEndpoint &endpoint, int number)
{
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = endpoint.pinnedCertificatePem;
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(static_cast<int>(proto::limits::MaxGrpcMessage));
    args.SetInt("lapis.load.connection", number);
    return grpc::CreateCustomChannel(endpoint.address, grpc::SslCredentials(tls), args);
}

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

double peakRssMb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const auto &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
    return 0;
}

double percentile(std::vector<float> &values, double p)
{
    if (values.empty())
        return 0;
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at), values.end());
    return values[at];
}

struct Device {
    std::string name;
    std::size_t connection = 0;
    transport::DeviceCredentials credentials;
    std::unique_ptr<transport::MessageStream> stream;
};

/// What the receivers saw, shared by all streams' threads.
struct Deliveries {
    explicit Deliveries(std::size_t capacity)
        : accepted(capacity)
        , received(capacity)
    {}
    std::vector<std::atomic<std::uint8_t>> accepted;
    std::vector<std::atomic<std::uint8_t>> received;
    std::atomic<std::uint64_t> duplicates{0};
    std::atomic<std::uint64_t> drainedStreams{0};
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<float> latenciesMs;
    std::uint64_t deliveredOnce = 0;

    void deliver(const transport::ReceivedEnvelope &e)
    {
        if (e.payload.size() < 16)
            return;
        std::uint64_t seq = 0;
        std::int64_t sentNs = 0;
        std::memcpy(&seq, e.payload.data(), 8);
        std::memcpy(&sentNs, e.payload.data() + 8, 8);
        if (seq >= received.size())
            return;
        if (received[seq].fetch_add(1) != 0) {
            ++duplicates;
            return;
        }
        const float ms = static_cast<float>(static_cast<double>(nowNs() - sentNs) / 1e6);
        std::lock_guard lock(mutex);
        latenciesMs.push_back(ms);
        ++deliveredOnce;
        changed.notify_all();
    }
};

} // namespace

std::optional<LoadResult> runLoad(const std::vector<RelayUnderLoad> &relays, const LoadShape &shape)
{
    const auto deviceCount = static_cast<std::size_t>(shape.devices);
    const auto connectionCount = static_cast<std::size_t>(std::min(shape.connections, shape.devices));
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    std::vector<std::string> channelAddress;
    for (std::size_t c = 0; c < connectionCount; ++c) {
        const auto &relay = relays[c % relays.size()];
        channels.push_back(connectionTo(relay.endpoint, static_cast<int>(c)));
        channelAddress.push_back(relay.endpoint.address);
    }

    // Accounts, a few registrations at a time.
    const auto runId = std::to_string(crypto::systemRandom().uniform(1'000'000));
    std::vector<Device> devices(deviceCount);
    std::atomic<std::size_t> nextDevice{0};
    std::atomic<bool> setupFailed{false};
    std::vector<std::thread> workers;
    for (int w = 0; w < 8; ++w)
        workers.emplace_back([&] {
            for (std::size_t d; (d = nextDevice.fetch_add(1)) < deviceCount && !setupFailed;) {
                auto &device = devices[d];
                device.name = "load" + runId + "-" + std::to_string(d);
                device.connection = d % connectionCount;
                v1::RegisterRequest request;
                request.set_username(device.name);
                request.set_password("load test password");
                request.set_device_name("load");
                v1::DeviceCredential response;
                grpc::ClientContext context;
                context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
                const auto status =
                    v1::Accounts::NewStub(channels[device.connection])->Register(&context, request, &response);
                auto parsed =
                    status.ok()
                        ? transport::parseDeviceCredential(response.SerializeAsString())
                        : Result<transport::RegisteredDevice>(fail(ErrorCode::Unavailable, status.error_message()));
                if (!parsed.ok()) {
                    if (!setupFailed.exchange(true))
                        std::fprintf(stderr, "lapis-load: register %s: %s\n", device.name.c_str(),
                                     parsed.error().message.c_str());
                    return;
                }
                device.credentials = parsed->credentials;
            }
        });
    for (auto &w : workers)
        w.join();
    workers.clear();
    if (setupFailed)
        return std::nullopt;

    // Every device streams (and acks) on its connection.
    const std::size_t capacity =
        static_cast<std::size_t>(shape.ratePerSecond) * static_cast<std::size_t>(shape.seconds) * 2 + 1024;
    Deliveries deliveries(capacity);
    for (auto &device : devices) {
        transport::MessageStream::Callbacks callbacks;
        auto *stream = &device.stream;
        callbacks.onEnvelope = [&deliveries, stream](const transport::ReceivedEnvelope &e) {
            deliveries.deliver(e);
            (*stream)->ack(e.id);
        };
        callbacks.onDrained = [&deliveries] {
            ++deliveries.drainedStreams;
            deliveries.changed.notify_all();
        };
        device.stream = std::make_unique<transport::MessageStream>(
            transport::RelayRoutes::single(channels[device.connection], channelAddress[device.connection]),
            device.credentials, std::move(callbacks));
        device.stream->start();
    }
    {
        std::unique_lock lock(deliveries.mutex);
        if (!deliveries.changed.wait_for(lock, std::chrono::seconds(60 + shape.devices / 20),
                                         [&] { return deliveries.drainedStreams >= deviceCount; })) {
            std::fprintf(stderr, "lapis-load: only %llu of %zu streams opened\n",
                         static_cast<unsigned long long>(deliveries.drainedStreams.load()), deviceCount);
            for (auto &device : devices)
                device.stream->stop();
            return std::nullopt;
        }
    }

    // Steady sending: each sender thread keeps its own schedule (open loop: a slow answer does
    // not lower the offered rate, it shows as latency).
    const int senders = std::clamp(shape.ratePerSecond / 50, 1, 16);
    const auto interval = std::chrono::nanoseconds(1'000'000'000LL * senders / shape.ratePerSecond);
    Bytes filler = crypto::systemRandom().bytes(static_cast<std::size_t>(shape.payloadBytes));
    std::atomic<std::uint64_t> nextSeq{0};
    std::atomic<std::uint64_t> sendFailures{0};
    const auto start = Clock::now();
    const auto end = start + std::chrono::seconds(shape.seconds);
    for (int s = 0; s < senders; ++s)
        workers.emplace_back([&, s] {
            auto due = start + interval * s / senders;
            std::string payload(filler.begin(), filler.end());
            while (due < end) {
                std::this_thread::sleep_until(due);
                due += interval;
                const std::uint64_t seq = nextSeq.fetch_add(1);
                if (seq >= capacity)
                    break;
                const auto from = crypto::systemRandom().uniform(static_cast<std::uint32_t>(deviceCount));
                auto to = crypto::systemRandom().uniform(static_cast<std::uint32_t>(deviceCount - 1));
                to += to >= from ? 1 : 0;
                const auto &sender = devices[from];
                const std::int64_t sentNs = nowNs();
                std::memcpy(payload.data(), &seq, 8);
                std::memcpy(payload.data() + 8, &sentNs, 8);
                v1::SendBatchRequest request;
                request.set_recipient(devices[to].name);
                auto *envelope = request.add_envelopes();
                envelope->set_recipient_device(devices[to].credentials.deviceId);
                envelope->set_payload(payload);
                v1::SendBatchResponse response;
                grpc::ClientContext context;
                context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
                transport::addCredentials(context, sender.credentials);
                const auto status =
                    v1::Messages::NewStub(channels[sender.connection])->SendBatch(&context, request, &response);
                if (status.ok()) {
                    deliveries.accepted[seq] = 1;
                } else if (sendFailures.fetch_add(1) < 3) {
                    std::fprintf(stderr, "lapis-load: send failed: %s\n", status.error_message().c_str());
                }
            }
        });
    for (auto &w : workers)
        w.join();
    const double sendSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    const std::uint64_t sent = std::min<std::uint64_t>(nextSeq.load(), capacity);
    std::uint64_t accepted = 0;
    for (std::uint64_t i = 0; i < sent; ++i)
        accepted += deliveries.accepted[i].load();

    // What is still on its way gets `drainSeconds`.
    {
        std::unique_lock lock(deliveries.mutex);
        deliveries.changed.wait_for(lock, std::chrono::seconds(shape.drainSeconds),
                                    [&] { return deliveries.deliveredOnce >= accepted; });
    }
    LoadResult result;
    for (const auto &relay : relays)
        result.relayRssMb = std::max(result.relayRssMb, peakRssMb(relay.processId));
    for (auto &device : devices)
        device.stream->stop();
    result.devices = shape.devices;
    result.accepted = accepted;
    for (std::uint64_t i = 0; i < sent; ++i)
        if (deliveries.accepted[i].load() != 0 && deliveries.received[i].load() == 0)
            ++result.lost;
    result.duplicates = deliveries.duplicates.load();
    result.sendFailures = sendFailures.load();
    result.messagesPerSecond = static_cast<double>(accepted) / sendSeconds;
    std::lock_guard lock(deliveries.mutex);
    result.p50Ms = percentile(deliveries.latenciesMs, 0.50);
    result.p99Ms = percentile(deliveries.latenciesMs, 0.99);
    return result;
}

} // namespace lapis
