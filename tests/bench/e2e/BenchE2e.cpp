// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-e2e [--messages N] [--rounds R] [--window W] [--relay-senders S]
// End-to-end path: two Engines (SQLCipher profiles, registered through Engine, a session set up
// by one sendText each way) exchange N ~100-byte texts through the real lapis-relay. The sender
// calls Engine::sendTexts once: MaxSendBatch messages written and encrypted per store transaction
// (message row, Double Ratchet, outbox), one transaction ahead of the network, streamed over one
// BatchSender with at most MaxSendInFlight in flight, and marked Sent in the next transaction.
// The receiver runs Engine::listen, as the desktop app does: up to MaxReceiveBatch envelopes
// decrypted and stored per transaction (session state, message row, dedupe record), acked after
// the commit, and a delivery receipt per batch back to the sender. Timed from the call to
// sendTexts until the receiver reported the N-th text stored (and sendTexts returned); only
// messages decrypted and stored as received end-to-end texts count.
// Relay-only path: what lapis-bench-relay measures, with the same number of ~200-byte envelopes:
// S senders (default 1, the shape of the end-to-end path) pipelined over BatchSender streams
// (window W, default 2000) to a device whose MessageStream acks each one on arrival.
// Both paths run in alternating rounds in one run against one relay; each keeps its best round.
// Each round also reports the CPU time per message of this process and of the relay: the relay
// path's cost is shared by both, so only what end to end adds (the stores, the ratchet, the
// receipts) moves the ratio.
#include "BenchPlumbing.h"

#include <lapis/crypto/PasswordHash.h>
#include <lapis/engine/Engine.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/transport/BatchSender.h>
#include <lapis/transport/MessageStream.h>
#include <lapis/transport/RelayClient.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace lapis;
using namespace lapis::bench;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t RelayPayloadSize = 200;
constexpr std::size_t TextSize = 100;
constexpr char Passphrase[] = "bench passphrase";
constexpr char Password[] = "bench password";

struct Options {
    int messages = 5000;
    int rounds = 3;
    int window = 2000;
    int relaySenders = 1;
};

engine::ProfileOptions profileOptions(const fs::path &dir)
{
    engine::ProfileOptions options;
    options.directory = dir;
    options.passphrase = Passphrase;
    options.passphraseParams = crypto::Argon2Params::minimumForTests();
    return options;
}

// ---- relay only (as lapis-bench-relay) ---------------------------------------------------------

struct RelayRound {
    double envelopesPerSecond = 0;
    CpuShare cpu;
};

RelayRound benchRelayOnly(const transport::RelayEndpoint &endpoint, const CpuClock &clock, int envelopes, int senders,
                          int windowSize, int round)
{
    using namespace lapis::transport;
    const std::string receiverName = "relay-receiver" + std::to_string(round);
    auto receiver = RelayClient::create(endpoint);
    if (!receiver.ok())
        return {};
    auto device = (*receiver)->registerAccount(receiverName, Password, "bench");
    if (!device.ok()) {
        std::fprintf(stderr, "register: %s\n", device.error().message.c_str());
        return {};
    }
    std::mutex mutex;
    std::condition_variable done;
    int received = 0;
    bool drained = false;
    std::unique_ptr<MessageStream> stream;
    MessageStream::Callbacks callbacks;
    callbacks.onEnvelope = [&](const ReceivedEnvelope &e) {
        stream->ack(e.id);
        std::lock_guard lock(mutex);
        if (++received == envelopes)
            done.notify_all();
    };
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
        auto c = RelayClient::create(endpoint);
        if (!c.ok())
            return {};
        auto d =
            (*c)->registerAccount("relay-sender" + std::to_string(round) + "-" + std::to_string(s), Password, "bench");
        if (!d.ok()) {
            std::fprintf(stderr, "register: %s\n", d.error().message.c_str());
            return {};
        }
        (*c)->setCredentials(d->credentials);
        clients.push_back(std::move(c).value());
    }
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    const Bytes payload(RelayPayloadSize, 0x5a);
    const auto cpuBefore = clock.now();
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int s = 0; s < senders; ++s) {
        threads.emplace_back([&, s] {
            const auto &c = clients[static_cast<std::size_t>(s)];
            BatchSender sender(c->channel(), endpoint.address, *c->credentials());
            Window window(windowSize);
            while (next.fetch_add(1) < envelopes) {
                window.acquire();
                auto queued = sender.send(receiverName, {{1, payload, false}}, false, [&](Result<SendOutcome> r) {
                    if (!r.ok() || !r->accepted) {
                        if (failures.fetch_add(1) == 0)
                            std::fprintf(stderr, "send: %s\n", r.ok() ? "device mismatch" : r.error().message.c_str());
                    }
                    window.release();
                });
                if (!queued.ok()) {
                    failures.fetch_add(1);
                    window.release();
                }
            }
            window.drain();
        });
    }
    for (auto &t : threads)
        t.join();
    {
        std::unique_lock lock(mutex);
        done.wait_for(lock, std::chrono::seconds(120), [&] { return received >= envelopes - failures.load(); });
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const auto cpuAfter = clock.now();
    stream->stop();
    if (failures > 0)
        std::fprintf(stderr, "relay only: %d sends failed\n", failures.load());
    std::lock_guard lock(mutex);
    return {received / seconds, cpuPerMessage(cpuBefore, cpuAfter, received)};
}

