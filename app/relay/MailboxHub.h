// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace lapis::relay {

/// Wakes a device's open stream when its mailbox receives something. The mailbox itself is in
/// storage; this only says "look again", so a missed wake-up costs latency, never a message.
class MailboxHub {
public:
    /// One open stream's doorbell.
    class Subscription {
    public:
        /// Waits until rung, replaced or `timeout` passes; false once the stream should end
        /// (a newer stream of the same device took over, or the relay is stopping).
        bool wait(std::chrono::milliseconds timeout);
        /// Wakes the waiting stream (new mail, or acks to process).
        void ring();

    private:
        friend class MailboxHub;
        void close();
        std::mutex m_mutex;
        std::condition_variable m_cv;
        bool m_rung = false;
        bool m_closed = false;
    };

    /// Registers the stream of (account, device); an older stream of the same device is closed.
    std::shared_ptr<Subscription> subscribe(const std::string &account, std::uint32_t device);
    void unsubscribe(const std::string &account, std::uint32_t device, const std::shared_ptr<Subscription> &sub);
    void notify(const std::string &account, std::uint32_t device);
    /// Ends the stream of a device that was removed.
    void disconnect(const std::string &account, std::uint32_t device);
    /// Ends every stream (shutdown).
    void closeAll();

private:
    std::mutex m_mutex;
    std::map<std::pair<std::string, std::uint32_t>, std::shared_ptr<Subscription>> m_subscriptions;
};

} // namespace lapis::relay
