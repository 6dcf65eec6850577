// SPDX-License-Identifier: GPL-3.0-or-later
// Groups through a real relay (issue 18): a group of three where everyone writes and reads, a
// linked device of a member, a removal after which the removed member reads nothing (even when
// the relay's operator hands it the envelopes), changes from a non-admin and from an old state
// refused by every device, a removed member who cannot write, and a relay that learns nothing.
#include "GroupsTestSupport.h"

#include <lapis/store/GroupRepository.h>
#include <lapis/testsupport/RelayOperator.h>

#include <QDateTime>
#include <QDirIterator>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

class GroupsTest : public GroupsFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(startGroupPeople()); }

    void threeMembersAllWriteAndRead()
    {
        TRY_OK(created, m_alice->createGroup("Hiking club", {AccountId("bob"), AccountId("carol")}));
        QCOMPARE(created->members.size(), std::size_t(3));
        QVERIFY(created->isMember);
        QVERIFY(created->members.front().account == AccountId("alice") && created->members.front().admin);
        const auto id = created->id;

        for (auto *engine : {m_bob.get(), m_carol.get(), m_alice2.get()}) {
            const auto items = receiveKinds(*engine, IncomingEvent::Kind::GroupChanged);
            const auto *changed = findKind(items, IncomingEvent::Kind::GroupChanged);
            QVERIFY(changed);
            QVERIFY(changed->event.group && *changed->event.group == id);
            QVERIFY(changed->event.groupChange == protocol::GroupChange::Kind::Create);
            QCOMPARE(changed->event.from, AccountId("alice"));
            TRY_OK(seen, engine->group(id));
            QCOMPARE(seen->name, std::string("Hiking club"));
            QCOMPARE(seen->members.size(), std::size_t(3));
            QCOMPARE(seen->version, std::uint64_t(1));
        }

        TRY_OK(fromAlice, m_alice->sendGroupText(id, "trail at nine"));
        QVERIFY(fromAlice->acceptedByRelay);
        QCOMPARE(fromAlice->devices, std::size_t(3)); // bob, carol and alice's laptop
        TRY_OK(fromBob, m_bob->sendGroupText(id, "bringing snacks"));
        QVERIFY(fromBob->acceptedByRelay);
        QVERIFY(messageWithText(receiveText(*m_carol, "bringing snacks"), "bringing snacks"));
        TRY_OK(fromCarol, m_carol->sendGroupText(id, "see you there", fromAlice->id));
        QVERIFY(fromCarol->acceptedByRelay);

        for (auto *engine : {m_alice.get(), m_alice2.get(), m_bob.get(), m_carol.get()}) {
            TRY_OK(group, engine->group(id));
            // Three messages and the notice of the creation ("alice created Hiking club").
            QVERIFY(receiveUntilHistory(*engine, group->conversationKey, 4));
            TRY_OK(history, engine->history(group->conversationKey, 10));
            QCOMPARE(history->size(), std::size_t(4));
            std::size_t notices = 0;
            for (const auto &m : *history) {
                QVERIFY(m.endToEnd);
                if (m.kind != store::MessageKind::GroupChanged)
                    continue;
                ++notices;
                const auto notice = decodeGroupNotice(m.text);
                QVERIFY(notice && notice->kind == protocol::GroupChange::Kind::Create);
                QCOMPARE(notice->name, std::string("Hiking club"));
                QVERIFY((notice->members == std::vector<AccountId>{AccountId("bob"), AccountId("carol")}));
                QCOMPARE(m.sender, AccountId("alice"));
            }
            QCOMPARE(notices, std::size_t(1));
        }
        // A notice is no text anyone wrote: search never finds it.
        TRY_OK(found, m_bob->search("Hiking"));
        QVERIFY(found->empty());
        // Carol's reply quotes Alice's message, on every device.
        TRY_OK(group, m_bob->group(id));
        TRY_OK(bobsHistory, m_bob->history(group->conversationKey, 10));
        const auto reply = std::find_if(bobsHistory->begin(), bobsHistory->end(),
                                        [](const auto &m) { return m.text == "see you there"; });
        QVERIFY(reply != bobsHistory->end());
        QVERIFY(reply->replyTo && *reply->replyTo == fromAlice->id);
        QCOMPARE(reply->sender, AccountId("carol"));
        // The views send to a conversation: a group's conversation key goes to the group.
        TRY_OK(viaConversation, m_bob->sendText(group->conversationKey, "sent from the conversation view", false));
        QVERIFY(viaConversation->acceptedByRelay && viaConversation->endToEnd);
        QVERIFY(messageWithText(receiveText(*m_carol, "sent from the conversation view"),
                                "sent from the conversation view"));
        TRY_OK(markedRead, m_carol->markRead(group->conversationKey));
        QVERIFY(*markedRead >= 1);
        TRY_OK(groups, m_carol->groups());
        QVERIFY(std::any_of(groups->begin(), groups->end(), [&](const auto &g) { return g.id == id; }));
    }

    /// A removed member reads nothing sent after: every remaining device starts a new chain that
    /// Carol is never handed. The relay's operator copies the later envelopes into her mailbox
    /// (the relay's help): they cannot be read.
    void removedMemberReadsNothingAfter()
    {
        const auto id = newGroup("Book circle");
        QVERIFY(id);
        // Everyone has written once, so every device holds every chain.
        VERIFY_OK(m_alice->sendGroupText(*id, "chapter one"));
        VERIFY_OK(m_bob->sendGroupText(*id, "chapter two"));
        QVERIFY(messageWithText(receiveText(*m_carol, "chapter two"), "chapter two"));
        QVERIFY(messageWithText(receiveText(*m_alice, "chapter two"), "chapter two"));

        TRY_OK(removed, m_alice->removeGroupMembers(*id, {AccountId("carol")}));
        QCOMPARE(removed->members.size(), std::size_t(2));
        const auto carolsItems = receiveKinds(*m_carol, IncomingEvent::Kind::GroupChanged);
        const auto *removal = findKind(carolsItems, IncomingEvent::Kind::GroupChanged);
        QVERIFY(removal);
        QVERIFY(removal->event.groupChange == protocol::GroupChange::Kind::Remove);
        TRY_OK(carolsView, m_carol->group(*id));
        QVERIFY(!carolsView->isMember);
        // Carol's conversation says who removed her.
        TRY_OK(carolsNotices, m_carol->history(carolsView->conversationKey, 20));
        QVERIFY(std::any_of(carolsNotices->begin(), carolsNotices->end(), [](const store::StoredMessage &m) {
            const auto notice = decodeGroupNotice(m.text);
            return m.kind == store::MessageKind::GroupChanged && m.sender == AccountId("alice") && notice
                   && notice->kind == protocol::GroupChange::Kind::Remove
                   && notice->members == std::vector<AccountId>{AccountId("carol")};
        }));
        QVERIFY(findKind(receiveKinds(*m_bob, IncomingEvent::Kind::GroupChanged), IncomingEvent::Kind::GroupChanged));

        // Bob writes after the removal: to Alice's devices only, in a new chain.
        TRY_OK(after, m_bob->sendGroupText(*id, "the ending is a twist"));
        QVERIFY(after->acceptedByRelay);
        QCOMPARE(after->devices, std::size_t(2));
        lapis::test::RelayOperator relayOperator(m_relay.dataPath());
        const auto waiting = relayOperator.mailbox(QStringLiteral("alice"), 1);
        QVERIFY(waiting && !waiting->empty());
        // The operator drops every envelope Bob sent Alice into Carol's mailbox.
        int copied = 0;
        for (const auto &row : *waiting)
            if (row.senderAccount == QLatin1String("bob") && relayOperator.deliver(QStringLiteral("carol"), 1, row))
                ++copied;
        QVERIFY(copied > 0);
        auto got = m_carol->receive(std::chrono::seconds(20), [&](const std::vector<ReceivedItem> &items) {
            return countKind(items, IncomingEvent::Kind::Unreadable) >= static_cast<std::size_t>(copied);
        });
        VERIFY_OK(got);
        QVERIFY(!messageWithText(*got, "the ending is a twist"));
        QVERIFY(countKind(*got, IncomingEvent::Kind::Unreadable) >= 1);
        TRY_OK(carolsHistory, m_carol->history(carolsView->conversationKey, 20));
        for (const auto &m : *carolsHistory)
            QVERIFY(m.text != "the ending is a twist");
        // Not even a modified client could: with every group key Carol's device still holds (Bob's
        // chain from before the removal among them), no copied group message opens.
        int groupMessages = 0;
        for (const auto &row : *waiting) {
            if (row.senderAccount != QLatin1String("bob"))
                continue;
            auto envelope = protocol::Envelope::deserialize(
                ByteView(reinterpret_cast<const std::uint8_t *>(row.payload.constData()),
                         static_cast<std::size_t>(row.payload.size())));
            VERIFY_OK(envelope);
            if (envelope->type != protocol::Envelope::Type::SenderKey)
                continue;
            ++groupMessages;
            for (const auto &chain : receivingChainsOf(m_profiles.optionsFor("carol"), *id)) {
                auto receiver = protocol::SenderKeyReceiver::deserialize(chain.view());
                VERIFY_OK(receiver);
                const auto opened =
                    receiver->decrypt(envelope->ciphertext, protocol::senderKeyAssociatedData(*id, envelope->sender));
                QVERIFY2(!opened.ok(), "a removed member's kept key opened a message sent after the removal");
            }
        }
        QCOMPARE(groupMessages, 1);
        QVERIFY(!receivingChainsOf(m_profiles.optionsFor("carol"), *id).empty());
        // Alice reads it.
        QVERIFY(messageWithText(receiveText(*m_alice, "the ending is a twist"), "the ending is a twist"));

        // Carol cannot write to the group any more: her own device says so.
        EXPECT_ERROR(m_carol->sendGroupText(*id, "still here?"), ErrorCode::PermissionDenied);
    }

    /// Bob's device thinks he is an admin (he changed his own store) and removes Carol: Alice's
    /// and Carol's devices refuse it, and the group stays as it was everywhere but on his.
    void nonAdminChangeIsRefusedByEveryDevice()
    {
        const auto id = newGroup("Choir");
        QVERIFY(id);
        EXPECT_ERROR(m_bob->removeGroupMembers(*id, {AccountId("carol")}), ErrorCode::PermissionDenied);

        // Bob forges a promotion of himself by Alice into his own log.
        m_bob.reset();
        protocol::GroupChange forged;
        forged.group = *id;
        forged.changeId = protocol::newContentMessageId(QDateTime::currentMSecsSinceEpoch(), crypto::systemRandom());
        forged.author = AccountId("alice");
        forged.kind = protocol::GroupChange::Kind::Promote;
        forged.targets = {AccountId("bob")};
        // Its parent: the creation, the only change so far.
        const auto options = m_profiles.optionsFor("bob");
        forged.parents = {creationOf(options, *id)};
        const auto record = protocol::serializeGroupChange(forged);
        QVERIFY(tamperWithProfile(options, "INSERT INTO group_changes(group_id, change_id, record) VALUES (X'"
                                               + id->toHex() + "', X'" + forged.changeId.toHex() + "', X'"
                                               + toHex(record) + "')"));
        m_bob = reopened("bob");
        QVERIFY(m_bob);
        VERIFY_OK(m_bob->removeGroupMembers(*id, {AccountId("carol")}));

        for (auto *engine : {m_alice.get(), m_carol.get(), m_alice2.get()}) {
            const auto items = receiveKinds(*engine, IncomingEvent::Kind::GroupRefused);
            const auto *refused = findKind(items, IncomingEvent::Kind::GroupRefused);
            QVERIFY(refused);
            QCOMPARE(refused->event.from, AccountId("bob"));
            TRY_OK(group, engine->group(*id));
            QCOMPARE(group->members.size(), std::size_t(3));
            QCOMPARE(group->version, std::uint64_t(1));
        }
        TRY_OK(carols, m_carol->group(*id));
        QVERIFY(carols->isMember);
    }

    /// Alice's device goes back to an old state of the group (a restored copy, or someone
    /// replaying her old view): a change made on it is refused by every other device.
    void changeOnAnOldStateIsRefused()
    {
        const auto id = newGroup("Band");
        QVERIFY(id);
        VERIFY_OK(m_alice->renameGroup(*id, "Band (practice)"));
        for (auto *engine : {m_bob.get(), m_carol.get()})
            QVERIFY(
                findKind(receiveKinds(*engine, IncomingEvent::Kind::GroupChanged), IncomingEvent::Kind::GroupChanged));
        // Alice's device forgets the rename.
        m_alice.reset();
        const auto options = m_profiles.optionsFor("alice");
        QVERIFY(tamperWithProfile(options, "DELETE FROM group_changes WHERE group_id = X'" + id->toHex()
                                               + "' AND change_id <> (SELECT min(change_id) FROM group_changes "
                                                 "WHERE group_id = X'"
                                               + id->toHex() + "')"));
        m_alice = reopened("alice");
        QVERIFY(m_alice);
        VERIFY_OK(m_alice->renameGroup(*id, "Band (old)"));
        for (auto *engine : {m_bob.get(), m_carol.get()}) {
            const auto items = receiveKinds(*engine, IncomingEvent::Kind::GroupRefused);
            const auto *refused = findKind(items, IncomingEvent::Kind::GroupRefused);
            QVERIFY(refused);
            QVERIFY2(QString::fromStdString(refused->event.text).contains(QStringLiteral("old state")),
                     refused->event.text.c_str());
            TRY_OK(group, engine->group(*id));
            QCOMPARE(group->name, std::string("Band (practice)"));
        }
    }

    /// The relay holds envelopes, mailboxes and accounts: nowhere the group's name, its id or
    /// who is in it.
    void relayLearnsNothingOfTheGroup()
    {
        const std::string name = "Zebra-Quokka secret society";
        TRY_OK(created, m_alice->createGroup(name, {AccountId("bob"), AccountId("carol")}));
        VERIFY_OK(m_alice->sendGroupText(created->id, "meeting at the usual place"));
        const QByteArray rawId(reinterpret_cast<const char *>(created->id.bytes().data()),
                               static_cast<qsizetype>(created->id.bytes().size()));
        const QList<QByteArray> needles{QByteArray::fromStdString(name), rawId,
                                        QByteArray::fromStdString(created->id.toHex()),
                                        QByteArray::fromStdString(created->id.toHex()).toUpper()};
        int files = 0;
        QDirIterator it(m_relay.dataPath(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto bytes = file.readAll();
            ++files;
            for (const auto &needle : needles)
                QVERIFY2(!bytes.contains(needle), qPrintable(file.fileName()));
        }
        QVERIFY(files > 0);
    }

    /// A device linked after the group began holds it (the link bundle carries its log), reads
    /// what members send from then on (their batches to Alice's devices are refused until they
    /// look her devices up again, and the new device is handed their chains), and writes to it.
    /// A backup restored as a new device holds it too.
    void laterDevicesHoldTheGroup()
    {
        const auto id = newGroup("Family");
        QVERIFY(id);
        VERIFY_OK(m_bob->sendGroupText(*id, "before the laptop"));
        QVERIFY(messageWithText(receiveText(*m_alice, "before the laptop"), "before the laptop"));

        auto laptop = m_profiles.linked(*m_alice, "alice3", "alice's new laptop");
        QVERIFY(laptop);
        TRY_OK(held, laptop->group(*id));
        QCOMPARE(held->name, std::string("Family"));
        QCOMPARE(held->members.size(), std::size_t(3));
        QVERIFY(held->isMember);
        // The link bundle carries the conversation's notices as notices, not as text.
        QVERIFY(holdsCreationNotice(*laptop, held->conversationKey));

        TRY_OK(fromBob, m_bob->sendGroupText(*id, "welcome, laptop"));
        QVERIFY(fromBob->acceptedByRelay);
        QCOMPARE(fromBob->devices, std::size_t(4)); // carol, alice's phone and both laptops
        QVERIFY(messageWithText(receiveText(*laptop, "welcome, laptop"), "welcome, laptop"));
        TRY_OK(fromLaptop, laptop->sendGroupText(*id, "typing from the laptop"));
        QVERIFY(fromLaptop->acceptedByRelay);
        QVERIFY(messageWithText(receiveText(*m_bob, "typing from the laptop"), "typing from the laptop"));
        const auto mine = receiveText(*m_alice, "typing from the laptop");
        const auto *synced = messageWithText(mine, "typing from the laptop");
        QVERIFY(synced);
        QVERIFY(synced->event.kind == IncomingEvent::Kind::SyncedMessage);

        const QString backupFile = m_scratch.filePath(QStringLiteral("alice.lapisbackup"));
        TRY_OK(code, m_alice->exportBackup(backupFile.toStdString()));
        const auto restoredOptions = m_profiles.optionsFor("alice-restored");
        VERIFY_OK(Engine::importBackup(restoredOptions, backupFile.toStdString(), *code));
        TRY_OK(restored, Engine::open(restoredOptions));
        TRY_OK(again, (*restored)->group(*id));
        QCOMPARE(again->name, std::string("Family"));
        QCOMPARE(again->members.size(), std::size_t(3));
        QVERIFY(holdsCreationNotice(**restored, again->conversationKey));
        TRY_OK(history, (*restored)->history(again->conversationKey, 20));
        QVERIFY(std::any_of(history->begin(), history->end(),
                            [](const auto &m) { return m.text == "typing from the laptop"; }));
        VERIFY_OK(m_carol->sendGroupText(*id, "hello restored"));
        QVERIFY(messageWithText(receiveText(**restored, "hello restored"), "hello restored"));
    }

private:
    /// The conversation holds the notice of the group's creation, and no text that reads like one.
    static bool holdsCreationNotice(Engine &engine, const AccountId &key)
    {
        auto history = engine.history(key, 50);
        if (!history.ok())
            return false;
        bool notice = false;
        for (const auto &m : *history) {
            const auto decoded = decodeGroupNotice(m.text);
            if (decoded && m.kind != store::MessageKind::GroupChanged)
                return false;
            notice = notice || (decoded && decoded->kind == protocol::GroupChange::Kind::Create);
        }
        return notice;
    }

    /// Every receiving chain of the group the profile keeps (read while its engine is open, as
    /// a second connection to the database would).
    static std::vector<SecureBytes> receivingChainsOf(const ProfileOptions &options, const protocol::GroupId &group)
    {
        auto db = profileDatabase(options);
        std::vector<SecureBytes> out;
        if (!db)
            return out;
        auto stmt = db->prepare("SELECT chain FROM group_receiving_chains WHERE group_id = ?");
        if (!stmt.ok())
            return out;
        stmt->bindAll(group.bytes());
        while (true) {
            auto row = stmt->step();
            if (!row.ok() || !*row)
                break;
            out.push_back(stmt->secureBlob(0));
        }
        return out;
    }

    /// The id of the group's creation, as the profile keeps it.
    static MessageId creationOf(const ProfileOptions &options, const protocol::GroupId &group)
    {
        auto db = profileDatabase(options);
        if (!db)
            return {};
        store::GroupRepository groups(*db);
        auto records = groups.changes(group);
        for (const auto &record : *records) {
            auto change = protocol::deserializeGroupChange(record, group);
            if (change.ok() && change->kind == protocol::GroupChange::Kind::Create)
                return change->changeId;
        }
        return {};
    }
};

QTEST_GUILESS_MAIN(GroupsTest)
#include "tst_engine_groups.moc"
