// SPDX-License-Identifier: GPL-3.0-or-later
// Writing, encrypting, fanning out and receiving messages between real SQLCipher profiles, with
// the relay's part (carrying bytes) played by the test: what the engine does around the network.
#include <lapis/engine/IncomingMessages.h>
#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/PreKeyManager.h>
#include <lapis/store/Store.h>

#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::engine;

namespace {
constexpr std::int64_t NowMs = 1'800'000'000'000;

/// One device with its own profile.
struct Device {
    Device(LocalIdentity id, crypto::RandomSource &rng)
        : identity(std::move(id))
        , incoming(identity.address(), &identity, rng)
        , outgoing(identity.address(), &identity, rng)
    {
        store::StoreOptions options{dir.path().toStdString(), crypto::Argon2Params::minimumForTests()};
        auto opened = store::Store::open(options, store::Store::generateKey(), store::OpenMode::CreateIfMissing).get();
        if (!opened.ok())
            qFatal("store: %s", opened.error().message.c_str());
        db = std::move(opened).value();
    }

    /// What the relay would hand out for this device.
    protocol::PreKeyBundle publishBundle(crypto::RandomSource &rng)
    {
        auto bundle = db->transact([&](store::Transaction &tx) -> Result<protocol::PreKeyBundle> {
                            ProtocolStores s(tx, identity.address().account, identity.device().accountKey, NowMs);
                            protocol::PreKeyManager manager(identity.device().keys, s, s, rng);
                            LAPIS_TRY_ASSIGN(auto spk, manager.rotateSignedPreKey(NowMs / 1000));
                            LAPIS_TRY_ASSIGN(auto otks, manager.replenishOneTimePreKeys());
                            return protocol::PreKeyManager::bundleFor(identity.device(), spk, &otks.front());
                        }).get();
        if (!bundle.ok())
            qFatal("bundle: %s", bundle.error().message.c_str());
        return std::move(bundle).value();
    }

    Result<std::optional<IncomingEvent>> receive(const OutgoingEnvelope &e, const protocol::Address &from)
    {
        const RelayDelivery delivery{e.envelope, from.account, from.device, e.plaintext};
        return db->transact([&](store::Transaction &tx) { return incoming.process(tx, delivery, NowMs + 5); }).get();
    }

    QTemporaryDir dir;
    LocalIdentity identity;
    IncomingMessages incoming;
    OutgoingMessages outgoing;
    std::unique_ptr<store::Store> db;
};

protocol::DataMessage text(const std::string &t)
{
    protocol::DataMessage m;
    m.text = t;
    m.timestamp = NowMs;
    return m;
}
} // namespace

