// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/protocol/Limits.h>
#include <lapis/protocol/PreKeys.h>

namespace lapis::protocol {

Bytes signedPreKeySigningInput(PreKeyId id, const crypto::X25519PublicKey &publicKey, bool withKemPreKeys)
{
    Bytes out;
    wire::append(out, asBytes(withKemPreKeys ? label::SignedPreKeyWithKem : label::SignedPreKey));
    out.push_back(ProtocolVersion);
    wire::appendU32(out, id.value());
    wire::append(out, publicKey.bytes());
    return out;
}

SignedPreKeyRecord SignedPreKeyRecord::generate(PreKeyId id, const crypto::Ed25519KeyPair &deviceSigningKey,
                                                std::int64_t createdAt, crypto::RandomSource &rng, bool withKemPreKeys)
{
    SignedPreKeyRecord record{id, crypto::X25519KeyPair::generate(rng), {}, createdAt};
    record.signature = deviceSigningKey.sign(signedPreKeySigningInput(id, record.keyPair.publicKey(), withKemPreKeys));
    return record;
}

OneTimePreKeyRecord OneTimePreKeyRecord::generate(PreKeyId id, crypto::RandomSource &rng)
{
    return OneTimePreKeyRecord{id, crypto::X25519KeyPair::generate(rng)};
}

} // namespace lapis::protocol
