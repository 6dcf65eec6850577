// SPDX-License-Identifier: GPL-3.0-or-later
// Multi-recipient sends (a group message): one payload for many accounts' devices, stored once
// and read through each mailbox row's reference. One suite run against both backends (the
// SQLite file and a throwaway PostgreSQL server), as tst_relay_storage is; the rows are counted
// in the database itself.
#include "PgConnection.h"
#include "RelayStorageFixture.h"
#include "SqliteConnection.h"

#include <lapis/protocol/Identity.h>
#include <lapis/testsupport/PostgresServer.h>

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lapis;
using namespace lapis::relay;

class TestRelayFanOut : public QObject, protected test::RelayStorageFixture {
    Q_OBJECT

public:
    explicit TestRelayFanOut(test::PostgresServer *postgres)
        : RelayStorageFixture(postgres, QStringLiteral("fanout"))
    {}

private:
    /// One number from the relay's database, read beside the storage (what an operator sees).
    std::int64_t count(const std::string &sql)
    {
        if (m_postgres) {
            auto db = PgConnection::open(m_postgres->uri(m_database).toStdString());
            if (!db.ok())
                return -1;
            auto rows = (*db)->query(sql);
            return rows.ok() && rows->rows() == 1 && !rows->isNull(0, 0) ? rows->int64(0, 0) : -1;
        }
        auto db = SqliteConnection::open(m_dir.filePath(m_database).toStdString() + "/relay.db");
        if (!db.ok())
            return -1;
        auto q = db->prepare(sql);
        if (!q.ok())
            return -1;
        auto row = q->step();
        return row.ok() && *row && !q->isNull(0) ? q->int64(0) : -1;
    }
    std::int64_t sharedRows() { return count("SELECT count(*) FROM shared_payloads"); }
    std::int64_t sharedBytes() { return count("SELECT COALESCE(sum(length(payload)), 0) FROM shared_payloads"); }
    std::int64_t mailboxBytes() { return count("SELECT COALESCE(sum(length(payload)), 0) FROM mailbox"); }

    /// A send to `to` of `payload` (shared) for `devices`.
    static SendRequest fanOut(const std::string &to, const std::vector<std::uint32_t> &devices,
                              const std::shared_ptr<const Bytes> &payload, std::size_t mailboxLimit = 0)
    {
        SendRequest r{"tx", 1, to, {}, false, 5, mailboxLimit};
        for (auto d : devices)
            r.items.push_back({d, {}, false, payload});
        return r;
    }

    static int envelopesHolding(RelayRules &s, const std::string &account, std::uint32_t device, const Bytes &payload,
                                std::vector<std::uint64_t> *ids = nullptr)
    {
        auto items = s.fetchMailbox(account, device, 0, 100);
        if (!items.ok())
            return -1;
        int found = 0;
        for (const auto &item : *items) {
            if (item.kind == MailboxItem::Envelope && item.payload == payload) {
                ++found;
                if (ids)
                    ids->push_back(item.id);
            }
        }
        return found;
    }

private slots:
    void initTestCase() { QVERIFY(startBackend()); }

    void init() { QVERIFY(freshPlace()); }

    // Five devices of three accounts get one payload: it is stored once, every device reads it,
    // and it goes with the last ack (or with expiry).
    void aSharedPayloadIsStoredOnceAndGoesWithTheLastAck()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("tx", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("rx1", "hash", false, "d", Bytes(32, 2), 1).ok());
        QVERIFY(s.addDevice("rx1", "d2", Bytes(32, 3), std::nullopt, 1).ok());
        QVERIFY(s.createAccount("rx2", "hash", false, "d", Bytes(32, 4), 1).ok());
        QVERIFY(s.addDevice("rx2", "d2", Bytes(32, 5), std::nullopt, 1).ok());
        QVERIFY(s.addDevice("tx", "d2", Bytes(32, 6), std::nullopt, 1).ok());
        const auto payload = std::make_shared<const Bytes>(Bytes(4000, 0x5a));
        const auto mailboxBefore = mailboxBytes();

