// SPDX-License-Identifier: GPL-3.0-or-later
// Engine::sendTexts and its TextBurst through a real relay: Alice (two linked devices) sends
// bursts to Bob; a device list the relay refuses mid-burst is encrypted for anew, in order.
#include "EngineTestUtil.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/LocalIdentity.h>
#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/RelayLogin.h>
#include <lapis/engine/TextBurst.h>
#include <lapis/engine/WireKeys.h>
#include <lapis/protocol/Limits.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/transport/BatchSender.h>
#include <lapis/transport/RelayClient.h>

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif
#include <mutex>
#include <thread>

using namespace lapis;
using namespace std::chrono_literals;

using engine::test::fileText;

namespace {

std::vector<std::string> numberedTexts(const std::string &prefix, int count)
{
    std::vector<std::string> texts;
    for (int i = 0; i < count; ++i)
        texts.push_back(prefix + " " + std::to_string(i));
    return texts;
}

/// The texts of `peer`'s conversation on `engine` that start with `prefix`, oldest first.
std::vector<std::string> textsWith(engine::Engine &engine, const AccountId &peer, const std::string &prefix)
{
    std::vector<std::string> out;
    auto history = engine.history(peer, 5000);
    if (!history.ok())
        return out;
    for (const auto &m : *history)
        if (m.text.rfind(prefix, 0) == 0)
            out.push_back(m.text);
    return out;
}

} // namespace

