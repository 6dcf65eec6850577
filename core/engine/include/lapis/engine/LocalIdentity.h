// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/protocol/Identity.h>

namespace lapis::engine {

/// This device's whole identity: the account identity key (every device of the account holds it,
/// handed over the link channel), this device's own keys and the certificate the account key
/// issued for them. Serialised only into the encrypted store.
class LocalIdentity {
public:
    LocalIdentity(protocol::AccountIdentity account, protocol::LocalDevice device);

    /// A brand-new account's first device: new account key, new device keys, certified at `now`
    /// (seconds) for `device`.
    static LocalIdentity create(const AccountId &account, DeviceId device, std::int64_t now, crypto::RandomSource &rng);
    /// A further device of an existing account: new device keys certified by the account key
    /// received over the link channel.
    static LocalIdentity forLinkedDevice(protocol::AccountIdentity accountKey, const AccountId &account,
                                         DeviceId device, protocol::DeviceKeys keys, std::int64_t now);

    [[nodiscard]] const protocol::AccountIdentity &accountIdentity() const { return m_account; }
    [[nodiscard]] const protocol::LocalDevice &device() const { return m_device; }
    [[nodiscard]] const protocol::Address &address() const { return m_device.address; }

    /// version(1) ‖ account seed(32) ‖ device signing seed(32) ‖ device identity secret(32) ‖
    /// certificate. Secret: store encrypted only.
    [[nodiscard]] WipedBytes serialize() const;
    /// Corrupt for damaged bytes; the certificate must match the keys and verify against the
    /// account key, or the record is refused.
    static Result<LocalIdentity> deserialize(ByteView bytes);

private:
    protocol::AccountIdentity m_account;
    protocol::LocalDevice m_device;
};

} // namespace lapis::engine
