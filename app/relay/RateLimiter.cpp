// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace lapis::relay {

namespace {
// Beyond this many keys, full (idle) buckets are dropped: they carry no state worth keeping.
constexpr std::size_t PruneThreshold = 50'000;
} // namespace

RateLimiter::RateLimiter(double ratePerSecond, double burst)
    : m_rate(std::max(ratePerSecond, 0.001))
    , m_burst(std::max(burst, 1.0))
{}

std::optional<std::chrono::milliseconds> RateLimiter::take(const std::string &key)
{
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() > PruneThreshold)
        pruneLocked(now);
    auto [it, inserted] = m_buckets.try_emplace(key, Bucket{m_burst, now});
    Bucket &b = it->second;
    if (!inserted) {
        const double elapsed = std::chrono::duration<double>(now - b.last).count();
        b.tokens = std::min(m_burst, b.tokens + elapsed * m_rate);
        b.last = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - b.tokens) / m_rate;
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(wait * 1000.0)));
}

void RateLimiter::pruneLocked(std::chrono::steady_clock::time_point now)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double elapsed = std::chrono::duration<double>(now - it->second.last).count();
        if (it->second.tokens + elapsed * m_rate >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace lapis::relay
