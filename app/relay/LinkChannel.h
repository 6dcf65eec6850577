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
#include <thread>

namespace lapis::relay {

/// One-use rendezvous addresses for device linking, kept in memory: they live for minutes, and
/// after a relay restart the new device simply asks for a new one.
///
/// A wait holds no thread: it is a callback kept with its address (issue 16 item 14: anonymous
/// callers parked on the sync API could otherwise take every gRPC thread for ten minutes). One
/// watcher thread ends the waits whose address expired or whose call was cancelled.
class LinkChannel {
public:
    /// What a wait is told, exactly once: the bundle, or why there is none (Cancelled when the
    /// address expired or the wait was cancelled, NotFound when the address went away).
    using WaitDone = std::function<void(Result<Bytes>)>;

    /// `maxHeldBytes`: posted bundles waiting to be fetched, all addresses together.
    LinkChannel(std::chrono::seconds ttl, std::size_t maxHeldBytes);
    ~LinkChannel();
    LinkChannel(const LinkChannel &) = delete;
    LinkChannel &operator=(const LinkChannel &) = delete;

    /// A fresh random address; LimitExceeded when too many are open.
    Result<std::string> create();
    /// Starts waiting for the bundle posted to `address` (the address is retired when it comes).
    /// `done` runs on the posting thread, the watcher thread, or this one (a bundle posted already);
    /// `cancelled` is asked about four times a second, and a true answer ends the wait with
    /// Cancelled and frees the address for another wait. An error here means `done` never runs.
    Result<void> startWait(const std::string &address, std::function<bool()> cancelled, WaitDone done);
    /// Blocking form of startWait, for callers that own their thread.
    Result<Bytes> wait(const std::string &address, const std::function<bool()> &stop);
    /// Posts the sealed bundle; NotFound when the address is unknown, used or expired.
    Result<void> post(const std::string &address, Bytes bundle);
    /// Ends every wait (Cancelled): the relay is stopping.
    void stopAll();
    [[nodiscard]] std::chrono::seconds ttl() const { return m_ttl; }
    /// Waits in progress (for the tests of the bound).
    [[nodiscard]] std::size_t waiting();

private:
    struct Slot {
        std::chrono::steady_clock::time_point expires;
        bool posted = false;
        Bytes bundle;
        WaitDone done; ///< set while a wait is in progress
        std::function<bool()> cancelled;
    };
    void pruneLocked(std::chrono::steady_clock::time_point now);
    void watch();

    std::chrono::seconds m_ttl;
    std::size_t m_maxHeldBytes;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::map<std::string, Slot> m_slots;
    std::thread m_watcher;
};

} // namespace lapis::relay
