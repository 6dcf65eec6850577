// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/transport/Types.h>

#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <vector>

namespace lapis {

/// How much load lapis-load puts on the relays.
struct LoadShape {
    int devices = 1000;
    int seconds = 60;
    int ratePerSecond = 500; ///< messages per second, all devices together
    int payloadBytes = 600;
    int connections = 100; ///< TLS connections the devices share (at most one per device)
    int drainSeconds = 15; ///< how long after the last send the run waits for what is still on its way
};

struct RelayUnderLoad {
    transport::RelayEndpoint endpoint;
    qint64 processId = 0;
};

struct LoadResult {
    int devices = 0;
    std::uint64_t accepted = 0;     ///< sends the relay acknowledged
    std::uint64_t lost = 0;         ///< acknowledged and never delivered
    std::uint64_t duplicates = 0;   ///< delivered more than once (a redelivery of an unacked push)
    std::uint64_t sendFailures = 0; ///< sends answered with an error (not acknowledged: not lost)
    double messagesPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double relayRssMb = 0; ///< the largest peak resident size among the relays
};

/// Registers `shape.devices` accounts spread over `relays`, opens a stream for each, sends for
/// `shape.seconds` and measures; nullopt (with the reason on stderr) when the set-up failed.
std::optional<LoadResult> runLoad(const std::vector<RelayUnderLoad> &relays, const LoadShape &shape);

} // namespace lapis
