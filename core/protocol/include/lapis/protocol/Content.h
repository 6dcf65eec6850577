// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Random.h>
#include <lapis/protocol/GroupState.h>
#include <lapis/protocol/SenderKey.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// What a reply quotes: the message it answers, that message's author and the start of its text.
struct Quote {
    MessageId target;
    AccountId author;
    std::string excerpt; ///< valid UTF-8, at most MaxQuoteExcerptChars code points
};

/// The start of `text` as a quote carries it: at most MaxQuoteExcerptChars code points, cut at a
/// code point boundary (invalid UTF-8 is cut where it starts).
[[nodiscard]] std::string quoteExcerpt(std::string_view text);

/// A message a person wrote (or a change to one).
struct DataMessage {
    std::string text;
    std::vector<AttachmentPointer> attachments;
    std::optional<Reaction> reaction;
    std::optional<Edit> edit;
    std::optional<Delete> deletion;
    std::uint64_t timestamp = 0; ///< the sender's clock, ms
    std::optional<Quote> quote;  ///< set on a reply
    /// The disappearing-message timer it was sent under, seconds (0: none; at most
    /// MaxExpireTimerSeconds).
    std::uint32_t expireTimer = 0;
    /// Only sets the conversation's timer to expireTimer; carries nothing else.
    bool timerUpdate = false;
    /// Set on a group message: the group it was sent to (inside a sender-key message only).
    std::optional<GroupId> group;
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

/// A group's membership travelling end to end: the change its sender made (last), preceded, for
/// an account the change makes a member, by the group's history as the sender holds it.
struct GroupUpdate {
    GroupId group;
    std::vector<GroupChange> changes;
};

/// One group change as a device keeps it in its log (content.proto's GroupChangeRecord).
[[nodiscard]] Bytes serializeGroupChange(const GroupChange &change);
/// Corrupt for a malformed record or one beyond the limits a group update has.
Result<GroupChange> deserializeGroupChange(ByteView bytes, const GroupId &group);

/// A new content message id: the time in milliseconds since 1970 (48 bits, big-endian), then 80
/// random bits. Ids from one sender sort by time, so every store indexes new messages at the end
/// of its id index instead of at a random leaf (an insert into a store of 20,000 messages took
/// 40 us with random ids, 14 us with these). They travel only inside content, next to the
/// sender's timestamp, which says the same; envelope ids, which the relay sees, stay random.
MessageId newContentMessageId(std::int64_t nowMs, crypto::RandomSource &rng);

/// What travels inside the encryption (content.proto): exactly one body.
struct Content {
    MessageId messageId;
    std::optional<DataMessage> data;
    std::optional<Receipt> receipt;
    std::optional<Typing> typing;
    std::optional<SyncTranscript> sync;
    std::optional<GroupUpdate> groupUpdate;
    /// A device's sending chain for a group, handed over a pairwise session.
    std::optional<SenderKeyDistribution> senderKey;

    /// Protobuf encoding (unpadded: SessionCipher pads). InvalidArgument unless exactly one body is set.
    [[nodiscard]] Result<WipedBytes> serialize() const;
    /// Corrupt for malformed bytes, no body, a message id that is not 16 bytes, an attachment
    /// key that is not 32 bytes, a quote without an author or with an over-long author or
    /// excerpt (or one that is not UTF-8), an over-long reaction emoji; Unsupported for a version
    /// other than 1. A group update is Corrupt beyond the limits of GroupState.h (a change with
    /// an unknown kind, more parents or members than allowed, an over-long name, ids of the wrong
    /// length, a change for another group than the update names).
    static Result<Content> deserialize(ByteView bytes);
};

} // namespace lapis::protocol
