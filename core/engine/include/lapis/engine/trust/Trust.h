// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

#include <cstddef>
#include <string>

namespace lapis::engine {

class DeviceDirectory;

/// What a conversation's header and banners say about a contact.
struct ContactTrust {
    bool relayAnswered = false; ///< false: only the stored state is known (offline)
    std::size_t certifiedDevices = 0;
    bool everHadEndToEnd = false;
    bool endToEnd = false;   ///< messages go end to end now
    bool downgraded = false; ///< had end-to-end devices, offers none now: ask before each plaintext send
    bool keyChanged = false; ///< the account key changed: blocked until the user accepts it
    bool verified = false;
    /// Every device a message goes to (at least one) is reached with PQXDH: its session has an
    /// ML-KEM-768 secret in its keys, or, without a session yet, its bundle offers an ML-KEM prekey
    /// so that the first message can only set one up that way (PROTOCOL.md §3). Offline: every
    /// session held with the peer's devices (at least one) was set up with PQXDH.
    bool postQuantum = false;
};

/// Trust in a contact: what the header and banners say, safety numbers, verification, and
/// accepting a changed account key.
class Trust {
public:
    Trust(EngineContext &context, DeviceDirectory &directory)
        : m_ctx(context)
        , m_directory(directory)
    {}

    /// The contact's trust state; with `askRelay`, the relay's current device list is judged too.
    Result<ContactTrust> contactTrust(const AccountId &peer, bool askRelay);
    /// The 60-digit safety number with `peer`, in 12 groups of 5.
    Result<std::string> safetyNumber(const AccountId &peer);
    /// Marks `peer` verified after the safety numbers were compared (or scanned).
    Result<void> markVerified(const AccountId &peer);
    /// The user accepts `peer`'s new account key (after the safety-number warning): pins the key
    /// the relay now lists, marks the contact unverified and starts fresh sessions. Messages held
    /// because of the change are read at the next receive. Returns the new safety number.
    Result<std::string> acceptNewAccountKey(const AccountId &peer);

private:
    EngineContext &m_ctx;
    DeviceDirectory &m_directory;
};

} // namespace lapis::engine
