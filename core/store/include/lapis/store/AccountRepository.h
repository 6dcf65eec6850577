// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::store {

class Database;

/// This profile's own account and the device it runs on.
struct OwnAccount {
    AccountId account;
    std::string relayAddress;
    DeviceId device;
    /// The device's log-in credentials for the relay (opaque to the store).
    SecureBytes deviceCredentials;
    /// The account's identity key pair as core/protocol serialises it (opaque to the store).
    SecureBytes identityKeyPair;
    Bytes identityPublicKey;
    std::int64_t createdAtMs = 0;
};

/// Another device of our own account, as listed by the relay and certified by our identity.
struct OwnDevice {
    DeviceId device;
    std::string name;
    Bytes certificate;
    std::int64_t addedAtMs = 0;
};

/// Own account and own devices. Created only by a Transaction; used on the store thread.
class AccountRepository {
public:
    explicit AccountRepository(Database &db)
        : m_db(db)
    {}

    /// Writes the profile's account, replacing the previous one.
    Result<void> save(const OwnAccount &account);
    /// The profile's account, or nullopt before registration or linking.
    Result<std::optional<OwnAccount>> load();

    /// Adds or updates one of our devices.
    Result<void> saveDevice(const OwnDevice &device);
    Result<std::vector<OwnDevice>> devices();
    Result<void> removeDevice(DeviceId device);

private:
    Database &m_db;
};

} // namespace lapis::store
