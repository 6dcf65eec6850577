// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/crypto/Random.h>
#include <lapis/engine/LinkBundle.h>

#include <QTest>

using namespace lapis;
using namespace lapis::engine;

namespace {
LinkBundle sample()
{
    LinkBundle b;
    b.account = AccountId("alice");
    crypto::randomBytes(b.accountKeySeed.mutableView());
    b.linkToken = crypto::randomBytes(32);
    b.contacts.push_back({AccountId("bob"), "Bob", crypto::randomBytes(32), true, true});
    b.contacts.push_back({AccountId("bot"), "Weather bot", {}, false, false});
    for (int i = 0; i < 3; ++i)
        b.recentMessages.push_back({AccountId("bob"), *MessageId::fromBytes(crypto::randomBytes(16)),
                                    AccountId(i % 2 ? "alice" : "bob"), DeviceId(1), i % 2 == 1, true,
                                    1'800'000'000'000 + i, "message " + std::to_string(i), false, false, 0,
                                    std::nullopt});
    // Disappearing messages (version 2): a notice, a message under the timer, the conversation's timer.
    b.recentMessages[0].timerNotice = true;
    b.recentMessages[0].expireTimerSeconds = 3600;
    b.recentMessages[1].expireTimerSeconds = 3600;
    b.recentMessages[1].expiresAtMs = 1'800'000'003'600;
    b.timers.push_back({AccountId("bob"), 3600});
    // A group's membership notice (version 3).
    b.recentMessages[2].groupNotice = true;
    // Groups (version 3): a group's change log, opaque records here.
    b.groups.push_back(
        {*MessageId::fromBytes(crypto::randomBytes(16)), {crypto::randomBytes(40), crypto::randomBytes(60)}});
    return b;
}
} // namespace

class TestLinkBundle : public QObject {
    Q_OBJECT
private slots:
    void sizeIsKnownBeforeSerialising()
    {
        // Engine::approveLink fills the bundle to a budget with these sizes (issue 16, item 21).
        auto b = sample();
        QCOMPARE(b.serializedSize(), b.serialize().size());
        b.recentMessages.push_back({AccountId("carol"), MessageId{}, AccountId("carol"), DeviceId(7), false, false, 5,
                                    std::string(1024, 'x'), false, false, 0, std::nullopt});
        QCOMPARE(b.serializedSize(), b.serialize().size());
        const auto withoutLast = b.serializedSize() - LinkBundle::serializedSize(b.recentMessages.back());
        b.recentMessages.pop_back();
        QCOMPARE(withoutLast, b.serialize().size());
    }

    void roundTrip()
    {
        const auto b = sample();
        const auto bytes = b.serialize();
        const auto back = LinkBundle::deserialize(bytes.view());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->account, b.account);
        QVERIFY(back->accountKeySeed.view().size() == 32
                && std::equal(b.accountKeySeed.view().begin(), b.accountKeySeed.view().end(),
                              back->accountKeySeed.view().begin()));
        QCOMPARE(back->linkToken, b.linkToken);
        QCOMPARE(back->contacts.size(), std::size_t{2});
        QCOMPARE(back->contacts[0].displayName, std::string("Bob"));
        QVERIFY(back->contacts[0].verified && back->contacts[0].everHadEndToEnd);
        QVERIFY(!back->contacts[1].verified);
        QCOMPARE(back->recentMessages.size(), std::size_t{3});
        QCOMPARE(back->recentMessages[1].text, std::string("message 1"));
        QVERIFY(back->recentMessages[1].outgoing);
        QVERIFY(back->recentMessages[2].id == b.recentMessages[2].id);
        QCOMPARE(back->recentMessages[2].sentAtMs, b.recentMessages[2].sentAtMs);
        QVERIFY(back->recentMessages[0].timerNotice && !back->recentMessages[1].timerNotice);
        QVERIFY(back->recentMessages[2].groupNotice && !back->recentMessages[0].groupNotice);
        QCOMPARE(back->recentMessages[1].expireTimerSeconds, 3600U);
        QCOMPARE(back->recentMessages[1].expiresAtMs.value_or(0), std::int64_t{1'800'000'003'600});
        QVERIFY(!back->recentMessages[2].expiresAtMs);
        QCOMPARE(back->timers.size(), std::size_t{1});
        QCOMPARE(back->timers[0].peer, AccountId("bob"));
        QCOMPARE(back->timers[0].seconds, 3600U);
    }

    // A bundle from a device of an earlier version (1: no timers after the messages) still
    // links. Without messages, version 1's bytes are version 3's without the timer and group counts.
    void versionOneStillReads()
    {
        auto b = sample();
        b.recentMessages.clear();
        b.timers.clear();
        b.groups.clear();
        const auto bytes = b.serialize();
        Bytes v1(bytes.view().begin(), bytes.view().end() - 8);
        v1[0] = 1;
        const auto back = LinkBundle::deserialize(v1);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->contacts.size(), std::size_t{2});
        QVERIFY(back->timers.empty());
    }

    // Version 2 (before groups): version 3's bytes without the group count.
    void versionTwoStillReads()
    {
        auto b = sample();
        b.groups.clear();
        const auto bytes = b.serialize();
        Bytes v2(bytes.view().begin(), bytes.view().end() - 4);
        v2[0] = 2;
        const auto back = LinkBundle::deserialize(v2);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->timers.size(), std::size_t{1});
        QVERIFY(back->groups.empty());
    }

    void groupsRoundTrip()
    {
        const auto b = sample();
        const auto back = LinkBundle::deserialize(b.serialize().view());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->groups.size(), std::size_t{1});
        QVERIFY(back->groups[0].id == b.groups[0].id);
        QVERIFY(back->groups[0].changes == b.groups[0].changes);
    }

    void everyTruncationAndExtensionRejected()
    {
        const auto bytes = sample().serialize();
        for (std::size_t cut = 0; cut < bytes.size(); ++cut)
            QVERIFY2(!LinkBundle::deserialize(bytes.view().first(cut)).ok(), qPrintable(QString::number(cut)));
        Bytes longer(bytes.view().begin(), bytes.view().end());
        longer.push_back(0);
        QCOMPARE(LinkBundle::deserialize(longer).error().code, ErrorCode::Corrupt);
        longer.pop_back();
        longer[0] = LinkBundle::Version + 1;
        QCOMPARE(LinkBundle::deserialize(longer).error().code, ErrorCode::Unsupported);
    }

    void hugeCountsRejectedWithoutAllocating()
    {
        auto bytes = sample().serialize();
        Bytes b(bytes.view().begin(), bytes.view().end());
        // Set the contact count (after version, account, seed, token) to 0xFFFFFFFF.
        const std::size_t at = 1 + 4 + 5 + 32 + 4 + 32;
        for (std::size_t i = 0; i < 4; ++i)
            b[at + i] = 0xFF;
        QCOMPARE(LinkBundle::deserialize(b).error().code, ErrorCode::Corrupt);
    }
};

QTEST_APPLESS_MAIN(TestLinkBundle)
#include "tst_engine_linkbundle.moc"
