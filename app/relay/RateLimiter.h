// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace lapis::relay {

/// Token buckets keyed by a string (an account, a connection): `ratePerSecond` refill up to
/// `burst`. One key's bucket running dry never touches another's.
class RateLimiter {
public:
    RateLimiter(double ratePerSecond, double burst);

    /// Takes one token for `key`; when none is left, how long until one will be.
    std::optional<std::chrono::milliseconds> take(const std::string &key);

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
