// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CertificateVerdicts.h"
#include "LinkChannel.h"
#include "MailboxHub.h"
#include "PasswordHashPool.h"
#include "RateLimiter.h"
#include "RelayStorage.h"
#include "SecretSealer.h"

#include <lapis/crypto/PasswordHash.h>
#include <lapis/proto/Limits.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace lapis::relay {

/// Everything an operator (or a test) can set; defaults are the production values.
struct RelayConfig {
    std::string dataDir;
    /// A libpq connection URI (--database): the PostgreSQL backend, shared by several relays.
    /// Empty: the SQLite file DATA/relay.db.
    std::string databaseUri;
    /// Where attachment files live (--blobs); empty: DATA/blobs. Relays sharing a database share
    /// this folder too (a network file system or a common disk).
    std::string blobsDir;
    /// How often an open stream looks at its mailbox without a wake-up (--stream-poll-ms): what
    /// another relay stored reaches it at once through the database's notifications, and by this
    /// look at the latest should one be lost.
    std::chrono::milliseconds streamPoll = std::chrono::seconds(1);
    std::string listenHost = "127.0.0.1";
    int listenPort = 7443;
    std::string tlsCertFile;
    std::string tlsKeyFile;
    crypto::Argon2Params argon2 = crypto::Argon2Params::interactive();
    double accountRatePerSecond = 50;
    double accountBurst = 200;
    double connectionRatePerSecond = 100;
    double connectionBurst = 400;
    std::uint64_t maxAttachmentBytes = proto::limits::DefaultMaxAttachment;
    std::chrono::milliseconds attachmentLifetime = std::chrono::hours(24 * 30);
    std::chrono::milliseconds envelopeLifetime = std::chrono::hours(24 * 30);
    std::chrono::seconds linkTtl = std::chrono::seconds(600);
    /// How long a sign-in code from a trusted device stays valid.
    std::chrono::seconds signInTtl = std::chrono::seconds(600);
    /// New sign-in requests per account: one a minute after a burst of five.
    double signInRatePerSecond = 1.0 / 60.0;
    double signInBurst = 5;

    // Limits against one client taking the relay down (issue 16; README "Security": each has a flag).
    /// Anonymous calls (register, log in, link) per source address, whatever its port.
    double addressRatePerSecond = 20;
    double addressBurst = 200;
    /// Registrations per source address: 100, then one every 36 s.
    double registerRatePerSecond = 100.0 / 3600.0;
    double registerBurst = 100;
    /// Link addresses per source address: 30, then one every 2 s.
    double linkAddressRatePerSecond = 0.5;
    double linkAddressBurst = 30;
    /// Password hashes (Argon2id, 64 MiB each) running at once, and calls waiting for one.
    std::size_t passwordHashWorkers = defaultHashWorkers();
    std::size_t passwordHashQueue = 4;
    /// Memory gRPC may take for buffers (ResourceQuota) and streams open at once per connection.
    std::size_t memoryQuotaBytes = std::size_t(1) << 30;
    int maxStreamsPerConnection = 100;
    /// Send requests read ahead of their answers on one send stream; a client that does not read
    /// its answers for `sendStallTimeout` is cut off.
    std::size_t sendInFlight = 4096;
    std::chrono::milliseconds sendStallTimeout = std::chrono::seconds(30);
    /// One-time prekeys handed out per calling account and per target account; beyond, bundles
    /// carry the signed prekey only.
    double preKeyCallerRatePerSecond = 1;
    double preKeyCallerBurst = 100;
    double preKeyTargetRatePerSecond = 0.2;
    double preKeyTargetBurst = 100;
    /// Wrong sign-in codes per account in 24 hours before sign-ins by code are locked.
    int signInWrongCodesPerDay = 20;
    /// Envelopes one device's mailbox holds; beyond, senders are refused and told.
    std::size_t mailboxLimit = 50'000;
    /// Bytes of attachments one account keeps on the relay at once.
    std::uint64_t blobQuotaBytes = std::uint64_t(10) << 30;
    /// Posted link bundles (up to 1 MiB each) held in memory until fetched, all together.
    std::size_t linkBundleBytes = std::size_t(256) << 20;

    static std::size_t defaultHashWorkers();
    [[nodiscard]] std::string blobFolder() const { return blobsDir.empty() ? dataDir + "/blobs" : blobsDir; }
};

/// The state the services share. Owned by RelayServer; services hold a reference.
struct RelayContext {
    RelayContext(RelayConfig c, RelayStorage &s)
        : config(std::move(c))
        , storage(s)
        , accountLimiter(config.accountRatePerSecond, config.accountBurst)
        , connectionLimiter(config.connectionRatePerSecond, config.connectionBurst)
        , addressLimiter(config.addressRatePerSecond, config.addressBurst)
        , registerLimiter(config.registerRatePerSecond, config.registerBurst)
        , linkAddressLimiter(config.linkAddressRatePerSecond, config.linkAddressBurst)
        , loginLimiter(std::make_unique<RateLimiter>(config.accountRatePerSecond, config.accountBurst))
        , signInLimiter(std::make_unique<RateLimiter>(config.signInRatePerSecond, config.signInBurst))
        , preKeyCallerLimiter(std::make_unique<RateLimiter>(config.preKeyCallerRatePerSecond, config.preKeyCallerBurst))
        , preKeyTargetLimiter(std::make_unique<RateLimiter>(config.preKeyTargetRatePerSecond, config.preKeyTargetBurst))
        , passwordHashes(config.passwordHashWorkers, config.passwordHashQueue)
    {}

    RelayConfig config;
    RelayStorage &storage;
    MailboxHub hub;
    // Per connection, per source address, and an account's calls as a whole: each relay keeps
    // its own (they shape load on that relay; a connection or address reaches one relay at a
    // time, and with N relays the total is N relays' worth of capacity, as it should be).
    RateLimiter accountLimiter;
    RateLimiter connectionLimiter;
    RateLimiter addressLimiter;
    RateLimiter registerLimiter;
    RateLimiter linkAddressLimiter;
    // What protects an account (log-in attempts on it, new sign-in codes for it, one-time
    // prekeys drawn by a caller and from a target): in memory for one relay, shared through the
    // database by relays on one (RelayServer::start), so N relays do not give N times the rate.
    std::unique_ptr<TokenBuckets> loginLimiter;
    std::unique_ptr<TokenBuckets> signInLimiter;
    std::unique_ptr<TokenBuckets> preKeyCallerLimiter;
    std::unique_ptr<TokenBuckets> preKeyTargetLimiter;
    PasswordHashPool passwordHashes;
    /// Certificates checked for account-security calls (AccountSecurity).
    CertificateVerdicts verdicts;
    /// Seals TOTP secrets with DIR/secrets.key (set by RelayServer::start before any call).
    std::unique_ptr<SecretSealer> sealer;
    /// In memory, or in the PostgreSQL database the relays share (set by RelayServer::start
    /// before any call).
    std::unique_ptr<LinkChannel> link;
    std::atomic<bool> stopping{false};

    [[nodiscard]] std::string blobPath(const std::string &blobId) const { return config.blobFolder() + "/" + blobId; }
};

} // namespace lapis::relay
