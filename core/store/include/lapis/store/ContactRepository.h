// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::store {

class Database;

/// How far the user has checked a contact's account key.
enum class VerificationState : int {
    Unverified = 0, ///< the key is pinned on first use only ("blue")
    Verified = 1,   ///< the safety number was compared in person (not to be confused with green = plaintext)
    KeyChanged = 2, ///< the relay presented a different key than the pinned one
};

/// One of a contact's devices, with the certificate their account key signed for it.
struct ContactDevice {
    DeviceId device;
    Bytes certificate;
    std::int64_t updatedAtMs = 0;
};

struct Contact {
    AccountId account;
    std::string displayName;
    /// The account key pinned at first contact; a different key later is a KeyChanged event.
    Bytes pinnedAccountKey;
    VerificationState verification = VerificationState::Unverified;
    /// True once any end-to-end message was exchanged: the downgrade guard refuses plaintext then.
    bool everHadEndToEnd = false;
    std::int64_t addedAtMs = 0;
    std::vector<ContactDevice> devices;
};

/// Contacts, their pinned keys, devices and verification state.
class ContactRepository {
public:
    explicit ContactRepository(Database &db)
        : m_db(db)
    {}

    /// Inserts the contact or updates its name, key and verification state; `devices` is written
    /// too when non-empty. everHadEndToEnd is only ever raised here, never cleared.
    Result<void> save(const Contact &contact);
    /// The contact with its devices, or nullopt.
    Result<std::optional<Contact>> find(const AccountId &account);
    /// Every contact (with devices), by account id.
    Result<std::vector<Contact>> list();
    Result<void> setVerification(const AccountId &account, VerificationState state);
    /// Sets the downgrade-guard flag; there is deliberately no way to clear it.
    Result<void> markEndToEnd(const AccountId &account);
    /// Replaces the contact's device list (as the relay's directory reported it).
    Result<void> replaceDevices(const AccountId &account, const std::vector<ContactDevice> &devices);
    /// Removes the contact and its devices. NotFound when there was none.
    Result<void> remove(const AccountId &account);

private:
    Result<std::vector<ContactDevice>> devicesOf(const AccountId &account);
    Database &m_db;
};

} // namespace lapis::store
