// SPDX-License-Identifier: GPL-3.0-or-later
#include "PgConnection.h"
#include "PgMailboxListener.h"

#include <charconv>
#include <chrono>

namespace lapis::relay {

namespace {
// How often the thread looks at its stop flag while it waits, and waits before reconnecting.
constexpr auto StopCheck = std::chrono::milliseconds(200);
} // namespace

PgMailboxListener::PgMailboxListener(std::string uri, StoreBackend::MailboxRing ring)
    : m_uri(std::move(uri))
    , m_ring(std::move(ring))
    , m_thread([this] { loop(); })
{}

PgMailboxListener::~PgMailboxListener()
{
    m_stop = true;
    m_thread.join();
}

void PgMailboxListener::loop()
{
    while (!m_stop) {
        auto db = PgConnection::open(m_uri);
        if (!db.ok() || !(*db)->exec(std::string("LISTEN ") + Channel).ok()) {
            std::this_thread::sleep_for(StopCheck);
            continue;
        }
        while (!m_stop) {
            auto payloads = (*db)->waitForNotifications(StopCheck);
            if (!payloads.ok())
                break; // the database went away: connect again
            for (const auto &payload : *payloads) {
                // "ACCOUNT DEVICE", written by PgTx::insertMailbox (account names hold no space).
                const auto space = payload.rfind(' ');
                std::uint32_t device = 0;
                if (space == std::string::npos
                    || std::from_chars(payload.data() + space + 1, payload.data() + payload.size(), device).ec
                           != std::errc())
                    continue;
                m_ring(payload.substr(0, space), device);
            }
        }
    }
}

} // namespace lapis::relay
