// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProfileFixture.h"

#include <lapis/store/Store.h>

#include <chrono>

namespace lapis::test {

namespace {
MessageId fixtureId(std::size_t conversation, int index)
{
    std::array<std::uint8_t, MessageId::Size> bytes{};
    bytes[0] = 0xf1;
    bytes[1] = static_cast<std::uint8_t>(conversation);
    for (int i = 0; i < 4; ++i)
        bytes[15 - static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(static_cast<unsigned>(index) >> (8 * i));
    return MessageId(bytes);
}
} // namespace

Result<void> writeFixtureProfile(const QString &dir, const std::string &passphrase,
                                 const std::vector<FixtureConversation> &conversations)
{
    store::StoreOptions options;
    options.profileDir = dir.toStdString();
    options.passphraseParams = crypto::Argon2Params::minimumForTests();
    // A profile lapis-cli registered already (the benchmark's) is filled in; otherwise a new one.
    const bool exists = store::Store::inspect(options.profileDir).hasDatabase;
    LAPIS_TRY_ASSIGN(auto opened, exists ? store::Store::openWithPassphrase(options, passphrase).get()
                                         : store::Store::createWithPassphrase(options, passphrase).get());
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    for (std::size_t c = 0; c < conversations.size(); ++c) {
        const auto &spec = conversations[c];
        const AccountId peer(spec.peer);
        const AccountId self("me");
        // Written in transactions of 5,000 so that 100,000 messages take seconds, not minutes.
        for (int start = 0; start < std::max(spec.messages, 1); start += 5000) {
            LAPIS_TRY(
                opened
                    ->transact([&](store::Transaction &tx) -> Result<void> {
                        const auto newest = now - spec.newestAgoMs;
                        const auto oldest = newest - spec.spacingMs * (spec.messages - 1);
                        LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findOrCreate(peer, spec.peer, oldest));
                        if (start == 0 && spec.endToEnd) {
                            store::Contact contact;
                            contact.account = peer;
                            contact.displayName = spec.peer;
                            contact.pinnedAccountKey = Bytes(32, static_cast<std::uint8_t>(0x42 + c));
                            contact.everHadEndToEnd = true;
                            contact.addedAtMs = oldest;
                            LAPIS_TRY(tx.contacts().save(contact));
                        }
                        const int end = std::min(spec.messages, start + 5000);
                        for (int i = start; i < end; ++i) {
                            store::StoredMessage m;
                            m.id = fixtureId(c, i);
                            m.conversationId = conversation.id;
                            const bool ours = i % 3 == 2;
                            m.direction = ours ? store::MessageDirection::Outgoing : store::MessageDirection::Incoming;
                            m.sender = ours ? self : peer;
                            m.senderDevice = DeviceId(1);
                            m.text = "message " + std::to_string(i) + " with " + spec.peer;
                            m.sentAtMs = oldest + spec.spacingMs * i;
                            if (!ours)
                                m.receivedAtMs = m.sentAtMs + 500;
                            m.state = ours ? store::MessageState::Delivered : store::MessageState::Read;
                            m.endToEnd = spec.endToEnd;
                            LAPIS_TRY(tx.messages().insert(m));
                        }
                        if (end == spec.messages)
                            LAPIS_TRY(tx.conversations().recordActivity(conversation.id, newest, spec.unread));
                        return {};
                    })
                    .get());
        }
    }
    return {};
}

} // namespace lapis::test
