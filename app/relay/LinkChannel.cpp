// SPDX-License-Identifier: GPL-3.0-or-later
#include "LinkChannel.h"

#include <lapis/crypto/Random.h>

namespace lapis::relay {

namespace {
constexpr std::size_t MaxOpenAddresses = 10'000;
}

LinkChannel::LinkChannel(std::chrono::seconds ttl, std::size_t maxHeldBytes)
    : m_ttl(ttl)
    , m_maxHeldBytes(maxHeldBytes)
{}

Result<std::string> LinkChannel::create()
{
    // 128 random bits: unguessable, so the address itself is the capability to wait on it.
    const std::string address = toBase64Url(crypto::randomBytes(16));
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    pruneLocked(now);
    if (m_slots.size() >= MaxOpenAddresses)
        return fail(ErrorCode::LimitExceeded, "Too many link requests are open on this relay; try again later");
    m_slots[address] = Slot{now + m_ttl, false, false, {}};
    return address;
}

Result<Bytes> LinkChannel::wait(const std::string &address, const std::function<bool()> &stop)
{
    std::unique_lock lock(m_mutex);
    auto it = m_slots.find(address);
    if (it == m_slots.end() || it->second.waiting)
        return fail(ErrorCode::NotFound, "The link address is unknown, in use or expired");
    it->second.waiting = true;
    const auto expires = it->second.expires;
    for (;;) {
        it = m_slots.find(address);
        if (it == m_slots.end())
            return fail(ErrorCode::NotFound, "The link address expired");
        if (it->second.posted) {
            Bytes bundle = std::move(it->second.bundle);
            m_slots.erase(it);
            return bundle;
        }
        if (std::chrono::steady_clock::now() >= expires) {
            m_slots.erase(it);
            return fail(ErrorCode::Cancelled, "Nobody approved the link request in time");
        }
        if (stop()) {
            it->second.waiting = false;
            return fail(ErrorCode::Cancelled, "The wait for the link was cancelled");
        }
        // Wake regularly to notice a cancelled call or a stopping relay.
        m_posted.wait_for(lock, std::chrono::milliseconds(250));
    }
}

Result<void> LinkChannel::post(const std::string &address, Bytes bundle)
{
    {
        std::lock_guard lock(m_mutex);
        auto it = m_slots.find(address);
        const auto now = std::chrono::steady_clock::now();
        if (it == m_slots.end() || it->second.posted || now >= it->second.expires)
            return fail(ErrorCode::NotFound, "The link address is unknown, used or expired");
        // Bundles wait in memory until fetched: their total is bounded (a post is rare, so the
        // sum over at most 10,000 open addresses is counted when needed).
        std::size_t held = 0;
        for (const auto &[unused, slot] : m_slots)
            held += slot.bundle.size();
        if (held + bundle.size() > m_maxHeldBytes)
            return fail(ErrorCode::LimitExceeded, "The relay holds too many link bundles; try again in a minute");
        it->second.posted = true;
        it->second.bundle = std::move(bundle);
    }
    m_posted.notify_all();
    return {};
}

void LinkChannel::pruneLocked(std::chrono::steady_clock::time_point now)
{
    for (auto it = m_slots.begin(); it != m_slots.end();) {
        if (!it->second.waiting && now >= it->second.expires)
            it = m_slots.erase(it);
        else
            ++it;
    }
}

} // namespace lapis::relay
