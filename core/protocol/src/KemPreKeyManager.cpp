// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/KemPreKeyManager.h>
#include <lapis/protocol/Limits.h>

#include <algorithm>
#include <array>

namespace lapis::protocol {

KemPreKeyManager::KemPreKeyManager(const DeviceKeys &keys, KemPreKeyStore &store, crypto::RandomSource &rng)
    : m_keys(keys)
    , m_store(store)
    , m_rng(rng)
{}

PreKeyId KemPreKeyManager::freshId()
{
    for (;;) {
        std::array<std::uint8_t, 4> b{};
        m_rng.fill(b);
        const std::uint32_t id = ((std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8)
                                  | std::uint32_t(b[3]))
                                 & 0x7fffffffU;
        if (id != 0 && !m_store.loadKemPreKey(PreKeyId(id)))
            return PreKeyId(id);
    }
}

Result<KemPreKeyRecord> KemPreKeyManager::rotateLastResortKey(std::int64_t now)
{
    auto all = m_store.lastResortKemPreKeys();
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id() < b.id();
    });
    if (all.empty() || now - all.back().createdAt >= SignedPreKeyRotation) {
        auto fresh = KemPreKeyRecord::generate(freshId(), true, m_keys.signingKey(), now, m_rng);
        LAPIS_TRY(m_store.storeKemPreKey(fresh));
        all.push_back(std::move(fresh));
    }
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
        if (now - all[i + 1].createdAt > SignedPreKeyGrace)
            LAPIS_TRY(m_store.removeKemPreKey(all[i].id()));
    }
    return std::move(all.back());
}

Result<std::vector<KemPreKeyRecord>> KemPreKeyManager::replenishOneTimeKeys(std::int64_t now)
{
    const auto count = m_store.oneTimeKemPreKeyIds().size();
    if (count >= OneTimePreKeyLow)
        return std::vector<KemPreKeyRecord>{};
    return makeOneTimeKeys(OneTimePreKeyTarget - count, now);
}

Result<std::vector<KemPreKeyRecord>> KemPreKeyManager::makeOneTimeKeys(std::size_t count, std::int64_t now)
{
    std::vector<KemPreKeyRecord> made;
    for (std::size_t i = 0; i < count; ++i) {
        auto record = KemPreKeyRecord::generate(freshId(), false, m_keys.signingKey(), now, m_rng);
        LAPIS_TRY(m_store.storeKemPreKey(record));
        made.push_back(std::move(record));
    }
    return made;
}

} // namespace lapis::protocol
