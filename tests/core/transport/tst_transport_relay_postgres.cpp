// SPDX-License-Identifier: GPL-3.0-or-later
// The whole lapis-relay on PostgreSQL (--database), over gRPC and TLS with real clients: two
// relays on one database serving one community, the database stopped and started again under a
// running relay, a database that is down or newer than the relay at start, and the operator's
// look at what the database holds. The server is a throwaway one (tests/support PostgresServer).
#include "RelayTestSupport.h"

#include <lapis/testsupport/PostgresServer.h>
#include <lapis/testsupport/RelayOperator.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>

#include <thread>

using lapis::test::PostgresServer;
using lapis::test::RelayOperator;

namespace {

std::int64_t totpStepNow()
{
    return static_cast<std::int64_t>(std::time(nullptr)) / 30;
}

/// Runs lapis-relay serving `args` until it exits (it should, at once); its exit code and output.
int runRelay(const QStringList &args, QString &output)
{
    QProcess relay;
    relay.setProcessChannelMode(QProcess::MergedChannels);
    relay.start(RelayProcess::builtBinary(), args);
    if (!relay.waitForFinished(30000)) {
        relay.kill();
        relay.waitForFinished();
        output = QStringLiteral("(still running)");
        return -1;
    }
    output = QString::fromUtf8(relay.readAll());
    return relay.exitStatus() == QProcess::NormalExit ? relay.exitCode() : -1;
}

} // namespace

class TestTransportRelayPostgres : public RelayTestBase {
    Q_OBJECT

    PostgresServer m_postgres;
    std::unique_ptr<RelayProcess> m_second;

