// SPDX-License-Identifier: GPL-3.0-or-later
// What the group suites share: receiving until the expected items came, and Alice's group of
// three (Bob and Carol), taken by every device.
#pragma once

#include "ChangesTestSupport.h"

#include <lapis/engine/groups/GroupNotice.h>

namespace lapis::engine::test {

inline std::size_t countKind(const std::vector<ReceivedItem> &items, IncomingEvent::Kind kind)
{
    return static_cast<std::size_t>(
        std::count_if(items.begin(), items.end(), [kind](const ReceivedItem &i) { return i.event.kind == kind; }));
}

inline const ReceivedItem *messageWithText(const std::vector<ReceivedItem> &items, const std::string &text)
{
    for (const auto &item : items)
        if ((item.event.kind == IncomingEvent::Kind::Message || item.event.kind == IncomingEvent::Kind::SyncedMessage)
            && item.event.text == text)
            return &item;
    return nullptr;
}

/// Receives until an item with `text` came (or the deadline passed); everything received.
inline std::vector<ReceivedItem> receiveText(Engine &engine, const std::string &text)
{
    auto got = engine.receive(std::chrono::seconds(20), [&](const std::vector<ReceivedItem> &items) {
        return messageWithText(items, text) != nullptr;
    });
    return got.ok() ? std::move(got).value() : std::vector<ReceivedItem>{};
}

/// Receives until the conversation `key` holds `count` messages (20 s at the most).
inline bool receiveUntilHistory(Engine &engine, const AccountId &key, std::size_t count)
{
    const auto enough = [&] {
        auto history = engine.history(key, 100);
        return history.ok() && history->size() >= count;
    };
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!enough()) {
        if (std::chrono::steady_clock::now() >= end)
            return false;
        (void)engine.receive(std::chrono::seconds(2),
                             [](const std::vector<ReceivedItem> &items) { return !items.empty(); });
    }
    return true;
}

/// Receives until `count` items of `kind` came (or the deadline passed).
inline std::vector<ReceivedItem> receiveKinds(Engine &engine, IncomingEvent::Kind kind, std::size_t count = 1)
{
    auto got = engine.receive(std::chrono::seconds(20),
                              [&](const std::vector<ReceivedItem> &items) { return countKind(items, kind) >= count; });
    return got.ok() ? std::move(got).value() : std::vector<ReceivedItem>{};
}

/// Runs `sql` in the profile's decrypted database (the engine closed), as a device owner who
/// changes their own store would.
inline bool tamperWithProfile(const ProfileOptions &options, const std::string &sql)
{
    auto db = profileDatabase(options);
    if (!db)
        return false;
    auto ran = db->exec(sql);
    if (!ran.ok())
        qWarning("tamper: %s", ran.error().message.c_str());
    return ran.ok();
}

/// Alice, her second device, Bob and Carol on a real relay.
class GroupsFixture : public ChangesFixture {
protected:
    std::unique_ptr<Engine> m_carol;

    bool startGroupPeople()
    {
        if (!startPeople())
            return false;
        m_carol = m_profiles.registered("carol");
        return m_carol != nullptr;
    }

    /// Alice's new group with Bob and Carol, taken by all of their devices.
    std::optional<protocol::GroupId> newGroup(const std::string &name)
    {
        auto group = m_alice->createGroup(name, {AccountId("bob"), AccountId("carol")});
        if (!group.ok()) {
            qWarning("create: %s", group.error().message.c_str());
            return std::nullopt;
        }
        for (auto *engine : {m_bob.get(), m_carol.get(), m_alice2.get()})
            if (!findKind(receiveKinds(*engine, IncomingEvent::Kind::GroupChanged), IncomingEvent::Kind::GroupChanged))
                return std::nullopt;
        return group->id;
    }
};

} // namespace lapis::engine::test