class TestMessages : public QObject {
    Q_OBJECT
private slots:
    void fanOutToRecipientAndOwnDevices()
    {
        crypto::DeterministicRandom rng(21);
        const AccountId alice("alice"), bob("bob");
        auto aliceAccount = protocol::AccountIdentity::generate(rng);
        Device a1(LocalIdentity::forLinkedDevice(*protocol::AccountIdentity::fromSeed(aliceAccount.seed()), alice,
                                                 DeviceId(1), protocol::DeviceKeys::generate(rng), NowMs / 1000),
                  rng);
        Device a2(LocalIdentity::forLinkedDevice(*protocol::AccountIdentity::fromSeed(aliceAccount.seed()), alice,
                                                 DeviceId(2), protocol::DeviceKeys::generate(rng), NowMs / 1000),
                  rng);
        Device b1(LocalIdentity::create(bob, DeviceId(1), NowMs / 1000, rng), rng);

        SendTargets targets;
        targets.recipientDevices = {DeviceId(1)};
        targets.ownOtherDevices = {DeviceId(2)};
        targets.bundles[{bob, DeviceId(1)}] = b1.publishBundle(rng);
        targets.bundles[{alice, DeviceId(2)}] = a2.publishBundle(rng);

        auto sent = a1.db
                        ->transact([&](store::Transaction &tx) {
                            return a1.outgoing.prepare(tx, bob, text("hello bob"), targets, NowMs);
                        })
                        .get();
        QVERIFY2(sent.ok(), sent.ok() ? "" : sent.error().message.c_str());
        QCOMPARE(sent->toRecipient.size(), std::size_t{1});
        QCOMPARE(sent->toOwnDevices.size(), std::size_t{1});
        const auto outbox = a1.db->transact([](store::Transaction &tx) { return tx.outbox().count(); }).get();
        QCOMPARE(*outbox, 2);

        // Bob gets the message, end to end.
        const auto atBob = b1.receive(sent->toRecipient[0], a1.identity.address());
        QVERIFY2(atBob.ok(), atBob.ok() ? "" : atBob.error().message.c_str());
        QVERIFY(atBob->has_value());
        QCOMPARE((*atBob)->kind, IncomingEvent::Kind::Message);
        QCOMPARE((*atBob)->text, std::string("hello bob"));
        QVERIFY((*atBob)->endToEnd);
        QVERIFY((*atBob)->messageId == sent->id);

        // Alice's other device gets the copy, in her conversation with Bob, as her own message.
        const auto atA2 = a2.receive(sent->toOwnDevices[0], a1.identity.address());
        QVERIFY2(atA2.ok(), atA2.ok() ? "" : atA2.error().message.c_str());
        QCOMPARE((*atA2)->kind, IncomingEvent::Kind::SyncedMessage);
        QCOMPARE((*atA2)->conversationPeer, bob);
        const auto copy = a2.db->transact([&](store::Transaction &tx) { return tx.messages().find(sent->id); }).get();
        QVERIFY(copy.ok() && copy->has_value());
        QCOMPARE((*copy)->direction, store::MessageDirection::Outgoing);
        QCOMPARE((*copy)->text, std::string("hello bob"));

        // The same envelope again is recognised and changes nothing.
        const auto again = b1.receive(sent->toRecipient[0], a1.identity.address());
        QVERIFY(again.ok());
        QVERIFY(!again->has_value());

        // Bob answers with a delivery receipt; Alice's message moves to Delivered.
        protocol::Content receipt;
        {
            std::array<std::uint8_t, 16> id{};
            rng.fill(id);
            receipt.messageId = MessageId(id);
        }
        receipt.receipt = protocol::Receipt{protocol::Receipt::Type::Delivery, {sent->id}, NowMs};
        SendTargets back;
        back.recipientDevices = {DeviceId(1)};
        auto receiptEnvelopes = b1.db
                                    ->transact([&](store::Transaction &tx) {
                                        return b1.outgoing.prepareControl(tx, alice, receipt, back, NowMs);
                                    })
                                    .get();
        QVERIFY2(receiptEnvelopes.ok(), receiptEnvelopes.ok() ? "" : receiptEnvelopes.error().message.c_str());
        const auto atA1 = a1.receive(receiptEnvelopes->front(), b1.identity.address());
        QVERIFY2(atA1.ok(), atA1.ok() ? "" : atA1.error().message.c_str());
        QCOMPARE((*atA1)->kind, IncomingEvent::Kind::Receipt);
        const auto state = a1.db->transact([&](store::Transaction &tx) { return tx.messages().find(sent->id); }).get();
        QCOMPARE((*state)->state, store::MessageState::Delivered);
    }

    void forgedOrMisroutedDeliveriesRejected()
    {
        crypto::DeterministicRandom rng(22);
        Device a1(LocalIdentity::create(AccountId("alice"), DeviceId(1), NowMs / 1000, rng), rng);
        Device b1(LocalIdentity::create(AccountId("bob"), DeviceId(1), NowMs / 1000, rng), rng);
        Device c1(LocalIdentity::create(AccountId("carol"), DeviceId(1), NowMs / 1000, rng), rng);
        SendTargets targets;
        targets.recipientDevices = {DeviceId(1)};
        targets.bundles[{AccountId("bob"), DeviceId(1)}] = b1.publishBundle(rng);
        auto sent = a1.db
                        ->transact([&](store::Transaction &tx) {
                            return a1.outgoing.prepare(tx, AccountId("bob"), text("for bob"), targets, NowMs);
                        })
                        .get();
        QVERIFY(sent.ok());
        const auto &envelope = sent->toRecipient[0];

        // The relay claims another sender: refused, and nothing is recorded.
        QCOMPARE(b1.receive(envelope, c1.identity.address()).error().code, ErrorCode::InvalidArgument);
        // Delivered to the wrong account's device: refused.
        QCOMPARE(c1.receive(envelope, a1.identity.address()).error().code, ErrorCode::InvalidArgument);
        // The relay's plaintext flag must match the envelope.
        auto flagged = envelope;
        flagged.plaintext = true;
        QCOMPARE(b1.receive(flagged, a1.identity.address()).error().code, ErrorCode::InvalidArgument);
        // Garbage.
        auto garbage = envelope;
        garbage.envelope = Bytes(40, 0x17);
        QCOMPARE(b1.receive(garbage, a1.identity.address()).error().code, ErrorCode::Corrupt);
        // After all that, the genuine delivery still works.
        const auto ok = b1.receive(envelope, a1.identity.address());
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE((*ok)->text, std::string("for bob"));
    }

