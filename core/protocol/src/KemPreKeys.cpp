// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/crypto/Kem.h>
#include <lapis/protocol/KemPreKeys.h>
#include <lapis/protocol/Limits.h>

namespace lapis::protocol {

Bytes kemPreKeySigningInput(PreKeyId id, ByteView publicKey)
{
    Bytes out;
    wire::append(out, asBytes(label::KemPreKey));
    out.push_back(ProtocolVersion);
    out.push_back(KemTypeMlKem768);
    wire::appendU32(out, id.value());
    wire::append(out, publicKey);
    return out;
}

Result<void> SignedKemPreKey::verify(const crypto::Ed25519PublicKey &deviceSigningKey) const
{
    if (publicKey.size() != crypto::Kem::PublicKeyBytes)
        return fail(ErrorCode::InvalidKey, "The ML-KEM prekey must be " + std::to_string(crypto::Kem::PublicKeyBytes)
                                               + " bytes long, not " + std::to_string(publicKey.size()));
    if (!deviceSigningKey.verify(kemPreKeySigningInput(id, publicKey), signature))
        return fail(ErrorCode::AuthenticationFailed, "The ML-KEM prekey's signature does not verify");
    return crypto::Kem::checkPublicKey(publicKey);
}

KemPreKeyRecord KemPreKeyRecord::clone() const
{
    return KemPreKeyRecord{signedKey, secretKey.clone(), lastResort, createdAt};
}

KemPreKeyRecord KemPreKeyRecord::generate(PreKeyId id, bool lastResort, const crypto::Ed25519KeyPair &deviceSigningKey,
                                          std::int64_t createdAt, crypto::RandomSource &rng)
{
    auto pair = crypto::Kem::keypair(rng);
    KemPreKeyRecord record{{id, std::move(pair.publicKey), {}}, std::move(pair.secretKey), lastResort, createdAt};
    record.signedKey.signature = deviceSigningKey.sign(kemPreKeySigningInput(id, record.signedKey.publicKey));
    return record;
}

} // namespace lapis::protocol
