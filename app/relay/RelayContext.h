// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LinkChannel.h"
#include "MailboxHub.h"
#include "RateLimiter.h"
#include "RelayStorage.h"

#include <lapis/crypto/PasswordHash.h>
#include <lapis/proto/Limits.h>

#include <atomic>
#include <chrono>
#include <string>

namespace lapis::relay {

/// Everything an operator (or a test) can set; defaults are the production values.
struct RelayConfig {
    std::string dataDir;
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
};

/// The state the services share. Owned by RelayServer; services hold a reference.
struct RelayContext {
    RelayContext(RelayConfig c, RelayStorage &s)
        : config(std::move(c))
        , storage(s)
        , accountLimiter(config.accountRatePerSecond, config.accountBurst)
        , connectionLimiter(config.connectionRatePerSecond, config.connectionBurst)
        , signInLimiter(config.signInRatePerSecond, config.signInBurst)
        , link(config.linkTtl)
    {}

    RelayConfig config;
    RelayStorage &storage;
    MailboxHub hub;
    RateLimiter accountLimiter;
    RateLimiter connectionLimiter;
    RateLimiter signInLimiter;
    LinkChannel link;
    std::atomic<bool> stopping{false};

    [[nodiscard]] std::string blobPath(const std::string &blobId) const { return config.dataDir + "/blobs/" + blobId; }
};

} // namespace lapis::relay
