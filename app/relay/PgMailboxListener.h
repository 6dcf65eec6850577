// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreBackend.h"

#include <atomic>
#include <string>
#include <thread>

namespace lapis::relay {

/// Cross-relay wake-ups on PostgreSQL: every mailbox insert sends NOTIFY on the channel
/// `lapis_mailbox` ("ACCOUNT DEVICE", delivered when its transaction commits, by whichever relay
/// wrote it); this thread LISTENs on its own connection and rings the local streams. A lost
/// connection is opened again; what was missed meanwhile is found by the streams' own periodic
/// look at their mailbox (--stream-poll-ms), so a lost wake-up costs latency, never a message.
class PgMailboxListener {
public:
    PgMailboxListener(std::string uri, StoreBackend::MailboxRing ring);
    ~PgMailboxListener();
    PgMailboxListener(const PgMailboxListener &) = delete;
    PgMailboxListener &operator=(const PgMailboxListener &) = delete;

    /// The channel the backend notifies and this listens on.
    static constexpr const char *Channel = "lapis_mailbox";

private:
    void loop();

    std::string m_uri;
    StoreBackend::MailboxRing m_ring;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace lapis::relay
