// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/protocol/Address.h>

#include <cstdint>

namespace lapis::protocol {

/// What the relay carries from one device to another (envelope.proto).
struct Envelope {
    enum class Type : std::uint8_t {
        PreKey = 1,    ///< ciphertext is a PreKeyMessage: the first messages of a session
        Ratchet = 2,   ///< ciphertext is a RatchetMessage
        Plaintext = 3, ///< ciphertext is padded Content in the clear (the green fallback)
        SenderKey = 4, ///< ciphertext is a sender-key message: one for every member device of a group
    };

    std::uint32_t version = 1;
    MessageId messageId; ///< random, for dedupe by the relay and the recipient
    Address sender;
    Address recipient; ///< empty (no account, device 0) for a SenderKey envelope
    Type type = Type::Ratchet;
    Bytes ciphertext;
    std::uint64_t relayTimestamp = 0; ///< set by the relay (ms since the epoch)

    /// The protobuf encoding.
    [[nodiscard]] Bytes serialize() const;
    /// Corrupt for anything malformed (bad protobuf, id not 16 bytes, unknown type, invalid
    /// addresses), Unsupported for a version other than 1, LimitExceeded for an oversized
    /// ciphertext. Never reads past `bytes`.
    static Result<Envelope> deserialize(ByteView bytes);

    friend bool operator==(const Envelope &, const Envelope &) = default;
};

} // namespace lapis::protocol
