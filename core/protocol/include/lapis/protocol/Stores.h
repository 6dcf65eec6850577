// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/protocol/Address.h>
#include <lapis/protocol/PreKeys.h>
#include <lapis/protocol/SessionRecord.h>

#include <optional>
#include <vector>

/// The storage the protocol needs, as small interfaces (like libsignal's storage traits).
/// core/store implements them over SQLCipher; InMemoryStores.h implements them for tests and
/// benchmarks. Implementations do no trust decisions: those are the protocol's.
namespace lapis::protocol {

/// Account identity keys pinned per account (trust on first use, then confirmed by the safety
/// number).
class IdentityStore {
public:
    virtual ~IdentityStore() = default;
    /// The account key pinned for `account`, if any.
    [[nodiscard]] virtual std::optional<crypto::Ed25519PublicKey> pinnedAccountKey(const AccountId &account) const = 0;
    /// Pins `key` for `account`, replacing any earlier key. The protocol calls this on first
    /// contact only; a changed key is pinned only when the user accepts it (acceptAccountKey).
    virtual Result<void> pinAccountKey(const AccountId &account, const crypto::Ed25519PublicKey &key) = 0;
};

/// Session records per peer device.
class SessionStore {
public:
    virtual ~SessionStore() = default;
    [[nodiscard]] virtual std::optional<SessionRecord> loadSession(const Address &address) const = 0;
    virtual Result<void> storeSession(const Address &address, const SessionRecord &record) = 0;
    /// Whether there is a session with a current state. A store that keeps records in memory
    /// answers without copying one (it is asked before every message sent).
    [[nodiscard]] virtual bool hasCurrentSession(const Address &address) const
    {
        const auto record = loadSession(address);
        return record && record->hasCurrent();
    }
    /// storeSession for a record the caller is done with, which a store may keep without a copy.
    virtual Result<void> storeSessionMoved(const Address &address, SessionRecord &&record)
    {
        return storeSession(address, record);
    }
    virtual Result<void> deleteSession(const Address &address) = 0;
    [[nodiscard]] virtual std::vector<DeviceId> subDevices(const AccountId &account) const = 0;
};

/// This device's one-time prekeys.
class PreKeyStore {
public:
    virtual ~PreKeyStore() = default;
    [[nodiscard]] virtual std::optional<OneTimePreKeyRecord> loadPreKey(PreKeyId id) const = 0;
    virtual Result<void> storePreKey(const OneTimePreKeyRecord &record) = 0;
    virtual Result<void> removePreKey(PreKeyId id) = 0;
    [[nodiscard]] virtual std::vector<PreKeyId> preKeyIds() const = 0;
};

/// This device's ML-KEM prekeys: the one-time pool and the last-resort keys (the current one and
/// those in their grace period). One id space for both.
class KemPreKeyStore {
public:
    virtual ~KemPreKeyStore() = default;
    [[nodiscard]] virtual std::optional<KemPreKeyRecord> loadKemPreKey(PreKeyId id) const = 0;
    virtual Result<void> storeKemPreKey(const KemPreKeyRecord &record) = 0;
    virtual Result<void> removeKemPreKey(PreKeyId id) = 0;
    /// Ids of the one-time keys.
    [[nodiscard]] virtual std::vector<PreKeyId> oneTimeKemPreKeyIds() const = 0;
    /// The last-resort keys, in no particular order.
    [[nodiscard]] virtual std::vector<KemPreKeyRecord> lastResortKemPreKeys() const = 0;
    /// Whether this device ever published an ML-KEM prekey (it keeps a last-resort one from then
    /// on): then it accepts PQXDH prekey messages only.
    [[nodiscard]] virtual bool hasKemPreKeys() const { return !lastResortKemPreKeys().empty(); }
};

/// This device's signed prekeys (the current one and those in their grace period).
class SignedPreKeyStore {
public:
    virtual ~SignedPreKeyStore() = default;
    [[nodiscard]] virtual std::optional<SignedPreKeyRecord> loadSignedPreKey(PreKeyId id) const = 0;
    virtual Result<void> storeSignedPreKey(const SignedPreKeyRecord &record) = 0;
    virtual Result<void> removeSignedPreKey(PreKeyId id) = 0;
    [[nodiscard]] virtual std::vector<SignedPreKeyRecord> allSignedPreKeys() const = 0;
};

} // namespace lapis::protocol
