// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"

#include <atomic>
#include <functional>

namespace lapis::relay {

class PgBackend;

/// Token buckets in the PostgreSQL database relays share (`rate_buckets`, schema 6), for the
/// per-account limits security depends on: with N relays an attacker spreading attempts over
/// them still gets one account's rate, not N times it. One UPDATE ... RETURNING per take, on a
/// connection of the backend's pool. A database that does not answer takes nothing: every call
/// these guard needs the database itself and then fails with UNAVAILABLE.
class PgRateLimiter final : public TokenBuckets {
public:
    /// `name` keeps this limiter's buckets apart from the others' in the one table.
    PgRateLimiter(PgBackend &backend, std::string name, double ratePerSecond, double burst);

    std::optional<std::chrono::milliseconds> take(const std::string &key) override;

private:
    PgBackend &m_backend;
    std::string m_name;
    double m_rate;
    double m_burst;
    std::atomic<std::int64_t> m_lastPruneMs{0};
};

} // namespace lapis::relay
