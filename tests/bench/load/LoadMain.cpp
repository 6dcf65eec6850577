// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-load: many devices against real lapis-relay processes on loopback, over the real wire
// protocol (TLS, registered accounts, authenticated message streams, SendBatch). Each device
// keeps a MessageStream open on one of the relays (round robin) and acks what it receives; a
// few sender threads send, at a steady total rate, one envelope at a time from a random device
// to a random other one. A payload is random bytes (the relay never reads it) carrying a sequence
// number and the time of sending, so that the receiver measures the delivery time (from just
// before the send call to the push on the recipient's stream) and what never came.
//
//   lapis-load [--devices N] [--seconds S] [--rate MSGS_PER_S] [--payload BYTES]
//              [--backend postgres|sqlite|both] [--instances N] [--connections N] [--drain S]
//
// Defaults: 1,000 devices, 60 s, 500 messages/s, 600-byte payloads, PostgreSQL with two relays
// (a throwaway server, tests/support PostgresServer). `both` runs SQLite (one relay) after it and
// prints its results as `FIGURE sqlite_load_*`. Exit code 0, 1 when the relays could not be set
// up, 2 when an acknowledged message was lost.
#include "LoadRun.h"

#include <lapis/testsupport/PostgresServer.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace lapis;

namespace {

struct Options {
    LoadShape shape;
    std::string backend = "postgres";
    int instances = 2;
};

bool parse(int argc, char **argv, Options &o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "lapis-load: %s needs a value\n", flag.c_str());
            return false;
        }
        const char *value = argv[++i];
        const int number = std::atoi(value);
        if (flag == "--backend") {
            o.backend = value;
            if (o.backend != "postgres" && o.backend != "sqlite" && o.backend != "both") {
                std::fprintf(stderr, "lapis-load: --backend is postgres, sqlite or both\n");
                return false;
            }
            continue;
        }
        if (number <= 0) {
            std::fprintf(stderr, "lapis-load: %s takes a positive number\n", flag.c_str());
            return false;
        }
        if (flag == "--devices")
            o.shape.devices = number;
        else if (flag == "--seconds")
            o.shape.seconds = number;
        else if (flag == "--rate")
            o.shape.ratePerSecond = number;
        else if (flag == "--payload")
            o.shape.payloadBytes = std::max(number, 16);
        else if (flag == "--instances")
            o.instances = number;
        else if (flag == "--connections")
            o.shape.connections = number;
        else if (flag == "--drain")
            o.shape.drainSeconds = number;
        else {
            std::fprintf(stderr, "lapis-load: unknown flag %s\n", flag.c_str());
            return false;
        }
    }
    if (o.shape.devices < 2) {
        std::fprintf(stderr, "lapis-load: --devices must be at least 2\n");
        return false;
    }
    return true;
}

QStringList unthrottled()
{
    // The load is the point: the per-address and registration limits would refuse it.
    return {QStringLiteral("--rate-address"), QStringLiteral("1000000/1000000"), QStringLiteral("--rate-register"),
            QStringLiteral("1000000/1000000")};
}

/// Runs the load against `instances` relays on a fresh PostgreSQL, or one SQLite relay.
std::optional<LoadResult> runOn(bool postgres, int instances, const LoadShape &shape)
{
    QTemporaryDir dir;
    std::optional<test::PostgresServer> server;
    std::vector<std::unique_ptr<test::RelayProcess>> relays;
    if (postgres) {
        server.emplace();
        if (!server->start() || !server->createDatabase(QStringLiteral("load"))) {
            std::fprintf(stderr, "lapis-load: the throwaway PostgreSQL server did not start\n");
            return std::nullopt;
        }
    } else {
        instances = 1;
    }
    for (int i = 0; i < instances; ++i) {
        auto relay = std::make_unique<test::RelayProcess>(test::RelayDataDir{dir.path()}, unthrottled());
        if (postgres)
            relay->useDatabase(server->uri(QStringLiteral("load")));
        if (!relay->start()) {
            std::fprintf(stderr, "lapis-load: lapis-relay did not start\n");
            return std::nullopt;
        }
        relays.push_back(std::move(relay));
    }
    std::vector<RelayUnderLoad> targets;
    for (const auto &relay : relays)
        targets.push_back(RelayUnderLoad{relay->endpoint(), relay->processId()});
    auto result = runLoad(targets, shape);
    for (auto &relay : relays)
        relay->terminate();
    return result;
}

void print(const LoadResult &r, const std::string &prefix)
{
    if (prefix.empty()) {
        std::printf("TARGET load_lost %llu == 0\n", static_cast<unsigned long long>(r.lost));
        std::printf("TARGET load_p99_delivery_ms %.1f < 100 ms\n", r.p99Ms);
    } else {
        std::printf("FIGURE %sload_lost %llu\n", prefix.c_str(), static_cast<unsigned long long>(r.lost));
        std::printf("FIGURE %sload_p99_delivery_ms %.1f\n", prefix.c_str(), r.p99Ms);
    }
    std::printf("FIGURE %sload_devices %d\n", prefix.c_str(), r.devices);
    std::printf("FIGURE %sload_msgs_per_s %.0f\n", prefix.c_str(), r.messagesPerSecond);
    std::printf("FIGURE %sload_p50_delivery_ms %.1f\n", prefix.c_str(), r.p50Ms);
    std::printf("FIGURE %srelay_rss_mb %.0f\n", prefix.c_str(), r.relayRssMb);
    std::printf("FIGURE %sload_send_failures %llu\n", prefix.c_str(), static_cast<unsigned long long>(r.sendFailures));
    std::printf("FIGURE %sload_duplicates %llu\n", prefix.c_str(), static_cast<unsigned long long>(r.duplicates));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parse(argc, argv, options))
        return 1;
    bool lost = false;
    const bool postgres = options.backend != "sqlite";
    std::printf("lapis-load: %d devices, %d s at %d messages/s, %d-byte payloads, %s\n", options.shape.devices,
                options.shape.seconds, options.shape.ratePerSecond, options.shape.payloadBytes,
                postgres ? ("PostgreSQL, " + std::to_string(options.instances) + " relays").c_str()
                         : "SQLite, 1 relay");
    std::fflush(stdout);
    auto primary = runOn(postgres, options.instances, options.shape);
    if (!primary)
        return 1;
    print(*primary, "");
    lost = primary->lost > 0;
    if (options.backend == "both") {
        auto sqlite = runOn(false, 1, options.shape);
        if (!sqlite)
            return 1;
        print(*sqlite, "sqlite_");
        lost = lost || sqlite->lost > 0;
    }
    return lost ? 2 : 0;
}