        auto outcomes = s.storeBatches(
            {fanOut("rx1", {1, 2}, payload), fanOut("rx2", {1, 2}, payload), fanOut("tx", {2}, payload)});
        QVERIFY(outcomes.ok());
        for (const auto &outcome : *outcomes)
            QVERIFY(outcome.ok() && outcome->stored);
        QCOMPARE(sharedRows(), 1);
        QCOMPARE(sharedBytes(), 4000);
        QCOMPARE(count("SELECT count(*) FROM mailbox WHERE payload_ref<>0"), 5);
        QCOMPARE(mailboxBytes(), mailboxBefore); // the rows hold a reference, not a copy

        std::vector<std::pair<std::string, std::uint32_t>> devices{
            {"rx1", 1}, {"rx1", 2}, {"rx2", 1}, {"rx2", 2}, {"tx", 2}};
        for (const auto &[account, device] : devices) {
            std::vector<std::uint64_t> ids;
            QCOMPARE(envelopesHolding(s, account, device, *payload, &ids), 1);
            QCOMPARE(sharedRows(), 1); // still referenced by another device's row
            QVERIFY(s.acknowledge(account, device, ids).ok());
            QCOMPARE(envelopesHolding(s, account, device, *payload), 0);
        }
        QCOMPARE(sharedRows(), 0); // gone with the last ack
        QCOMPARE(count("SELECT count(*) FROM mailbox WHERE payload_ref<>0"), 0);

        // Not acked: it goes when its rows expire.
        QVERIFY(s.storeBatches({fanOut("rx1", {1, 2}, payload)}).ok());
        QCOMPARE(sharedRows(), 1);
        QVERIFY(s.purgeExpired(1'000'000, 1'000).ok());
        QCOMPARE(sharedRows(), 0);
    }

    // An account whose batch leaves out a device, lists one the account does not have, or lists
    // one its account key did not certify is told its current devices; nothing is stored for it,
    // and the other accounts of the same send get the payload.
    void aChangedDeviceListStoresNothingForThatAccountOnly()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("tx", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("ok", "hash", false, "d", Bytes(32, 2), 1).ok());
        QVERIFY(s.createAccount("b", "hash", false, "d", Bytes(32, 3), 1).ok());
        QVERIFY(s.addDevice("b", "ghost", Bytes(32, 4), std::nullopt, 1).ok());
        crypto::DeterministicRandom rng(7);
        const auto accountKey = protocol::AccountIdentity::generate(rng);
        const auto otherKey = protocol::AccountIdentity::generate(rng);
        const auto keys = protocol::DeviceKeys::generate(rng);
        const auto certify = [&](const protocol::AccountIdentity &by, std::uint32_t device) {
            return by
                .certify(AccountId("b"), DeviceId(device), keys.signingKey().publicKey(),
                         keys.identityKey().publicKey(), 1)
                .serialize();
        };
        QVERIFY(s.publishKeys("b", 1, accountKey.publicKey().bytes(), certify(accountKey, 1), toBytes("spk"), {}).ok());
        // Device 2 holds a certificate another key signed: a device its account never certified.
        QVERIFY(s.publishKeys("b", 2, {}, certify(otherKey, 2), toBytes("spk"), {}).ok());
        const auto payload = std::make_shared<const Bytes>(toBytes("one ciphertext"));

        for (const auto &devices : std::vector<std::vector<std::uint32_t>>{{1, 2}, {2}, {1, 3}, {}}) {
            auto batch = fanOut("b", devices, payload);
            if (devices.empty()) // nothing but a reference the account has no device for
                batch.items.push_back({7, {}, false, payload});
            auto outcomes = s.storeBatches({batch, fanOut("ok", {1}, payload)});
            QVERIFY(outcomes.ok());
            QVERIFY((*outcomes)[0].ok());
            QVERIFY(!(*outcomes)[0]->stored);
            QCOMPARE((*outcomes)[0]->currentDevices.size(), std::size_t{2});
            QVERIFY((*outcomes)[1].ok() && (*outcomes)[1]->stored);
            QCOMPARE(envelopesHolding(s, "b", 1, *payload), 0);
            QCOMPARE(envelopesHolding(s, "b", 2, *payload), 0);
        }
        QCOMPARE(envelopesHolding(s, "ok", 1, *payload), 4);
        QCOMPARE(sharedRows(), 4); // one per send, none for "b"

        // The certified device alone: taken.
        auto outcomes = s.storeBatches({fanOut("b", {1}, payload)});
        QVERIFY(outcomes.ok() && (*outcomes)[0].ok() && (*outcomes)[0]->stored);
        QCOMPARE(envelopesHolding(s, "b", 1, *payload), 1);
        QCOMPARE(envelopesHolding(s, "b", 2, *payload), 0);
    }

