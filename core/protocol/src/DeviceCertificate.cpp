// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/protocol/DeviceCertificate.h>
#include <lapis/protocol/Limits.h>

namespace lapis::protocol {

Bytes DeviceCertificate::signingInput() const
{
    Bytes out;
    out.reserve(label::DeviceCertificate.size() + 1 + 1 + MaxAccountIdSize + 4 + 32 + 32 + 8);
    wire::append(out, asBytes(label::DeviceCertificate));
    out.push_back(version);
    appendAddress(out, device);
    wire::append(out, signingKey.bytes());
    wire::append(out, identityKey.bytes());
    wire::appendU64(out, static_cast<std::uint64_t>(createdAt));
    return out;
}

Result<void> DeviceCertificate::verify(const crypto::Ed25519PublicKey &accountKey) const
{
    if (version != ProtocolVersion)
        return fail(ErrorCode::Unsupported, "Unknown device certificate version");
    LAPIS_TRY(validateAddress(device));
    if (!accountKey.verify(signingInput(), signature))
        return fail(ErrorCode::AuthenticationFailed, "The device certificate is not signed by the account key");
    return {};
}

Result<void> DeviceCertificate::verifyFor(const Address &expected, const crypto::Ed25519PublicKey &accountKey) const
{
    if (device != expected)
        return fail(ErrorCode::InvalidKey, "The device certificate is for another device");
    return verify(accountKey);
}

Bytes DeviceCertificate::serialize() const
{
    Bytes out = signingInput();
    wire::append(out, signature);
    return out;
}

Result<DeviceCertificate> DeviceCertificate::deserialize(ByteView bytes)
{
    wire::Reader r(bytes);
    auto labelBytes = r.take(label::DeviceCertificate.size());
    if (!labelBytes || toString(*labelBytes) != label::DeviceCertificate)
        return fail(ErrorCode::Corrupt, "Not a device certificate");
    DeviceCertificate cert;
    auto version = r.u8();
    if (!version)
        return fail(ErrorCode::Corrupt, "The device certificate is truncated");
    if (*version != ProtocolVersion)
        return fail(ErrorCode::Unsupported, "Unknown device certificate version");
    cert.version = *version;
    auto nameLength = r.u8();
    if (!nameLength || *nameLength == 0 || *nameLength > MaxAccountIdSize)
        return fail(ErrorCode::Corrupt, "The device certificate's account id is malformed");
    auto name = r.take(*nameLength);
    auto device = r.u32();
    auto signingKey = r.take(32);
    auto identityKey = r.take(32);
    auto createdHigh = r.u32();
    auto createdLow = r.u32();
    auto signature = r.take(64);
    if (!name || !device || !signingKey || !identityKey || !createdHigh || !createdLow || !signature
        || !r.rest().empty())
        return fail(ErrorCode::Corrupt, "The device certificate is truncated or too long");
    cert.device = Address{AccountId(toString(*name)), DeviceId(*device)};
    cert.signingKey = *crypto::Ed25519PublicKey::fromBytes(*signingKey);
    cert.identityKey = *crypto::X25519PublicKey::fromBytes(*identityKey);
    cert.createdAt = static_cast<std::int64_t>((std::uint64_t{*createdHigh} << 32) | *createdLow);
    std::copy(signature->begin(), signature->end(), cert.signature.begin());
    return cert;
}

} // namespace lapis::protocol
