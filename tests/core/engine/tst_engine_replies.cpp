// SPDX-License-Identifier: GPL-3.0-or-later
// Replies (quotes) and reactions through a real relay: Alice (two linked devices) and Bob.
#include "EngineTestUtil.h"

#include <lapis/protocol/Limits.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>

using namespace lapis;
using namespace std::chrono_literals;
using lapis::engine::test::findKind;
using lapis::engine::test::messageWith;

namespace {

/// "emoji by reactor" of each reaction, for compact comparisons.
QStringList reactionsOf(const store::StoredMessage &m)
{
    QStringList out;
    for (const auto &r : m.reactions)
        out << QString::fromStdString(r.emoji + " by " + r.reactor.value());
    return out;
}

} // namespace

class TestEngineReplies : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
        // Alice's second device, linked by the QR flow (the engine calls behind it).
        m_alice2 = m_profiles.linked(*m_alice, "alice2", "second");
        QVERIFY(m_alice2);

        // Bob writes first; every device of Alice's takes it.
        auto sent = m_bob->sendText(AccountId("alice"), "Pancakes tomorrow? 🥞", false);
        VERIFY_OK(sent);
        m_bobsMessage = sent->id;
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice2));
        QVERIFY(messageWith(*m_alice, AccountId("bob"), m_bobsMessage));
        QVERIFY(messageWith(*m_alice2, AccountId("bob"), m_bobsMessage));
    }

    void replyCarriesItsQuote()
    {
        auto sent = m_alice->sendReply(AccountId("bob"), m_bobsMessage, "Yes, with syrup", false);
        VERIFY_OK(sent);
        QVERIFY(sent->acceptedByRelay && sent->endToEnd);

        // Alice's own row keeps the quote.
        auto own = messageWith(*m_alice, AccountId("bob"), sent->id);
        QVERIFY(own);
        QVERIFY(own->replyTo && *own->replyTo == m_bobsMessage);
        QCOMPARE(own->replyAuthor.value(), std::string("bob"));
        QCOMPARE(own->replyExcerpt, std::string("Pancakes tomorrow? 🥞"));

        // Bob sees the reply with the quote, as an event and in his store.
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        const auto *item = findKind(*got, engine::IncomingEvent::Kind::Message);
        QVERIFY(item);
        QCOMPARE(item->event.text, std::string("Yes, with syrup"));
        QVERIFY(item->event.quote);
        QVERIFY(item->event.quote->target == m_bobsMessage);
        QCOMPARE(item->event.quote->author.value(), std::string("bob"));
        QCOMPARE(item->event.quote->excerpt, std::string("Pancakes tomorrow? 🥞"));
        auto atBob = messageWith(*m_bob, AccountId("alice"), sent->id);
        QVERIFY(atBob);
        QVERIFY(atBob->replyTo && *atBob->replyTo == m_bobsMessage);
        QCOMPARE(atBob->replyAuthor.value(), std::string("bob"));
        QCOMPARE(atBob->replyExcerpt, std::string("Pancakes tomorrow? 🥞"));

        // Alice's second device stores the reply from the sync transcript, quote included.
        auto synced = lapis::engine::test::receiveWaiting(*m_alice2);
        VERIFY_OK(synced);
        const auto *copy = findKind(*synced, engine::IncomingEvent::Kind::SyncedMessage);
        QVERIFY(copy);
        QVERIFY(copy->event.quote && copy->event.quote->target == m_bobsMessage);
        auto atAlice2 = messageWith(*m_alice2, AccountId("bob"), sent->id);
        QVERIFY(atAlice2);
        QVERIFY(atAlice2->replyTo && *atAlice2->replyTo == m_bobsMessage);
        QCOMPARE(atAlice2->replyExcerpt, std::string("Pancakes tomorrow? 🥞"));
        m_alicesReply = sent->id;
    }

    void longQuoteIsCutToTheBound()
    {
        std::string longText;
        for (int i = 0; i < 300; ++i)
            longText += "ü";
        auto sent = m_bob->sendText(AccountId("alice"), longText, false);
        VERIFY_OK(sent);
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice));
        auto reply = m_alice->sendReply(AccountId("bob"), sent->id, "That is long", false);
        VERIFY_OK(reply);
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        const auto *item = findKind(*got, engine::IncomingEvent::Kind::Message);
        QVERIFY(item && item->event.quote);
        QCOMPARE(item->event.quote->excerpt.size(), protocol::MaxQuoteExcerptChars * 2); // 200 two-byte ü
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice2));
    }

    void replyToUnknownOrForeignMessageRefused()
    {
        std::array<std::uint8_t, 16> unknown{};
        unknown.fill(0xAB);
        auto r = m_alice->sendReply(AccountId("bob"), MessageId(unknown), "to nothing", false);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        // Bob's message belongs to the conversation with Bob, not to one with Carol.
        auto other = m_alice->sendReply(AccountId("carol"), m_bobsMessage, "wrong chat", false);
        QVERIFY(!other.ok());
        QCOMPARE(other.error().code, ErrorCode::NotFound);
        auto reaction = m_alice->sendReaction(AccountId("carol"), m_bobsMessage, "👍", false);
        QVERIFY(!reaction.ok());
        QCOMPARE(reaction.error().code, ErrorCode::NotFound);
        QCOMPARE(m_alice->sendReaction(AccountId("bob"), m_bobsMessage, "", false).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(m_alice->sendReaction(AccountId("bob"), m_bobsMessage, std::string(100, 'x'), false).error().code,
                 ErrorCode::InvalidArgument);
        // Nothing of it was stored.
        auto history = m_alice->history(AccountId("bob"), 100);
        VERIFY_OK(history);
        QVERIFY(std::none_of(history->begin(), history->end(),
                             [](const auto &m) { return m.text == "to nothing" || m.text == "wrong chat"; }));
        QVERIFY(messageWith(*m_alice, AccountId("bob"), m_bobsMessage)->reactions.empty());
    }

    void reactionReachesPeerAndOwnDevices()
    {
        auto sent = m_alice->sendReaction(AccountId("bob"), m_bobsMessage, "👍", false);
        VERIFY_OK(sent);
        QVERIFY(sent->acceptedByRelay);
        const QStringList thumbs{QStringLiteral("👍 by alice")};
        QCOMPARE(reactionsOf(*messageWith(*m_alice, AccountId("bob"), m_bobsMessage)), thumbs);
        // A reaction is no message of its own.
        auto history = m_alice->history(AccountId("bob"), 100);
        QVERIFY(std::none_of(history->begin(), history->end(), [&](const auto &m) { return m.id == sent->id; }));

        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        const auto *item = findKind(*got, engine::IncomingEvent::Kind::Reaction);
        QVERIFY(item);
        QVERIFY(item->event.messageId == m_bobsMessage);
        QCOMPARE(item->event.text, std::string("👍"));
        QCOMPARE(reactionsOf(*messageWith(*m_bob, AccountId("alice"), m_bobsMessage)), thumbs);

        auto synced = lapis::engine::test::receiveWaiting(*m_alice2);
        VERIFY_OK(synced);
        QVERIFY(findKind(*synced, engine::IncomingEvent::Kind::Reaction));
        QCOMPARE(reactionsOf(*messageWith(*m_alice2, AccountId("bob"), m_bobsMessage)), thumbs);
    }

    void secondReactionReplacesTheFirst()
    {
        VERIFY_OK(m_alice->sendReaction(AccountId("bob"), m_bobsMessage, "❤️", false));
        // Bob reacts to Alice's reply as well: reactions of two people on two messages.
        VERIFY_OK(m_bob->sendReaction(AccountId("alice"), m_alicesReply, "😂", false));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice2));
        const QStringList heart{QStringLiteral("❤️ by alice")};
        const QStringList laugh{QStringLiteral("😂 by bob")};
        for (auto *engine : {m_alice.get(), m_alice2.get()}) {
            QCOMPARE(reactionsOf(*messageWith(*engine, AccountId("bob"), m_bobsMessage)), heart);
            QCOMPARE(reactionsOf(*messageWith(*engine, AccountId("bob"), m_alicesReply)), laugh);
        }
        QCOMPARE(reactionsOf(*messageWith(*m_bob, AccountId("alice"), m_bobsMessage)), heart);
        QCOMPARE(reactionsOf(*messageWith(*m_bob, AccountId("alice"), m_alicesReply)), laugh);
    }

    void removeWithdrawsTheReaction()
    {
        VERIFY_OK(m_alice->sendReaction(AccountId("bob"), m_bobsMessage, {}, true));
        QVERIFY(messageWith(*m_alice, AccountId("bob"), m_bobsMessage)->reactions.empty());
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        const auto *item = findKind(*got, engine::IncomingEvent::Kind::Reaction);
        QVERIFY(item && item->event.text.empty());
        QVERIFY(messageWith(*m_bob, AccountId("alice"), m_bobsMessage)->reactions.empty());
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice2));
        QVERIFY(messageWith(*m_alice2, AccountId("bob"), m_bobsMessage)->reactions.empty());
        // Bob's reaction to the reply is untouched.
        QCOMPARE(messageWith(*m_bob, AccountId("alice"), m_alicesReply)->reactions.size(), std::size_t(1));
    }

    void backupKeepsQuotesAndReactions()
    {
        const auto file = m_profiles.path(QStringLiteral("alice.lapisbackup")).toStdString();
        auto code = m_alice->exportBackup(file);
        VERIFY_OK(code);
        VERIFY_OK(engine::Engine::importBackup(m_profiles.optionsFor("restored"), file, *code));
        auto restored = engine::Engine::open(m_profiles.optionsFor("restored"));
        VERIFY_OK(restored);
        auto reply = messageWith(**restored, AccountId("bob"), m_alicesReply);
        QVERIFY(reply);
        QVERIFY(reply->replyTo && *reply->replyTo == m_bobsMessage);
        QCOMPARE(reply->replyAuthor.value(), std::string("bob"));
        QCOMPARE(reply->replyExcerpt, std::string("Pancakes tomorrow? 🥞"));
        QCOMPARE(reactionsOf(*reply), QStringList{QStringLiteral("😂 by bob")});
    }

private:
    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    engine::test::ProfilesOnRelay m_profiles{m_relay};
    std::unique_ptr<engine::Engine> m_alice;
    std::unique_ptr<engine::Engine> m_alice2;
    std::unique_ptr<engine::Engine> m_bob;
    MessageId m_bobsMessage;
    MessageId m_alicesReply;
};

QTEST_GUILESS_MAIN(TestEngineReplies)
#include "tst_engine_replies.moc"