    // A full mailbox refuses the send for its account (LimitExceeded; what waits is kept) while
    // the others of the same send are stored, with the payload once.
    void mailboxLimitsHoldForEachAccount()
    {
        auto storage = open();
        QVERIFY(storage.ok());
        auto &s = **storage;
        QVERIFY(s.createAccount("tx", "hash", false, "d", Bytes(32, 1), 1).ok());
        QVERIFY(s.createAccount("full", "hash", false, "d", Bytes(32, 2), 1).ok());
        QVERIFY(s.createAccount("a", "hash", false, "d", Bytes(32, 3), 1).ok());
        QVERIFY(s.createAccount("z", "hash", false, "d", Bytes(32, 4), 1).ok());
        const auto filler = std::make_shared<const Bytes>(toBytes("waits"));
        QVERIFY(s.storeBatches({fanOut("full", {1}, filler, 2), fanOut("full", {1}, filler, 2)}).ok());
        QCOMPARE(envelopesHolding(s, "full", 1, *filler), 2);

        const auto payload = std::make_shared<const Bytes>(toBytes("group message"));
        auto outcomes = s.storeBatches(
            {fanOut("a", {1}, payload, 2), fanOut("full", {1}, payload, 2), fanOut("z", {1}, payload, 2)});
        QVERIFY(outcomes.ok());
        QVERIFY((*outcomes)[0].ok() && (*outcomes)[0]->stored);
        QVERIFY(!(*outcomes)[1].ok());
        QCOMPARE((*outcomes)[1].error().code, ErrorCode::LimitExceeded);
        QVERIFY((*outcomes)[2].ok() && (*outcomes)[2]->stored);
        QCOMPARE(envelopesHolding(s, "full", 1, *filler), 2);
        QCOMPARE(envelopesHolding(s, "full", 1, *payload), 0);
        QCOMPARE(envelopesHolding(s, "a", 1, *payload), 1);
        QCOMPARE(envelopesHolding(s, "z", 1, *payload), 1);
        QCOMPARE(count("SELECT count(*) FROM shared_payloads WHERE length(payload)=13"), 1);

        // The account refused first: the payload is stored with the next one, still once.
        const auto second = std::make_shared<const Bytes>(toBytes("second group message"));
        outcomes = s.storeBatches({fanOut("full", {1}, second, 2), fanOut("a", {1}, second, 2)});
        QVERIFY(outcomes.ok());
        QVERIFY(!(*outcomes)[0].ok());
        QVERIFY((*outcomes)[1].ok() && (*outcomes)[1]->stored);
        QCOMPARE(envelopesHolding(s, "a", 1, *second), 1);
        QCOMPARE(count("SELECT count(*) FROM shared_payloads WHERE length(payload)=20"), 1);
    }
};

int main(int argc, char **argv)
{
    return test::runOnBothBackends<TestRelayFanOut>(argc, argv);
}

#include "tst_relay_fanout.moc"
