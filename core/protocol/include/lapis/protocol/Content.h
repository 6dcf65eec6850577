// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::protocol {

/// Where an encrypted attachment blob is and how to open it.
struct AttachmentPointer {
    Bytes blobId;
    SecretArray<32> key; ///< secretstream key of the blob
    Bytes digest;        ///< BLAKE2b-256 of the encrypted blob
    std::uint64_t size = 0;
    std::string mimeType;
    std::string fileName;
    Bytes thumbnail;
};

struct Reaction {
    MessageId target;
    std::string emoji;
    bool remove = false;
};

struct Edit {
    MessageId target;
    std::string newText;
};

struct Delete {
    MessageId target;
};

/// A message a person wrote (or a change to one).
struct DataMessage {
    std::string text;
    std::vector<AttachmentPointer> attachments;
    std::optional<Reaction> reaction;
    std::optional<Edit> edit;
    std::optional<Delete> deletion;
    std::uint64_t timestamp = 0; ///< the sender's clock, ms
};

struct Receipt {
    enum class Type : std::uint8_t { Delivery = 1, Read = 2 };
    Type type = Type::Delivery;
    std::vector<MessageId> messageIds;
    std::uint64_t timestamp = 0;
};

struct Typing {
    bool started = false;
    std::uint64_t timestamp = 0;
};

/// A copy of a message this account sent, for its other devices.
struct SyncTranscript {
    AccountId destination;
    MessageId messageId;
    std::uint64_t timestamp = 0;
    DataMessage message;
};

/// What travels inside the encryption (content.proto): exactly one body.
struct Content {
    MessageId messageId;
    std::optional<DataMessage> data;
    std::optional<Receipt> receipt;
    std::optional<Typing> typing;
    std::optional<SyncTranscript> sync;

    /// Protobuf encoding (unpadded: SessionCipher pads). InvalidArgument unless exactly one body is set.
    [[nodiscard]] Result<WipedBytes> serialize() const;
    /// Corrupt for malformed bytes, no body, a message id that is not 16 bytes, an attachment
    /// key that is not 32 bytes; Unsupported for a version other than 1.
    static Result<Content> deserialize(ByteView bytes);
};

} // namespace lapis::protocol
