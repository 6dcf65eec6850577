// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/InMemoryStores.h>

namespace lapis::protocol {

std::optional<crypto::Ed25519PublicKey> InMemoryIdentityStore::pinnedAccountKey(const AccountId &account) const
{
    auto it = m_keys.find(account);
    if (it == m_keys.end())
        return std::nullopt;
    return it->second;
}

Result<void> InMemoryIdentityStore::pinAccountKey(const AccountId &account, const crypto::Ed25519PublicKey &key)
{
    m_keys[account] = key;
    return {};
}

std::optional<SessionRecord> InMemorySessionStore::loadSession(const Address &address) const
{
    auto it = m_sessions.find(address);
    if (it == m_sessions.end())
        return std::nullopt;
    return it->second;
}

Result<void> InMemorySessionStore::storeSession(const Address &address, const SessionRecord &record)
{
    m_sessions.insert_or_assign(address, record);
    return {};
}

Result<void> InMemorySessionStore::deleteSession(const Address &address)
{
    m_sessions.erase(address);
    return {};
}

std::vector<DeviceId> InMemorySessionStore::subDevices(const AccountId &account) const
{
    std::vector<DeviceId> out;
    for (const auto &[address, record] : m_sessions) {
        if (address.account == account)
            out.push_back(address.device);
    }
    return out;
}

std::optional<OneTimePreKeyRecord> InMemoryPreKeyStore::loadPreKey(PreKeyId id) const
{
    auto it = m_keys.find(id);
    if (it == m_keys.end())
        return std::nullopt;
    return it->second;
}

Result<void> InMemoryPreKeyStore::storePreKey(const OneTimePreKeyRecord &record)
{
    m_keys.insert_or_assign(record.id, record);
    return {};
}

Result<void> InMemoryPreKeyStore::removePreKey(PreKeyId id)
{
    m_keys.erase(id);
    return {};
}

std::vector<PreKeyId> InMemoryPreKeyStore::preKeyIds() const
{
    std::vector<PreKeyId> out;
    for (const auto &[id, record] : m_keys)
        out.push_back(id);
    return out;
}

std::optional<KemPreKeyRecord> InMemoryKemPreKeyStore::loadKemPreKey(PreKeyId id) const
{
    auto it = m_keys.find(id);
    if (it == m_keys.end())
        return std::nullopt;
    return it->second.clone();
}

Result<void> InMemoryKemPreKeyStore::storeKemPreKey(const KemPreKeyRecord &record)
{
    m_keys.insert_or_assign(record.id(), record.clone());
    return {};
}

Result<void> InMemoryKemPreKeyStore::removeKemPreKey(PreKeyId id)
{
    m_keys.erase(id);
    return {};
}

std::vector<PreKeyId> InMemoryKemPreKeyStore::oneTimeKemPreKeyIds() const
{
    std::vector<PreKeyId> out;
    for (const auto &[id, record] : m_keys)
        if (!record.lastResort)
            out.push_back(id);
    return out;
}

std::vector<KemPreKeyRecord> InMemoryKemPreKeyStore::lastResortKemPreKeys() const
{
    std::vector<KemPreKeyRecord> out;
    for (const auto &[id, record] : m_keys)
        if (record.lastResort)
            out.push_back(record.clone());
    return out;
}

std::optional<SignedPreKeyRecord> InMemorySignedPreKeyStore::loadSignedPreKey(PreKeyId id) const
{
    auto it = m_keys.find(id);
    if (it == m_keys.end())
        return std::nullopt;
    return it->second;
}

Result<void> InMemorySignedPreKeyStore::storeSignedPreKey(const SignedPreKeyRecord &record)
{
    m_keys.insert_or_assign(record.id, record);
    return {};
}

Result<void> InMemorySignedPreKeyStore::removeSignedPreKey(PreKeyId id)
{
    m_keys.erase(id);
    return {};
}

std::vector<SignedPreKeyRecord> InMemorySignedPreKeyStore::allSignedPreKeys() const
{
    std::vector<SignedPreKeyRecord> out;
    for (const auto &[id, record] : m_keys)
        out.push_back(record);
    return out;
}

} // namespace lapis::protocol