// ---- end to end --------------------------------------------------------------------------------

/// Registers an account in a new profile through the Engine.
Result<AccountId> registerProfile(const fs::path &dir, const std::string &username,
                                  const transport::RelayEndpoint &endpoint)
{
    LAPIS_TRY_ASSIGN(auto eng, engine::Engine::open(profileOptions(dir)));
    engine::AccountSetup setup;
    setup.username = username;
    setup.relayAddress = endpoint.address;
    setup.relayCertificatePem = endpoint.pinnedCertificatePem;
    setup.password = Password;
    setup.deviceName = "bench";
    LAPIS_TRY(eng->registerAccount(setup));
    return eng->account();
}

/// A message each way through the Engines, so that both sides hold a complete session.
Result<void> warmUp(engine::Engine &sender, engine::Engine &receiver)
{
    LAPIS_TRY_ASSIGN(auto report, sender.sendText(receiver.account(), "warm-up", false));
    if (!report.acceptedByRelay || !report.endToEnd)
        return fail(ErrorCode::Unavailable, "the warm-up message was not accepted end to end");
    LAPIS_TRY_ASSIGN(auto items, receiver.receive(std::chrono::milliseconds(1000)));
    if (items.empty())
        return fail(ErrorCode::NotFound, "the warm-up message did not arrive");
    // Takes the delivery receipt: the sender's session is now confirmed by the receiver.
    LAPIS_TRY(sender.receive(std::chrono::milliseconds(1000)));
    return {};
}

std::string textFor(int round, int i)
{
    std::string text = "Round " + std::to_string(round) + " message " + std::to_string(i) + ": ";
    while (text.size() < TextSize)
        text.push_back(static_cast<char>('a' + (text.size() % 26)));
    return text;
}

struct E2eRound {
    double msgsPerSecond = 0;
    int committed = 0;
    double sentSeconds = 0; ///< until sendTexts returned: all accepted by the relay and marked Sent
    CpuShare cpu;
};

E2eRound benchEndToEnd(engine::Engine &sender, engine::Engine &receiver, const CpuClock &clock, const Options &options,
                       int round)
{
    E2eRound out;
    const int total = options.messages;
    const std::string prefix = "Round " + std::to_string(round) + " ";

    // Receiving side: the engine's live stream, as the desktop app runs it.
    std::mutex mutex;
    std::condition_variable changed;
    bool online = false;
    int committed = 0;
    std::atomic<bool> stop{false};
    engine::ListenCallbacks callbacks;
    callbacks.onConnection = [&](bool up) {
        std::lock_guard lock(mutex);
        online = up;
        changed.notify_all();
    };
    callbacks.onItem = [&](const engine::ReceivedItem &item) {
        const auto &event = item.event;
        if (event.kind != engine::IncomingEvent::Kind::Message || !event.endToEnd || event.text.rfind(prefix, 0) != 0)
            return;
        std::lock_guard lock(mutex);
        ++committed;
        changed.notify_all();
    };
    Result<void> listened;
    std::thread listener([&] { listened = receiver.listen(callbacks, [&] { return stop.load(); }); });
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::seconds(30), [&] { return online; });
    }

    // Sending side: the engine's burst API, as a bot or a bridge sends.
    std::vector<std::string> texts;
    texts.reserve(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i)
        texts.push_back(textFor(round, i));
    int failures = 0;
    const auto cpuBefore = clock.now();
    const auto start = Clock::now();
    auto reports = sender.sendTexts(receiver.account(), texts, false);
    out.sentSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!reports.ok()) {
        std::fprintf(stderr, "send: %s\n", reports.error().message.c_str());
        failures = total;
    } else {
        failures = static_cast<int>(
            std::count_if(reports->begin(), reports->end(), [](const auto &r) { return !r.acceptedByRelay; }));
    }
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::seconds(120), [&] { return committed >= total - failures; });
        out.committed = committed;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    out.cpu = cpuPerMessage(cpuBefore, clock.now(), out.committed);
    stop = true;
    listener.join();
    if (!listened.ok())
        std::fprintf(stderr, "listen: %s\n", listened.error().message.c_str());
    if (failures > 0 || out.committed != total)
        std::fprintf(stderr, "end to end: %d of %d committed, %d not accepted by the relay\n", out.committed, total,
                     failures);
    out.msgsPerSecond = out.committed / seconds;
    return out;
}

