// SPDX-License-Identifier: GPL-3.0-or-later
// core/transport against the real lapis-relay binary (loopback, real TLS, real SQLite files):
// accounts, TOTP, lock-out, credentials, limits, certificate pinning, crash durability.
#include "RelayTestSupport.h"

class TestTransportRelay : public RelayTestBase {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_relay = std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + "/main"});
        QVERIFY2(m_relay->start(), "lapis-relay did not start");
    }

    void cleanupTestCase() { QCOMPARE(m_relay->terminate(), 0); }

    void registerAndLogin()
    {
        auto alice = registered("alice");
        TRY_OK(devices, alice->listDevices());
        QCOMPARE(devices->size(), 1u);
        QCOMPARE(devices->front().name, std::string("laptop"));
        EXPECT_ERROR(client()->registerAccount("alice", Password, "x"), ErrorCode::AlreadyExists);
        EXPECT_ERROR(client()->registerAccount("Bad Name", Password, "x"), ErrorCode::InvalidArgument);

        Inbox inbox;
        auto stream = openStream(*alice, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        // A password alone no longer adds a device to an account that has one (issue 9).
        EXPECT_ERROR(client()->loginDevice("alice", Password, "phone"), ErrorCode::PermissionDenied);
        auto phone = signedIn("alice", *alice);
        QVERIFY(phone->credentials());
        QCOMPARE(phone->credentials()->deviceId, 2u);
        EXPECT_ERROR(client()->loginDevice("alice", "wrong password", "x"), ErrorCode::WrongPassphrase);
        EXPECT_ERROR(client()->loginDevice("nobody", Password, "x"), ErrorCode::WrongPassphrase);
        // The new device is announced to the account's other devices.
        const auto added = [&] {
            for (const auto &e : inbox.events)
                if (e.kind == AccountEvent::Kind::DeviceAdded)
                    return std::optional<AccountEvent>(e);
            return std::optional<AccountEvent>();
        };
        QVERIFY(inbox.waitFor([&] { return added().has_value(); }));
        QCOMPARE(added()->deviceId, 2u);
        QCOMPARE(added()->deviceName, std::string("phone"));
        stream->ack(added()->id);
    }

    void totpLogin()
    {
        auto tom = registered("tom");
        TRY_OK(enrollment, tom->enrollTotp());
        QCOMPARE(enrollment->secret.size(), 20u);
        QVERIFY(QString::fromStdString(enrollment->otpauthUri).startsWith("otpauth://totp/Lapis:tom?secret="));
        // Stay clear of a step boundary so that "now" means the same step throughout.
        if (std::time(nullptr) % 30 > 24)
            QTest::qWait(static_cast<int>((30 - std::time(nullptr) % 30) * 1000 + 200));
        const std::int64_t now = std::time(nullptr) / 30;
        const Bytes &secret = enrollment->secret;
        QVERIFY(tom->confirmTotp(totpAt(secret, now - 1)).ok());

        EXPECT_ERROR(client()->loginDevice("tom", Password, "x"), ErrorCode::PermissionDenied);
        TRY_OK(withCode, client()->loginDevice("tom", Password, "x", totpAt(secret, now)));
        // The same code again is a replay; two steps off is outside the window.
        EXPECT_ERROR(client()->loginDevice("tom", Password, "y", totpAt(secret, now)), ErrorCode::Duplicate);
        EXPECT_ERROR(client()->loginDevice("tom", Password, "y", totpAt(secret, now + 2)), ErrorCode::WrongPassphrase);
        EXPECT_ERROR(client()->loginDevice("tom", Password, "y", totpAt(secret, now - 2)), ErrorCode::WrongPassphrase);
        // One step of drift is accepted (once).
        TRY_OK(drift, client()->loginDevice("tom", Password, "y", totpAt(secret, now + 1)));
    }

    void lockoutAfterFailures()
    {
        auto bob = registered("bob");
        for (int i = 0; i < 4; ++i)
            EXPECT_ERROR(client()->loginDevice("bob", "wrong password", "x"), ErrorCode::WrongPassphrase);
        auto locked = client()->loginDevice("bob", "wrong password", "x");
        QVERIFY(!locked.ok());
        QCOMPARE(locked.error().code, ErrorCode::LimitExceeded);
        // Now even the right password waits, and the message says for how long.
        auto right = client()->loginDevice("bob", Password, "x");
        QVERIFY(!right.ok());
        QCOMPARE(right.error().code, ErrorCode::LimitExceeded);
        QVERIFY2(right.error().message.find("try again in") != std::string::npos, right.error().message.c_str());
        // Other accounts are not affected.
        QVERIFY(registered("ann")->listDevices().ok());
    }

    void credentialsRefused()
    {
        auto carol = registered("carol");
        auto other = registered("carol2");
        using namespace lapis::relay::v1;
        auto stub = Accounts::NewStub(carol->channel());
        ListDevicesRequest request;
        DeviceList response;
        {
            grpc::ClientContext ctx;
            QCOMPARE(stub->ListDevices(&ctx, request, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
        }
        auto wrong = *carol->credentials();
        wrong.credential = crypto::randomBytes(32);
        carol->setCredentials(wrong);
        EXPECT_ERROR(carol->listDevices(), ErrorCode::AuthenticationFailed);
        // Another device's credential under this device's id.
        auto borrowed = *other->credentials();
        borrowed.account = "carol";
        carol->setCredentials(borrowed);
        EXPECT_ERROR(carol->listDevices(), ErrorCode::AuthenticationFailed);
        QVERIFY(other->listDevices().ok());
    }

    void oversizedRequestRefused()
    {
        auto dan = registered("dan");
        using namespace lapis::relay::v1;
        auto stub = Messages::NewStub(dan->channel());
        for (std::size_t size : {std::size_t(3) << 20, proto::limits::MaxEnvelope + 1}) {
            SendBatchRequest request;
            request.set_recipient("dan");
            auto *e = request.add_envelopes();
            e->set_recipient_device(1);
            e->set_payload(std::string(size, 'x'));
            SendBatchResponse response;
            grpc::ClientContext ctx;
            addCredentials(ctx, *dan->credentials());
            const auto status = stub->SendBatch(&ctx, request, &response);
            QVERIFY(status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED
                    || status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
        }
        // The same connection still serves ordinary calls.
        TRY_OK(devices, dan->listDevices());
        QCOMPARE(devices->size(), 1u);
    }

    void wrongCertificateRefused()
    {
        QTemporaryDir otherDir;
        RelayProcess other(RelayDataDir{otherDir.path()});
        QVERIFY(other.start());
        RelayEndpoint endpoint = m_relay->endpoint();
        endpoint.pinnedCertificatePem = other.endpoint().pinnedCertificatePem;
        auto c = client(endpoint);
        c->setCallTimeout(std::chrono::seconds(5));
        auto r = c->registerAccount("mallory", Password, "x");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unavailable);
        QCOMPARE(other.terminate(), 0);
    }

    void rateLimitPerAccount()
    {
        QTemporaryDir dir;
        RelayProcess limited(RelayDataDir{dir.path()}, {"--rate-account", "5/5"});
        QVERIFY(limited.start());
        auto make = [&](const std::string &name) {
            auto c = client(limited.endpoint());
            c->setCredentials(c->registerAccount(name, Password, "x")->credentials);
            return c;
        };
        auto busy = make("busy");
        auto calm = make("calm");
        std::optional<Error> refusal;
        for (int i = 0; i < 20 && !refusal; ++i) {
            auto r = busy->listDevices();
            if (!r.ok())
                refusal = r.error();
        }
        QVERIFY(refusal);
        QCOMPARE(refusal->code, ErrorCode::LimitExceeded);
        QVERIFY2(refusal->message.find("try again in") != std::string::npos, refusal->message.c_str());
        QVERIFY(calm->listDevices().ok());
        QCOMPARE(limited.terminate(), 0);
    }

    void queuedEnvelopesSurviveSigkill()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()});
        QVERIFY(relay.start());
        const RelayEndpoint before = relay.endpoint();
        auto sender = client(before);
        sender->setCredentials(sender->registerAccount("kim", Password, "x")->credentials);
        auto offline = client(before);
        TRY_OK(device, offline->registerAccount("lee", Password, "x"));
        for (int i = 0; i < 20; ++i)
            QVERIFY(sender->sendBatch("lee", {envelope(1, "msg " + std::to_string(i))})->accepted);
        relay.kill();

        QVERIFY(relay.start());
        // The certificate made on first start is reused: the old pin still works.
        QCOMPARE(relay.endpoint().pinnedCertificatePem, before.pinnedCertificatePem);
        RelayEndpoint after = before;
        after.address = relay.address().toStdString();
        auto receiver = client(after);
        receiver->setCredentials(device->credentials);
        Inbox inbox;
        auto stream = openStream(*receiver, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        QCOMPARE(inbox.envelopes.size(), 20u);
        QCOMPARE(toString(inbox.envelopes[19].payload), std::string("msg 19"));
        stream->stop();
        QCOMPARE(relay.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransportRelay)
#include "tst_transport_relay.moc"
