// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/WireKeys.h>

#include <algorithm>

namespace lapis::engine {

namespace {
constexpr std::size_t SignedPreKeySize = 4 + 32 + 64;
}

Bytes encodeSignedPreKeyForRelay(const protocol::SignedPreKeyRecord &record)
{
    Bytes out;
    out.reserve(SignedPreKeySize);
    const auto id = record.id.value();
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(id >> shift));
    const auto pub = record.keyPair.publicKey().bytes();
    out.insert(out.end(), pub.begin(), pub.end());
    out.insert(out.end(), record.signature.begin(), record.signature.end());
    return out;
}

transport::KemPreKey kemPreKeyForRelay(const protocol::KemPreKeyRecord &record)
{
    const auto &key = record.signedKey;
    return {key.id.value(), key.publicKey, Bytes(key.signature.begin(), key.signature.end())};
}

Result<protocol::PreKeyBundle> bundleFromRelay(const crypto::Ed25519PublicKey &accountKey,
                                               const transport::PreKeyBundle &bundle)
{
    protocol::PreKeyBundle out;
    out.accountKey = accountKey;
    LAPIS_TRY_ASSIGN(out.certificate, protocol::DeviceCertificate::deserialize(bundle.certificate));
    if (bundle.signedPreKey.size() != SignedPreKeySize)
        return fail(ErrorCode::Corrupt, "The relay sent a malformed signed prekey");
    const auto *p = bundle.signedPreKey.data();
    out.signedPreKeyId =
        PreKeyId((std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3]);
    LAPIS_TRY_ASSIGN(out.signedPreKey,
                     crypto::X25519PublicKey::fromBytes(ByteView(bundle.signedPreKey).subspan(4, 32)));
    std::copy_n(p + 36, 64, out.signedPreKeySignature.begin());
    if (bundle.oneTimePreKey) {
        out.oneTimePreKeyId = PreKeyId(bundle.oneTimePreKey->id);
        LAPIS_TRY_ASSIGN(auto key, crypto::X25519PublicKey::fromBytes(bundle.oneTimePreKey->publicKey));
        out.oneTimePreKey = key;
    }
    if (bundle.kemPreKey) {
        if (bundle.kemPreKey->signature.size() != 64)
            return fail(ErrorCode::Corrupt, "The relay sent an ML-KEM prekey without a valid signature");
        protocol::SignedKemPreKey kem{PreKeyId(bundle.kemPreKey->id), bundle.kemPreKey->publicKey, {}};
        std::copy_n(bundle.kemPreKey->signature.begin(), 64, kem.signature.begin());
        out.kemPreKey = std::move(kem);
    }
    return out;
}

} // namespace lapis::engine
