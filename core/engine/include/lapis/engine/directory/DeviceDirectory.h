// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/DeviceTrust.h>
#include <lapis/engine/EngineContext.h>
#include <lapis/engine/OutgoingMessages.h>

#include <map>
#include <optional>
#include <vector>

namespace lapis::engine {

/// An account's devices as the relay lists them, judged against its pinned key.
struct Directory {
    bool plaintextOnly = false;
    std::optional<crypto::Ed25519PublicKey> accountKey;
    DeviceSelection selection;
    std::map<DeviceId, transport::PreKeyBundle> bundles;
    std::vector<DeviceId> listedDevices;
};

/// A send may start sessions and takes one-time prekeys for devices without one; a lookup
/// (trust, device lists, pinning) takes none.
enum class DirectoryUse { Lookup, Send };

/// Where a message goes: the relay's device list of an account, judged against the account key
/// pinned here (trust on first use, then a changed key is held for the user), and the sessions
/// and bundles each certified device is reached with.
class DeviceDirectory {
public:
    explicit DeviceDirectory(EngineContext &context)
        : m_ctx(context)
    {}

    /// PermissionDenied (AccountKeyChanged) when the relay lists another account key than the
    /// pinned one; the contact is marked KeyChanged.
    Result<Directory> resolve(const AccountId &account, DirectoryUse use);
    /// Without `withOwnDevices` (receipts), our other devices are not looked up.
    Result<SendTargets> targetsFor(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored,
                                   bool withOwnDevices = true);
    /// Where a message to `to` goes now: targetsFor(), or the listed devices for a plaintext-only
    /// account; PermissionDenied (with the reason) when the downgrade guard refuses.
    Result<SendTargets> sendTargets(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored);
    /// For each device of `account` we hold a current session with: whether PQXDH set it up.
    Result<std::map<DeviceId, bool>> postQuantumSessions(const AccountId &account);
    /// Whether `device` is (or, without a session, will be) reached with PQXDH.
    static bool reachedWithPqxdh(const std::map<DeviceId, bool> &sessions, DeviceId device,
                                 const std::optional<transport::KemPreKey> &offered);

    /// How often one send resolves the directory again after the relay refused its device list.
    static constexpr int MaxAttempts = 3;

private:
    EngineContext &m_ctx;
};

} // namespace lapis::engine
