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

/// Open link addresses a deployment keeps at most (all relays together), so that nobody fills the
/// table for everyone else; a source address gets --rate-link-address of them.
constexpr std::size_t MaxOpenLinkAddresses = 10'000;

/// One-use rendezvous addresses for device linking: an address made by one call, a wait for the
/// bundle posted to it, the post. They live for minutes; a wait holds no thread: it is a callback
/// kept with its address (issue 16 item 14: anonymous callers parked on the sync API could
/// otherwise take every gRPC thread for ten minutes). Two implementations: MemoryLinkChannel (one
/// relay, the default) and PgLinkChannel (relays on one PostgreSQL database: an address made
/// through one relay is waited on and posted to through any).
class LinkChannel {
public:
    /// What a wait is told, exactly once: the bundle, or why there is none (Cancelled when the
    /// address expired or the wait was cancelled, NotFound when the address went away).
    using WaitDone = std::function<void(Result<Bytes>)>;

    virtual ~LinkChannel() = default;

    /// A fresh random address; LimitExceeded when too many are open.
    virtual Result<std::string> create() = 0;
    /// Starts waiting for the bundle posted to `address` (the address is retired when it comes).
    /// `done` runs on the posting thread, a watcher thread, or this one (a bundle posted already);
    /// `cancelled` is asked about four times a second, and a true answer ends the wait with
    /// Cancelled and frees the address for another wait. An error here means `done` never runs.
    virtual Result<void> startWait(const std::string &address, std::function<bool()> cancelled, WaitDone done) = 0;
    /// Blocking form of startWait, for callers that own their thread.
    Result<Bytes> wait(const std::string &address, const std::function<bool()> &stop);
    /// Posts the sealed bundle; NotFound when the address is unknown, used or expired.
    virtual Result<void> post(const std::string &address, Bytes bundle) = 0;
    /// Ends every wait (Cancelled): the relay is stopping.
    virtual void stopAll() = 0;
    [[nodiscard]] virtual std::chrono::seconds ttl() const = 0;
    /// Waits in progress on this relay (for the tests of the bound).
    [[nodiscard]] virtual std::size_t waiting() = 0;
};

/// The link channel in this relay's memory: after a restart the new device simply asks for a new
/// address. One watcher thread ends the waits whose address expired or whose call was cancelled.
class MemoryLinkChannel final : public LinkChannel {
public:
    /// `maxHeldBytes`: posted bundles waiting to be fetched, all addresses together.
    MemoryLinkChannel(std::chrono::seconds ttl, std::size_t maxHeldBytes);
    ~MemoryLinkChannel() override;
    MemoryLinkChannel(const MemoryLinkChannel &) = delete;
    MemoryLinkChannel &operator=(const MemoryLinkChannel &) = delete;

    Result<std::string> create() override;
    Result<void> startWait(const std::string &address, std::function<bool()> cancelled, WaitDone done) override;
    Result<void> post(const std::string &address, Bytes bundle) override;
    void stopAll() override;
    [[nodiscard]] std::chrono::seconds ttl() const override { return m_ttl; }
    [[nodiscard]] std::size_t waiting() override;

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
