// SPDX-License-Identifier: GPL-3.0-or-later
// One client must not take the relay down (issue 16, items 12-17), through core/transport and
// raw gRPC against the real lapis-relay on loopback: limits per source address, bounded password
// hashing, streams per connection, a sender that stops reading, send streams of a removed
// device, one-time prekey draining, and the owner check on upload status. Every flood here is
// bounded in count and time and goes to 127.0.0.1 only.
#include "Channel.h" // transport-internal: these tests make raw gRPC calls
#include "RelayTestSupport.h"

#include <QElapsedTimer>

#include <grpcpp/grpcpp.h>

#include <atomic>

namespace v1 = lapis::relay::v1;

namespace {

/// A channel of its own (no shared connection) whose receive window stays small: answers the
/// test does not read fill it quickly.
std::shared_ptr<grpc::Channel> stingyChannel(const RelayEndpoint &endpoint)
{
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = endpoint.pinnedCertificatePem;
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(endpoint.address, grpc::SslCredentials(tls), args);
}

v1::SendStreamPack packOf(int requests, std::uint64_t firstId, const std::string &recipient)
{
    v1::SendStreamPack pack;
    for (int i = 0; i < requests; ++i) {
        auto *r = pack.add_requests();
        r->set_request_id(firstId + static_cast<std::uint64_t>(i));
        r->mutable_batch()->set_recipient(recipient);
        auto *e = r->mutable_batch()->add_envelopes();
        e->set_recipient_device(1);
        e->set_payload("x");
    }
    return pack;
}

} // namespace

class TestTransportRelayLimits : public RelayTestBase {
    Q_OBJECT

    std::unique_ptr<RelayClient> registeredOn(RelayProcess &relay, const std::string &name)
    {
        auto c = client(relay.endpoint());
        auto device = c->registerAccount(name, Password, "laptop");
        if (device.ok())
            c->setCredentials(device->credentials);
        else
            qWarning("register %s: %s", name.c_str(), device.error().message.c_str());
        return c;
    }

