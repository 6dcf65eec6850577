// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/PreKeyManager.h>

#include <algorithm>

namespace lapis::protocol {

PreKeyManager::PreKeyManager(const DeviceKeys &keys, PreKeyStore &preKeys, SignedPreKeyStore &signedPreKeys,
                             crypto::RandomSource &rng)
    : m_keys(keys)
    , m_preKeys(preKeys)
    , m_signedPreKeys(signedPreKeys)
    , m_rng(rng)
{}

Result<SignedPreKeyRecord> PreKeyManager::rotateSignedPreKey(std::int64_t now)
{
    auto all = m_signedPreKeys.allSignedPreKeys();
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    if (all.empty() || now - all.back().createdAt >= SignedPreKeyRotation) {
        std::uint32_t nextId = 1;
        for (const auto &r : all)
            nextId = std::max(nextId, r.id.value() + 1);
        auto fresh = SignedPreKeyRecord::generate(PreKeyId(nextId), m_keys.signingKey(), now, m_rng);
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
    std::vector<OneTimePreKeyRecord> made;
    if (ids.size() >= OneTimePreKeyLow)
        return made;
    std::uint32_t nextId = 1;
    for (const auto &id : ids)
        nextId = std::max(nextId, id.value() + 1);
    for (std::size_t i = ids.size(); i < OneTimePreKeyTarget; ++i) {
        auto record = OneTimePreKeyRecord::generate(PreKeyId(nextId++), m_rng);
        LAPIS_TRY(m_preKeys.storePreKey(record));
        made.push_back(std::move(record));
    }
    return made;
}

PreKeyBundle PreKeyManager::bundleFor(const LocalDevice &device, const SignedPreKeyRecord &signedPreKey,
                                      const OneTimePreKeyRecord *oneTimePreKey)
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
    return bundle;
}

} // namespace lapis::protocol
