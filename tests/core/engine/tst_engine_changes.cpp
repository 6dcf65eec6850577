// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20 through a real relay: edits and deletes for everyone reach both sides and a linked
// device, only the author may make them, one that overtakes its message (a relay that reorders)
// is applied when the message comes; a deleted message's words are gone from search and from the
// decrypted database. Disappearing messages and typing: tst_engine_disappearing.
#include "ChangesTestSupport.h"
#include "Database.h" // the decrypted database, read with the key as a thief holding it would

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/testsupport/RelayOperator.h>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

class TestEngineChanges : public ChangesFixture {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(startPeople()); }

    void editReachesBothSidesAndALinkedDevice()
    {
        auto sent = m_alice->sendText(AccountId("bob"), "see you at the aquarium", false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));

        auto edited = m_alice->editMessage(AccountId("bob"), sent->id, "see you at the planetarium");
        VERIFY_OK(edited);
        QVERIFY(edited->acceptedByRelay && edited->endToEnd);

        const auto atBob = receiveUntil(*m_bob, Kind::Edit);
        const auto *event = findKind(atBob, Kind::Edit);
        QVERIFY(event);
        QVERIFY(event->event.messageId == sent->id);
        QCOMPARE(event->event.text, std::string("see you at the planetarium"));
        QVERIFY(findKind(receiveUntil(*m_alice2, Kind::Edit), Kind::Edit));

        for (auto *engine : {m_alice.get(), m_alice2.get(), m_bob.get()}) {
            const AccountId peer(engine == m_bob.get() ? "alice" : "bob");
            auto message = messageWith(*engine, peer, sent->id);
            QVERIFY(message);
            QCOMPARE(message->text, std::string("see you at the planetarium"));
            QVERIFY(message->editedAtMs);
            auto versions = engine->editHistory(peer, sent->id);
            VERIFY_OK(versions);
            QCOMPARE(versions->size(), std::size_t{1});
            QCOMPARE(versions->front().text, std::string("see you at the aquarium"));
            // Search finds the current text only.
            QCOMPARE(engine->search("planetarium")->size(), std::size_t{1});
            QCOMPARE(engine->search("aquarium")->size(), std::size_t{0});
        }
    }

    void onlyTheAuthorMayChangeAMessage()
    {
        auto sent = m_alice->sendText(AccountId("bob"), "my words, not yours", false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        // Bob's engine refuses at once.
        auto refused = m_bob->editMessage(AccountId("alice"), sent->id, "bob's words");
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
        QVERIFY(!m_bob->deleteForEveryone(AccountId("alice"), sent->id).ok());

        // A modified client of Bob's sends the edit and the delete anyway (a bare Sender, which
        // applies nothing locally it could not find): Alice's devices refuse both.
        const auto unreadableBefore = m_alice->unreadableEnvelopes();
        m_bob.reset();
        {
            auto store = openProfileStore(m_profiles.optionsFor("bob"));
            VERIFY_OK(store);
            EngineContext context(m_profiles.optionsFor("bob").directory, std::move(*store));
            DeviceDirectory directory(context);
            KeyMaintenance keys(context);
            Devices devices(context, directory);
            Accounts accounts(context, keys, devices);
            VERIFY_OK(accounts.loadAccount());
            Sender sender(context, directory);
            protocol::DataMessage edit;
            edit.edit = protocol::Edit{sent->id, "bob's words"};
            // Bob's store has Alice's message too, so his own copy changes; hers must not.
            VERIFY_OK(sender.sendData(AccountId("alice"), edit, false));
            protocol::DataMessage deletion;
            deletion.deletion = protocol::Delete{sent->id};
            VERIFY_OK(sender.sendData(AccountId("alice"), deletion, false));
        }
        m_bob = reopened("bob");
        auto got = m_alice->receive(std::chrono::seconds(20), [](const std::vector<ReceivedItem> &items) {
            return std::count_if(items.begin(), items.end(),
                                 [](const ReceivedItem &i) { return i.event.kind == Kind::Unreadable; })
                   >= 2;
        });
        VERIFY_OK(got);
        QCOMPARE(m_alice->unreadableEnvelopes() - unreadableBefore, std::uint64_t{2});
        QVERIFY(!findKind(*got, Kind::Edit) && !findKind(*got, Kind::Delete));
        auto kept = messageWith(*m_alice, AccountId("bob"), sent->id);
        QVERIFY(kept && !kept->deleted);
        QCOMPARE(kept->text, std::string("my words, not yours"));
        QVERIFY(!kept->editedAtMs);
    }

    void changeThatOvertakesItsMessageIsAppliedOnArrival()
    {
        // Bob is not receiving: the message and its edit wait in his mailbox, in that order.
        auto sent = m_alice->sendText(AccountId("bob"), "the train leaves at nine", false);
        VERIFY_OK(sent);
        VERIFY_OK(m_alice->editMessage(AccountId("bob"), sent->id, "the train leaves at ten"));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        const lapis::test::RelayOperator relayOperator(m_relay.dataPath());
        const auto bobDevice = m_bob->deviceId().value();
        auto waiting = relayOperator.mailbox(QStringLiteral("bob"), bobDevice);
        QVERIFY(waiting && waiting->size() == 2);
        // The operator holds the message back and hands it over after its edit.
        const auto message = waiting->front();
        QVERIFY(relayOperator.sql(QStringLiteral("DELETE FROM mailbox WHERE id = %1").arg(message.id)));
        const auto edit = receiveUntil(*m_bob, Kind::Edit);
        QVERIFY(findKind(edit, Kind::Edit));
        QVERIFY(!messageWith(*m_bob, AccountId("alice"), sent->id));
        QVERIFY(relayOperator.deliver(QStringLiteral("bob"), bobDevice, message));
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        auto arrived = messageWith(*m_bob, AccountId("alice"), sent->id);
        QVERIFY(arrived);
        QCOMPARE(arrived->text, std::string("the train leaves at ten"));
        QCOMPARE(m_bob->editHistory(AccountId("alice"), sent->id)->size(), std::size_t{1});
    }

    void deleteForEveryoneErasesTheWordsEverywhere()
    {
        auto sent = m_alice->sendText(AccountId("bob"), "the quokka smiles at midnight", false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        // Bob quotes it, and every device has indexed it for search.
        VERIFY_OK(m_bob->sendReply(AccountId("alice"), sent->id, "a smiling marsupial?", false));
        VERIFY_OK(receiveWaiting(*m_alice, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        for (auto *engine : {m_alice.get(), m_alice2.get(), m_bob.get()})
            QCOMPARE(engine->search("quokka")->size(), std::size_t{1});

        auto deleted = m_alice->deleteForEveryone(AccountId("bob"), sent->id);
        VERIFY_OK(deleted);
        QVERIFY(deleted->acceptedByRelay);
        QVERIFY(findKind(receiveUntil(*m_bob, Kind::Delete), Kind::Delete));
        QVERIFY(findKind(receiveUntil(*m_alice2, Kind::Delete), Kind::Delete));
        for (auto *engine : {m_alice.get(), m_alice2.get(), m_bob.get()}) {
            const AccountId peer(engine == m_bob.get() ? "alice" : "bob");
            auto message = messageWith(*engine, peer, sent->id);
            QVERIFY(message && message->deleted && message->text.empty());
            QCOMPARE(engine->search("quokka")->size(), std::size_t{0});
            auto history = engine->history(peer, 500);
            VERIFY_OK(history);
            for (const auto &m : *history)
                QVERIFY(m.replyExcerpt.find("quokka") == std::string::npos);
        }
        // Nothing of it is left in the decrypted databases, the search index's segments included.
        m_bob.reset();
        m_alice2.reset();
        for (const char *name : {"bob", "alice2"}) {
            const auto plain = decryptedDatabase(m_profiles.optionsFor(name), m_scratch.path());
            QVERIFY2(!plain.isEmpty(), name);
            QVERIFY2(plain.contains("marsupial"), name); // the scan sees what is there
            QVERIFY2(!plain.contains("quokka"), name);
        }
        m_bob = reopened("bob");
        m_alice2 = reopened("alice2");
    }

    void deletedAttachmentFileIsRemoved()
    {
        const QString path = m_scratch.filePath(QStringLiteral("map.txt"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(20'000, 'm'));
        }
        auto sent = m_alice->sendFile(AccountId("bob"), path.toStdString(), false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_bob, 1));
        const auto attachmentsOfBob = [&] {
            return QDir(m_profiles.path(QStringLiteral("bob")) + QStringLiteral("/attachments"))
                .entryList(QDir::Files)
                .size();
        };
        const auto before = attachmentsOfBob();
        QVERIFY(before >= 1);
        VERIFY_OK(m_alice->deleteForEveryone(AccountId("bob"), sent->id));
        QVERIFY(findKind(receiveUntil(*m_bob, Kind::Delete), Kind::Delete));
        QCOMPARE(attachmentsOfBob(), before - 1);
        VERIFY_OK(receiveWaiting(*m_alice2, 0));
    }

    void deleteForMeRemovesItHereOnly()
    {
        auto sent = m_bob->sendText(AccountId("alice"), "only alice forgets this", false);
        VERIFY_OK(sent);
        VERIFY_OK(receiveWaiting(*m_alice, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
        VERIFY_OK(m_alice->deleteForMe(AccountId("bob"), sent->id));
        QVERIFY(!messageWith(*m_alice, AccountId("bob"), sent->id));
        QVERIFY(messageWith(*m_alice2, AccountId("bob"), sent->id));
        QVERIFY(messageWith(*m_bob, AccountId("alice"), sent->id));
        QCOMPARE(m_alice->search("forgets")->size(), std::size_t{0});
        // Someone else's message: deleted here, never for everyone.
        QVERIFY(!m_alice2->deleteForEveryone(AccountId("bob"), sent->id).ok());
    }
};

QTEST_GUILESS_MAIN(TestEngineChanges)
#include "tst_engine_changes.moc"
