// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Result.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/X25519.h>
#include <lapis/protocol/Address.h>

#include <cstdint>

namespace lapis::protocol {

/// The account key's statement that a device belongs to the account: a signature over
/// (account id, device id, both device public keys, creation time). A client encrypts only to
/// devices whose certificate verifies against the account key it pinned.
struct DeviceCertificate {
    std::uint8_t version = 1;
    Address device;
    crypto::Ed25519PublicKey signingKey;
    crypto::X25519PublicKey identityKey;
    std::int64_t createdAt = 0;
    crypto::Ed25519Signature signature{};

    /// The exact bytes the account key signs (PROTOCOL.md, "Device certificate").
    [[nodiscard]] Bytes signingInput() const;
    /// Ok when the signature verifies against `accountKey`; AuthenticationFailed otherwise,
    /// Unsupported for an unknown version.
    [[nodiscard]] Result<void> verify(const crypto::Ed25519PublicKey &accountKey) const;
    /// Ok when verify() holds and the certificate is for `expected`; InvalidKey otherwise.
    [[nodiscard]] Result<void> verifyFor(const Address &expected, const crypto::Ed25519PublicKey &accountKey) const;

    /// Fixed binary form: signingInput() ‖ signature (64).
    [[nodiscard]] Bytes serialize() const;
    static Result<DeviceCertificate> deserialize(ByteView bytes);

    friend bool operator==(const DeviceCertificate &, const DeviceCertificate &) = default;
};

} // namespace lapis::protocol
