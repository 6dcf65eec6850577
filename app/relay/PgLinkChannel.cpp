// SPDX-License-Identifier: GPL-3.0-or-later
#include "PgLinkChannel.h"

#include <lapis/crypto/Random.h>

namespace lapis::relay {

namespace {

constexpr auto WatchEvery = std::chrono::milliseconds(250);
// Expired rows are dropped by whichever relay looks first, about this often.
constexpr auto PruneEvery = std::chrono::seconds(10);

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

PgLinkChannel::PgLinkChannel(std::string uri, std::unique_ptr<PgConnection> db, std::chrono::seconds ttl,
                             std::size_t maxHeldBytes)
    : m_uri(std::move(uri))
    , m_ttl(ttl)
    , m_maxHeldBytes(maxHeldBytes)
    , m_db(std::move(db))
    , m_watcher([this] { watch(); })
{}

PgLinkChannel::~PgLinkChannel()
{
    stopAll();
    m_stop = true;
    if (m_watcher.joinable())
        m_watcher.join();
}

Result<std::unique_ptr<PgLinkChannel>> PgLinkChannel::open(const std::string &uri, std::chrono::seconds ttl,
                                                           std::size_t maxHeldBytes)
{
    LAPIS_TRY_ASSIGN(auto db, PgConnection::open(uri));
    return std::unique_ptr<PgLinkChannel>(new PgLinkChannel(uri, std::move(db), ttl, maxHeldBytes));
}

Result<PgResult> PgLinkChannel::run(const std::string &sql, const PgParams &params)
{
    std::lock_guard lock(m_dbMutex);
    LAPIS_TRY(m_db->ensureConnected());
    return m_db->query(sql, params);
}

Result<std::string> PgLinkChannel::create()
{
    // 128 random bits: unguessable, so the address itself is the capability to wait on it.
    const std::string address = toBase64Url(crypto::randomBytes(16));
    const std::int64_t now = wallMs();
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return fail(ErrorCode::Unavailable, "The relay is stopping");
    }
    LAPIS_TRY_ASSIGN(auto q, run("INSERT INTO link_addresses(address, expires_ms) SELECT $1, $2 WHERE (SELECT "
                                 "count(*) FROM link_addresses WHERE expires_ms > $3) < $4",
                                 PgParams()
                                     .add(address)
                                     .add(now + std::chrono::milliseconds(m_ttl).count())
                                     .add(now)
                                     .add(static_cast<std::int64_t>(MaxOpenLinkAddresses))));
    if (q.affected() != 1)
        return fail(ErrorCode::LimitExceeded, "Too many link requests are open on this relay; try again later");
    return address;
}

Result<void> PgLinkChannel::startWait(const std::string &address, std::function<bool()> cancelled, WaitDone done)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return fail(ErrorCode::Unavailable, "The relay is stopping");
        if (m_waits.count(address))
            return fail(ErrorCode::NotFound, "The link address is unknown, in use or expired");
    }
    const std::int64_t now = wallMs();
    LAPIS_TRY_ASSIGN(auto q, run("SELECT expires_ms FROM link_addresses WHERE address=$1", PgParams().add(address)));
    if (q.rows() == 0)
        return fail(ErrorCode::NotFound, "The link address is unknown, in use or expired");
    const std::int64_t left = q.int64(0, 0) - now;
    if (left <= 0)
        return fail(ErrorCode::NotFound, "The link address expired");
    {
        std::lock_guard lock(m_mutex);
        if (m_waits.count(address))
            return fail(ErrorCode::NotFound, "The link address is unknown, in use or expired");
        m_waits[address] = Wait{std::chrono::steady_clock::now() + std::chrono::milliseconds(left), std::move(done),
                                std::move(cancelled)};
    }
    // Registered first, looked for second: a bundle posted in between is not missed.
    deliver(address);
    return {};
}

void PgLinkChannel::deliver(const std::string &address)
{
    Wait wait;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_waits.find(address);
        if (it == m_waits.end())
            return;
        // Taken out while the row is fetched, so that no other thread ends it meanwhile.
        wait = std::move(it->second);
        m_waits.erase(it);
    }
    auto taken = run("DELETE FROM link_addresses WHERE address=$1 AND bundle IS NOT NULL RETURNING bundle",
                     PgParams().add(address));
    if (taken.ok() && taken->rows() == 1) {
        wait.done(taken->bytes(0, 0));
        return;
    }
    std::unique_lock lock(m_mutex);
    if (m_stopping) {
        lock.unlock();
        wait.done(fail(ErrorCode::Cancelled, "The relay is stopping"));
        return;
    }
    // Nothing posted yet (or the database did not answer: the sweep looks again).
    auto [unused, kept] = m_waits.emplace(address, std::move(wait));
    if (!kept) {
        // Another wait on the address began meanwhile: this one ends, as a second wait would.
        lock.unlock();
        wait.done(fail(ErrorCode::Cancelled, "The wait for the link was cancelled"));
    }
}

