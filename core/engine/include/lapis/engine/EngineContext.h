// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/crypto/PasswordHash.h>
#include <lapis/crypto/Random.h>
#include <lapis/engine/Attachments.h>
#include <lapis/engine/LocalIdentity.h>
#include <lapis/protocol/Address.h>
#include <lapis/store/Store.h>
#include <lapis/transport/RelayClient.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace lapis::engine {

struct SignInRequest;
struct DeviceChange;

/// What every use case of one profile shares: its store, its relay connection, who it is, the
/// clock and the randomness. One per open profile; the use cases hold a reference to it and run
/// on the one thread that calls the engine (the listeners excepted, see below).
struct EngineContext {
    EngineContext(std::filesystem::path profileDirectory, std::unique_ptr<store::Store> profileStore);

    std::filesystem::path profile;
    std::unique_ptr<store::Store> store;
    /// Null until an account is registered, logged in or loaded.
    std::unique_ptr<transport::RelayClient> relay;
    AccountId account;
    DeviceId deviceId;
    bool plaintextOnly = false;
    /// Signed in by a code from another device of an end-to-end account, without the account key
    /// yet: the device still needs linking.
    bool awaitingKeys = false;
    /// Null for a plaintext-only account and while awaiting keys.
    std::unique_ptr<LocalIdentity> identity;
    crypto::RandomSource &rng;
    /// Milliseconds since the epoch; tests may set another clock.
    std::function<std::int64_t()> clock;
    crypto::Argon2Params backupParams = crypto::Argon2Params::moderate();
    /// Envelopes dropped since the profile opened because they can never be read.
    std::atomic<std::uint64_t> unreadableEnvelopes{0};
    std::uint64_t autoDownloadLimit = DefaultAutoDownloadLimit;
    /// Settings → Privacy (kept in the store, loaded at open): off means neither sent nor shown.
    std::atomic<bool> typingIndicators{true};
    std::atomic<bool> readReceipts{true};

    /// The listeners are called on the relay stream's thread; set from the engine's thread.
    std::mutex signInMutex;
    std::function<void(const SignInRequest &, bool pending)> signInListener;
    std::function<void(const DeviceChange &)> deviceChangeListener;

    [[nodiscard]] bool hasAccount() const { return identity != nullptr || plaintextOnly || awaitingKeys; }
    [[nodiscard]] std::int64_t nowMs() const { return clock(); }
    [[nodiscard]] protocol::Address selfAddress() const;
    /// A relay client for `relayAddress`, trusting the certificate `pem`.
    Result<void> connect(const std::string &relayAddress, const std::string &pem);
    /// NotFound without an account, PermissionDenied on a device still awaiting its keys.
    Result<void> checkCanSend() const;
    /// Removes the attachment files of erased messages (after the transaction that erased their
    /// rows and keys committed); a failure is logged, the file stays unreadable without its key.
    void removeAttachmentFiles(const std::vector<std::string> &files) const;
};

} // namespace lapis::engine
