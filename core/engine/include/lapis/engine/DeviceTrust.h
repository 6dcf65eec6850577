// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/protocol/DeviceCertificate.h>

#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

/// A device as the relay lists it: its id and the certificate bytes it claims.
struct ListedDevice {
    DeviceId device;
    Bytes certificate;
};

/// A listed device that is not encrypted to, and why (shown to the user as a warning).
struct RejectedDevice {
    DeviceId device;
    std::string reason;
};

/// Which of an account's listed devices may be encrypted to.
struct DeviceSelection {
    std::vector<protocol::DeviceCertificate> accepted;
    std::vector<RejectedDevice> rejected;
};

/// Keeps only the devices whose certificate is for this account and device id and verifies
/// against `accountKey` (the key pinned for the account). Whatever the relay says, a device the
/// account key did not sign is never encrypted to: it lands in `rejected` with the reason.
DeviceSelection selectCertifiedDevices(const AccountId &account, const crypto::Ed25519PublicKey &accountKey,
                                       const std::vector<ListedDevice> &listed);

/// How a message to a contact may travel.
enum class Route {
    EndToEnd,         ///< blue: encrypted to every certified device
    Plaintext,        ///< green: the account never had a certified device; the relay can read it
    DowngradeRefused, ///< the account had end-to-end devices and now offers none: ask the user
};

/// The downgrade guard. `everHadEndToEnd`: this contact was ever reached end to end (or offered
/// certified devices); `certifiedDevices`: how many of its devices verify now; `allowPlaintext`:
/// the user explicitly allowed plaintext for this one message.
Route chooseRoute(bool everHadEndToEnd, std::size_t certifiedDevices, bool allowPlaintext);

/// The sentence the user reads when the guard refuses.
std::string downgradeRefusal(const AccountId &contact);

} // namespace lapis::engine
