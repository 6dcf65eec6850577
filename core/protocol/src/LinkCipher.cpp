// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <lapis/crypto/Aead.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Hkdf.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/LinkCipher.h>

namespace lapis::protocol {
namespace {

constexpr std::size_t PrefixSize = 1 + 32;

// key ‖ nonce = HKDF(salt = ephemeral ‖ recipient, ikm = DH, "Lapis Link v1", 56). Both public
// keys in the salt bind the box to this exact pair.
Result<SecretArray<56>> boxSecrets(const crypto::SharedSecret &dh, ByteView ephemeral, ByteView recipient)
{
    std::array<std::uint8_t, 64> salt{};
    std::copy_n(ephemeral.begin(), 32, salt.begin());
    std::copy_n(recipient.begin(), 32, salt.begin() + 32);
    SecretArray<56> out;
    LAPIS_TRY(crypto::Hkdf::derive(salt, dh.view(), asBytes(label::Link), out.mutableView()));
    return out;
}

std::array<std::uint8_t, 65> associatedData(ByteView ephemeral, ByteView recipient)
{
    std::array<std::uint8_t, 65> ad{};
    ad[0] = ProtocolVersion;
    std::copy_n(ephemeral.begin(), 32, ad.begin() + 1);
    std::copy_n(recipient.begin(), 32, ad.begin() + 33);
    return ad;
}

} // namespace

Result<Bytes> LinkCipher::seal(const crypto::X25519PublicKey &recipient, ByteView bundle, crypto::RandomSource &rng)
{
    const auto ephemeral = crypto::X25519KeyPair::generate(rng);
    LAPIS_TRY_ASSIGN(const auto dh, ephemeral.agree(recipient));
    LAPIS_TRY_ASSIGN(const auto secrets, boxSecrets(dh, ephemeral.publicKey().bytes(), recipient.bytes()));
    const auto ad = associatedData(ephemeral.publicKey().bytes(), recipient.bytes());
    LAPIS_TRY_ASSIGN(Bytes sealed, crypto::aeadSeal(crypto::AeadAlgorithm::XChaCha20Poly1305, secrets.view().first(32),
                                                    secrets.view().subspan(32), bundle, ad));
    Bytes out;
    out.reserve(PrefixSize + sealed.size());
    out.push_back(ProtocolVersion);
    wire::append(out, ephemeral.publicKey().bytes());
    wire::append(out, sealed);
    return out;
}

Result<WipedBytes> LinkCipher::open(const crypto::X25519KeyPair &recipient, ByteView sealed)
{
    if (sealed.empty())
        return fail(ErrorCode::Corrupt, "The link box is empty");
    if (sealed[0] != ProtocolVersion)
        return fail(ErrorCode::Unsupported, "Unknown link box version");
    if (sealed.size() < PrefixSize + crypto::AeadSizes::Tag)
        return fail(ErrorCode::Corrupt, "The link box is too short");
    const auto ephemeral = sealed.subspan(1, 32);
    LAPIS_TRY_ASSIGN(const auto ephemeralKey, crypto::X25519PublicKey::fromBytes(ephemeral));
    auto dh = recipient.agree(ephemeralKey);
    if (!dh)
        return fail(ErrorCode::AuthenticationFailed, "The link box was not sealed to this key");
    LAPIS_TRY_ASSIGN(const auto secrets, boxSecrets(*dh, ephemeral, recipient.publicKey().bytes()));
    const auto ad = associatedData(ephemeral, recipient.publicKey().bytes());
    LAPIS_TRY_ASSIGN(Bytes plain, crypto::aeadOpen(crypto::AeadAlgorithm::XChaCha20Poly1305, secrets.view().first(32),
                                                   secrets.view().subspan(32), sealed.subspan(PrefixSize), ad));
    return WipedBytes(std::move(plain));
}

std::string LinkCipher::comparisonCode(const crypto::X25519PublicKey &key)
{
    const auto digest = *crypto::Blake2b::hash(concat({asBytes(label::LinkCode), key.bytes()}), 32);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | digest[static_cast<std::size_t>(i)];
    // 2^64 / 10^15 is about 18,000: the bias of the modulo is below 10^-4 of a digit.
    constexpr std::uint64_t Modulus = 1'000'000'000'000'000ULL;
    auto digits = std::to_string(v % Modulus);
    digits = std::string(ComparisonCodeDigits - digits.size(), '0') + digits;
    std::string shown;
    for (std::size_t i = 0; i < digits.size(); i += 3)
        shown += (i ? " " : "") + digits.substr(i, 3);
    return shown;
}

} // namespace lapis::protocol
