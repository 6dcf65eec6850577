// SPDX-License-Identifier: GPL-3.0-or-later
// PQXDH through the whole stack (issue 21): real profiles publish ML-KEM-768 prekeys to a real
// relay over TLS, sessions are set up with them both ways, one-time keys are used up on both
// sides, and the relay's operator (editing relay.db, as THREATS.md lets a dishonest one) can
// neither strip the ML-KEM prekey to get a classical session nor replay a session start.
#include "EngineTestUtil.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/LocalIdentity.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/WireKeys.h>
#include <lapis/protocol/Content.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/InMemoryStores.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/protocol/SessionCipher.h>
#include <lapis/store/Store.h>
#include <lapis/testsupport/RelayOperator.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDateTime>
#include <QTest>

#include <algorithm>
#include <chrono>

using namespace lapis;
using namespace std::chrono_literals;
using test::RelayOperator;

namespace {

QByteArray toQt(ByteView bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

Bytes fromQt(const QByteArray &bytes)
{
    return {bytes.begin(), bytes.end()};
}

/// The messages among what a receive brought (receipts come along too).
std::vector<engine::ReceivedItem> messagesIn(const std::vector<engine::ReceivedItem> &items)
{
    std::vector<engine::ReceivedItem> out;
    for (const auto &item : items)
        if (item.event.kind == engine::IncomingEvent::Kind::Message)
            out.push_back(item);
    return out;
}

std::size_t countText(const std::vector<store::StoredMessage> &messages, const std::string &text)
{
    return static_cast<std::size_t>(
        std::count_if(messages.begin(), messages.end(), [&](const auto &m) { return m.text == text; }));
}

} // namespace

class TestEnginePqxdh : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_relay.start()); }

    void freshDevicesPublishKemPreKeys()
    {
        auto bob = m_profiles.registered("bob");
        QVERIFY(bob);
        const RelayOperator op(m_relay.dataPath());
        QCOMPARE(count(op, "username='bob' AND last_resort=1"), 1);
        QCOMPARE(count(op, "username='bob' AND last_resort=0"), 100);
        // Every key on the relay is one the device keeps the secret of.
        const auto ids = kemIdsOnRelay(op, "bob", false);
        auto side = engine::openProfileStore(m_profiles.optionsFor("bob"));
        VERIFY_OK(side);
        for (const auto id : ids)
            QVERIFY(storedKemKey(**side, id));
    }

    // Both ends through the relay: the first message uses a one-time ML-KEM key, which is gone
    // from relay.db when handed out and from the responder's store once used; both sessions say
    // post-quantum, and so does Engine::devices (lapis-cli devices prints it).
    void pqxdhBothWaysUsesUpTheOneTimeKey()
    {
        auto alice = m_profiles.registered("alice");
        auto carl = m_profiles.registered("carl");
        QVERIFY(alice && carl);
        const RelayOperator op(m_relay.dataPath());
        const auto before = kemIdsOnRelay(op, "carl", false);
        QCOMPARE(before.size(), std::size_t{100});
        const auto handedOut = before.front(); // the relay hands out the lowest id first

        // Opening the conversation (trust, device list) looks without taking a one-time key, and
        // already says post-quantum: carl's device offers an ML-KEM prekey, so the first message
        // can only set up PQXDH.
        auto looked = alice->contactTrust(AccountId("carl"), true);
        VERIFY_OK(looked);
        QVERIFY(looked->relayAnswered && looked->endToEnd && looked->postQuantum);
        auto listed = alice->devices(AccountId("carl"));
        VERIFY_OK(listed);
        QVERIFY(listed->size() == 1 && listed->front().postQuantum);
        QCOMPARE(kemIdsOnRelay(op, "carl", false).size(), std::size_t{100});

        VERIFY_OK(alice->sendText(AccountId("carl"), "hello over pqxdh", false));
        const auto after = kemIdsOnRelay(op, "carl", false);
        QCOMPARE(after.size(), std::size_t{99});
        QVERIFY(std::find(after.begin(), after.end(), handedOut) == after.end());
        {
            auto side = engine::openProfileStore(m_profiles.optionsFor("carl"));
            VERIFY_OK(side);
            QVERIFY(storedKemKey(**side, handedOut)); // not used yet
        }
        auto got = carl->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{1});
        QCOMPARE(messagesIn(*got).front().event.text, std::string("hello over pqxdh"));
        {
            auto side = engine::openProfileStore(m_profiles.optionsFor("carl"));
            VERIFY_OK(side);
            QVERIFY2(!storedKemKey(**side, handedOut), "the used one-time ML-KEM key is still in the store");
            QVERIFY(storedKemKey(**side, after.front()));
        }
        VERIFY_OK(carl->sendText(AccountId("alice"), "and back", false));
        auto back = alice->receive(1000ms);
        VERIFY_OK(back);
        QCOMPARE(messagesIn(*back).size(), std::size_t{1});
        QCOMPARE(messagesIn(*back).front().event.text, std::string("and back"));
        VERIFY_OK(alice->sendText(AccountId("carl"), "on the ratchet", false));
        auto third = carl->receive(1000ms);
        VERIFY_OK(third);
        QCOMPARE(messagesIn(*third).size(), std::size_t{1});

        QVERIFY(allPostQuantum(*alice, "carl"));
        QVERIFY(allPostQuantum(*carl, "alice"));
        auto trust = alice->contactTrust(AccountId("carl"), false);
        VERIFY_OK(trust);
        QVERIFY(trust->postQuantum);
        auto devices = alice->devices(AccountId("carl"));
        VERIFY_OK(devices);
        QCOMPARE(devices->size(), std::size_t{1});
        QVERIFY(devices->front().postQuantum);
        auto own = carl->devices(std::nullopt);
        VERIFY_OK(own);
        QVERIFY(own->size() == 1 && own->front().postQuantum);
        // The answer took no one-time key: alice has a session with carl's device.
        QCOMPARE(kemIdsOnRelay(op, "carl", false).size(), std::size_t{99});
    }

    // With the one-time pool empty, the last-resort key serves every initiator, still PQXDH, and
    // is kept by the relay and the responder.
    void emptyPoolFallsBackToTheLastResortKey()
    {
        auto dana = m_profiles.registered("dana");
        auto eve = m_profiles.registered("eve");
        auto fred = m_profiles.registered("fred");
        QVERIFY(dana && eve && fred);
        const RelayOperator op(m_relay.dataPath());
        QVERIFY(op.sql(QStringLiteral("DELETE FROM kem_prekeys WHERE username='dana' AND last_resort=0")));
        const auto lastResort = kemIdsOnRelay(op, "dana", true);
        QCOMPARE(lastResort.size(), std::size_t{1});

        VERIFY_OK(eve->sendText(AccountId("dana"), "from eve", false));
        VERIFY_OK(fred->sendText(AccountId("dana"), "from fred", false));
        QCOMPARE(kemIdsOnRelay(op, "dana", true), lastResort);
        auto got = dana->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{2});
        QVERIFY(allPostQuantum(*dana, "eve"));
        QVERIFY(allPostQuantum(*dana, "fred"));
        QVERIFY(allPostQuantum(*eve, "dana"));
        auto side = engine::openProfileStore(m_profiles.optionsFor("dana"));
        VERIFY_OK(side);
        QVERIFY2(storedKemKey(**side, lastResort.front()), "the last-resort key was deleted when used");
    }

    // A session start (a version-2 PreKeyMessage) replayed by the relay after the session moved
    // on, as is or re-wrapped in a new envelope id, changes nothing.
    void replayedPqxdhSessionStartChangesNothing()
    {
        auto gail = m_profiles.registered("gail");
        auto hugo = m_profiles.registered("hugo");
        QVERIFY(gail && hugo);
        const RelayOperator op(m_relay.dataPath());
        VERIFY_OK(gail->sendText(AccountId("hugo"), "first, post-quantum", false));
        const auto kept = op.mailbox(QStringLiteral("hugo"), hugo->deviceId().value());
        QVERIFY(kept && kept->size() == 1);
        const auto original = kept->front();
        auto got = hugo->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{1});
        VERIFY_OK(hugo->sendText(AccountId("gail"), "answer", false));
        VERIFY_OK(gail->receive(1000ms));
        VERIFY_OK(gail->sendText(AccountId("hugo"), "second", false));
        VERIFY_OK(hugo->receive(1000ms));

        const auto unreadableBefore = hugo->unreadableEnvelopes();
        auto replay = original;
        replay.serverTimeMs += 3'600'000;
        QVERIFY(op.deliver(QStringLiteral("hugo"), hugo->deviceId().value(), replay));
        auto parsed = protocol::Envelope::deserialize(fromQt(original.payload));
        VERIFY_OK(parsed);
        auto rewrapped = *parsed;
        rewrapped.messageId = *MessageId::fromBytes(crypto::randomBytes(MessageId::Size));
        replay.payload = toQt(rewrapped.serialize());
        QVERIFY(op.deliver(QStringLiteral("hugo"), hugo->deviceId().value(), replay));
        auto replayed = hugo->receive(1000ms);
        VERIFY_OK(replayed);
        QVERIFY2(replayed->empty(), replayed->empty() ? "" : replayed->front().event.text.c_str());
        auto history = hugo->history(AccountId("gail"), 50);
        VERIFY_OK(history);
        QCOMPARE(countText(*history, "first, post-quantum"), std::size_t{1});
        QVERIFY(hugo->unreadableEnvelopes() >= unreadableBefore);

        // The session was not reset or forked: it goes on both ways.
        VERIFY_OK(gail->sendText(AccountId("hugo"), "still the same session", false));
        auto next = hugo->receive(1000ms);
        VERIFY_OK(next);
        QCOMPARE(messagesIn(*next).size(), std::size_t{1});
        QCOMPARE(messagesIn(*next).front().event.text, std::string("still the same session"));
        VERIFY_OK(hugo->sendText(AccountId("gail"), "agreed", false));
        auto answer = gail->receive(1000ms);
        VERIFY_OK(answer);
        QCOMPARE(messagesIn(*answer).size(), std::size_t{1});
        QVERIFY(allPostQuantum(*hugo, "gail"));
    }

    // The operator strips the ML-KEM prekey from the bundle (deletes the device's rows): the
    // initiator refuses, because the signed prekey's signature says the device has ML-KEM keys.
    // Nothing goes out in a classical session. With the keys back, PQXDH works.
    void strippedKemPreKeyIsRefusedNotClassical()
    {
        auto ivan = m_profiles.registered("ivan");
        auto june = m_profiles.registered("june");
        QVERIFY(ivan && june);
        const RelayOperator op(m_relay.dataPath());
        const auto saved = op.sql(QStringLiteral("SELECT prekey_id, hex(public_key), hex(signature), last_resort "
                                                 "FROM kem_prekeys WHERE username='june'"));
        QVERIFY(saved && saved->size() == 101);
        QVERIFY(op.sql(QStringLiteral("DELETE FROM kem_prekeys WHERE username='june'")));

        auto sent = ivan->sendText(AccountId("june"), "downgraded?", false);
        QVERIFY2(!sent.ok(), "a session was set up with a bundle stripped of its ML-KEM prekey");
        QCOMPARE(sent.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY2(sent.error().message.find("post-quantum") != std::string::npos, sent.error().message.c_str());
        auto sessions = ivan->postQuantumSessions(AccountId("june"));
        VERIFY_OK(sessions);
        QVERIFY2(sessions->empty(), "a classical session was stored");
        const auto mailbox = op.mailbox(QStringLiteral("june"), june->deviceId().value());
        QVERIFY(mailbox && mailbox->empty());

        // June's device notices at its next start that the relay lost its ML-KEM prekeys and
        // publishes anew (as a profile from before PQXDH does on its first start).
        VERIFY_OK(june->receive(200ms));
        QCOMPARE(count(op, "username='june' AND last_resort=1"), 1);
        QCOMPARE(count(op, "username='june' AND last_resort=0"), 100);
        VERIFY_OK(ivan->sendText(AccountId("june"), "post-quantum after all", false));
        auto got = june->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{1});
        QVERIFY(allPostQuantum(*ivan, "june"));
    }

    // Bad ML-KEM prekeys in a bundle (the operator's edits): a wrong size, a broken signature.
    // A clear error each time, no session, nothing sent; the good key works afterwards.
    void badKemPreKeyInTheBundleIsAnError()
    {
        auto kim = m_profiles.registered("kim");
        auto lou = m_profiles.registered("lou");
        QVERIFY(kim && lou);
        const RelayOperator op(m_relay.dataPath());
        QVERIFY(op.sql(QStringLiteral("DELETE FROM kem_prekeys WHERE username='lou' AND last_resort=0")));
        const auto saved = op.sql(QStringLiteral("SELECT hex(public_key), hex(signature) FROM kem_prekeys WHERE "
                                                 "username='lou'"));
        QVERIFY(saved && saved->size() == 1);
        const auto cells = saved->front().split(QLatin1Char('|'));

        struct Edit {
            QString sql;
            ErrorCode expected;
        };
        const std::vector<Edit> edits{
            {QStringLiteral("UPDATE kem_prekeys SET public_key=substr(public_key, 1, 1183) WHERE username='lou'"),
             ErrorCode::InvalidKey},
            {QStringLiteral("UPDATE kem_prekeys SET public_key=X'%1' || X'00' WHERE username='lou'").arg(cells[0]),
             ErrorCode::InvalidKey},
            {QStringLiteral("UPDATE kem_prekeys SET signature=zeroblob(64) WHERE username='lou'"),
             ErrorCode::AuthenticationFailed},
            {QStringLiteral("UPDATE kem_prekeys SET signature=x'' WHERE username='lou'"), ErrorCode::Corrupt},
        };
        for (const auto &edit : edits) {
            QVERIFY(op.sql(edit.sql));
            auto sent = kim->sendText(AccountId("lou"), "through a bad key", false);
            QVERIFY2(!sent.ok(), qPrintable(edit.sql));
            QVERIFY2(sent.error().code == edit.expected,
                     qPrintable(edit.sql + QStringLiteral(": ") + QString::fromStdString(sent.error().message)));
            auto sessions = kim->postQuantumSessions(AccountId("lou"));
            VERIFY_OK(sessions);
            QVERIFY(sessions->empty());
            QVERIFY(op.sql(QStringLiteral("UPDATE kem_prekeys SET public_key=X'%1', signature=X'%2' WHERE "
                                          "username='lou'")
                               .arg(cells[0], cells[1])));
        }
        const auto mailbox = op.mailbox(QStringLiteral("lou"), lou->deviceId().value());
        QVERIFY(mailbox && mailbox->empty());
        VERIFY_OK(kim->sendText(AccountId("lou"), "through the good key", false));
        auto got = lou->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{1});
        QCOMPARE(messagesIn(*got).front().event.text, std::string("through the good key"));
    }

    // The responder no longer holds the ML-KEM prekey a session start names (a disk edit, a key
    // used up elsewhere): unreadable, no session stored, the other keys untouched.
    void unknownKemPreKeyIdIsRefusedAndNothingStored()
    {
        auto max = m_profiles.registered("max");
        auto nina = m_profiles.registered("nina");
        QVERIFY(max && nina);
        const RelayOperator op(m_relay.dataPath());
        const auto handedOut = kemIdsOnRelay(op, "nina", false).front();
        VERIFY_OK(max->sendText(AccountId("nina"), "to a key you lost", false));
        {
            auto side = engine::openProfileStore(m_profiles.optionsFor("nina"));
            VERIFY_OK(side);
            VERIFY_OK((*side)
                          ->transact([&](store::Transaction &tx) -> Result<void> {
                              LAPIS_TRY(tx.preKeys().removeKemPreKey(handedOut));
                              return {};
                          })
                          .get());
        }
        const auto unreadableBefore = nina->unreadableEnvelopes();
        auto got = nina->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(nina->unreadableEnvelopes(), unreadableBefore + 1);
        auto history = nina->history(AccountId("max"), 10);
        VERIFY_OK(history);
        QCOMPARE(countText(*history, "to a key you lost"), std::size_t{0});
        auto sessions = nina->postQuantumSessions(AccountId("max"));
        VERIFY_OK(sessions);
        QVERIFY2(sessions->empty(), "a session was stored from a message naming an unknown ML-KEM key");
        auto side = engine::openProfileStore(m_profiles.optionsFor("nina"));
        VERIFY_OK(side);
        QVERIFY(storedKemKey(**side, kemIdsOnRelay(op, "nina", false).front()));
    }

    // The receiving end of "no downgrade": a classical (X3DH-only, version 1) session start to a
    // device that published ML-KEM prekeys is refused, whatever bundle the sender was given. Here
    // the relay served a signed prekey the device signed without the +KEM label (as an operator
    // who kept one from before the device had ML-KEM keys could) and no ML-KEM prekey.
    void classicalSessionStartToAPqDeviceIsRefused()
    {
        auto olga = m_profiles.registered("olga");
        auto zed = m_profiles.registered("zed");
        QVERIFY(olga && zed);
        auto olgaIdentity = identityOf("olga");
        auto zedIdentity = identityOf("zed");
        QVERIFY(olgaIdentity && zedIdentity);
        auto olgaStore = engine::openProfileStore(m_profiles.optionsFor("olga"));
        VERIFY_OK(olgaStore);
        auto spk = (*olgaStore)
                       ->transact([](store::Transaction &tx) -> Result<protocol::SignedPreKeyRecord> {
                           LAPIS_TRY_ASSIGN(auto latest, tx.preKeys().latestSignedPreKey());
                           if (!latest)
                               return fail(ErrorCode::NotFound, "no signed prekey");
                           return engine::decodeSignedPreKey(latest->id, latest->record.view());
                       })
                       .get();
        VERIFY_OK(spk);
        const auto &olgaDevice = olgaIdentity->device();
        protocol::PreKeyBundle bundle;
        bundle.accountKey = olgaDevice.accountKey;
        bundle.certificate = olgaDevice.certificate;
        bundle.signedPreKeyId = spk->id;
        bundle.signedPreKey = spk->keyPair.publicKey();
        bundle.signedPreKeySignature = olgaDevice.keys.signingKey().sign(
            protocol::signedPreKeySigningInput(spk->id, spk->keyPair.publicKey(), false));

        auto &rng = crypto::systemRandom();
        protocol::InMemoryIdentityStore identities;
        protocol::InMemorySessionStore sessions;
        protocol::InMemoryPreKeyStore preKeys;
        protocol::InMemorySignedPreKeyStore signedPreKeys;
        const auto &zedDevice = zedIdentity->device();
        protocol::SessionBuilder builder(zedDevice, sessions, identities, rng);
        VERIFY_OK(builder.processBundle(olgaDevice.address, bundle, QDateTime::currentSecsSinceEpoch()));
        protocol::SessionCipher cipher(zedDevice, sessions, identities, preKeys, signedPreKeys, rng);
        protocol::Content content;
        content.messageId = protocol::newContentMessageId(QDateTime::currentMSecsSinceEpoch(), rng);
        content.data = protocol::DataMessage{};
        content.data->text = "classical, recorded for later";
        content.data->timestamp = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
        auto plaintext = content.serialize();
        VERIFY_OK(plaintext);
        auto envelope = cipher.encrypt(olgaDevice.address, plaintext->view());
        VERIFY_OK(envelope);

        const RelayOperator op(m_relay.dataPath());
        QVERIFY(op.deliver(QStringLiteral("olga"), olga->deviceId().value(),
                           {0, QStringLiteral("zed"), zed->deviceId().value(), false,
                            QDateTime::currentMSecsSinceEpoch(), toQt(envelope->serialize())}));
        const auto unreadableBefore = olga->unreadableEnvelopes();
        auto got = olga->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{0});
        QCOMPARE(olga->unreadableEnvelopes(), unreadableBefore + 1);
        auto history = olga->history(AccountId("zed"), 10);
        VERIFY_OK(history);
        QCOMPARE(countText(*history, "classical, recorded for later"), std::size_t{0});
        auto stored = olga->postQuantumSessions(AccountId("zed"));
        VERIFY_OK(stored);
        QVERIFY2(stored->empty(), "a classical session start was accepted by a device with ML-KEM prekeys");
    }

    // A contact started a session with X3DH alone while the device was from before PQXDH; the
    // device upgraded (published ML-KEM keys) before that first message arrived, so it refuses
    // it. The contact's next message starts the session again with PQXDH instead of repeating
    // the classical start forever.
    void classicalStartFromBeforeTheUpgradeIsStartedAgainWithPqxdh()
    {
        auto sam = m_profiles.registered("sam");
        auto tia = m_profiles.registered("tia");
        QVERIFY(sam && tia);
        auto spk = currentSignedPreKey("sam");
        auto samIdentity = identityOf("sam");
        QVERIFY(spk && samIdentity);
        spk->signature = samIdentity->device().keys.signingKey().sign(
            protocol::signedPreKeySigningInput(spk->id, spk->keyPair.publicKey(), false));
        const auto classical = engine::encodeSignedPreKeyForRelay(*spk);
        const RelayOperator op(m_relay.dataPath());
        const auto saved = op.sql(QStringLiteral("SELECT hex(signed_prekey) FROM devices WHERE username='sam'"));
        QVERIFY(saved && saved->size() == 1);
        // What the relay held for sam before the upgrade: a classical signed prekey, no ML-KEM key.
        QVERIFY(op.sql(QStringLiteral("DELETE FROM kem_prekeys WHERE username='sam'")));
        QVERIFY(op.sql(QStringLiteral("UPDATE devices SET signed_prekey=X'%1' WHERE username='sam'")
                           .arg(QString::fromLatin1(toQt(classical).toHex()))));
        VERIFY_OK(tia->sendText(AccountId("sam"), "before the upgrade", false));
        auto started = tia->postQuantumSessions(AccountId("sam"));
        VERIFY_OK(started);
        QVERIFY(started->size() == 1 && !started->begin()->second);
        auto classicalTrust = tia->contactTrust(AccountId("sam"), true);
        VERIFY_OK(classicalTrust);
        QVERIFY2(classicalTrust->relayAnswered && !classicalTrust->postQuantum,
                 "a classical session is shown as post-quantum");

        // Sam upgrades: the +KEM signed prekey, and the ML-KEM keys its next start publishes.
        QVERIFY(
            op.sql(QStringLiteral("UPDATE devices SET signed_prekey=X'%1' WHERE username='sam'").arg(saved->front())));
        const auto unreadableBefore = sam->unreadableEnvelopes();
        auto refused = sam->receive(1000ms);
        VERIFY_OK(refused);
        QCOMPARE(messagesIn(*refused).size(), std::size_t{0});
        QCOMPARE(sam->unreadableEnvelopes(), unreadableBefore + 1);
        QCOMPARE(count(op, "username='sam' AND last_resort=1"), 1);

        VERIFY_OK(tia->sendText(AccountId("sam"), "after the upgrade", false));
        auto got = sam->receive(1000ms);
        VERIFY_OK(got);
        QCOMPARE(messagesIn(*got).size(), std::size_t{1});
        QCOMPARE(messagesIn(*got).front().event.text, std::string("after the upgrade"));
        QVERIFY(allPostQuantum(*tia, "sam"));
        QVERIFY(allPostQuantum(*sam, "tia"));
        auto pqTrust = tia->contactTrust(AccountId("sam"), true);
        VERIFY_OK(pqTrust);
        QVERIFY(pqTrust->postQuantum);
    }

