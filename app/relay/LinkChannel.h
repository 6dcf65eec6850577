// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace lapis::relay {

/// One-use rendezvous addresses for device linking, kept in memory: they live for minutes, and
/// after a relay restart the new device simply asks for a new one.
class LinkChannel {
public:
    /// `maxHeldBytes`: posted bundles waiting to be fetched, all addresses together.
    LinkChannel(std::chrono::seconds ttl, std::size_t maxHeldBytes);

    /// A fresh random address; LimitExceeded when too many are open.
    Result<std::string> create();
    /// Waits for the bundle posted to `address` (and retires the address), until the address
    /// expires (Cancelled) or `stop()` returns true.
    Result<Bytes> wait(const std::string &address, const std::function<bool()> &stop);
    /// Posts the sealed bundle; NotFound when the address is unknown, used or expired.
    Result<void> post(const std::string &address, Bytes bundle);
    [[nodiscard]] std::chrono::seconds ttl() const { return m_ttl; }

private:
    struct Slot {
        std::chrono::steady_clock::time_point expires;
        bool posted = false;
        bool waiting = false;
        Bytes bundle;
    };
    void pruneLocked(std::chrono::steady_clock::time_point now);

    std::chrono::seconds m_ttl;
    std::size_t m_maxHeldBytes;
    std::mutex m_mutex;
    std::condition_variable m_posted;
    std::map<std::string, Slot> m_slots;
};

} // namespace lapis::relay
