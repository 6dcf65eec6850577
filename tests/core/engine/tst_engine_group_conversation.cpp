// SPDX-License-Identifier: GPL-3.0-or-later
// A group's conversation through a real relay (issue 18): what goes to a conversation goes to a
// group's (reactions, edits, deletes for everyone, the timer, files uploaded once), and delivery
// and read receipts per member.
#include "GroupsTestSupport.h"

#include <lapis/store/MessageRepository.h>

#include <QDirIterator>
#include <QFile>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

class GroupConversationTest : public GroupsFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(startGroupPeople()); }

    /// What goes to a conversation goes to a group's as well: a reaction, an edit, a delete for
    /// everyone and the disappearing timer reach every member device, each applied as in a
    /// one-to-one conversation.
    void reactionsEditsDeletesAndTheTimer()
    {
        const auto id = newGroup("Lunch");
        QVERIFY(id);
        TRY_OK(group, m_alice->group(*id));
        const auto key = group->conversationKey;
        TRY_OK(asked, m_alice->sendGroupText(*id, "lunch at noon?"));
        QVERIFY(messageWithText(receiveText(*m_bob, "lunch at noon?"), "lunch at noon?"));
        QVERIFY(messageWithText(receiveText(*m_carol, "lunch at noon?"), "lunch at noon?"));

        TRY_OK(reacted, m_bob->sendReaction(key, asked->id, "👍", false));
        QVERIFY(reacted->acceptedByRelay && reacted->endToEnd);
        for (auto *engine : {m_alice.get(), m_carol.get()}) {
            const auto items = receiveKinds(*engine, IncomingEvent::Kind::Reaction);
            const auto *reaction = findKind(items, IncomingEvent::Kind::Reaction);
            QVERIFY(reaction);
            QCOMPARE(reaction->event.from, AccountId("bob"));
            QCOMPARE(reaction->event.conversationPeer, key);
            TRY_OK(history, engine->history(key, 20));
            const auto message =
                std::find_if(history->begin(), history->end(), [&](const auto &m) { return m.id == asked->id; });
            QVERIFY(message != history->end() && message->reactions.size() == 1);
            QCOMPARE(message->reactions.front().emoji, std::string("👍"));
        }

        VERIFY_OK(m_alice->editMessage(key, asked->id, "lunch at one?"));
        for (auto *engine : {m_bob.get(), m_carol.get()}) {
            QVERIFY(findKind(receiveKinds(*engine, IncomingEvent::Kind::Edit), IncomingEvent::Kind::Edit));
            TRY_OK(history, engine->history(key, 20));
            QVERIFY(std::any_of(history->begin(), history->end(),
                                [&](const auto &m) { return m.id == asked->id && m.text == "lunch at one?"; }));
        }

        VERIFY_OK(m_alice->setDisappearingTimer(key, 3600));
        for (auto *engine : {m_bob.get(), m_carol.get()}) {
            QVERIFY(
                findKind(receiveKinds(*engine, IncomingEvent::Kind::TimerChanged), IncomingEvent::Kind::TimerChanged));
            TRY_OK(timer, engine->disappearingTimer(key));
            QCOMPARE(*timer, std::uint32_t(3600));
        }
        TRY_OK(brief, m_carol->sendGroupText(*id, "gone in an hour"));
        const auto bobs = receiveText(*m_bob, "gone in an hour");
        const auto *arrived = messageWithText(bobs, "gone in an hour");
        QVERIFY(arrived);
        QCOMPARE(arrived->event.expireTimerSeconds, std::uint32_t(3600));

        VERIFY_OK(m_alice->deleteForEveryone(key, asked->id));
        for (auto *engine : {m_bob.get(), m_carol.get()}) {
            QVERIFY(findKind(receiveKinds(*engine, IncomingEvent::Kind::Delete), IncomingEvent::Kind::Delete));
            TRY_OK(history, engine->history(key, 20));
            QVERIFY(std::any_of(history->begin(), history->end(),
                                [&](const auto &m) { return m.id == asked->id && m.deleted && m.text.empty(); }));
        }
        // Only its author changes a message, in a group as anywhere.
        EXPECT_ERROR(m_bob->editMessage(key, brief->id, "not mine"), ErrorCode::PermissionDenied);
    }

    /// Delivery and read receipts per member: the sender sees who has the message and who has
    /// read it; the message counts as read only once everyone has. A removed member's receipt
    /// counts for nothing.
    void receiptsPerMember()
    {
        const auto id = newGroup("Choir practice");
        QVERIFY(id);
        TRY_OK(sent, m_alice->sendGroupText(*id, "rehearsal moved to seven"));
        QVERIFY(messageWithText(receiveText(*m_bob, "rehearsal moved to seven"), "rehearsal moved to seven"));
        QVERIFY(messageWithText(receiveText(*m_carol, "rehearsal moved to seven"), "rehearsal moved to seven"));
        const auto stateOf = [&](const AccountId &account) {
            auto receipts = m_alice->groupReceipts(*id, sent->id);
            if (!receipts.ok())
                return store::MessageState::Failed;
            for (const auto &r : *receipts)
                if (r.account == account)
                    return r.state;
            return store::MessageState::Failed;
        };
        const auto rowState = [&] {
            auto group = m_alice->group(*id);
            auto history = group.ok() ? m_alice->history(group->conversationKey, 20)
                                      : Result<std::vector<store::StoredMessage>>(group.error());
            if (history.ok())
                for (const auto &m : *history)
                    if (m.id == sent->id)
                        return m.state;
            return store::MessageState::Failed;
        };
        // Both devices acknowledged it on arrival.
        QVERIFY(receiveKinds(*m_alice, IncomingEvent::Kind::Receipt, 2).size() >= 2);
        QCOMPARE(stateOf(AccountId("bob")), store::MessageState::Delivered);
        QCOMPARE(stateOf(AccountId("carol")), store::MessageState::Delivered);
        QCOMPARE(rowState(), store::MessageState::Delivered);

        TRY_OK(group, m_bob->group(*id));
        VERIFY_OK(m_bob->markRead(group->conversationKey));
        QVERIFY(findKind(receiveKinds(*m_alice, IncomingEvent::Kind::Receipt), IncomingEvent::Kind::Receipt));
        QCOMPARE(stateOf(AccountId("bob")), store::MessageState::Read);
        QCOMPARE(stateOf(AccountId("carol")), store::MessageState::Delivered);
        QCOMPARE(rowState(), store::MessageState::Delivered); // not everyone has read it

        // Carol is removed, then reads what she still holds: her receipt counts for nothing.
        VERIFY_OK(m_alice->removeGroupMembers(*id, {AccountId("carol")}));
        QVERIFY(findKind(receiveKinds(*m_carol, IncomingEvent::Kind::GroupChanged), IncomingEvent::Kind::GroupChanged));
        VERIFY_OK(m_carol->markRead(group->conversationKey));
        (void)receiveKinds(*m_alice, IncomingEvent::Kind::Receipt);
        TRY_OK(left, m_alice->groupReceipts(*id, sent->id));
        QCOMPARE(left->size(), std::size_t(1));                                 // bob: the members now
        QCOMPARE(rowState(), store::MessageState::Delivered);                   // Carol's read counted for nothing
        QCOMPARE(carolsKeptState(sent->id), store::MessageState::Delivered);    // from before, when a member
        EXPECT_ERROR(m_bob->groupReceipts(*id, sent->id), ErrorCode::NotFound); // not bob's message
    }

    /// A file sent to the group is encrypted and uploaded once: one blob on the relay, its pointer
    /// in the one group message, and every member device opens the same bytes. A removed member's
    /// device sends no file at all (nothing is uploaded).
    void aFileGoesToEveryMemberUploadedOnce()
    {
        const auto id = newGroup("Photo club");
        QVERIFY(id);
        const QString path = m_scratch.filePath(QStringLiteral("harbour.bin"));
        QByteArray bytes(300 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<char>((i * 131) ^ (i >> 7));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        }
        const auto blobsBefore = blobCount();
        TRY_OK(group, m_alice->group(*id));
        TRY_OK(sent, m_alice->sendFile(group->conversationKey, path.toStdString(), false));
        QVERIFY(sent->acceptedByRelay && sent->endToEnd);
        QCOMPARE(blobCount(), blobsBefore + 1);

        for (auto *engine : {m_bob.get(), m_carol.get(), m_alice2.get()}) {
            auto got = engine->receive(std::chrono::seconds(20), [&](const std::vector<ReceivedItem> &items) {
                return std::any_of(items.begin(), items.end(),
                                   [&](const ReceivedItem &i) { return i.event.messageId == sent->id; });
            });
            VERIFY_OK(got);
            TRY_OK(page, engine->messagePage(group->conversationKey, 1, std::nullopt));
            QVERIFY(!page->page.messages.empty() && page->page.messages.front().id == sent->id);
            const auto files = page->attachments[sent->id.toHex()];
            QCOMPARE(files.size(), std::size_t(1));
            QCOMPARE(files.front().fileName, std::string("harbour.bin"));
            QTemporaryDir out;
            TRY_OK(saved, engine->saveAttachmentIn(files.front().id, out.path().toStdString()));
            QFile file(QString::fromStdString(saved->string()));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll() == bytes);
        }

        VERIFY_OK(m_alice->removeGroupMembers(*id, {AccountId("carol")}));
        QVERIFY(findKind(receiveKinds(*m_carol, IncomingEvent::Kind::GroupChanged), IncomingEvent::Kind::GroupChanged));
        const auto blobsThen = blobCount();
        EXPECT_ERROR(m_carol->sendFile(group->conversationKey, path.toStdString(), false), ErrorCode::PermissionDenied);
        QCOMPARE(blobCount(), blobsThen);
    }

private:
    /// The state Alice's store keeps from Carol's receipts for `id` (Sent: none).
    store::MessageState carolsKeptState(const MessageId &id)
    {
        auto db = profileDatabase(m_profiles.optionsFor("alice"));
        if (!db)
            return store::MessageState::Failed;
        store::MessageRepository messages(*db);
        auto receipts = messages.receipts(id);
        if (!receipts.ok())
            return store::MessageState::Failed;
        for (const auto &r : *receipts)
            if (r.account == AccountId("carol"))
                return r.state;
        return store::MessageState::Sent;
    }

    /// How many attachment blobs the relay holds.
    [[nodiscard]] std::size_t blobCount() const
    {
        std::size_t count = 0;
        QDirIterator it(m_relay.dataPath() + QStringLiteral("/blobs"), QDir::Files);
        while (it.hasNext()) {
            it.next();
            ++count;
        }
        return count;
    }
};

QTEST_GUILESS_MAIN(GroupConversationTest)
#include "tst_engine_group_conversation.moc"
