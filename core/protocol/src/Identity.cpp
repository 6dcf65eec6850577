// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/protocol/Identity.h>

namespace lapis::protocol {

AccountIdentity AccountIdentity::generate(crypto::RandomSource &rng)
{
    return AccountIdentity(crypto::Ed25519KeyPair::generate(rng));
}

Result<AccountIdentity> AccountIdentity::fromSeed(ByteView seed)
{
    LAPIS_TRY_ASSIGN(auto key, crypto::Ed25519KeyPair::fromSeed(seed));
    return AccountIdentity(std::move(key));
}

DeviceCertificate AccountIdentity::certify(const AccountId &account, DeviceId device,
                                           const crypto::Ed25519PublicKey &deviceSigningKey,
                                           const crypto::X25519PublicKey &deviceIdentityKey,
                                           std::int64_t createdAt) const
{
    DeviceCertificate cert;
    cert.device = Address{account, device};
    cert.signingKey = deviceSigningKey;
    cert.identityKey = deviceIdentityKey;
    cert.createdAt = createdAt;
    cert.signature = m_key.sign(cert.signingInput());
    return cert;
}

DeviceKeys DeviceKeys::generate(crypto::RandomSource &rng)
{
    auto signing = crypto::Ed25519KeyPair::generate(rng);
    auto identity = crypto::X25519KeyPair::generate(rng);
    return DeviceKeys(std::move(signing), std::move(identity));
}

Result<DeviceKeys> DeviceKeys::fromSecrets(ByteView signingSeed, ByteView identitySecret)
{
    LAPIS_TRY_ASSIGN(auto signing, crypto::Ed25519KeyPair::fromSeed(signingSeed));
    LAPIS_TRY_ASSIGN(auto identity, crypto::X25519KeyPair::fromSecret(identitySecret));
    return DeviceKeys(std::move(signing), std::move(identity));
}

DeviceKeys DeviceKeys::clone() const
{
    return DeviceKeys(m_signing.clone(), m_identity);
}

} // namespace lapis::protocol
