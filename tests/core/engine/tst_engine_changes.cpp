// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20 through a real relay: edits and deletes for everyone reach both sides and a linked
// device, only the author may make them, one that overtakes its message (a relay that reorders)
// is applied when the message comes; a deleted message's words are gone from search and from the
// decrypted database; disappearing messages vanish on both sides, also while a profile is
// closed; typing indicators and read receipts, and the privacy switches that turn them off.
#include "Database.h" // the decrypted database, read with the key as a thief holding it would
#include "EngineTestUtil.h"

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/store/PassphraseKeyFile.h>
#include <lapis/testsupport/RelayOperator.h>

#include <QFile>
#include <QTest>

#include <thread>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;
using Kind = IncomingEvent::Kind;

namespace {

const ReceivedItem *findKind(const std::vector<ReceivedItem> &items, Kind kind)
{
    for (const auto &item : items)
        if (item.event.kind == kind)
            return &item;
    return nullptr;
}

/// Receives until an item of `kind` came (or the deadline passed); everything received.
std::vector<ReceivedItem> receiveUntil(Engine &engine, Kind kind,
                                       std::chrono::milliseconds deadline = std::chrono::seconds(20))
{
    auto got = engine.receive(
        deadline, [kind](const std::vector<ReceivedItem> &items) { return findKind(items, kind) != nullptr; });
    return got.ok() ? std::move(got).value() : std::vector<ReceivedItem>{};
}

std::optional<store::StoredMessage> messageWith(Engine &engine, const AccountId &peer, const MessageId &id)
{
    auto history = engine.history(peer, 500);
    if (!history.ok())
        return std::nullopt;
    for (auto &m : *history)
        if (m.id == id)
            return m;
    return std::nullopt;
}

/// The profile's database decrypted into a plain SQLite file (sqlcipher_export, as someone holding
/// the key would), its bytes: every table, the search index's segments included.
QByteArray decryptedDatabase(const ProfileOptions &options, const QString &scratch)
{
    const store::StorePaths paths(options.directory);
    auto key = store::PassphraseKeyFile::unwrap(paths.keyFile, *options.passphrase);
    if (!key.ok()) {
        qWarning("key: %s", key.error().message.c_str());
        return {};
    }
    auto db = store::Database::open(paths.database, key->view(), false);
    if (!db.ok()) {
        qWarning("open: %s", db.error().message.c_str());
        return {};
    }
    const QString plain = scratch + QStringLiteral("/plain.db");
    QFile::remove(plain);
    {
        // An empty file is an empty database: the store opens without SQLITE_OPEN_CREATE, which
        // ATTACH inherits.
        QFile empty(plain);
        if (!empty.open(QIODevice::WriteOnly))
            return {};
    }
    const auto exported = (*db)->exec("ATTACH DATABASE '" + plain.toStdString()
                                      + "' AS plain KEY ''; SELECT sqlcipher_export('plain'); DETACH DATABASE plain;");
    if (!exported.ok()) {
        qWarning("export: %s", exported.error().message.c_str());
        return {};
    }
    QFile file(plain);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class TestEngineChanges : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
        m_alice2 = m_profiles.linked(*m_alice, "alice2", "alice's laptop");
        QVERIFY(m_alice2);
        VERIFY_OK(m_bob->sendText(AccountId("alice"), "hi alice", false));
        VERIFY_OK(receiveWaiting(*m_alice, 1));
        VERIFY_OK(receiveWaiting(*m_alice2, 1));
    }

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

private:
    [[nodiscard]] std::unique_ptr<Engine> reopened(const std::string &name) const
    {
        auto engine = Engine::open(m_profiles.optionsFor(name));
        if (!engine.ok())
            qWarning("reopening %s: %s", name.c_str(), engine.error().message.c_str());
        return engine.ok() ? std::move(engine).value() : nullptr;
    }

    lapis::test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    ProfilesOnRelay m_profiles{m_relay};
    QTemporaryDir m_scratch;
    std::unique_ptr<Engine> m_alice;
    std::unique_ptr<Engine> m_alice2;
    std::unique_ptr<Engine> m_bob;
};

QTEST_GUILESS_MAIN(TestEngineChanges)
#include "tst_engine_changes.moc"