Result<void> PgLinkChannel::post(const std::string &address, Bytes bundle)
{
    const std::int64_t now = wallMs();
    // Posted once, before the address expired, while all posted bundles stay under the bound;
    // the NOTIFY reaches every relay when the statement commits.
    LAPIS_TRY_ASSIGN(auto q, run("WITH posted AS (UPDATE link_addresses SET bundle=$2 WHERE address=$1 AND bundle IS "
                                 "NULL AND expires_ms>$3 AND (SELECT COALESCE(SUM(octet_length(bundle)), 0) FROM "
                                 "link_addresses) + $4 <= $5 RETURNING address) SELECT pg_notify($6, address) FROM "
                                 "posted",
                                 PgParams()
                                     .add(address)
                                     .addBytes(bundle)
                                     .add(now)
                                     .add(static_cast<std::int64_t>(bundle.size()))
                                     .add(static_cast<std::int64_t>(m_maxHeldBytes))
                                     .add(Channel)));
    if (q.rows() == 1)
        return {};
    LAPIS_TRY_ASSIGN(auto open, run("SELECT 1 FROM link_addresses WHERE address=$1 AND bundle IS NULL AND "
                                    "expires_ms>$2",
                                    PgParams().add(address).add(now)));
    if (open.rows() == 1)
        return fail(ErrorCode::LimitExceeded, "The relay holds too many link bundles; try again in a minute");
    return fail(ErrorCode::NotFound, "The link address is unknown, used or expired");
}

void PgLinkChannel::stopAll()
{
    std::vector<WaitDone> ended;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (auto &[unused, wait] : m_waits)
            ended.push_back(std::move(wait.done));
        m_waits.clear();
    }
    for (auto &done : ended)
        done(fail(ErrorCode::Cancelled, "The relay is stopping"));
}

std::size_t PgLinkChannel::waiting()
{
    std::lock_guard lock(m_mutex);
    return m_waits.size();
}

void PgLinkChannel::sweep()
{
    std::vector<std::pair<WaitDone, Error>> ended;
    std::vector<std::string> open;
    {
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        for (auto it = m_waits.begin(); it != m_waits.end();) {
            if (now >= it->second.expires) {
                ended.emplace_back(std::move(it->second.done),
                                   fail(ErrorCode::Cancelled, "Nobody approved the link request in time"));
                it = m_waits.erase(it);
            } else if (it->second.cancelled && it->second.cancelled()) {
                // The address stays: the new device may wait on it again (a dropped connection).
                ended.emplace_back(std::move(it->second.done),
                                   fail(ErrorCode::Cancelled, "The wait for the link was cancelled"));
                it = m_waits.erase(it);
            } else {
                open.push_back(it->first);
                ++it;
            }
        }
    }
    for (auto &[done, why] : ended)
        done(std::move(why));
    if (open.empty())
        return;
    PgArray addresses;
    for (const auto &address : open)
        addresses.addText(address);
    auto posted = run("SELECT address FROM link_addresses WHERE address = ANY($1::text[]) AND bundle IS NOT NULL",
                      PgParams().add(addresses.literal()));
    if (!posted.ok())
        return;
    for (int i = 0; i < posted->rows(); ++i)
        deliver(posted->text(i, 0));
}

void PgLinkChannel::watch()
{
    std::unique_ptr<PgConnection> listener;
    auto lastPrune = std::chrono::steady_clock::now() - PruneEvery;
    while (!m_stop) {
        if (!listener) {
            auto opened = PgConnection::open(m_uri);
            if (opened.ok() && (*opened)->exec(std::string("LISTEN ") + Channel).ok())
                listener = std::move(opened).value();
        }
        if (listener) {
            auto addresses = listener->waitForNotifications(WatchEvery);
            if (!addresses.ok())
                listener.reset(); // the database went away: listen again on a new connection
            else
                for (const auto &address : *addresses)
                    deliver(address);
        } else {
            std::this_thread::sleep_for(WatchEvery);
        }
        if (m_stop)
            break;
        sweep();
        if (std::chrono::steady_clock::now() - lastPrune >= PruneEvery) {
            lastPrune = std::chrono::steady_clock::now();
            (void)run("DELETE FROM link_addresses WHERE expires_ms <= $1", PgParams().add(wallMs()));
        }
    }
}

} // namespace lapis::relay
