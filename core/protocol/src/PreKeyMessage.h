// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// PreKeyMessage: version(1 X3DH, 2 PQXDH) ‖ flags(1, bit 0: one-time prekey present) ‖ signed
// prekey id(u32) ‖ [one-time prekey id(u32)] ‖ [version 2: KEM prekey id(u32) ‖ KEM ciphertext
// length(u16) ‖ KEM ciphertext] ‖ base key(32) ‖ account key(32) ‖ certificate length(u16) ‖
// certificate ‖ RatchetMessage. Big-endian integers.

#include <lapis/common/Ids.h>
#include <lapis/crypto/Ed25519.h>
#include <lapis/crypto/X25519.h>
#include <lapis/protocol/DeviceCertificate.h>

#include <optional>

namespace lapis::protocol {

/// PQXDH's part of a prekey message: which ML-KEM prekey was encapsulated to, and the result.
struct PreKeyMessageKem {
    PreKeyId preKeyId;
    Bytes ciphertext;
};

struct PreKeyMessage {
    PreKeyId signedPreKeyId;
    std::optional<PreKeyId> oneTimePreKeyId;
    std::optional<PreKeyMessageKem> kem; ///< present exactly in version 2 (PQXDH)
    crypto::X25519PublicKey baseKey;
    crypto::Ed25519PublicKey accountKey;
    DeviceCertificate certificate;
    ByteView ratchetMessage; ///< points into the parsed input

    /// Appends everything up to (not including) the RatchetMessage.
    void appendPrefix(Bytes &out) const;
    /// Corrupt or Unsupported for anything malformed; InvalidArgument for a KEM ciphertext of the
    /// wrong size.
    static Result<PreKeyMessage> parse(ByteView bytes);
};

} // namespace lapis::protocol