private:
    std::optional<protocol::SignedPreKeyRecord> currentSignedPreKey(const std::string &name)
    {
        auto store = engine::openProfileStore(m_profiles.optionsFor(name));
        if (!store.ok())
            return std::nullopt;
        auto spk = (*store)
                       ->transact([](store::Transaction &tx) -> Result<protocol::SignedPreKeyRecord> {
                           LAPIS_TRY_ASSIGN(auto latest, tx.preKeys().latestSignedPreKey());
                           if (!latest)
                               return fail(ErrorCode::NotFound, "no signed prekey");
                           return engine::decodeSignedPreKey(latest->id, latest->record.view());
                       })
                       .get();
        if (!spk.ok())
            return std::nullopt;
        return std::move(spk).value();
    }

    std::optional<engine::LocalIdentity> identityOf(const std::string &name)
    {
        auto store = engine::openProfileStore(m_profiles.optionsFor(name));
        if (!store.ok())
            return std::nullopt;
        auto identity = (*store)
                            ->transact([](store::Transaction &tx) -> Result<engine::LocalIdentity> {
                                LAPIS_TRY_ASSIGN(auto own, tx.accounts().load());
                                if (!own)
                                    return fail(ErrorCode::NotFound, "no account");
                                return engine::LocalIdentity::deserialize(own->identityKeyPair.view());
                            })
                            .get();
        if (!identity.ok())
            return std::nullopt;
        return std::move(identity).value();
    }

    static int count(const RelayOperator &op, const char *where)
    {
        const auto rows = op.sql(QStringLiteral("SELECT count(*) FROM kem_prekeys WHERE %1").arg(QLatin1String(where)));
        return rows && rows->size() == 1 ? rows->front().toInt() : -1;
    }

    static std::vector<PreKeyId> kemIdsOnRelay(const RelayOperator &op, const char *user, bool lastResort)
    {
        std::vector<PreKeyId> out;
        const auto rows = op.sql(QStringLiteral("SELECT prekey_id FROM kem_prekeys WHERE username='%1' AND "
                                                "last_resort=%2 ORDER BY prekey_id")
                                     .arg(QLatin1String(user))
                                     .arg(lastResort ? 1 : 0));
        if (rows)
            for (const auto &row : *rows)
                out.emplace_back(row.toUInt());
        return out;
    }

    static bool storedKemKey(store::Store &store, PreKeyId id)
    {
        auto found = store
                         .transact([&](store::Transaction &tx) -> Result<bool> {
                             LAPIS_TRY_ASSIGN(auto record, tx.preKeys().loadKemPreKey(id));
                             return record.has_value();
                         })
                         .get();
        return found.ok() && *found;
    }

    static bool allPostQuantum(engine::Engine &engine, const char *peer)
    {
        auto sessions = engine.postQuantumSessions(AccountId(peer));
        return sessions.ok() && !sessions->empty()
               && std::all_of(sessions->begin(), sessions->end(), [](const auto &s) { return s.second; });
    }

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    engine::test::ProfilesOnRelay m_profiles{m_relay};
};

QTEST_GUILESS_MAIN(TestEnginePqxdh)
#include "tst_engine_pqxdh.moc"
