// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace lapis::relay {

/// Token buckets keyed by a string (an account, a connection): a rate of refill up to a burst.
/// One key's bucket running dry never touches another's.
class TokenBuckets {
public:
    virtual ~TokenBuckets() = default;
    /// Takes one token for `key`; when none is left, how long until one will be.
    virtual std::optional<std::chrono::milliseconds> take(const std::string &key) = 0;
};

/// Token buckets in this relay's memory: `ratePerSecond` refill up to `burst`. Relays on one
/// database share the per-account ones security depends on instead (PgRateLimiter).
class RateLimiter final : public TokenBuckets {
public:
    RateLimiter(double ratePerSecond, double burst);

    std::optional<std::chrono::milliseconds> take(const std::string &key) override;

private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point last;
    };
    void pruneLocked(std::chrono::steady_clock::time_point now);

    double m_rate;
    double m_burst;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
};

} // namespace lapis::relay