    /// How long a removed device's open SendStreamPacked lives on, or -1 past `limitMs`.
    qint64 sendStreamLifetimeAfter(RelayClient &device, const std::function<void()> &removal, int limitMs)
    {
        auto stub = v1::Messages::NewStub(device.channel());
        grpc::ClientContext ctx;
        addCredentials(ctx, *device.credentials());
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(limitMs));
        auto stream = stub->SendStreamPacked(&ctx);
        // One round trip first, so the stream is surely open at the relay.
        if (!stream->Write(packOf(1, 1, device.credentials()->account)))
            return -2;
        v1::SendStreamResults results;
        if (!stream->Read(&results))
            return -3;
        removal();
        QElapsedTimer timer;
        timer.start();
        while (stream->Read(&results)) {
        }
        const auto status = stream->Finish();
        if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED)
            return -1;
        return timer.elapsed();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_relay = std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + "/main"});
        QVERIFY2(m_relay->start(), "lapis-relay did not start");
    }

    // Item 12: anonymous calls are limited per source address, however many connections.
    void anonymousCallsLimitedPerAddress()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--rate-address", "0.01/6"});
        QVERIFY(relay.start());
        int refused = 0;
        for (int i = 0; i < 10; ++i) {
            // A new connection each time: a per-connection limit alone would never trip.
            auto fresh = client(relay.endpoint());
            auto r = fresh->loginDevice("nobody" + std::to_string(i), Password, "x");
            QVERIFY(!r.ok());
            if (r.error().code == ErrorCode::LimitExceeded)
                ++refused;
            else
                QCOMPARE(r.error().code, ErrorCode::WrongPassphrase);
        }
        QCOMPARE(refused, 4);
        QCOMPARE(relay.terminate(), 0);
    }

    // Items 12 and 14: registrations are limited per source address.
    void registrationsLimitedPerAddress()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--rate-register", "0.001/3"});
        QVERIFY(relay.start());
        for (int i = 0; i < 3; ++i)
            QVERIFY(client(relay.endpoint())->registerAccount("reg" + std::to_string(i), Password, "x").ok());
        auto refused = client(relay.endpoint())->registerAccount("reg3", Password, "x");
        QVERIFY2(!refused.ok(), "a fourth registration from one address was accepted");
        QCOMPARE(refused.error().code, ErrorCode::LimitExceeded);
        // Log-ins of existing accounts are not registrations.
        EXPECT_ERROR(client(relay.endpoint())->loginDevice("reg0", Password, "y"), ErrorCode::PermissionDenied);
        QCOMPARE(relay.terminate(), 0);
    }

    // Items 12 and 14: link addresses are limited per source address.
    void linkAddressesLimitedPerAddress()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--rate-link-address", "0.001/4"});
        QVERIFY(relay.start());
        for (int i = 0; i < 4; ++i)
            QVERIFY(client(relay.endpoint())->createLinkAddress().ok());
        EXPECT_ERROR(client(relay.endpoint())->createLinkAddress(), ErrorCode::LimitExceeded);
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 12: password hashing (Argon2id at its real 64 MiB) runs on a bounded pool; calls
    // beyond it and its queue are refused at once instead of each taking 64 MiB.
    void passwordHashingBounded()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--password-hash-workers", "1", "--password-hash-queue", "1"});
        relay.useProductionArgon2();
        QVERIFY(relay.start());
        constexpr int Callers = 8;
        std::vector<std::unique_ptr<RelayClient>> clients;
        for (int i = 0; i < Callers; ++i) {
            clients.push_back(client(relay.endpoint()));
            QVERIFY(clients.back()->createLinkAddress().ok()); // connected before the burst
        }
        std::atomic<int> busy{0};
        std::atomic<int> registeredCount{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < Callers; ++i)
            threads.emplace_back([&, i] {
                auto r = clients[i]->registerAccount("hash" + std::to_string(i), Password, "x");
                if (r.ok())
                    ++registeredCount;
                else if (r.error().code == ErrorCode::LimitExceeded
                         && r.error().message.find("busy checking passwords") != std::string::npos)
                    ++busy;
            });
        for (auto &t : threads)
            t.join();
        QVERIFY2(busy >= 1, "every concurrent registration ran its own 64 MiB hash");
        QVERIFY(registeredCount >= 1);
        QCOMPARE(busy + registeredCount, Callers);
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 12: one connection keeps a bounded number of calls open at once.
    void streamsPerConnectionCapped()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--max-streams-per-connection", "2"});
        QVERIFY(relay.start());
        auto holder = client(relay.endpoint());
        std::vector<std::future<Result<Bytes>>> waits;
        for (int i = 0; i < 2; ++i) {
            TRY_OK(address, holder->createLinkAddress());
            waits.push_back(std::async(std::launch::async, [&holder, a = address->address] {
                return holder->waitForLink(a, std::chrono::seconds(3));
            }));
        }
        QTest::qWait(300);
        holder->setCallTimeout(std::chrono::milliseconds(800));
        auto third = holder->createLinkAddress();
        QVERIFY2(!third.ok(), "a third call ran beside two open ones on one connection");
        for (auto &w : waits)
            (void)w.get();
        holder->setCallTimeout(std::chrono::seconds(5));
        QVERIFY(holder->createLinkAddress().ok());
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 13: a sender that writes without reading its answers is cut off, and the relay reads
    // only a bounded number of requests ahead.
    void senderThatStopsReadingIsCutOff()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()},
                           {"--send-in-flight", "64", "--send-stall-timeout", "1", "--rate-account", "1/1"});
        QVERIFY(relay.start());
        auto sender = registeredOn(relay, "flood");
        auto channel = stingyChannel(relay.endpoint());
        auto stub = v1::Messages::NewStub(channel);
        grpc::ClientContext ctx;
        addCredentials(ctx, *sender->credentials());
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(8));
        QElapsedTimer timer;
        timer.start();
        auto stream = stub->SendStreamPacked(&ctx);
        int written = 0;
        // Each pack is answered with 512 refusals (rate-limited); none is read for a while.
        for (; written < 200; ++written)
            if (!stream->Write(packOf(512, static_cast<std::uint64_t>(written) * 512 + 1, "flood")))
                break;
        stream->WritesDone();
        QTest::qWait(2500); // longer than the stall timeout
        // Reading now: a relay that kept the stream answers every request and ends it with OK.
        std::size_t answered = 0;
        v1::SendStreamResults results;
        while (stream->Read(&results))
            answered += static_cast<std::size_t>(results.results_size());
        const auto status = stream->Finish();
        QVERIFY2(status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED, "the stream hung");
        QVERIFY2(!status.ok(), "the relay kept a stream whose client read nothing for 2.5 s");
        QVERIFY2(answered < static_cast<std::size_t>(written) * 512, qPrintable(QString::number(answered)));
        QVERIFY(timer.elapsed() < 7000);
        // The relay still serves everyone else.
        auto other = registeredOn(relay, "calm");
        QVERIFY(other->listDevices().ok());
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 15: a removed device's send stream ends within a second.
    void sendStreamEndsWhenDeviceRemoved()
    {
        auto owner = registered("sten");
        auto second = signedIn("sten", *owner, "tablet");
        const auto id = second->credentials()->deviceId;
        const auto lifetime = sendStreamLifetimeAfter(
            *second, [&] { QVERIFY(owner->removeDevice(id).ok()); }, 4000);
        QVERIFY2(lifetime >= 0, qPrintable(QString("the send stream outlived its device (%1)").arg(lifetime)));
        QVERIFY2(lifetime < 1000, qPrintable(QString("ended after %1 ms").arg(lifetime)));
    }

    // Item 15: the same after `admin reset-account`, which runs in another process.
    void sendStreamEndsWhenAccountReset()
    {
        auto owner = registered("resa");
        const auto lifetime = sendStreamLifetimeAfter(
            *owner,
            [&] {
                QCOMPARE(m_relay->runAdmin({"admin", "reset-account", "resa"}), 0);
            },
            4000);
        QVERIFY2(lifetime >= 0, qPrintable(QString("the send stream outlived the reset (%1)").arg(lifetime)));
        QVERIFY2(lifetime < 1000, qPrintable(QString("ended after %1 ms").arg(lifetime)));
    }

    // Item 16: one-time prekeys are handed out per caller and per target at a bounded rate;
    // beyond it (and from a drained pool) bundles still come, with the signed prekey alone.
    void oneTimePreKeysLimited()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()},
                           {"--rate-prekey-target", "0.001/5", "--rate-prekey-caller", "0.001/8"});
        QVERIFY(relay.start());
        auto publish = [&](const std::string &name, int count) {
            auto c = registeredOn(relay, name);
            std::vector<OneTimePreKey> keys;
            for (int i = 1; i <= count; ++i)
                keys.push_back({static_cast<std::uint32_t>(i), toBytes("otpk " + std::to_string(i))});
            if (!c->publishKeys(Bytes(32, 0x51), toBytes("certificate"), toBytes("signed prekey"), keys).ok())
                qWarning("publish %s failed", name.c_str());
            return c;
        };
        auto target = publish("target", 20);
        auto second = publish("second", 20);
        auto caller = registeredOn(relay, "caller");
        int withOneTime = 0;
        for (int i = 0; i < 7; ++i) {
            TRY_OK(bundles, caller->fetchPreKeyBundles("target"));
            QCOMPARE(bundles->bundles.size(), 1u);
            QCOMPARE(bundles->bundles[0].signedPreKey, toBytes("signed prekey"));
            withOneTime += bundles->bundles[0].oneTimePreKey ? 1 : 0;
        }
        QCOMPARE(withOneTime, 5); // the target's limit
        TRY_OK(left, target->preKeyCount());
        QCOMPARE(*left, 15u);
        withOneTime = 0;
        for (int i = 0; i < 3; ++i) {
            TRY_OK(bundles, caller->fetchPreKeyBundles("second"));
            withOneTime += bundles->bundles[0].oneTimePreKey ? 1 : 0;
        }
        QCOMPARE(withOneTime, 1); // the caller's limit: 8 fetches
        TRY_OK(secondLeft, second->preKeyCount());
        QCOMPARE(*secondLeft, 19u);

        // A drained pool: the bundle still comes, with no one-time prekey.
        auto lone = publish("lone", 1);
        auto other = registeredOn(relay, "other");
        TRY_OK(first, other->fetchPreKeyBundles("lone"));
        QVERIFY(first->bundles[0].oneTimePreKey);
        TRY_OK(drained, other->fetchPreKeyBundles("lone"));
        QVERIFY(!drained->bundles[0].oneTimePreKey);
        QCOMPARE(drained->bundles[0].signedPreKey, toBytes("signed prekey"));
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 14: a device's mailbox holds a bounded number of envelopes; what waits is kept and the
    // sender is told.
    void mailboxCapped()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--mailbox-max", "5"});
        QVERIFY(relay.start());
        auto offline = registeredOn(relay, "quiet");
        auto sender = registeredOn(relay, "loud");
        for (int i = 0; i < 5; ++i) {
            TRY_OK(sent, sender->sendBatch("quiet", {envelope(1, "m" + std::to_string(i))}));
            QVERIFY(sent->accepted);
        }
        auto refused = sender->sendBatch("quiet", {envelope(1, "one too many")});
        QVERIFY2(!refused.ok(), "a full mailbox took another envelope");
        QCOMPARE(refused.error().code, ErrorCode::LimitExceeded);
        QVERIFY2(refused.error().message.find("full") != std::string::npos, refused.error().message.c_str());
        Inbox inbox;
        auto stream = openStream(*offline, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        {
            std::lock_guard lock(inbox.mutex);
            QCOMPARE(inbox.envelopes.size(), 5u);
            QCOMPARE(toString(inbox.envelopes[0].payload), std::string("m0"));
        }
        stream->stop();
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 14: attachments are limited per account.
    void blobQuotaPerAccount()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--blob-quota-mb", "1"});
        QVERIFY(relay.start());
        auto owner = registeredOn(relay, "blobby");
        QVERIFY(owner->createUpload(700 * 1024).ok());
        EXPECT_ERROR(owner->createUpload(400 * 1024), ErrorCode::LimitExceeded);
        QVERIFY(owner->createUpload(300 * 1024).ok());
        auto other = registeredOn(relay, "roomy");
        QVERIFY(other->createUpload(700 * 1024).ok());
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 14: posted link bundles wait in memory, bounded in all.
    void linkBundlesBounded()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--link-bundle-memory-mb", "1"});
        QVERIFY(relay.start());
        auto owner = registeredOn(relay, "linker");
        TRY_OK(first, client(relay.endpoint())->createLinkAddress());
        TRY_OK(second, client(relay.endpoint())->createLinkAddress());
        const Bytes bundle(700 * 1024, 0x42);
        QVERIFY(owner->postLinkBundle(first->address, bundle).ok());
        EXPECT_ERROR(owner->postLinkBundle(second->address, bundle), ErrorCode::LimitExceeded);
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 14: anonymous link waits hold no relay thread each: two hundred new devices waiting
    // at once (the sync API gave each its own server thread for up to ten minutes) leave the
    // relay's thread count where it was; a cancelled wait ends, and a posted bundle still reaches
    // its waiter at once.
    void linkWaitsHoldNoThread()
    {
        QTemporaryDir dir;
        RelayProcess relay(RelayDataDir{dir.path()}, {"--rate-link-address", "100/1000", "--rate-address", "100/1000",
                                                      "--max-streams-per-connection", "1000"});
        QVERIFY(relay.start());
        auto threads = [&relay] {
            QFile status(QStringLiteral("/proc/%1/status").arg(relay.processId()));
            if (!status.open(QIODevice::ReadOnly))
                return -1;
            for (const auto &line : status.readAll().split('\n'))
                if (line.startsWith("Threads:"))
                    return line.mid(8).trimmed().toInt();
            return -1;
        };
        auto owner = registeredOn(relay, "waitowner");
        auto waiter = client(relay.endpoint());
        QVERIFY(waiter->createLinkAddress().ok()); // the connection is up
        const int before = threads();
        QVERIFY(before > 0);

        constexpr int Waits = 200;
        auto stub = v1::Link::NewStub(stingyChannel(relay.endpoint()));
        struct Wait {
            grpc::ClientContext context;
            v1::WaitLinkRequest request;
            v1::LinkBundle response;
            std::promise<grpc::Status> done;
            std::shared_future<grpc::Status> status = done.get_future().share();
        };
        std::vector<std::unique_ptr<Wait>> waits;
        // However the test ends, no call is left in flight when its context goes away.
        struct EndAll {
            std::vector<std::unique_ptr<Wait>> &waits;
            ~EndAll()
            {
                for (auto &w : waits)
                    w->context.TryCancel();
                for (auto &w : waits)
                    w->status.wait();
            }
        } endAll{waits};
        std::vector<std::string> addresses;
        for (int i = 0; i < Waits; ++i) {
            TRY_OK(address, waiter->createLinkAddress());
            addresses.push_back(address->address);
            auto w = std::make_unique<Wait>();
            w->request.set_address(address->address);
            w->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
            stub->async()->Wait(&w->context, &w->request, &w->response,
                                [raw = w.get()](const grpc::Status &s) { raw->done.set_value(s); });
            waits.push_back(std::move(w));
        }
        QTest::qWait(1000); // every wait has reached the relay
        const int during = threads();
        qInfo("relay threads: %d before, %d with %d link waits", before, during, Waits);
        QVERIFY2(during - before < Waits / 4, "each link wait holds a relay thread");

        // The first waiter gets its bundle at once; the rest are cancelled by their callers.
        const Bytes bundle(1000, 0x5a);
        QVERIFY(owner->postLinkBundle(addresses.front(), bundle).ok());
        const auto &first = waits.front()->status;
        QCOMPARE(first.wait_for(std::chrono::seconds(5)), std::future_status::ready);
        QVERIFY(first.get().ok());
        QCOMPARE(waits.front()->response.sealed_bundle().size(), bundle.size());
        for (std::size_t i = 1; i < waits.size(); ++i)
            waits[i]->context.TryCancel();
        for (std::size_t i = 1; i < waits.size(); ++i)
            QCOMPARE(waits[i]->status.wait_for(std::chrono::seconds(5)), std::future_status::ready);
        // A cancelled wait frees its address (once the relay noticed): the new device may wait on
        // it again and gets what is posted there.
        QTest::qWait(800);
        QVERIFY(owner->postLinkBundle(addresses.back(), bundle).ok());
        TRY_OK(fetched, waiter->waitForLink(addresses.back(), std::chrono::seconds(5)));
        QCOMPARE(fetched->size(), bundle.size());
        QCOMPARE(relay.terminate(), 0);
    }

    // Item 17: an upload's progress is shown to its owner only.
    void uploadStatusOwnerOnly()
    {
        auto owner = registered("upo");
        auto stranger = registered("ups");
        TRY_OK(info, owner->createUpload(1000));
        TRY_OK(mine, owner->uploadStatus(info->blobId));
        QCOMPARE(mine->size, 1000u);
        EXPECT_ERROR(stranger->uploadStatus(info->blobId), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestTransportRelayLimits)
#include "tst_transport_relay_limits.moc"
