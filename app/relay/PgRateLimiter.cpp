// SPDX-License-Identifier: GPL-3.0-or-later
#include "PgBackend.h"
#include "PgRateLimiter.h"

#include <algorithm>
#include <cmath>

namespace lapis::relay {

namespace {

// Full buckets carry no state: they are dropped about this often, by whichever relay looks.
constexpr std::int64_t PruneEveryMs = 60'000;

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

PgRateLimiter::PgRateLimiter(PgBackend &backend, std::string name, double ratePerSecond, double burst)
    : m_backend(backend)
    , m_name(std::move(name))
    , m_rate(std::max(ratePerSecond, 0.001))
    , m_burst(std::max(burst, 1.0))
{}

std::optional<std::chrono::milliseconds> PgRateLimiter::take(const std::string &key)
{
    const std::int64_t now = wallMs();
    // One statement, so that two relays taking from one bucket at once never both take its last
    // token. R is the bucket refilled since its last take (a clock that stepped back refills
    // nothing); SET sees the row as it was, so R is the same in all three places.
#define LAPIS_REFILLED "LEAST($2::float8, b.tokens + GREATEST(0, $3 - b.updated_ms) * $4::float8 / 1000)"
    auto taken = m_backend.runPooled(
        "INSERT INTO rate_buckets AS b(bucket, tokens, updated_ms, taken) VALUES($1, $2::float8 - 1, $3, true) "
        "ON CONFLICT(bucket) DO UPDATE SET taken = " LAPIS_REFILLED " >= 1, tokens = CASE WHEN " LAPIS_REFILLED
        " >= 1 THEN " LAPIS_REFILLED " - 1 ELSE " LAPIS_REFILLED " END, updated_ms = GREATEST(b.updated_ms, $3) "
        "RETURNING tokens, taken",
        PgParams().add(m_name + ':' + key).add(std::to_string(m_burst)).add(now).add(std::to_string(m_rate)));
#undef LAPIS_REFILLED
    // A database that does not answer: the call this guards (a log-in, a sign-in request, a
    // prekey hand-out) needs it too and fails with UNAVAILABLE right after, which is the answer
    // the client should see, not "too many attempts".
    if (!taken.ok() || taken->rows() != 1)
        return std::nullopt;
    const bool gotOne = taken->text(0, 1) == "t";
    const double tokens = std::strtod(taken->text(0, 0).c_str(), nullptr);

    // Buckets untouched for as long as a refill from empty takes are full: no state to keep.
    if (now - m_lastPruneMs.load() >= PruneEveryMs) {
        m_lastPruneMs = now;
        const auto fullAfterMs = static_cast<std::int64_t>(std::ceil(m_burst / m_rate * 1000));
        (void)m_backend.runPooled("DELETE FROM rate_buckets WHERE bucket LIKE $1 AND updated_ms < $2",
                                  PgParams().add(m_name + ":%").add(now - fullAfterMs));
    }
    if (gotOne)
        return std::nullopt;
    const double wait = (1.0 - tokens) / m_rate;
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(wait * 1000.0)));
}

} // namespace lapis::relay
