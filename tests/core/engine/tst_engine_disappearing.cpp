// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20 through a real relay: disappearing messages vanish on both sides (the sender's copy
// from sending, the reader's from reading), also while a profile is closed; the timer survives a
// backup and linking; typing indicators and read receipts, and the privacy switches that turn
// them off (neither sent nor shown).
#include "ChangesTestSupport.h"

#include <QTest>

#include <thread>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

class TestEngineDisappearing : public ChangesFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(startPeople()); }

    void disappearingMessagesVanishOnBothSides()
    {
        auto set = m_alice->setDisappearingTimer(AccountId("bob"), 1);
        VERIFY_OK(set);
        const auto timer = receiveUntil(*m_bob, Kind::TimerChanged);
        const auto *notice = findKind(timer, Kind::TimerChanged);
        QVERIFY(notice);
        QCOMPARE(notice->event.expireTimerSeconds, 1U);
        QCOMPARE(*m_bob->disappearingTimer(AccountId("alice")), 1U);
        QVERIFY(findKind(receiveUntil(*m_alice2, Kind::TimerChanged), Kind::TimerChanged));
        QCOMPARE(*m_alice2->disappearingTimer(AccountId("bob")), 1U);

        auto sent = m_alice->sendText(AccountId("bob"), "this note burns", false);
        VERIFY_OK(sent);
        auto got = receiveWaiting(*m_bob, 1);
        VERIFY_OK(got);
        QCOMPARE(got->back().event.expireTimerSeconds, 1U);
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        // Unread, Bob's copy waits; Alice's count from sending.
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        QVERIFY(!messageWith(*m_alice, AccountId("bob"), sent->id));
        QVERIFY(!messageWith(*m_alice2, AccountId("bob"), sent->id));
        QVERIFY(messageWith(*m_bob, AccountId("alice"), sent->id));
        // Read, it goes a second later.
        VERIFY_OK(m_bob->markRead(AccountId("alice")));
        QVERIFY(messageWith(*m_bob, AccountId("alice"), sent->id));
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        QVERIFY(!messageWith(*m_bob, AccountId("alice"), sent->id));

        // The notice stays in both histories.
        auto history = m_bob->history(AccountId("alice"), 500);
        VERIFY_OK(history);
        QVERIFY(std::any_of(history->begin(), history->end(), [](const store::StoredMessage &m) {
            return m.kind == store::MessageKind::TimerChanged && m.expireTimerSeconds == 1;
        }));
    }

    void messageThatExpiredWhileClosedIsGoneAtTheNextStart()
    {
        auto sent = m_alice->sendText(AccountId("bob"), "gone before you look", false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        VERIFY_OK(m_bob->markRead(AccountId("alice")));
        m_bob.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        // Opening the profile erases it: it is gone from the database before any view reads it.
        m_bob = reopened("bob");
        QVERIFY(m_bob);
        m_bob.reset();
        QVERIFY(!decryptedDatabase(m_profiles.optionsFor("bob"), m_scratch.path()).contains("gone before you look"));
        m_bob = reopened("bob");
        QVERIFY(!messageWith(*m_bob, AccountId("alice"), sent->id));

        // Off again: what is sent now stays.
        VERIFY_OK(m_bob->setDisappearingTimer(AccountId("alice"), 0));
        QVERIFY(findKind(receiveUntil(*m_alice, Kind::TimerChanged), Kind::TimerChanged));
        QCOMPARE(*m_alice->disappearingTimer(AccountId("bob")), 0U);
        VERIFY_OK(receiveWaiting(*m_alice2, 0));
    }

    // The timer and the messages under it travel in a backup and a link bundle; what is due does not.
    void timerSurvivesBackupAndLinking()
    {
        VERIFY_OK(m_alice->setDisappearingTimer(AccountId("bob"), 3600));
        auto kept = m_alice->sendText(AccountId("bob"), "an hour to live", false);
        VERIFY_OK(kept);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        const auto sentUnder = messageWith(*m_alice, AccountId("bob"), kept->id);
        QVERIFY(sentUnder && sentUnder->expiresAtMs);

        auto linked = m_profiles.linked(*m_alice, "alice3", "alice's tablet");
        QVERIFY(linked);
        QCOMPARE(*linked->disappearingTimer(AccountId("bob")), 3600U);
        auto copy = messageWith(*linked, AccountId("bob"), kept->id);
        QVERIFY(copy);
        QCOMPARE(copy->expireTimerSeconds, 3600U);
        QCOMPARE(copy->expiresAtMs.value_or(0), *sentUnder->expiresAtMs);

        const auto backup = m_scratch.filePath(QStringLiteral("alice.lapisbackup")).toStdString();
        auto code = m_alice->exportBackup(backup);
        VERIFY_OK(code);
        auto target = profileAt(m_scratch.filePath(QStringLiteral("restored")));
        VERIFY_OK(Engine::importBackup(target, backup, *code));
        auto restored = Engine::open(target);
        VERIFY_OK(restored);
        QCOMPARE(*(*restored)->disappearingTimer(AccountId("bob")), 3600U);
        auto fromBackup = messageWith(**restored, AccountId("bob"), kept->id);
        QVERIFY(fromBackup);
        QCOMPARE(fromBackup->expiresAtMs.value_or(0), *sentUnder->expiresAtMs);
        restored->reset();

        VERIFY_OK(m_alice->setDisappearingTimer(AccountId("bob"), 0));
        VERIFY_OK(receiveWaiting(*m_bob, 0));
        VERIFY_OK(receiveWaiting(*m_alice2, 0));
    }

    void typingStartsAndStops()
    {
        VERIFY_OK(m_alice->sendTyping(AccountId("bob"), true));
        const auto started = receiveUntil(*m_bob, Kind::Typing);
        const auto *typing = findKind(started, Kind::Typing);
        QVERIFY(typing);
        QVERIFY(typing->event.typingStarted);
        QCOMPARE(typing->event.from, AccountId("alice"));
        VERIFY_OK(m_alice->sendTyping(AccountId("bob"), false));
        const auto stopped = receiveUntil(*m_bob, Kind::Typing);
        QVERIFY(findKind(stopped, Kind::Typing) && !findKind(stopped, Kind::Typing)->event.typingStarted);

        // Off on Alice's side: nothing is sent (the message after it arrives alone).
        VERIFY_OK(m_alice->setPrivacy(PrivacySettings{false, true}));
        VERIFY_OK(m_alice->sendTyping(AccountId("bob"), true));
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "typed in silence", false));
        auto got = receiveWaiting(*m_bob, 1);
        VERIFY_OK(got);
        QVERIFY(!findKind(*got, Kind::Typing));
        // Off on Bob's side: Alice's typing is not shown.
        VERIFY_OK(m_alice->setPrivacy(PrivacySettings{true, true}));
        VERIFY_OK(m_bob->setPrivacy(PrivacySettings{false, true}));
        VERIFY_OK(m_alice->sendTyping(AccountId("bob"), true));
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "typed unseen", false));
        got = receiveWaiting(*m_bob, 1);
        VERIFY_OK(got);
        QVERIFY(!findKind(*got, Kind::Typing));
        VERIFY_OK(m_bob->setPrivacy(PrivacySettings{true, true}));
        VERIFY_OK(receiveWaiting(*m_alice2, 2));
    }

    void readReceiptsOffAreNeitherSentNorShown()
    {
        // The setting is kept in the profile.
        VERIFY_OK(m_bob->setPrivacy(PrivacySettings{true, false}));
        m_bob.reset();
        m_bob = reopened("bob");
        QVERIFY(!m_bob->privacy().readReceipts);

        auto sent = m_alice->sendText(AccountId("bob"), "did you read this?", false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        VERIFY_OK(m_bob->markRead(AccountId("alice")));
        VERIFY_OK(m_bob->sendText(AccountId("alice"), "a later message", false));
        VERIFY_OK(receiveWaiting(*m_alice, 1));
        QCOMPARE(messageWith(*m_alice, AccountId("bob"), sent->id)->state, store::MessageState::Delivered);

        // Bob's message, read by Alice (receipts on): Bob does not see it read either.
        VERIFY_OK(m_alice->markRead(AccountId("bob")));
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "marker", false));
        auto got = receiveWaiting(*m_bob, 1);
        VERIFY_OK(got);
        auto history = m_bob->history(AccountId("alice"), 500);
        for (const auto &m : *history)
            if (m.direction == store::MessageDirection::Outgoing)
                QVERIFY(m.state != store::MessageState::Read);
        VERIFY_OK(m_bob->setPrivacy(PrivacySettings{true, true}));
    }
};

QTEST_GUILESS_MAIN(TestEngineDisappearing)
#include "tst_engine_disappearing.moc"