    void greenRouteAndDowngradeGuard()
    {
        crypto::DeterministicRandom rng(23);
        Device a1(LocalIdentity::create(AccountId("alice"), DeviceId(1), NowMs / 1000, rng), rng);
        Device bot(LocalIdentity::create(AccountId("bot"), DeviceId(1), NowMs / 1000, rng), rng);

        SendTargets green;
        green.route = Route::Plaintext;
        green.recipientDevices = {DeviceId(1)};
        auto sent = a1.db
                        ->transact([&](store::Transaction &tx) {
                            return a1.outgoing.prepare(tx, AccountId("bot"), text("hi bot"), green, NowMs);
                        })
                        .get();
        QVERIFY(sent.ok());
        QVERIFY(sent->toRecipient[0].plaintext);
        const auto row = a1.db->transact([&](store::Transaction &tx) { return tx.messages().find(sent->id); }).get();
        QVERIFY(!(*row)->endToEnd);
        const auto atBot = bot.receive(sent->toRecipient[0], a1.identity.address());
        QVERIFY2(atBot.ok(), atBot.ok() ? "" : atBot.error().message.c_str());
        QVERIFY(!(*atBot)->endToEnd);
        QCOMPARE((*atBot)->text, std::string("hi bot"));

        SendTargets refused;
        refused.route = Route::DowngradeRefused;
        const auto no = a1.db
                            ->transact([&](store::Transaction &tx) {
                                return a1.outgoing.prepare(tx, AccountId("bot"), text("secret"), refused, NowMs);
                            })
                            .get();
        QCOMPARE(no.error().code, ErrorCode::PermissionDenied);
        // Nothing of the refused message was stored.
        const auto count = a1.db->transact([](store::Transaction &tx) { return tx.outbox().count(); }).get();
        QCOMPARE(*count, 1);
    }

    // Issue 16, item 2: a session start (PreKey envelope) replayed after its session moved on,
    // re-wrapped in a new envelope id and after the dedupe ids were pruned, must not set the
    // session up again.
    void replayedSessionStartDoesNotResetTheSession()
    {
        crypto::DeterministicRandom rng(23);
        const AccountId alice("alice"), bob("bob");
        Device a1(LocalIdentity::create(alice, DeviceId(1), NowMs / 1000, rng), rng);
        Device b1(LocalIdentity::create(bob, DeviceId(1), NowMs / 1000, rng), rng);
        SendTargets targets;
        targets.recipientDevices = {DeviceId(1)};
        auto bundle = b1.publishBundle(rng);
        bundle.oneTimePreKeyId.reset(); // the pool was empty: only the signed prekey
        bundle.oneTimePreKey.reset();
        targets.bundles[{bob, DeviceId(1)}] = bundle;
        protocol::Content typing;
        typing.messageId = protocol::newContentMessageId(NowMs, rng);
        typing.typing = protocol::Typing{true, static_cast<std::uint64_t>(NowMs)};
        auto sent = a1.db
                        ->transact([&](store::Transaction &tx) {
                            return a1.outgoing.prepareControl(tx, bob, typing, targets, NowMs);
                        })
                        .get();
        QVERIFY2(sent.ok() && sent->size() == 1, sent.ok() ? "no envelope" : sent.error().message.c_str());
        const auto first = b1.receive(sent->front(), a1.identity.address());
        QVERIFY2(first.ok() && first->has_value(), first.ok() ? "dropped" : first.error().message.c_str());

        // The session moved on (its state left the record), and 90 days pruned the ids.
        QVERIFY(b1.db
                    ->transact([&](store::Transaction &tx) -> Result<void> {
                        LAPIS_TRY(tx.sessions().remove(alice, DeviceId(1)));
                        LAPIS_TRY(tx.processedEnvelopes().pruneOlderThan(NowMs + 1'000'000));
                        return {};
                    })
                    .get()
                    .ok());
        auto envelope = protocol::Envelope::deserialize(sent->front().envelope);
        QVERIFY(envelope.ok());
        QCOMPARE(envelope->type, protocol::Envelope::Type::PreKey);
        envelope->messageId = protocol::newContentMessageId(NowMs + 1, rng);
        OutgoingEnvelope replay = sent->front();
        replay.envelope = envelope->serialize();
        const auto replayed = b1.receive(replay, a1.identity.address());
        QVERIFY2(replayed.ok() && !replayed->has_value(), "a replayed session start was taken");
        const auto session =
            b1.db->transact([&](store::Transaction &tx) { return tx.sessions().load(alice, DeviceId(1)); }).get();
        QVERIFY(session.ok());
        QVERIFY2(!session->has_value(), "a replayed session start set the session up again");
    }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_engine_messages.moc"
