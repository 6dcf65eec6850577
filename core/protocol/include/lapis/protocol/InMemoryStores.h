// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/protocol/Stores.h>

#include <map>
#include <unordered_map>

namespace lapis::protocol {

/// IdentityStore in memory.
class InMemoryIdentityStore final : public IdentityStore {
public:
    [[nodiscard]] std::optional<crypto::Ed25519PublicKey> pinnedAccountKey(const AccountId &account) const override;
    Result<void> pinAccountKey(const AccountId &account, const crypto::Ed25519PublicKey &key) override;

private:
    std::unordered_map<AccountId, crypto::Ed25519PublicKey> m_keys;
};

/// SessionStore in memory.
class InMemorySessionStore final : public SessionStore {
public:
    [[nodiscard]] std::optional<SessionRecord> loadSession(const Address &address) const override;
    Result<void> storeSession(const Address &address, const SessionRecord &record) override;
    Result<void> deleteSession(const Address &address) override;
    [[nodiscard]] std::vector<DeviceId> subDevices(const AccountId &account) const override;

private:
    std::map<Address, SessionRecord> m_sessions;
};

/// PreKeyStore in memory.
class InMemoryPreKeyStore final : public PreKeyStore {
public:
    [[nodiscard]] std::optional<OneTimePreKeyRecord> loadPreKey(PreKeyId id) const override;
    Result<void> storePreKey(const OneTimePreKeyRecord &record) override;
    Result<void> removePreKey(PreKeyId id) override;
    [[nodiscard]] std::vector<PreKeyId> preKeyIds() const override;

private:
    std::map<PreKeyId, OneTimePreKeyRecord> m_keys;
};

/// KemPreKeyStore in memory.
class InMemoryKemPreKeyStore final : public KemPreKeyStore {
public:
    [[nodiscard]] std::optional<KemPreKeyRecord> loadKemPreKey(PreKeyId id) const override;
    Result<void> storeKemPreKey(const KemPreKeyRecord &record) override;
    Result<void> removeKemPreKey(PreKeyId id) override;
    [[nodiscard]] std::vector<PreKeyId> oneTimeKemPreKeyIds() const override;
    [[nodiscard]] std::vector<KemPreKeyRecord> lastResortKemPreKeys() const override;

private:
    std::map<PreKeyId, KemPreKeyRecord> m_keys;
};

/// SignedPreKeyStore in memory.
class InMemorySignedPreKeyStore final : public SignedPreKeyStore {
public:
    [[nodiscard]] std::optional<SignedPreKeyRecord> loadSignedPreKey(PreKeyId id) const override;
    Result<void> storeSignedPreKey(const SignedPreKeyRecord &record) override;
    Result<void> removeSignedPreKey(PreKeyId id) override;
    [[nodiscard]] std::vector<SignedPreKeyRecord> allSignedPreKeys() const override;

private:
    std::map<PreKeyId, SignedPreKeyRecord> m_keys;
};

} // namespace lapis::protocol
