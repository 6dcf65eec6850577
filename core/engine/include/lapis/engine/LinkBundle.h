// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

/// What an existing device hands a new one of the same account, sealed to the new device's
/// ephemeral key (protocol::LinkCipher) and carried by the relay's link channel.
struct LinkBundle {
    /// 2 adds disappearing timers (per conversation and per message), 3 groups (their change
    /// logs); bundles of versions 1 and 2 (from an older device) still read, without them.
    static constexpr std::uint8_t Version = 3;
    static constexpr std::size_t MaxContacts = 10'000;
    static constexpr std::size_t MaxMessages = 50'000;

    struct Contact {
        AccountId account;
        std::string displayName;
        Bytes pinnedAccountKey;
        bool verified = false;
        bool everHadEndToEnd = false;
    };
    struct Message {
        AccountId peer;
        MessageId id;
        AccountId sender;
        DeviceId senderDevice;
        bool outgoing = false;
        bool endToEnd = true;
        std::int64_t sentAtMs = 0;
        std::string text;
        bool timerNotice = false;             ///< a "timer changed" notice (to expireTimerSeconds)
        bool groupNotice = false;             ///< a group's membership notice (version 3; engine::GroupNotice)
        std::uint32_t expireTimerSeconds = 0; ///< the timer it was sent under
        std::optional<std::int64_t> expiresAtMs;
    };
    /// A group this account is in: its change log (protocol::serializeGroupChange records), which
    /// the new device folds as every member device does.
    struct Group {
        MessageId id;
        std::vector<Bytes> changes;
    };
    /// A conversation's disappearing timer (only those that are on).
    struct ConversationTimer {
        AccountId peer;
        std::uint32_t seconds = 0;
    };

    AccountId account;
    SecretArray<32> accountKeySeed; ///< the account identity key: the new device certifies itself with it
    Bytes linkToken;                ///< one use: registers the new device with the relay
    std::vector<Contact> contacts;
    std::vector<Message> recentMessages;
    std::vector<ConversationTimer> timers;
    std::vector<Group> groups;

    /// A versioned, length-prefixed binary form, in wiped memory (it holds the account key).
    [[nodiscard]] WipedBytes serialize() const;
    /// The size serialize() gives, without building it.
    [[nodiscard]] std::size_t serializedSize() const;
    /// What one message adds to serializedSize().
    [[nodiscard]] static std::size_t serializedSize(const Message &message);
    /// Corrupt for anything malformed, truncated or over the limits; Unsupported for another version.
    static Result<LinkBundle> deserialize(ByteView bytes);
};

} // namespace lapis::engine
