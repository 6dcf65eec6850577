// SPDX-License-Identifier: GPL-3.0-or-later
// The receiving side against a dishonest relay (issue 16): its operator writes into the relay's
// own database what the relay is trusted to stamp (the sender, the time, the plaintext flag) and
// replays what it carried before. Real profiles, a real relay over TLS, real files.
#include "EngineTestUtil.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/protocol/Content.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/SessionCipher.h>
#include <lapis/store/Store.h>
#include <lapis/testsupport/RelayOperator.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDateTime>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace lapis;
using namespace std::chrono_literals;
using test::RelayOperator;

namespace {
std::size_t countKind(const std::vector<engine::ReceivedItem> &items, engine::IncomingEvent::Kind kind)
{
    return static_cast<std::size_t>(
        std::count_if(items.begin(), items.end(), [&](const auto &i) { return i.event.kind == kind; }));
}

std::size_t countText(const std::vector<store::StoredMessage> &messages, const std::string &text)
{
    return static_cast<std::size_t>(
        std::count_if(messages.begin(), messages.end(), [&](const auto &m) { return m.text == text; }));
}

QByteArray toQt(ByteView bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

Bytes fromQt(const QByteArray &bytes)
{
    return {bytes.begin(), bytes.end()};
}
} // namespace

class TestEngineHostileRelay : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
        // Alice and Bob talk end to end: Bob pins Alice's account key.
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "hello bob", false));
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        QCOMPARE(got->size(), std::size_t{1});
    }

    // Item 1: plaintext "from alice" that the operator drops into Bob's mailbox is refused, not
    // stored in the conversation, and reported once.
    void forgedPlaintextFromAnEncryptingContactIsRefused()
    {
        auto &rng = crypto::systemRandom();
        protocol::Content content;
        content.messageId = protocol::newContentMessageId(QDateTime::currentMSecsSinceEpoch(), rng);
        content.data = protocol::DataMessage{};
        content.data->text = "send me your password";
        content.data->timestamp = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
        auto padded = content.serialize();
        VERIFY_OK(padded);
        const protocol::Address alice{AccountId("alice"), m_alice->deviceId()};
        const protocol::Address bob{AccountId("bob"), m_bob->deviceId()};
        const auto forged = protocol::makePlaintextEnvelope(alice, bob, padded->view(), rng).serialize();
        const RelayOperator relayOperator(m_relay.dataPath());
        QVERIFY(relayOperator.deliver(QStringLiteral("bob"), bob.device.value(),
                                      {0, QStringLiteral("alice"), alice.device.value(), true,
                                       QDateTime::currentMSecsSinceEpoch(), toQt(forged)}));

        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        QCOMPARE(got->size(), std::size_t{1});
        const auto &event = got->front().event;
        QVERIFY(event.kind == engine::IncomingEvent::Kind::PlaintextRefused);
        QCOMPARE(event.from.value(), std::string("alice"));
        auto history = m_bob->history(AccountId("alice"), 50);
        VERIFY_OK(history);
        QCOMPARE(countText(*history, "send me your password"), std::size_t{0});
        // Acknowledged: it does not come again.
        auto again = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(again);
        QVERIFY(again->empty());
    }

    // Item 2: an envelope replayed under a new relay time, or re-wrapped in a new envelope id, is
    // recognised as processed: nothing shown, nothing counted as unreadable, nothing stored twice.
    void replayedEnvelopeIsRecognisedWhateverTheRelaySays()
    {
        const RelayOperator relayOperator(m_relay.dataPath());
        const auto bobDevice = m_bob->deviceId().value();
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "only once", false));
        const auto kept = relayOperator.mailbox(QStringLiteral("bob"), bobDevice);
        QVERIFY(kept && kept->size() == 1);
        const auto original = kept->front();
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        QCOMPARE(got->size(), std::size_t{1});
        QCOMPARE(got->front().event.text, std::string("only once"));
        const auto unreadableBefore = m_bob->unreadableEnvelopes();

        // The same envelope, an hour later by the relay's clock.
        auto replay = original;
        replay.serverTimeMs += 3'600'000;
        QVERIFY(relayOperator.deliver(QStringLiteral("bob"), bobDevice, replay));
        // The same ciphertext in a new envelope id (the id is not inside the encryption).
        auto parsed = protocol::Envelope::deserialize(fromQt(original.payload));
        VERIFY_OK(parsed);
        auto rewrapped = *parsed;
        const auto freshId = crypto::randomBytes(MessageId::Size);
        rewrapped.messageId = *MessageId::fromBytes(freshId);
        replay.payload = toQt(rewrapped.serialize());
        replay.serverTimeMs += 1000;
        QVERIFY(relayOperator.deliver(QStringLiteral("bob"), bobDevice, replay));

        auto replayed = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(replayed);
        QVERIFY2(replayed->empty(), replayed->empty() ? "" : replayed->front().event.text.c_str());
        QCOMPARE(m_bob->unreadableEnvelopes(), unreadableBefore);
        auto history = m_bob->history(AccountId("alice"), 50);
        VERIFY_OK(history);
        QCOMPARE(countText(*history, "only once"), std::size_t{1});
        const auto left = relayOperator.mailbox(QStringLiteral("bob"), bobDevice);
        QVERIFY(left && left->empty()); // acknowledged as known
    }

    // Item 19: an envelope that can never be read is acknowledged, counted and shown.
    void unreadableEnvelopeIsCountedAndShown()
    {
        const RelayOperator relayOperator(m_relay.dataPath());
        const auto bobDevice = m_bob->deviceId().value();
        const auto before = m_bob->unreadableEnvelopes();
        QVERIFY(relayOperator.deliver(QStringLiteral("bob"), bobDevice,
                                      {0, QStringLiteral("alice"), m_alice->deviceId().value(), false,
                                       QDateTime::currentMSecsSinceEpoch(), QByteArray("not an envelope at all")}));
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        QCOMPARE(countKind(*got, engine::IncomingEvent::Kind::Unreadable), std::size_t{1});
        QCOMPARE(got->front().event.from.value(), std::string("alice"));
        QVERIFY(!got->front().event.text.empty());
        QCOMPARE(m_bob->unreadableEnvelopes(), before + 1);
        const auto left = relayOperator.mailbox(QStringLiteral("bob"), bobDevice);
        QVERIFY(left && left->empty());
    }

    // Item 19: when the store cannot take a message, the envelope stays with the relay and
    // arrives once the store can.
    void storeErrorLeavesTheEnvelopeWithTheRelay()
    {
        auto sent = m_alice->sendText(AccountId("bob"), "kept by the relay", false);
        VERIFY_OK(sent);
        // Bob's store already holds a row with that message id (in another conversation): the
        // insert fails inside the receiving transaction, as a full disk would make it fail.
        auto side = engine::openProfileStore(m_profiles.optionsFor("bob"));
        VERIFY_OK(side);
        const auto now = QDateTime::currentMSecsSinceEpoch();
        auto blocker =
            (*side)
                ->transact([&](store::Transaction &tx) -> Result<std::int64_t> {
                    LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findOrCreate(AccountId("zed"), "zed", now));
                    store::StoredMessage row;
                    row.id = sent->id;
                    row.conversationId = conversation.id;
                    row.sender = AccountId("zed");
                    row.senderDevice = DeviceId(1);
                    row.text = "in the way";
                    row.sentAtMs = now;
                    row.state = store::MessageState::Delivered;
                    LAPIS_TRY(tx.messages().insert(row));
                    return conversation.id;
                })
                .get();
        VERIFY_OK(blocker);
        const auto unreadableBefore = m_bob->unreadableEnvelopes();
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        QCOMPARE(countKind(*got, engine::IncomingEvent::Kind::Message), std::size_t{0});
        QCOMPARE(m_bob->unreadableEnvelopes(), unreadableBefore);
        const RelayOperator relayOperator(m_relay.dataPath());
        const auto waiting = relayOperator.mailbox(QStringLiteral("bob"), m_bob->deviceId().value());
        QVERIFY2(waiting && waiting->size() == 1, "the envelope was acknowledged although it was not stored");

        // The store takes it again: the next receive gets it.
        VERIFY_OK((*side)->transact([&](store::Transaction &tx) { return tx.conversations().remove(*blocker); }).get());
        auto retried = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(retried);
        QCOMPARE(retried->size(), std::size_t{1});
        QCOMPARE(retried->front().event.text, std::string("kept by the relay"));
    }

    // Item 3: a contact whose key was pinned (here by asking for the safety number, before any
    // message) is end to end for the downgrade guard: after the operator resets the account, a
    // send is refused instead of going out in plaintext.
    void pinnedKeyMakesTheDowngradeGuardHold()
    {
        auto dora = m_profiles.registered("dora");
        QVERIFY(dora);
        VERIFY_OK(m_bob->safetyNumber(AccountId("dora")));
        QProcess reset;
        reset.start(m_relay.binary(), {QStringLiteral("--data"), m_relay.dataPath(), QStringLiteral("admin"),
                                       QStringLiteral("reset-account"), QStringLiteral("dora")});
        QVERIFY(reset.waitForFinished(30000));
        QVERIFY2(reset.exitCode() == 0, reset.readAllStandardError().constData());
        auto sent = m_bob->sendText(AccountId("dora"), "for dora's eyes only", false);
        QVERIFY2(!sent.ok(), "sent in plaintext to a contact with a pinned key");
        QCOMPARE(sent.error().code, ErrorCode::PermissionDenied);
    }

    // Item 4: the relay leaves out the account key of a pinned contact: a clear error.
    void missingAccountKeyIsAnError()
    {
        const RelayOperator relayOperator(m_relay.dataPath());
        const auto saved = relayOperator.sql(QStringLiteral("SELECT hex(account_key) FROM accounts WHERE username = "
                                                            "'alice'"));
        QVERIFY(saved && saved->size() == 1 && !saved->front().isEmpty());
        QVERIFY(relayOperator.sql(QStringLiteral("UPDATE accounts SET account_key = x'' WHERE username = 'alice'")));
        auto sent = m_bob->sendText(AccountId("alice"), "where is your key?", false);
        QVERIFY(relayOperator.sql(
            QStringLiteral("UPDATE accounts SET account_key = X'%1' WHERE username = 'alice'").arg(saved->front())));
        QVERIFY2(!sent.ok(), "sent without the account key the relay left out");
        QVERIFY2(sent.error().message.find("no account key") != std::string::npos, sent.error().message.c_str());
        // Nothing was lost: with the key back, sending works again.
        VERIFY_OK(m_bob->sendText(AccountId("alice"), "found it", false));
    }

    // Item 21: an ordinary history (2,000 messages of 1 KiB in 20 conversations) links: the
    // bundle is filled newest first to what the relay takes.
    void linkingCarriesAsMuchHistoryAsFits()
    {
        auto erin = m_profiles.registered("erin");
        QVERIFY(erin);
        auto side = engine::openProfileStore(m_profiles.optionsFor("erin"));
        VERIFY_OK(side);
        const auto start = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
        auto &rng = crypto::systemRandom();
        VERIFY_OK((*side)
                      ->transact([&](store::Transaction &tx) -> Result<void> {
                          std::vector<std::int64_t> conversations;
                          for (int c = 0; c < 20; ++c) {
                              const AccountId peer("peer" + std::to_string(c));
                              LAPIS_TRY_ASSIGN(auto conversation,
                                               tx.conversations().findOrCreate(peer, peer.value(), start));
                              conversations.push_back(conversation.id);
                          }
                          for (int i = 0; i < 2000; ++i) {
                              const int c = i % 20;
                              store::StoredMessage row;
                              row.id = protocol::newContentMessageId(start + i, rng);
                              row.conversationId = conversations[static_cast<std::size_t>(c)];
                              row.sender = AccountId("peer" + std::to_string(c));
                              row.senderDevice = DeviceId(1);
                              row.text = "message " + std::to_string(i) + " " + std::string(1010, 'x');
                              row.sentAtMs = start + i;
                              row.state = store::MessageState::Delivered;
                              LAPIS_TRY(tx.messages().insert(row));
                          }
                          return {};
                      })
                      .get());
        side->reset();
        auto linked = m_profiles.linked(*erin, "erin-laptop", "laptop");
        QVERIFY2(linked, "linking with 2,000 messages of 1 KiB failed");
        // Every conversation came along with its newest messages.
        for (int c = 0; c < 20; ++c) {
            auto history = linked->history(AccountId("peer" + std::to_string(c)), 1000);
            VERIFY_OK(history);
            QVERIFY2(!history->empty(), "a conversation came without its newest messages");
            const std::string newest = "message " + std::to_string(1980 + c) + " ";
            QVERIFY(history->back().text.rfind(newest, 0) == 0);
        }
    }

private:
    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    engine::test::ProfilesOnRelay m_profiles{m_relay};
    std::unique_ptr<engine::Engine> m_alice;
    std::unique_ptr<engine::Engine> m_bob;
};

QTEST_GUILESS_MAIN(TestEngineHostileRelay)
#include "tst_engine_hostile_relay.moc"
