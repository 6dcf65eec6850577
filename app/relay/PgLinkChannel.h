// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LinkChannel.h"
#include "PgConnection.h"

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace lapis::relay {

/// The link channel of relays sharing one PostgreSQL database: an address is a row of
/// `link_addresses` (schema 6) and a posted bundle (sealed by the devices; the relay never holds
/// a key to it) waits in that row until fetched. A wait is a callback kept by the relay the
/// waiting device talks to; the post, through whichever relay, sends NOTIFY `lapis_link`
/// (ADDRESS) at its commit, and every relay LISTENs on a connection of its own and hands the
/// bundle to its wait, taking the row in one DELETE ... RETURNING, so only one wait ever gets
/// it. A lost notification costs latency only: the watcher also looks for posted bundles of its
/// waits four times a second.
class PgLinkChannel final : public LinkChannel {
public:
    /// Unavailable when the database does not answer.
    static Result<std::unique_ptr<PgLinkChannel>> open(const std::string &uri, std::chrono::seconds ttl,
                                                       std::size_t maxHeldBytes);
    ~PgLinkChannel() override;
    PgLinkChannel(const PgLinkChannel &) = delete;
    PgLinkChannel &operator=(const PgLinkChannel &) = delete;

    Result<std::string> create() override;
    Result<void> startWait(const std::string &address, std::function<bool()> cancelled, WaitDone done) override;
    Result<void> post(const std::string &address, Bytes bundle) override;
    void stopAll() override;
    [[nodiscard]] std::chrono::seconds ttl() const override { return m_ttl; }
    [[nodiscard]] std::size_t waiting() override;

    /// The channel posts notify and the relays listen on.
    static constexpr const char *Channel = "lapis_link";

private:
    PgLinkChannel(std::string uri, std::unique_ptr<PgConnection> db, std::chrono::seconds ttl,
                  std::size_t maxHeldBytes);

    struct Wait {
        std::chrono::steady_clock::time_point expires;
        WaitDone done;
        std::function<bool()> cancelled;
    };
    /// One statement on the shared connection (opened again when the server dropped it).
    Result<PgResult> run(const std::string &sql, const PgParams &params);
    /// Hands the bundle posted to `address`, if any, to this relay's wait on it, if any.
    void deliver(const std::string &address);
    /// Ends expired and cancelled waits, and delivers to waits whose notification was lost.
    void sweep();
    void watch();

    std::string m_uri;
    std::chrono::seconds m_ttl;
    std::size_t m_maxHeldBytes;
    std::mutex m_dbMutex;
    std::unique_ptr<PgConnection> m_db;
    std::mutex m_mutex;
    bool m_stopping = false;
    std::map<std::string, Wait> m_waits;
    std::atomic<bool> m_stop{false};
    std::thread m_watcher;
};

} // namespace lapis::relay
