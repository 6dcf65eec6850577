// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lapis::engine {

/// What an existing device hands a new one of the same account, sealed to the new device's
/// ephemeral key (protocol::LinkCipher) and carried by the relay's link channel.
struct LinkBundle {
    static constexpr std::uint8_t Version = 1;
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
    };

    AccountId account;
    SecretArray<32> accountKeySeed; ///< the account identity key: the new device certifies itself with it
    Bytes linkToken;                ///< one use: registers the new device with the relay
    std::vector<Contact> contacts;
    std::vector<Message> recentMessages;

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
