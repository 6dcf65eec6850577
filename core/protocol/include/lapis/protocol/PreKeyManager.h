// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/PreKeys.h>
#include <lapis/protocol/Stores.h>

#include <vector>

namespace lapis::protocol {

/// Keeps this device's prekeys fresh: rotates the signed prekey weekly (keeping replaced ones
/// for SignedPreKeyGrace) and keeps the one-time pool between OneTimePreKeyLow and Target.
class PreKeyManager {
public:
    PreKeyManager(const DeviceKeys &keys, PreKeyStore &preKeys, SignedPreKeyStore &signedPreKeys,
                  crypto::RandomSource &rng);

    /// The current signed prekey, made anew when there is none or the newest is older than
    /// SignedPreKeyRotation at `now`. Replaced keys whose successor is older than the grace
    /// period are deleted. `withKemPreKeys`: the device publishes ML-KEM prekeys, so the key is
    /// signed saying so (signedPreKeySigningInput); a current key signed without it is replaced.
    Result<SignedPreKeyRecord> rotateSignedPreKey(std::int64_t now, bool withKemPreKeys = false);
    /// The newly made one-time prekeys (to publish) when the pool fell below the low mark;
    /// empty otherwise.
    Result<std::vector<OneTimePreKeyRecord>> replenishOneTimePreKeys();
    /// Makes and stores `count` one-time prekeys under fresh random ids (31 bits, none in use),
    /// so that an id handed out before is not given to another key.
    Result<std::vector<OneTimePreKeyRecord>> makeOneTimePreKeys(std::size_t count);

    /// The bundle the relay would hand out for this device.
    static PreKeyBundle bundleFor(const LocalDevice &device, const SignedPreKeyRecord &signedPreKey,
                                  const OneTimePreKeyRecord *oneTimePreKey, const KemPreKeyRecord *kemPreKey = nullptr);

private:
    const DeviceKeys &m_keys;
    PreKeyStore &m_preKeys;
    SignedPreKeyStore &m_signedPreKeys;
    crypto::RandomSource &m_rng;
};

} // namespace lapis::protocol
