// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/KemPreKeys.h>
#include <lapis/protocol/Stores.h>

#include <vector>

namespace lapis::protocol {

/// Keeps this device's ML-KEM prekeys fresh, by the X25519 prekeys' rules (Limits.h): the
/// last-resort key rotates weekly and a replaced one is kept for the grace period; the one-time
/// pool is kept between OneTimePreKeyLow and OneTimePreKeyTarget. Ids are random 31-bit values
/// not in use, as for one-time X25519 prekeys (PreKeyManager says why).
class KemPreKeyManager {
public:
    KemPreKeyManager(const DeviceKeys &keys, KemPreKeyStore &store, crypto::RandomSource &rng);

    /// The current last-resort key, made anew when there is none or the newest is older than
    /// SignedPreKeyRotation at `now`. Replaced keys whose successor is older than the grace
    /// period are deleted.
    Result<KemPreKeyRecord> rotateLastResortKey(std::int64_t now);
    /// The newly made one-time keys (to publish) when the pool fell below the low mark.
    Result<std::vector<KemPreKeyRecord>> replenishOneTimeKeys(std::int64_t now);
    Result<std::vector<KemPreKeyRecord>> makeOneTimeKeys(std::size_t count, std::int64_t now);

private:
    PreKeyId freshId();

    const DeviceKeys &m_keys;
    KemPreKeyStore &m_store;
    crypto::RandomSource &m_rng;
};

} // namespace lapis::protocol
