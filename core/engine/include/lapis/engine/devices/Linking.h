// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/LinkUri.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace lapis::engine {

class Accounts;
class KeyMaintenance;

/// A new device waiting to be linked: what it shows, and the key the bundle will be sealed to.
struct PendingLink {
    LinkUri uri;
    std::string comparisonCode;
    crypto::X25519KeyPair ephemeral;
    std::chrono::seconds lifetime{0};
    std::string relayCertificatePem;
};

/// Linking a new device by QR code: the new device's two steps and the existing device's one.
class Linking {
public:
    Linking(EngineContext &context, Accounts &accounts, KeyMaintenance &keys)
        : m_ctx(context)
        , m_accounts(accounts)
        , m_keys(keys)
    {}

    /// New device, step 1: asks the relay for a one-use link address and makes the link URI
    /// (shown as text and QR code) and the comparison code. A device signed in by a code and
    /// still awaiting its keys may pass an empty relay: the one it signed in to.
    Result<PendingLink> requestLink(const std::string &relayAddress, const std::string &relayCertificatePem);
    /// New device, step 2: waits for the sealed bundle, registers with its token, makes and
    /// certifies this device's keys, publishes them, and imports contacts and recent history.
    /// With `interrupted`, the wait is given up (Cancelled) soon after it turns true.
    Result<void> completeLink(const PendingLink &pending, const std::string &deviceName,
                              const std::function<bool()> &interrupted = {});
    /// Existing device: seals the account key, contacts and recent history to the URI's key and
    /// posts it. With `expectedCode`, refuses (sending nothing) unless it equals the code derived
    /// from the URI.
    Result<void> approveLink(const LinkUri &uri, const std::optional<std::string> &expectedCode);
    /// The code both screens show for a link URI.
    static std::string comparisonCode(const LinkUri &uri);

private:
    EngineContext &m_ctx;
    Accounts &m_accounts;
    KeyMaintenance &m_keys;
};

} // namespace lapis::engine
