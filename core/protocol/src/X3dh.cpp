// SPDX-License-Identifier: GPL-3.0-or-later
#include "X3dh.h"

#include <lapis/crypto/Hkdf.h>
#include <lapis/protocol/Limits.h>

#include <algorithm>

namespace lapis::protocol::x3dh {
namespace {

// The 0xFF prefix keeps the X3DH input distinct from any single X25519 output (as in Signal's
// X3DH, where it separates the curve); the ikm lives in wiped memory.
SecretArray<32> derive(std::initializer_list<const crypto::SharedSecret *> parts, const SecretArray<32> *kemSecret)
{
    SecretArray<32 * 6> ikm;
    std::fill_n(ikm.data(), 32, std::uint8_t{0xFF});
    std::size_t used = 32;
    for (const auto *part : parts) {
        std::copy_n(part->data(), 32, ikm.data() + used);
        used += 32;
    }
    if (kemSecret) {
        std::copy_n(kemSecret->data(), 32, ikm.data() + used);
        used += 32;
    }
    SecretArray<32> sk;
    (void)crypto::Hkdf::derive({}, ikm.view().first(used), asBytes(kemSecret ? label::Pqxdh : label::X3dh),
                               sk.mutableView());
    return sk;
}

} // namespace

Result<SecretArray<32>> initiator(const crypto::X25519KeyPair &ourIdentity, const crypto::X25519KeyPair &ourEphemeral,
                                  const crypto::X25519PublicKey &theirIdentity,
                                  const crypto::X25519PublicKey &theirSignedPreKey,
                                  const std::optional<crypto::X25519PublicKey> &theirOneTimePreKey,
                                  const SecretArray<32> *kemSharedSecret)
{
    LAPIS_TRY_ASSIGN(const auto dh1, ourIdentity.agree(theirSignedPreKey));
    LAPIS_TRY_ASSIGN(const auto dh2, ourEphemeral.agree(theirIdentity));
    LAPIS_TRY_ASSIGN(const auto dh3, ourEphemeral.agree(theirSignedPreKey));
    if (!theirOneTimePreKey)
        return derive({&dh1, &dh2, &dh3}, kemSharedSecret);
    LAPIS_TRY_ASSIGN(const auto dh4, ourEphemeral.agree(*theirOneTimePreKey));
    return derive({&dh1, &dh2, &dh3, &dh4}, kemSharedSecret);
}

Result<SecretArray<32>> responder(const crypto::X25519KeyPair &ourIdentity,
                                  const crypto::X25519KeyPair &ourSignedPreKey,
                                  const crypto::X25519KeyPair *ourOneTimePreKey,
                                  const crypto::X25519PublicKey &theirIdentity,
                                  const crypto::X25519PublicKey &theirEphemeral, const SecretArray<32> *kemSharedSecret)
{
    LAPIS_TRY_ASSIGN(const auto dh1, ourSignedPreKey.agree(theirIdentity));
    LAPIS_TRY_ASSIGN(const auto dh2, ourIdentity.agree(theirEphemeral));
    LAPIS_TRY_ASSIGN(const auto dh3, ourSignedPreKey.agree(theirEphemeral));
    if (!ourOneTimePreKey)
        return derive({&dh1, &dh2, &dh3}, kemSharedSecret);
    LAPIS_TRY_ASSIGN(const auto dh4, ourOneTimePreKey->agree(theirEphemeral));
    return derive({&dh1, &dh2, &dh3, &dh4}, kemSharedSecret);
}

} // namespace lapis::protocol::x3dh