    /// A relay on `database`, sharing the test's data folder (certificate, sealing key, blobs).
    /// Its streams look at an idle mailbox by themselves only every ten minutes, so what reaches
    /// them sooner was woken by the database's notifications.
    std::unique_ptr<RelayProcess> relayOn(const QString &database, const QString &folder = QStringLiteral("shared"))
    {
        auto relay =
            std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + QLatin1Char('/') + folder},
                                           QStringList{QStringLiteral("--stream-poll-ms"), QStringLiteral("600000")});
        relay->useDatabase(m_postgres.uri(database));
        return relay;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_postgres.start(), "the throwaway PostgreSQL server did not start");
        QVERIFY(m_postgres.createDatabase(QStringLiteral("community")));
        m_relay = relayOn(QStringLiteral("community"));
        QVERIFY2(m_relay->start(), "lapis-relay on PostgreSQL did not start");
        m_second = relayOn(QStringLiteral("community"));
        QVERIFY2(m_second->start(), "a second lapis-relay on the same database did not start");
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_second->terminate(), 0);
        QCOMPARE(m_relay->terminate(), 0);
    }

    // One relay on PostgreSQL is a whole relay: accounts, device lists, batches, streams, acks,
    // and nothing of it in a SQLite file.
    void relayServesClientsFromPostgres()
    {
        auto alice = registered("pg-alice");
        auto bob = registered("pg-bob");
        TRY_OK(partial, alice->sendBatch("pg-bob", {envelope(2, "wrong device")}));
        QVERIFY(!partial->accepted);
        QCOMPARE(partial->currentDevices.size(), 1u);
        TRY_OK(sent, alice->sendBatch("pg-bob", {envelope(1, "hello over postgres")}));
        QVERIFY(sent->accepted);
        {
            Inbox inbox;
            auto stream = openStream(*bob, inbox);
            QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() == 1; }));
            QCOMPARE(inbox.envelopes[0].senderAccount, std::string("pg-alice"));
            QCOMPARE(toString(inbox.envelopes[0].payload), std::string("hello over postgres"));
            stream->ack(inbox.envelopes[0].id);
            // Acked means deleted from the database: the operator finds the mailbox empty.
            const RelayOperator relayOperator(PostgresServer::binDir() + QStringLiteral("/psql"),
                                              m_postgres.uri(QStringLiteral("community")));
            QDeadlineTimer deadline(10000);
            std::optional<std::vector<RelayOperator::MailboxRow>> left;
            do {
                left = relayOperator.mailbox(QStringLiteral("pg-bob"), 1);
                QVERIFY(left);
            } while (!left->empty() && !deadline.hasExpired() && (QTest::qWait(20), true));
            QVERIFY(left->empty());
        }
        QVERIFY(!QFile::exists(m_relay->dataDir() + QStringLiteral("/relay.db")));
        bool ok = false;
        const QString accounts = m_postgres.psql(QStringLiteral("community"),
                                                 QStringLiteral("SELECT count(*) FROM accounts WHERE username LIKE "
                                                                "'pg-%'"),
                                                 &ok);
        QVERIFY(ok);
        QCOMPARE(accounts, QStringLiteral("2"));
        // The operator's reset works on the database while the relays run.
        QString output;
        QCOMPARE(m_relay->runAdmin(
                     {QStringLiteral("admin"), QStringLiteral("reset-account"), QStringLiteral("pg-alice")}, &output),
                 0);
        QVERIFY2(output.contains(QStringLiteral("removed 1 devices")), qPrintable(output));
        EXPECT_ERROR(alice->listDevices(), ErrorCode::AuthenticationFailed);
    }

    // Alice on relay A, Bob on relay B: what one stores the other serves, both ways (to streams
    // opened afterwards; streams open before are woken: streamOnOneRelayWokenByTheOther).
    void messagesCrossRelaysBothWays()
    {
        auto alice = registered("x-alice");
        auto bob = registeredVia(m_second->endpoint(), "x-bob");
        TRY_OK(toBob, alice->sendBatch("x-bob", {envelope(1, "from A")}));
        QVERIFY(toBob->accepted);
        TRY_OK(toAlice, bob->sendBatch("x-alice", {envelope(1, "from B")}));
        QVERIFY(toAlice->accepted);
        Inbox bobInbox;
        auto bobStream = openStream(*bob, bobInbox);
        QVERIFY(bobInbox.waitFor([&] { return bobInbox.envelopes.size() == 1; }));
        QCOMPARE(toString(bobInbox.envelopes[0].payload), std::string("from A"));
        QCOMPARE(bobInbox.envelopes[0].senderAccount, std::string("x-alice"));
        Inbox aliceInbox;
        auto aliceStream = openStream(*alice, aliceInbox);
        QVERIFY(aliceInbox.waitFor([&] { return aliceInbox.envelopes.size() == 1; }));
        QCOMPARE(toString(aliceInbox.envelopes[0].payload), std::string("from B"));
    }

    // A device streaming from relay B is woken at once by what is stored through relay A: an
    // envelope, and the event of a device added through A (LISTEN/NOTIFY).
    void streamOnOneRelayWokenByTheOther()
    {
        auto alice = registered("w-alice");
        auto bob = registeredVia(m_second->endpoint(), "w-bob");
        Inbox inbox;
        auto stream = openStream(*bob, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        TRY_OK(sent, alice->sendBatch("w-bob", {envelope(1, "wake up")}));
        QVERIFY(sent->accepted);
        QVERIFY2(inbox.waitFor([&] { return inbox.envelopes.size() == 1; }), "relay B's stream was not woken");
        QCOMPARE(toString(inbox.envelopes[0].payload), std::string("wake up"));
        TRY_OK(token, bob->createLinkToken());
        TRY_OK(linked, client(m_relay->endpoint())->registerLinkedDevice("w-bob", token->token, "tablet"));
        QVERIFY(inbox.waitFor([&] {
            return std::any_of(inbox.events.begin(), inbox.events.end(), [&](const AccountEvent &e) {
                return e.kind == AccountEvent::Kind::DeviceAdded && e.deviceId == linked->credentials.deviceId;
            });
        }));
    }

    // A sign-in code asked for on relay A is shown to the account's device on relay B and signs
    // the new device in on A; a link token made on A adds a device on B; an attachment uploaded
    // through A downloads through B.
    void signInLinkAndAttachmentAcrossRelays()
    {
        auto owner = registeredVia(m_second->endpoint(), "x-owner");
        auto phone = client(m_relay->endpoint());
        LoginRequest login{"x-owner", Password, "phone", {}, {}, {}};
        std::optional<SignInPending> pending;
        QVERIFY(!phone->loginDevice(login, &pending).ok());
        QVERIFY(pending);
        TRY_OK(requests, owner->signInRequests());
        QCOMPARE(requests->size(), 1u);
        QCOMPARE(requests->front().id, pending->id);
        login.deviceCode = requests->front().code;
        login.signInId = pending->id;
        TRY_OK(joined, phone->loginDevice(login));
        QCOMPARE(joined->credentials.deviceId, 2u);
        TRY_OK(devices, owner->listDevices());
        QCOMPARE(devices->size(), 2u);

        TRY_OK(token, owner->createLinkToken());
        // Made through B, used through A, and then spent on both.
        auto desktop = client(m_relay->endpoint());
        TRY_OK(linked, desktop->registerLinkedDevice("x-owner", token->token, "desktop"));
        QCOMPARE(linked->credentials.deviceId, 3u);
        EXPECT_ERROR(client(m_second->endpoint())->registerLinkedDevice("x-owner", token->token, "again"),
                     ErrorCode::NotFound);

        const QString source = m_dir.path() + QStringLiteral("/cross-upload.bin");
        const Bytes data = crypto::randomBytes(300 * 1024 + 7);
        {
            std::ofstream out(source.toStdString(), std::ios::binary);
            out.write(reinterpret_cast<const char *>(data.data()), static_cast<std::streamsize>(data.size()));
        }
        TRY_OK(info, owner->createUpload(data.size()));
        TRY_OK(done, owner->upload(info->blobId, source.toStdString()));
        QVERIFY(done->complete);
        auto reader = registered("x-reader");
        const QString target = m_dir.path() + QStringLiteral("/cross-download.bin");
        TRY_OK(size, reader->download(info->blobId, target.toStdString()));
        QCOMPARE(*size, static_cast<std::uint64_t>(data.size()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == QByteArray(reinterpret_cast<const char *>(data.data()), qsizetype(data.size())));
    }

    // Issue 19: the link channel crosses relays. The address is made through A, the new device
    // waits through B, the trusted device posts through A: B hands the bundle over (woken by
    // the database's notification, or by its own look four times a second), once.
    void linkAddressMadeOnOneRelayServedByTheOther()
    {
        auto owner = registeredVia(m_relay->endpoint(), "x-linker");
        TRY_OK(address, client(m_relay->endpoint())->createLinkAddress());
        auto waiter = client(m_second->endpoint());
        std::optional<Result<Bytes>> received;
        std::thread wait([&] { received.emplace(waiter->waitForLink(address->address, std::chrono::seconds(20))); });
        auto joinWait = qScopeGuard([&] { wait.join(); });
        const Bytes sealed = crypto::randomBytes(2000);
        QVERIFY(owner->postLinkBundle(address->address, sealed).ok());
        wait.join();
        joinWait.dismiss();
        QVERIFY(received && received->ok());
        QVERIFY(**received == sealed);
        // Handed over once: the address is spent on every relay.
        EXPECT_ERROR(client(m_relay->endpoint())->waitForLink(address->address, std::chrono::seconds(2)),
                     ErrorCode::NotFound);
        EXPECT_ERROR(owner->postLinkBundle(address->address, sealed), ErrorCode::NotFound);
        QCOMPARE(m_postgres.psql(QStringLiteral("community"), QStringLiteral("SELECT count(*) FROM link_addresses")),
                 QStringLiteral("0"));
    }

    // Issue 16 item 17 on PostgreSQL: the operator reading the database finds no TOTP secret and
    // no sign-in code in the clear (the sealing key is DATA/secrets.key, not in the database).
    // Issue 19: the limits that protect an account hold for the deployment, not per relay. New
    // sign-in requests (each shows a code to guess) and one-time prekeys drawn from a target's
    // pool, spread over two relays, stop where one relay would stop them. With the buckets in
    // each relay's memory, two relays allowed twice as many.
    void accountLimitsHoldAcrossRelays()
    {
        QVERIFY(m_postgres.createDatabase(QStringLiteral("limits")));
        std::vector<std::unique_ptr<RelayProcess>> relays;
        for (int i = 0; i < 2; ++i) {
            relays.push_back(std::make_unique<RelayProcess>(
                RelayDataDir{m_dir.path() + QStringLiteral("/shared")},
                QStringList{QStringLiteral("--rate-sign-in"), QStringLiteral("0.001/5"),
                            QStringLiteral("--rate-prekey-target"), QStringLiteral("0.001/5")}));
            relays.back()->useDatabase(m_postgres.uri(QStringLiteral("limits")));
            QVERIFY(relays.back()->start());
        }
        auto viaRelay = [&](int i) { return relays[static_cast<std::size_t>(i % 2)]->endpoint(); };

        auto owner = registeredVia(viaRelay(0), "l-owner");
        int pendingMade = 0;
        int refused = 0;
        for (int i = 0; i < 8; ++i) {
            std::optional<SignInPending> pending;
            auto attempt =
                client(viaRelay(i))->loginDevice(LoginRequest{"l-owner", Password, "phone", {}, {}, {}}, &pending);
            QVERIFY(!attempt.ok());
            if (pending)
                ++pendingMade;
            else if (attempt.error().code == ErrorCode::LimitExceeded)
                ++refused;
        }
        QCOMPARE(pendingMade, 5);
        QCOMPARE(refused, 3);
        TRY_OK(requests, owner->signInRequests());
        QCOMPARE(requests->size(), 5u);

        auto target = registeredVia(viaRelay(0), "l-target");
        std::vector<OneTimePreKey> keys;
        for (int i = 1; i <= 20; ++i)
            keys.push_back({static_cast<std::uint32_t>(i), toBytes("otpk " + std::to_string(i))});
        QVERIFY(target->publishKeys(Bytes(32, 0x52), toBytes("certificate"), toBytes("signed prekey"), keys).ok());
        int withOneTime = 0;
        for (int i = 0; i < 8; ++i) {
            auto caller = registeredVia(viaRelay(i), "l-caller" + std::to_string(i));
            TRY_OK(bundles, caller->fetchPreKeyBundles("l-target"));
            QCOMPARE(bundles->bundles.size(), 1u);
            withOneTime += bundles->bundles[0].oneTimePreKey ? 1 : 0;
        }
        QCOMPARE(withOneTime, 5);
        TRY_OK(left, target->preKeyCount());
        QCOMPARE(*left, 15u);
        for (auto &relay : relays)
            QCOMPARE(relay->terminate(), 0);
    }

    void secretsSealedInPostgres()
    {
        auto owner = registered("x-sealed");
        TRY_OK(enrollment, owner->enrollTotp());
        QVERIFY(owner->confirmTotp(totpAt(enrollment->secret, totpStepNow() - 1)).ok());
        auto thief = client(m_second->endpoint());
        LoginRequest login{"x-sealed", Password, "thief", totpAt(enrollment->secret, totpStepNow()), {}, {}};
        TRY_OK(byTotp, thief->loginDevice(login)); // opened by the other relay: the same key
        QCOMPARE(byTotp->credentials.deviceId, 2u);

        auto other = registered("x-codes");
        auto phone = client(m_second->endpoint());
        std::optional<SignInPending> pending;
        QVERIFY(!phone->loginDevice(LoginRequest{"x-codes", Password, "phone", {}, {}, {}}, &pending).ok());
        QVERIFY(pending);
        TRY_OK(requests, other->signInRequests());
        const std::string code = requests->front().code;
        QCOMPARE(code.size(), 6u);

        const QString database = QStringLiteral("community");
        bool ok = false;
        const QString secret = m_postgres.psql(
            database, QStringLiteral("SELECT encode(totp_secret, 'hex') FROM accounts WHERE username='x-sealed'"), &ok);
        QVERIFY(ok && !secret.isEmpty());
        const QString clear = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(enrollment->secret.data()), qsizetype(enrollment->secret.size()))
                .toHex());
        QVERIFY2(!secret.contains(clear), "the TOTP secret lies in the database as it is");
        const QString rows = m_postgres.psql(database,
                                             QStringLiteral("SELECT code, code_hash FROM sign_ins WHERE "
                                                            "username='x-codes'; SELECT encode(payload, 'escape') "
                                                            "FROM mailbox WHERE username='x-codes'"),
                                             &ok);
        QVERIFY(ok && !rows.isEmpty());
        const QRegularExpression alone(
            QStringLiteral("(^|[^0-9a-f])%1($|[^0-9a-f])").arg(QString::fromStdString(code)));
        QVERIFY2(!alone.match(rows).hasMatch(), "a sign-in code lies in the database as it is");
    }

    // The database stopped under a running relay: a send fails with UNAVAILABLE and is not
    // stored (no acknowledgement without a commit); when the database is back the relay serves
    // again by itself, without a restart.
    void databaseAwayAndBack()
    {
        PostgresServer own; // a server of its own: stopping it leaves the other tests' alone
        QVERIFY(own.start());
        QVERIFY(own.createDatabase(QStringLiteral("flaky")));
        RelayProcess relay(RelayDataDir{m_dir.path() + QStringLiteral("/flaky")});
        relay.useDatabase(own.uri(QStringLiteral("flaky")));
        QVERIFY(relay.start());
        auto alice = registeredVia(relay.endpoint(), "f-alice");
        auto bob = registeredVia(relay.endpoint(), "f-bob");
        TRY_OK(before, alice->sendBatch("f-bob", {envelope(1, "before")}));
        QVERIFY(before->accepted);

        QVERIFY(own.stop());
        for (const char *text : {"during 1", "during 2"}) {
            auto during = alice->sendBatch("f-bob", {envelope(1, text)});
            QVERIFY2(!during.ok(), "a send was acknowledged while the database was down");
            QCOMPARE(during.error().code, ErrorCode::Unavailable);
        }
        EXPECT_ERROR(client(relay.endpoint())->registerAccount("f-carol", Password, "laptop"), ErrorCode::Unavailable);

        QVERIFY(own.start());
        Result<SendOutcome> after = fail(ErrorCode::Unavailable, "not sent yet");
        QDeadlineTimer deadline(15000);
        while (!after.ok() && !deadline.hasExpired()) {
            after = alice->sendBatch("f-bob", {envelope(1, "after")});
            if (!after.ok())
                QTest::qWait(100);
        }
        QVERIFY2(after.ok() && after->accepted, "the relay did not recover when the database came back");
        Inbox inbox;
        auto stream = openStream(*bob, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() >= 2 && inbox.drained > 0; }));
        QCOMPARE(inbox.envelopes.size(), 2u);
        QCOMPARE(toString(inbox.envelopes[0].payload), std::string("before"));
        QCOMPARE(toString(inbox.envelopes[1].payload), std::string("after"));
        stream.reset();
        QCOMPARE(relay.terminate(), 0);
    }

    // Moving up: a SQLite relay copied into PostgreSQL with admin migrate-to; its devices keep
    // working without doing anything (same credentials, same certificate), what waited in a
    // mailbox is still delivered, a TOTP secret still opens, new mail flows.
    void migrateToKeepsDevicesWorking()
    {
        const QString folder = m_dir.path() + QStringLiteral("/moving");
        std::optional<DeviceCredentials> aliceDevice;
        std::optional<DeviceCredentials> bobDevice;
        Bytes totpSecret;
        {
            RelayProcess sqlite(RelayDataDir{folder});
            QVERIFY(sqlite.start());
            auto alice = registeredVia(sqlite.endpoint(), "m-alice");
            auto bob = registeredVia(sqlite.endpoint(), "m-bob");
            TRY_OK(sent, alice->sendBatch("m-bob", {envelope(1, "waiting")}));
            QVERIFY(sent->accepted);
            TRY_OK(enrollment, alice->enrollTotp());
            QVERIFY(alice->confirmTotp(totpAt(enrollment->secret, totpStepNow() - 1)).ok());
            totpSecret = enrollment->secret;
            aliceDevice = alice->credentials();
            bobDevice = bob->credentials();
            QCOMPARE(sqlite.terminate(), 0);
        }
        const QString database = QStringLiteral("moved");
        QVERIFY(m_postgres.createDatabase(database));
        RelayProcess moved(RelayDataDir{folder}, {QStringLiteral("--database"), m_postgres.uri(database)});
        QString output;
        const QStringList migrate{QStringLiteral("admin"), QStringLiteral("migrate-to"), m_postgres.uri(database)};
        QCOMPARE(moved.runAdmin(migrate, &output), 0);
        QVERIFY2(output.contains(QStringLiteral("copied 2 accounts, 2 devices, 1 mailbox items")), qPrintable(output));
        // Into a database that holds accounts already: refused, nothing changed.
        QCOMPARE(moved.runAdmin(migrate, &output), 1);
        QVERIFY2(output.contains(QStringLiteral("holds accounts already")), qPrintable(output));

        QVERIFY(moved.start());
        auto alice = client(moved.endpoint());
        alice->setCredentials(*aliceDevice);
        auto bob = client(moved.endpoint());
        bob->setCredentials(*bobDevice);
        Inbox inbox;
        auto stream = openStream(*bob, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() == 1; }));
        QCOMPARE(toString(inbox.envelopes[0].payload), std::string("waiting"));
        TRY_OK(after, alice->sendBatch("m-bob", {envelope(1, "after the move")}));
        QVERIFY(after->accepted);
        QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() == 2; }));
        QVERIFY(inbox.envelopes[1].id > inbox.envelopes[0].id);
        auto phone = client(moved.endpoint());
        TRY_OK(byTotp, phone->loginDevice("m-alice", Password, "phone", totpAt(totpSecret, totpStepNow())));
        QCOMPARE(byTotp->credentials.deviceId, 2u);
        stream.reset();
        QCOMPARE(moved.terminate(), 0);
    }

    // No database at start: a clear error and exit code 1, not a relay that cannot store.
    void databaseDownAtStart()
    {
        QString output;
        const int code =
            runRelay({QStringLiteral("--data"), m_dir.path() + QStringLiteral("/down"), QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
                      QStringLiteral("postgresql:///none?host=%1/no-server&user=lapis").arg(m_dir.path())},
                     output);
        QCOMPARE(code, 1);
        QVERIFY2(output.contains(QStringLiteral("Cannot reach the PostgreSQL database")), qPrintable(output));
        QVERIFY(!output.contains(QStringLiteral("listening on")));
    }

    // A database a newer relay migrated is refused, and left as it is.
    void newerSchemaRefusedAtStart()
    {
        const QString database = QStringLiteral("future");
        QVERIFY(m_postgres.createDatabase(database));
        {
            auto relay = relayOn(database, database);
            QVERIFY(relay->start());
            QVERIFY(registeredVia(relay->endpoint(), "kept")->credentials());
            QCOMPARE(relay->terminate(), 0);
        }
        bool ok = false;
        m_postgres.psql(database, QStringLiteral("UPDATE relay_schema SET version=99"), &ok);
        QVERIFY(ok);
        QString output;
        const int code =
            runRelay({QStringLiteral("--data"), m_dir.path() + QLatin1Char('/') + database, QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"), m_postgres.uri(database)},
                     output);
        QCOMPARE(code, 1);
        QVERIFY2(output.contains(QStringLiteral("newer lapis-relay (schema 99; this one knows up to 7)")),
                 qPrintable(output));
        QCOMPARE(m_postgres.psql(database, QStringLiteral("SELECT version FROM relay_schema")), QStringLiteral("99"));
        QCOMPARE(m_postgres.psql(database, QStringLiteral("SELECT count(*) FROM accounts")), QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestTransportRelayPostgres)
#include "tst_transport_relay_postgres.moc"
