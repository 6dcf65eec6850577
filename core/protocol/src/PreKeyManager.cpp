// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/PreKeyManager.h>

#include <algorithm>
#include <array>
#include <set>

namespace lapis::protocol {

PreKeyManager::PreKeyManager(const DeviceKeys &keys, PreKeyStore &preKeys, SignedPreKeyStore &signedPreKeys,
                             crypto::RandomSource &rng)
    : m_keys(keys)
    , m_preKeys(preKeys)
    , m_signedPreKeys(signedPreKeys)
    , m_rng(rng)
{}

Result<SignedPreKeyRecord> PreKeyManager::rotateSignedPreKey(std::int64_t now, bool withKemPreKeys)
{
    auto all = m_signedPreKeys.allSignedPreKeys();
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    const auto signedWithoutKem = [&](const SignedPreKeyRecord &r) {
        return !m_keys.signingKey().publicKey().verify(signedPreKeySigningInput(r.id, r.keyPair.publicKey(), true),
                                                       r.signature);
    };
    if (all.empty() || now - all.back().createdAt >= SignedPreKeyRotation
        || (withKemPreKeys && signedWithoutKem(all.back()))) {
        std::uint32_t nextId = 1;
        for (const auto &r : all)
            nextId = std::max(nextId, r.id.value() + 1);
        auto fresh = SignedPreKeyRecord::generate(PreKeyId(nextId), m_keys.signingKey(), now, m_rng, withKemPreKeys);
        LAPIS_TRY(m_signedPreKeys.storeSignedPreKey(fresh));
        all.push_back(std::move(fresh));
    }
    // A key was replaced when its successor was made; it stays for the grace period after that.
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
        if (now - all[i + 1].createdAt > SignedPreKeyGrace)
            LAPIS_TRY(m_signedPreKeys.removeSignedPreKey(all[i].id));
    }
    return all.back();
}

Result<std::vector<OneTimePreKeyRecord>> PreKeyManager::replenishOneTimePreKeys()
{
    const auto ids = m_preKeys.preKeyIds();
    if (ids.size() >= OneTimePreKeyLow)
        return std::vector<OneTimePreKeyRecord>{};
    return makeOneTimePreKeys(OneTimePreKeyTarget - ids.size());
}

Result<std::vector<OneTimePreKeyRecord>> PreKeyManager::makeOneTimePreKeys(std::size_t count)
{
    // Random ids, not "highest + 1": once the pool ran dry, counting again from the highest id
    // left would hand out ids that bundles already in flight name, and a late first message would
    // then meet a different key under its id and be lost. With 31 random bits a reuse is as
    // unlikely as guessing a key id; the ones in use now are avoided outright.
    std::set<std::uint32_t> taken;
    for (const auto &id : m_preKeys.preKeyIds())
        taken.insert(id.value());
    auto freshId = [&] {
        for (;;) {
            std::array<std::uint8_t, 4> b{};
            m_rng.fill(b);
            const std::uint32_t id = ((std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16)
                                      | (std::uint32_t(b[2]) << 8) | std::uint32_t(b[3]))
                                     & 0x7fffffffU;
            if (id != 0 && taken.insert(id).second)
                return id;
        }
    };
    std::vector<OneTimePreKeyRecord> made;
    for (std::size_t i = 0; i < count; ++i) {
        auto record = OneTimePreKeyRecord::generate(PreKeyId(freshId()), m_rng);
        LAPIS_TRY(m_preKeys.storePreKey(record));
        made.push_back(std::move(record));
    }
    return made;
}

PreKeyBundle PreKeyManager::bundleFor(const LocalDevice &device, const SignedPreKeyRecord &signedPreKey,
                                      const OneTimePreKeyRecord *oneTimePreKey, const KemPreKeyRecord *kemPreKey)
{
    PreKeyBundle bundle;
    bundle.accountKey = device.accountKey;
    bundle.certificate = device.certificate;
    bundle.signedPreKeyId = signedPreKey.id;
    bundle.signedPreKey = signedPreKey.keyPair.publicKey();
    bundle.signedPreKeySignature = signedPreKey.signature;
    if (oneTimePreKey) {
        bundle.oneTimePreKeyId = oneTimePreKey->id;
        bundle.oneTimePreKey = oneTimePreKey->keyPair.publicKey();
    }
    if (kemPreKey)
        bundle.kemPreKey = kemPreKey->signedKey;
    return bundle;
}

} // namespace lapis::protocol