QString readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--messages") == 0)
            options.messages = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--rounds") == 0)
            options.rounds = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--window") == 0)
            options.window = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--relay-senders") == 0)
            options.relaySenders = std::max(1, std::atoi(argv[++i]));
    }

    test::RelayProcess relay(QStringLiteral(LAPIS_RELAY_BINARY),
                             {QStringLiteral("--rate-account"), QStringLiteral("1000000/1000000"),
                              QStringLiteral("--rate-connection"), QStringLiteral("1000000/1000000")});
    if (!relay.start()) {
        std::fprintf(stderr, "lapis-relay did not start\n");
        return 1;
    }
    const transport::RelayEndpoint endpoint{
        relay.address().toStdString(), readFile(relay.certificatePath()).toStdString(), {}};
    const CpuClock clock{relay.processId()};

    QTemporaryDir profiles;
    const fs::path senderDir = fs::path(profiles.path().toStdString()) / "sender";
    const fs::path receiverDir = fs::path(profiles.path().toStdString()) / "receiver";
    auto senderAccount = registerProfile(senderDir, "e2e-sender", endpoint);
    auto receiverAccount = registerProfile(receiverDir, "e2e-receiver", endpoint);
    if (!senderAccount.ok() || !receiverAccount.ok()) {
        std::fprintf(stderr, "register: %s\n",
                     (!senderAccount.ok() ? senderAccount.error() : receiverAccount.error()).message.c_str());
        return 1;
    }
    auto sender = engine::Engine::open(profileOptions(senderDir));
    auto receiver = engine::Engine::open(profileOptions(receiverDir));
    if (!sender.ok() || !receiver.ok()) {
        std::fprintf(stderr, "open profile: %s\n", (!sender.ok() ? sender.error() : receiver.error()).message.c_str());
        return 1;
    }
    if (auto r = warmUp(**sender, **receiver); !r.ok()) {
        std::fprintf(stderr, "warm-up: %s\n", r.error().message.c_str());
        return 1;
    }

    // Alternating rounds (which path goes first alternates too), so that load from other processes
    // on the machine hits both paths alike; each path keeps its best round.
    double relayRate = 0;
    double e2eRate = 0;
    double indexMicros = 0;
    for (int round = 0; round < options.rounds; ++round) {
        auto relayRound = [&] {
            const auto r =
                benchRelayOnly(endpoint, clock, options.messages, options.relaySenders, options.window, round);
            std::printf(
                "round %d: relay only %.0f envelopes/s (CPU per envelope: %.0f us here, %.0f us in the relay)\n",
                round + 1, r.envelopesPerSecond, r.cpu.ownMicros, r.cpu.relayMicros);
            relayRate = std::max(relayRate, r.envelopesPerSecond);
        };
        auto e2eRound = [&] {
            const auto r = benchEndToEnd(**sender, **receiver, clock, options, round);
            std::printf("round %d: end to end %.0f msgs/s (%d committed; sendTexts returned after %.2f s; CPU per "
                        "message: %.0f us here, %.0f us in the relay)\n",
                        round + 1, r.msgsPerSecond, r.committed, r.sentSeconds, r.cpu.ownMicros, r.cpu.relayMicros);
            e2eRate = std::max(e2eRate, r.msgsPerSecond);
            // The engines store messages without indexing them for search; listen() builds the index
            // in bulk while the relay has nothing new. Built here instead, outside the timed part,
            // so that its cost is seen: process CPU (both engines' store threads) per message.
            const std::clock_t before = std::clock();
            auto sent = (*sender)->indexSearchBacklog(std::numeric_limits<std::size_t>::max());
            auto received = (*receiver)->indexSearchBacklog(std::numeric_limits<std::size_t>::max());
            const double micros = static_cast<double>(std::clock() - before) * 1e6 / CLOCKS_PER_SEC;
            if (!sent.ok() || !received.ok() || *sent + *received == 0) {
                std::fprintf(stderr, "search index: %s\n",
                             !sent.ok()       ? sent.error().message.c_str()
                             : !received.ok() ? received.error().message.c_str()
                                              : "nothing to index");
                return;
            }
            indexMicros = micros / static_cast<double>(options.messages);
            std::printf("round %d: search index built afterwards for %zu + %zu messages: %.1f us CPU per message\n",
                        round + 1, *sent, *received, indexMicros);
        };
        if (round % 2 == 0) {
            relayRound();
            e2eRound();
        } else {
            e2eRound();
            relayRound();
        }
        std::fflush(stdout);
    }
    const double ratio = relayRate > 0 ? e2eRate / relayRate : 0;
    std::printf("end to end: %d texts of %zu bytes by Engine::sendTexts (%zu per store transaction, at most %zu in "
                "flight); relay only: %d envelopes of %zu bytes, %d pipelined sender(s), window %d; best of %d "
                "alternating rounds\n",
                options.messages, TextSize, engine::MaxSendBatch, engine::MaxSendInFlight, options.messages,
                RelayPayloadSize, options.relaySenders, options.window, options.rounds);
    std::printf("FIGURE relay_only_envelopes_per_s %.0f\n", relayRate);
    std::printf("TARGET e2e_vs_relay %.3f >= 0.50 ratio\n", ratio);
    std::printf("FIGURE e2e_msgs_per_s %.0f\n", e2eRate);
    std::printf("FIGURE search_index_cpu_us_per_msg %.1f\n", indexMicros);
    return 0;
}