class TestEngineBurst : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
        m_alice2 = m_profiles.linked(*m_alice, "alice2", "alice2");
        QVERIFY(m_alice2);
    }

    void burstArrivesInOrderOnEveryDevice()
    {
        const auto texts = numberedTexts("burst", 300);
        auto reports = m_alice->sendTexts(AccountId("bob"), texts, false);
        VERIFY_OK(reports);
        QCOMPARE(reports->size(), texts.size());
        for (const auto &report : *reports)
            QVERIFY(report.acceptedByRelay && report.endToEnd);

        // Sent, in order, with nothing left in the outbox.
        auto own = m_alice->history(AccountId("bob"), 1000);
        VERIFY_OK(own);
        QCOMPARE(own->size(), texts.size());
        for (std::size_t i = 0; i < texts.size(); ++i) {
            QCOMPARE((*own)[i].text, texts[i]);
            QVERIFY((*own)[i].id == (*reports)[i].id);
            QCOMPARE((*own)[i].state, store::MessageState::Sent);
        }
        QCOMPARE(*m_alice->flushOutbox(), 0);

        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        QCOMPARE(textsWith(*m_bob, AccountId("alice"), "burst"), texts);
        // Alice's other device stores each one from its sync transcript.
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice2));
        QCOMPARE(textsWith(*m_alice2, AccountId("bob"), "burst"), texts);
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice)); // Bob's delivery receipts
    }

    void sendsWithASessionLeaveThePrekeyPool()
    {
        // Someone draws Bob's one-time prekeys until none is left; Bob's next receive refills the pool.
        auto client =
            transport::RelayClient::create({m_relay.address().toStdString(), fileText(m_relay.certificatePath()), {}});
        VERIFY_OK(client);
        auto drainer = (*client)->registerAccount("drainer", "drainer password", "test");
        VERIFY_OK(drainer);
        (*client)->setCredentials(drainer->credentials);
        const auto drain = [&client]() -> int {
            for (int taken = 0; taken < 1000; ++taken) {
                auto bundles = (*client)->fetchPreKeyBundles("bob");
                if (!bundles.ok() || bundles->bundles.empty() || !bundles->bundles[0].oneTimePreKey)
                    return taken;
            }
            return -1;
        };
        QVERIFY(drain() >= 0);
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        // Alice holds a session with Bob's device: her sends take none of the fresh pool.
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "one", false));
        VERIFY_OK(m_alice->sendTexts(AccountId("bob"), {"two", "three"}, false));
        QCOMPARE(drain(), static_cast<int>(protocol::OneTimePreKeyTarget));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
    }

    void emptyTextRefusesTheWholeBurst()
    {
        auto refused = m_alice->sendTexts(AccountId("bob"), {"first", "", "third"}, false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.find("Message 2 is empty") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(textsWith(*m_alice, AccountId("bob"), "first").empty());
        const std::string tooLong(engine::MaxTextBytes + 1, 'x');
        auto long1 = m_alice->sendTexts(AccountId("bob"), {"first", tooLong}, false);
        QVERIFY(!long1.ok());
        QCOMPARE(long1.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(long1.error().message.find("send it as a file") != std::string::npos, long1.error().message.c_str());
        auto long2 = m_alice->sendText(AccountId("bob"), tooLong, false);
        QVERIFY(!long2.ok());
        QCOMPARE(long2.error().code, ErrorCode::InvalidArgument);
        QVERIFY(textsWith(*m_alice, AccountId("bob"), "first").empty());
        QVERIFY(textsWith(*m_alice, AccountId("bob"), tooLong.substr(0, 100)).empty());
        auto none = m_alice->sendTexts(AccountId("bob"), {}, false);
        VERIFY_OK(none);
        QVERIFY(none->empty());
    }

    void burstToUnknownAccountFailsBeforeStoringAnything()
    {
        auto failed = m_alice->sendTexts(AccountId("nobody-here"), {"hello"}, false);
        QVERIFY(!failed.ok());
        QVERIFY(textsWith(*m_alice, AccountId("nobody-here"), "hello").empty());
    }

    void burstOverTheRateLimitWaitsInTheOutbox()
    {
        // A relay at its default limits (50 requests a second, bursts of 200, per account).
        test::RelayProcess strict{QStringLiteral(LAPIS_RELAY_BINARY)};
        QVERIFY(strict.start());
        auto carol = engine::test::registeredEngine(m_profiles.optionsFor("carol"), "carol", strict.address(),
                                                    strict.certificatePath());
        auto dave = engine::test::registeredEngine(m_profiles.optionsFor("dave"), "dave", strict.address(),
                                                   strict.certificatePath());
        QVERIFY(carol && dave);
        const auto texts = numberedTexts("paced", 400);
        auto reports = carol->sendTexts(AccountId("dave"), texts, false);
        VERIFY_OK(reports);
        const auto accepted = std::count_if(reports->begin(), reports->end(),
                                            [](const engine::SendReport &r) { return r.acceptedByRelay; });
        QVERIFY2(accepted > 0 && accepted < 400, qPrintable(QString::number(accepted)));
        // Every message is stored; what the relay turned away waits in the outbox for later flushes.
        QCOMPARE(textsWith(*carol, AccountId("dave"), "paced"), texts);
        bool empty = false;
        for (int i = 0; i < 40 && !empty; ++i) {
            auto flushed = carol->flushOutbox();
            empty = flushed.ok() && *flushed == 0;
            if (!empty)
                QTest::qWait(500);
        }
        QVERIFY2(empty, "the outbox did not empty");
        auto own = carol->history(AccountId("dave"), 1000);
        VERIFY_OK(own);
        for (const auto &m : *own)
            QCOMPARE(m.state, store::MessageState::Sent);
        // Dave reads them in the order they were written, late ones included.
        VERIFY_OK(lapis::engine::test::receiveWaiting(*dave));
        QCOMPARE(textsWith(*dave, AccountId("carol"), "paced"), texts);
    }

    void refusedDeviceListIsEncryptedAnew()
    {
        // Bob links a second device. Alice's burst starts from a directory that does not list it
        // yet (as if Bob linked it while the burst was under way): the relay refuses those batches.
        m_bob2 = m_profiles.linked(*m_bob, "bob2", "bob2");
        QVERIFY(m_bob2);
        m_alice.reset(); // its store is opened below on its own
        const auto texts = numberedTexts("anew", 200);
        {
            SenderParts alice;
            QVERIFY(openSender(alice));
            engine::SendTargets stale;
            stale.recipientDevices = {m_bob->deviceId()};
            stale.bundles = alice.bobsDevices.bundles;
            engine::TextBurst burst(*alice.store, *alice.outgoing, *alice.stream, AccountId("bob"), AccountId("alice"),
                                    texts, [] { return QDateTime::currentMSecsSinceEpoch(); });
            auto first = burst.run(stale);
            VERIFY_OK(first);
            QVERIFY2(!*first, "the relay accepted a batch that missed a certified device");
            QVERIFY(burst.waiting() > 0);
            auto second = burst.run(alice.bobsDevices);
            VERIFY_OK(second);
            QVERIFY(*second);
            auto reports = burst.finish({});
            VERIFY_OK(reports);
            QCOMPARE(reports->size(), texts.size());
            for (const auto &report : *reports)
                QVERIFY(report.acceptedByRelay);
            QCOMPARE(burst.waiting(), std::size_t(0));
        }
        auto reopened = engine::Engine::open(m_profiles.optionsFor("alice"));
        VERIFY_OK(reopened);
        m_alice = std::move(*reopened);
        QCOMPARE(*m_alice->flushOutbox(), 0); // the refused envelopes left the outbox too

        // Both of Bob's devices read every message, in order: the first device across the gap the
        // refused envelopes left in its chain.
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        QCOMPARE(textsWith(*m_bob, AccountId("alice"), "anew"), texts);
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob2));
        QCOMPARE(textsWith(*m_bob2, AccountId("alice"), "anew"), texts);
    }

    void stalledRelayLeavesTheBurstInTheOutbox()
    {
#ifdef Q_OS_UNIX
        // The relay takes the stream but stops answering (here: the process is stopped). After the
        // stall timeout the burst gives the stream up; every message waits in the outbox. More than
        // fit in flight, and more than the connection's window takes while nobody reads.
        m_alice.reset();
        const auto texts = numberedTexts("stalled", 600);
        {
            SenderParts alice;
            QVERIFY(openSender(alice));
            engine::TextBurst burst(
                *alice.store, *alice.outgoing, *alice.stream, AccountId("bob"), AccountId("alice"), texts,
                [] { return QDateTime::currentMSecsSinceEpoch(); }, 1000ms);
            QCOMPARE(::kill(static_cast<pid_t>(m_relay.processId()), SIGSTOP), 0);
            auto complete = burst.run(alice.bobsDevices);
            auto reports = burst.finish({});
            QCOMPARE(::kill(static_cast<pid_t>(m_relay.processId()), SIGCONT), 0);
            VERIFY_OK(complete);
            VERIFY_OK(reports);
            QCOMPARE(reports->size(), texts.size());
            for (const auto &report : *reports)
                QVERIFY(!report.acceptedByRelay);
            QCOMPARE(burst.waiting(), texts.size());
        }
        auto reopened = engine::Engine::open(m_profiles.optionsFor("alice"));
        VERIFY_OK(reopened);
        m_alice = std::move(*reopened);
        int flushed = 0;
        for (int round = 0; round < 10; ++round) {
            auto sent = m_alice->flushOutbox();
            VERIFY_OK(sent);
            if (*sent == 0)
                break;
            flushed += *sent;
        }
        QCOMPARE(flushed, static_cast<int>(2 * texts.size())); // one envelope per device of Bob's
        // Whatever the relay still took from the abandoned stream arrives once, like the rest.
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        QCOMPARE(textsWith(*m_bob, AccountId("alice"), "stalled"), texts);
#else
        QSKIP("stops the relay with SIGSTOP");
#endif
    }

    void receiptRefusedForANewDeviceIsLookedUpAgain()
    {
        // Bob listens; his delivery receipts go to the devices of Alice's that he looked up once.
        std::mutex mutex;
        std::vector<std::string> seen;
        std::atomic<bool> stop{false};
        engine::ListenCallbacks callbacks;
        callbacks.onItem = [&](const engine::ReceivedItem &item) {
            std::lock_guard lock(mutex);
            seen.push_back(item.event.text);
        };
        Result<void> listened;
        std::thread listener([&] { listened = m_bob->listen(callbacks, [&] { return stop.load(); }); });
        const auto arrived = [&](const std::string &text) {
            std::lock_guard lock(mutex);
            return std::find(seen.begin(), seen.end(), text) != seen.end();
        };
        auto first = m_alice->sendText(AccountId("bob"), "receipt before", false);
        VERIFY_OK(first);
        QTRY_VERIFY_WITH_TIMEOUT(arrived("receipt before"), 10000);
        // Alice links a third device: Bob's remembered list misses it, so the relay refuses his
        // next receipt; it is sent again to the devices looked up anew, as are the ones after it.
        auto alice3 = m_profiles.linked(*m_alice, "alice3", "alice3");
        QVERIFY(alice3);
        auto lost = m_alice->sendText(AccountId("bob"), "receipt refused", false);
        VERIFY_OK(lost);
        QTRY_VERIFY_WITH_TIMEOUT(arrived("receipt refused"), 10000);
        auto later = m_alice->sendText(AccountId("bob"), "receipt looked up", false);
        VERIFY_OK(later);
        QTRY_VERIFY_WITH_TIMEOUT(arrived("receipt looked up"), 10000);
        // The refused receipt is sent again after the listener's next wait: Alice sees it delivered.
        const auto deliveredAtAlice = [&](const MessageId &id) {
            if (!lapis::engine::test::receiveWaiting(*m_alice).ok())
                return false;
            auto own = m_alice->history(AccountId("bob"), 20);
            if (!own.ok())
                return false;
            return std::any_of(own->begin(), own->end(), [&id](const store::StoredMessage &m) {
                return m.id == id && m.state == store::MessageState::Delivered;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(deliveredAtAlice(lost->id), 10000);
        stop = true;
        listener.join();
        VERIFY_OK(listened);

        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_alice));
        auto own = m_alice->history(AccountId("bob"), 20);
        VERIFY_OK(own);
        const auto stateOf = [&own](const MessageId &id) {
            for (const auto &m : *own)
                if (m.id == id)
                    return m.state;
            return store::MessageState::Failed;
        };
        QCOMPARE(stateOf(first->id), store::MessageState::Delivered);
        QCOMPARE(stateOf(lost->id), store::MessageState::Delivered);
        QCOMPARE(stateOf(later->id), store::MessageState::Delivered);
        // Alice's new device got the receipts too: it sees her messages delivered.
        VERIFY_OK(lapis::engine::test::receiveWaiting(*alice3));
        auto atAlice3 = alice3->history(AccountId("bob"), 20);
        VERIFY_OK(atAlice3);
        int deliveredThere = 0;
        for (const auto &m : *atAlice3)
            if ((m.id == lost->id || m.id == later->id) && m.state == store::MessageState::Delivered)
                ++deliveredThere;
        QCOMPARE(deliveredThere, 2);
    }

private:
    /// Alice's profile opened below the Engine, as Engine::sendTexts drives a TextBurst, with
    /// Bob's current devices and bundles from the relay.
    struct SenderParts {
        std::unique_ptr<store::Store> store;
        std::optional<engine::LocalIdentity> identity;
        std::unique_ptr<transport::RelayClient> client;
        std::optional<engine::OutgoingMessages> outgoing;
        std::optional<transport::BatchSender> stream;
        engine::SendTargets bobsDevices;
    };

    bool openSender(SenderParts &parts)
    {
        auto store = engine::openProfileStore(m_profiles.optionsFor("alice"));
        if (!store.ok())
            return false;
        parts.store = std::move(*store);
        auto own = parts.store->transact([](store::Transaction &tx) { return tx.accounts().load(); }).get();
        if (!own.ok() || !*own)
            return false;
        auto identity = engine::LocalIdentity::deserialize((*own)->identityKeyPair.view());
        auto login = engine::RelayLogin::deserialize((*own)->deviceCredentials.view());
        auto client =
            transport::RelayClient::create({m_relay.address().toStdString(), fileText(m_relay.certificatePath()), {}});
        if (!identity.ok() || !login.ok() || !client.ok())
            return false;
        parts.identity.emplace(std::move(*identity));
        parts.client = std::move(*client);
        const transport::DeviceCredentials credentials{
            (*own)->account.value(), (*own)->device.value(),
            Bytes(login->credential.view().begin(), login->credential.view().end())};
        parts.client->setCredentials(credentials);
        auto fetched = parts.client->fetchPreKeyBundles("bob");
        if (!fetched.ok())
            return false;
        auto bobKey = crypto::Ed25519PublicKey::fromBytes(fetched->accountKey);
        if (!bobKey.ok())
            return false;
        for (const auto &bundle : fetched->bundles) {
            auto decoded = engine::bundleFromRelay(*bobKey, bundle);
            if (!decoded.ok())
                return false;
            parts.bobsDevices.recipientDevices.emplace_back(bundle.deviceId);
            parts.bobsDevices.bundles.emplace(protocol::Address{AccountId("bob"), DeviceId(bundle.deviceId)}, *decoded);
        }
        parts.outgoing.emplace(parts.identity->address(), &*parts.identity, crypto::systemRandom());
        parts.stream.emplace(parts.client->channel(), m_relay.address().toStdString(), credentials);
        return true;
    }

    // Limits above these bursts and above the prekey draining of sendsWithASessionLeaveThePrekeyPool
    // (which drains Bob's pool twice); burstOverTheRateLimitWaitsInTheOutbox runs one at the defaults.
    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY),
                               {QStringLiteral("--rate-account"), QStringLiteral("10000/10000"),
                                QStringLiteral("--rate-connection"), QStringLiteral("10000/10000"),
                                QStringLiteral("--rate-prekey-caller"), QStringLiteral("10000/10000"),
                                QStringLiteral("--rate-prekey-target"), QStringLiteral("10000/10000")}};
    engine::test::ProfilesOnRelay m_profiles{m_relay};
    std::unique_ptr<engine::Engine> m_alice;
    std::unique_ptr<engine::Engine> m_alice2;
    std::unique_ptr<engine::Engine> m_bob;
    std::unique_ptr<engine::Engine> m_bob2;
};

QTEST_GUILESS_MAIN(TestEngineBurst)
#include "tst_engine_burst.moc"
