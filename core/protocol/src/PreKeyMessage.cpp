// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreKeyMessage.h"
#include "WireFormat.h"

#include <lapis/crypto/Kem.h>
#include <lapis/protocol/Limits.h>

namespace lapis::protocol {
namespace {

// X25519 ignores the top bit and reduces mod p, so several encodings name the same key. The
// base key is not covered by the AEAD's associated data, so only the canonical encoding
// (u < 2^255 - 19, top bit clear) is accepted: a flipped bit must not yield the same session.
bool isCanonicalX25519(ByteView key)
{
    if (key[31] & 0x80)
        return false;
    if (key[31] != 0x7f)
        return true;
    for (std::size_t i = 1; i < 31; ++i) {
        if (key[i] != 0xff)
            return true;
    }
    return key[0] < 0xed;
}

} // namespace

void PreKeyMessage::appendPrefix(Bytes &out) const
{
    out.push_back(kem ? PqxdhPreKeyMessageVersion : ProtocolVersion);
    out.push_back(oneTimePreKeyId ? 1 : 0);
    wire::appendU32(out, signedPreKeyId.value());
    if (oneTimePreKeyId)
        wire::appendU32(out, oneTimePreKeyId->value());
    if (kem) {
        wire::appendU32(out, kem->preKeyId.value());
        out.push_back(static_cast<std::uint8_t>(kem->ciphertext.size() >> 8));
        out.push_back(static_cast<std::uint8_t>(kem->ciphertext.size()));
        wire::append(out, kem->ciphertext);
    }
    wire::append(out, baseKey.bytes());
    wire::append(out, accountKey.bytes());
    const auto cert = certificate.serialize();
    out.push_back(static_cast<std::uint8_t>(cert.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(cert.size()));
    wire::append(out, cert);
}

Result<PreKeyMessage> PreKeyMessage::parse(ByteView bytes)
{
    wire::Reader r(bytes);
    const auto version = r.u8();
    if (!version)
        return fail(ErrorCode::Corrupt, "The prekey message is empty");
    if (*version != ProtocolVersion && *version != PqxdhPreKeyMessageVersion)
        return fail(ErrorCode::Unsupported, "Unknown prekey message version");
    const auto flags = r.u8();
    if (!flags || (*flags & ~1u) != 0)
        return fail(ErrorCode::Corrupt, "The prekey message's flags are malformed");
    PreKeyMessage m;
    const auto spk = r.u32();
    if (!spk)
        return fail(ErrorCode::Corrupt, "The prekey message is truncated");
    m.signedPreKeyId = PreKeyId(*spk);
    if (*flags & 1) {
        const auto opk = r.u32();
        if (!opk)
            return fail(ErrorCode::Corrupt, "The prekey message is truncated");
        m.oneTimePreKeyId = PreKeyId(*opk);
    }
    if (*version == PqxdhPreKeyMessageVersion) {
        const auto kemId = r.u32();
        const auto ciphertextLength = r.u16();
        if (!kemId || !ciphertextLength)
            return fail(ErrorCode::Corrupt, "The prekey message is truncated");
        const auto ciphertext = r.take(*ciphertextLength);
        if (!ciphertext)
            return fail(ErrorCode::Corrupt, "The prekey message is truncated");
        if (ciphertext->size() != crypto::Kem::CiphertextBytes)
            return fail(ErrorCode::InvalidArgument, "The prekey message's ML-KEM ciphertext must be "
                                                        + std::to_string(crypto::Kem::CiphertextBytes)
                                                        + " bytes long, not " + std::to_string(ciphertext->size()));
        m.kem = PreKeyMessageKem{PreKeyId(*kemId), Bytes(ciphertext->begin(), ciphertext->end())};
    }
    const auto baseKey = r.take(32);
    const auto accountKey = r.take(32);
    const auto certLength = r.u16();
    if (!baseKey || !accountKey || !certLength)
        return fail(ErrorCode::Corrupt, "The prekey message is truncated");
    const auto cert = r.take(*certLength);
    if (!cert)
        return fail(ErrorCode::Corrupt, "The prekey message is truncated");
    if (!isCanonicalX25519(*baseKey))
        return fail(ErrorCode::InvalidKey, "The prekey message's base key is not canonical");
    m.baseKey = *crypto::X25519PublicKey::fromBytes(*baseKey);
    m.accountKey = *crypto::Ed25519PublicKey::fromBytes(*accountKey);
    LAPIS_TRY_ASSIGN(m.certificate, DeviceCertificate::deserialize(*cert));
    m.ratchetMessage = r.rest();
    return m;
}

} // namespace lapis::protocol
