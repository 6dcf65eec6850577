// SPDX-License-Identifier: GPL-3.0-or-later
#include "LinkChannel.h"

#include <lapis/crypto/Random.h>

#include <future>
#include <vector>

namespace lapis::relay {

namespace {
constexpr auto WatchEvery = std::chrono::milliseconds(250);
} // namespace

MemoryLinkChannel::MemoryLinkChannel(std::chrono::seconds ttl, std::size_t maxHeldBytes)
    : m_ttl(ttl)
    , m_maxHeldBytes(maxHeldBytes)
    , m_watcher([this] { watch(); })
{}

MemoryLinkChannel::~MemoryLinkChannel()
{
    stopAll();
    if (m_watcher.joinable())
        m_watcher.join();
}

Result<std::string> MemoryLinkChannel::create()
{
    // 128 random bits: unguessable, so the address itself is the capability to wait on it.
    const std::string address = toBase64Url(crypto::randomBytes(16));
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    if (m_stopping)
        return fail(ErrorCode::Unavailable, "The relay is stopping");
    pruneLocked(now);
    if (m_slots.size() >= MaxOpenLinkAddresses)
        return fail(ErrorCode::LimitExceeded, "Too many link requests are open on this relay; try again later");
    m_slots[address] = Slot{now + m_ttl, false, {}, {}, {}};
    return address;
}

Result<void> MemoryLinkChannel::startWait(const std::string &address, std::function<bool()> cancelled, WaitDone done)
{
    Bytes bundle;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return fail(ErrorCode::Unavailable, "The relay is stopping");
        auto it = m_slots.find(address);
        if (it == m_slots.end() || it->second.done)
            return fail(ErrorCode::NotFound, "The link address is unknown, in use or expired");
        if (std::chrono::steady_clock::now() >= it->second.expires) {
            m_slots.erase(it);
            return fail(ErrorCode::NotFound, "The link address expired");
        }
        if (!it->second.posted) {
            it->second.done = std::move(done);
            it->second.cancelled = std::move(cancelled);
            return {};
        }
        bundle = std::move(it->second.bundle);
        m_slots.erase(it);
    }
    done(std::move(bundle));
    return {};
}

Result<Bytes> LinkChannel::wait(const std::string &address, const std::function<bool()> &stop)
{
    auto result = std::make_shared<std::promise<Result<Bytes>>>();
    auto answer = result->get_future();
    LAPIS_TRY(startWait(address, stop, [result](Result<Bytes> r) { result->set_value(std::move(r)); }));
    return answer.get();
}

Result<void> MemoryLinkChannel::post(const std::string &address, Bytes bundle)
{
    WaitDone done;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_slots.find(address);
        const auto now = std::chrono::steady_clock::now();
        if (it == m_slots.end() || it->second.posted || now >= it->second.expires)
            return fail(ErrorCode::NotFound, "The link address is unknown, used or expired");
        if (it->second.done) {
            // Somebody is waiting: handed over at once, never held.
            done = std::move(it->second.done);
            m_slots.erase(it);
        } else {
            // Bundles wait in memory until fetched: their total is bounded (a post is rare, so the
            // sum over at most 10,000 open addresses is counted when needed).
            std::size_t held = 0;
            for (const auto &[unused, slot] : m_slots)
                held += slot.bundle.size();
            if (held + bundle.size() > m_maxHeldBytes)
                return fail(ErrorCode::LimitExceeded, "The relay holds too many link bundles; try again in a minute");
            it->second.posted = true;
            it->second.bundle = std::move(bundle);
            return {};
        }
    }
    done(std::move(bundle));
    return {};
}

void MemoryLinkChannel::stopAll()
{
    std::vector<WaitDone> ended;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (auto &[unused, slot] : m_slots)
            if (slot.done)
                ended.push_back(std::move(slot.done));
        m_slots.clear();
    }
    m_wake.notify_all();
    for (auto &done : ended)
        done(fail(ErrorCode::Cancelled, "The relay is stopping"));
}

std::size_t MemoryLinkChannel::waiting()
{
    std::lock_guard lock(m_mutex);
    std::size_t count = 0;
    for (const auto &[unused, slot] : m_slots)
        count += slot.done ? 1 : 0;
    return count;
}

void MemoryLinkChannel::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, WatchEvery, [this] { return m_stopping; });
        if (m_stopping)
            break;
        std::vector<std::pair<WaitDone, Error>> ended;
        const auto now = std::chrono::steady_clock::now();
        for (auto it = m_slots.begin(); it != m_slots.end();) {
            auto &slot = it->second;
            if (!slot.done) {
                ++it;
                continue;
            }
            if (now >= slot.expires) {
                ended.emplace_back(std::move(slot.done),
                                   fail(ErrorCode::Cancelled, "Nobody approved the link request in time"));
                it = m_slots.erase(it);
            } else if (slot.cancelled && slot.cancelled()) {
                // The address stays: the new device may wait on it again (a dropped connection).
                ended.emplace_back(std::move(slot.done),
                                   fail(ErrorCode::Cancelled, "The wait for the link was cancelled"));
                slot.done = nullptr;
                slot.cancelled = nullptr;
                ++it;
            } else {
                ++it;
            }
        }
        lock.unlock();
        for (auto &[done, why] : ended)
            done(std::move(why));
        lock.lock();
    }
}

void MemoryLinkChannel::pruneLocked(std::chrono::steady_clock::time_point now)
{
    for (auto it = m_slots.begin(); it != m_slots.end();) {
        if (!it->second.done && now >= it->second.expires)
            it = m_slots.erase(it);
        else
            ++it;
    }
}

} // namespace lapis::relay
