// SPDX-License-Identifier: GPL-3.0-or-later
// core/transport against the real lapis-relay binary: envelopes, device lists, prekeys, streams,
// plaintext, linking and attachments.
#include "RelayTestSupport.h"

class TestTransportMessages : public RelayTestBase {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_relay = std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + "/main"});
        QVERIFY2(m_relay->start(), "lapis-relay did not start");
    }

    void cleanupTestCase() { QCOMPARE(m_relay->terminate(), 0); }

    void deviceMismatchRefused()
    {
        auto erin = registered("erin");
        QVERIFY(signedIn("erin", *erin)->credentials());
        auto alice = registered("sam");
        TRY_OK(partial, alice->sendBatch("erin", {envelope(1, "hi")}));
        QVERIFY(!partial->accepted);
        QCOMPARE(partial->currentDevices.size(), 2u);
        TRY_OK(extra, alice->sendBatch("erin", {envelope(1, "a"), envelope(2, "b"), envelope(7, "c")}));
        QVERIFY(!extra->accepted);
        TRY_OK(full, alice->sendBatch("erin", {envelope(1, "a"), envelope(2, "b")}));
        QVERIFY(full->accepted);
        // Plaintext to an end-to-end account needs the sender's explicit allowance.
        EXPECT_ERROR(alice->sendBatch("erin", {envelope(1, "a", true), envelope(2, "b", true)}),
                     ErrorCode::PermissionDenied);
        TRY_OK(allowed, alice->sendBatch("erin", {envelope(1, "a", true), envelope(2, "b", true)}, true));
        QVERIFY(allowed->accepted);
    }

    void pipelinedBatches()
    {
        auto rx = registered("pipe-rx");
        auto tx = registered("pipe-tx");
        std::mutex mutex;
        std::condition_variable finished;
        std::vector<Result<SendOutcome>> outcomes;
        {
            BatchSender sender(tx->channel(), tx->endpoint().address, *tx->credentials());
            auto record = [&](Result<SendOutcome> r) {
                std::lock_guard lock(mutex);
                outcomes.push_back(std::move(r));
                finished.notify_all();
            };
            for (int i = 0; i < 50; ++i)
                QVERIFY(sender.send("pipe-rx", {envelope(1, "p" + std::to_string(i))}, false, record).ok());
            QVERIFY(sender.send("pipe-rx", {envelope(5, "wrong device")}, false, record).ok());
            QVERIFY(sender.send("nobody-here", {envelope(1, "x")}, false, record).ok());
            EXPECT_ERROR(sender.send("pipe-rx", {}, false, record), ErrorCode::InvalidArgument);
            std::unique_lock lock(mutex);
            QVERIFY(finished.wait_for(lock, std::chrono::seconds(10), [&] { return outcomes.size() == 52; }));
        }
        int accepted = 0;
        int mismatched = 0;
        int notFound = 0;
        for (const auto &o : outcomes) {
            if (o.ok() && o->accepted)
                ++accepted;
            else if (o.ok() && o->currentDevices.size() == 1)
                ++mismatched;
            else if (!o.ok() && o.error().code == ErrorCode::NotFound)
                ++notFound;
        }
        QCOMPARE(accepted, 50);
        QCOMPARE(mismatched, 1);
        QCOMPARE(notFound, 1);
        Inbox inbox;
        auto stream = openStream(*rx, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() == 50; }));
        QCOMPARE(toString(inbox.envelopes[49].payload), std::string("p49"));
    }

    void packedBatchesAnsweredEachOnce()
    {
        // More than the default per-account rate allows at once.
        QTemporaryDir dir;
        RelayProcess roomy(RelayDataDir{dir.path()},
                           {"--rate-account", "10000/10000", "--rate-connection", "10000/10000"});
        QVERIFY(roomy.start());
        const auto registeredAt = [&](const std::string &name) {
            auto c = client(roomy.endpoint());
            auto device = c->registerAccount(name, Password, "laptop");
            if (device.ok())
                c->setCredentials(device->credentials);
            return c;
        };
        auto rx = registeredAt("pack-rx");
        auto tx = registeredAt("pack-tx");
        std::mutex mutex;
        std::condition_variable finished;
        std::map<int, std::vector<Result<SendOutcome>>> outcomes; // by batch, to catch doubles
        int answered = 0;
        constexpr int Batches = 700; // more than one pack holds (MaxRequestsPerPack)
        static_assert(Batches > static_cast<int>(proto::limits::MaxRequestsPerPack));
        std::vector<int> answeredBeforeReturn;
        {
            BatchSender sender(tx->channel(), tx->endpoint().address, *tx->credentials());
            std::vector<BatchSender::Batch> batches;
            for (int i = 0; i < Batches; ++i) {
                BatchSender::Batch batch{"pack-rx", {envelope(1, "k" + std::to_string(i))}, false, {}, nullptr};
                if (i == 10)
                    batch.envelopes.clear(); // breaks a limit: fails alone
                if (i == 20)
                    batch.recipient = "nobody-here";
                batch.done = [&, i](Result<SendOutcome> r) {
                    std::lock_guard lock(mutex);
                    outcomes[i].push_back(std::move(r));
                    ++answered;
                    finished.notify_all();
                };
                batches.push_back(std::move(batch));
            }
            sender.sendAll(std::move(batches));
            {
                std::lock_guard lock(mutex);
                for (const auto &[i, results] : outcomes)
                    answeredBeforeReturn.push_back(i);
            }
            std::unique_lock lock(mutex);
            QVERIFY(finished.wait_for(lock, std::chrono::seconds(20), [&] { return answered >= Batches; }));
        }
        QCOMPARE(answered, Batches);
        QCOMPARE(answeredBeforeReturn, std::vector<int>{10}); // the broken batch, on this thread
        QCOMPARE(outcomes.at(10).front().error().code, ErrorCode::InvalidArgument);
        QCOMPARE(outcomes.at(20).front().error().code, ErrorCode::NotFound);
        int accepted = 0;
        for (const auto &[i, results] : outcomes) {
            QCOMPARE(results.size(), 1u);
            if (results.front().ok() && results.front()->accepted)
                ++accepted;
        }
        QCOMPARE(accepted, Batches - 2);
        Inbox inbox;
        auto stream = openStream(*rx, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() == Batches - 2; }));
        // In the order given, across packs.
        QCOMPARE(toString(inbox.envelopes[9].payload), std::string("k9"));
        QCOMPARE(toString(inbox.envelopes[10].payload), std::string("k11"));
        QCOMPARE(toString(inbox.envelopes.back().payload), std::string("k" + std::to_string(Batches - 1)));
        stream.reset();
        QCOMPARE(roomy.terminate(), 0);
    }

    void packedBatchesFailOnceWhenRelayIsGone()
    {
        QTemporaryDir dir;
        auto gone = std::make_unique<RelayProcess>(RelayDataDir{dir.path()});
        QVERIFY(gone->start());
        auto tx = client(gone->endpoint());
        auto device = tx->registerAccount("gone-tx", Password, "laptop");
        QVERIFY(device.ok());
        tx->setCredentials(device->credentials);
        QCOMPARE(gone->terminate(), 0);
        std::mutex mutex;
        std::condition_variable finished;
        std::vector<Result<SendOutcome>> outcomes;
        {
            BatchSender sender(tx->channel(), tx->endpoint().address, *tx->credentials());
            std::vector<BatchSender::Batch> batches;
            for (int i = 0; i < 40; ++i)
                batches.push_back({"gone-tx",
                                   {envelope(1, "x")},
                                   false,
                                   [&](Result<SendOutcome> r) {
                                       std::lock_guard lock(mutex);
                                       outcomes.push_back(std::move(r));
                                       finished.notify_all();
                                   },
                                   nullptr});
            sender.sendAll(std::move(batches));
            std::unique_lock lock(mutex);
            QVERIFY(finished.wait_for(lock, std::chrono::seconds(20), [&] { return outcomes.size() >= 40; }));
        }
        QCOMPARE(outcomes.size(), 40u);
        for (const auto &o : outcomes) {
            QVERIFY(!o.ok());
            QCOMPARE(o.error().code, ErrorCode::Unavailable);
        }
    }

    void malformedPackEndsTheStream()
    {
        auto dan = registered("pack-dan");
        using namespace lapis::relay::v1;
        auto stub = Messages::NewStub(dan->channel());
        for (std::size_t count : {std::size_t(0), proto::limits::MaxRequestsPerPack + 1}) {
            grpc::ClientContext ctx;
            addCredentials(ctx, *dan->credentials());
            auto stream = stub->SendStreamPacked(&ctx);
            SendStreamPack pack;
            for (std::size_t i = 0; i < count; ++i) {
                auto *request = pack.add_requests();
                request->set_request_id(i + 1);
                request->mutable_batch()->set_recipient("pack-dan");
                auto *e = request->mutable_batch()->add_envelopes();
                e->set_recipient_device(1);
                e->set_payload("x");
            }
            QVERIFY(stream->Write(pack));
            stream->WritesDone();
            SendStreamResults results;
            QVERIFY(!stream->Read(&results)); // nothing of it was stored or answered
            QCOMPARE(stream->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        }
        Inbox inbox;
        auto stream = openStream(*dan, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        QVERIFY(inbox.envelopes.empty());
    }

    void oneTimePreKeyHandedOutOnce()
    {
        auto fay = registered("fay");
        const Bytes accountKey(32, 0x4b);
        QVERIFY(fay->publishKeys(accountKey, toBytes("certificate"), toBytes("signed prekey"),
                                 {{1, toBytes("otpk-1")}, {2, toBytes("otpk-2")}})
                    .ok());
        // The account key is set once: the same again is fine, another one is refused.
        QVERIFY(fay->publishKeys(accountKey, {}, toBytes("signed prekey 2"), {}).ok());
        EXPECT_ERROR(fay->publishKeys(Bytes(32, 0x4c), {}, {}, {}), ErrorCode::PermissionDenied);
        EXPECT_ERROR(fay->publishKeys(Bytes(31, 0x4c), {}, {}, {}), ErrorCode::InvalidArgument);
        TRY_OK(count, fay->preKeyCount());
        QCOMPARE(*count, 2u);
        auto alice = registered("sue");
        // A caller with a session with the device gets its bundle without a one-time prekey.
        TRY_OK(known, alice->fetchPreKeyBundles("fay", {fay->credentials()->deviceId}));
        QCOMPARE(known->bundles.size(), 1u);
        QVERIFY(!known->bundles[0].oneTimePreKey);
        QCOMPARE(known->bundles[0].certificate, toBytes("certificate"));
        TRY_OK(kept, fay->preKeyCount());
        QCOMPARE(*kept, 2u);
        TRY_OK(first, alice->fetchPreKeyBundles("fay"));
        TRY_OK(second, alice->fetchPreKeyBundles("fay"));
        TRY_OK(third, alice->fetchPreKeyBundles("fay"));
        QCOMPARE(first->bundles.size(), 1u);
        QCOMPARE(first->bundles[0].certificate, toBytes("certificate"));
        QCOMPARE(first->accountKey, accountKey);
        QVERIFY(first->bundles[0].oneTimePreKey && second->bundles[0].oneTimePreKey);
        QVERIFY(first->bundles[0].oneTimePreKey->id != second->bundles[0].oneTimePreKey->id);
        QVERIFY(!third->bundles[0].oneTimePreKey);
        TRY_OK(after, fay->preKeyCount());
        QCOMPARE(*after, 0u);
        auto bot = registered("bot", true);
        EXPECT_ERROR(bot->publishKeys({}, toBytes("c"), {}, {}), ErrorCode::PermissionDenied);
    }

    void unackedEnvelopeRedelivered()
    {
        auto gus = registered("gus");
        auto alice = registered("sid");
        for (const char *text : {"one", "two", "three"}) {
            auto sent = alice->sendBatch("gus", {envelope(1, text)});
            QVERIFY(sent.ok() && sent->accepted);
        }
        {
            Inbox inbox;
            auto stream = openStream(*gus, inbox);
            QVERIFY(inbox.waitFor([&] { return inbox.envelopes.size() == 3; }));
            QCOMPARE(inbox.envelopes[0].senderAccount, std::string("sid"));
            QCOMPARE(toString(inbox.envelopes[0].payload), std::string("one"));
            stream->ack(inbox.envelopes[0].id);
            // Wait until the ack is processed: a second stream then sees only the others.
            QTest::qWait(300);
            stream->stop();
        }
        Inbox again;
        auto stream = openStream(*gus, again);
        QVERIFY(again.waitFor([&] { return again.drained > 0; }));
        QCOMPARE(again.envelopes.size(), 2u);
        QCOMPARE(toString(again.envelopes[0].payload), std::string("two"));
        QCOMPARE(toString(again.envelopes[1].payload), std::string("three"));
    }

    void plaintextToAccountWithoutDevices()
    {
        auto hal = registered("hal");
        QString output;
        QCOMPARE(m_relay->runAdmin({"admin", "reset-account", "hal"}, &output), 0);
        QVERIFY2(output.contains("removed 1 devices"), qPrintable(output));
        // The running relay no longer accepts hal's old device.
        EXPECT_ERROR(hal->listDevices(), ErrorCode::AuthenticationFailed);
        auto alice = registered("sol");
        // Without the sender's explicit allowance, plaintext is refused even with no device.
        EXPECT_ERROR(alice->sendBatch("hal", {envelope(0, "plain", true)}), ErrorCode::PermissionDenied);
        TRY_OK(sent, alice->sendBatch("hal", {envelope(0, "plain", true)}, true));
        QVERIFY(sent->accepted);
        // hal's next device gets what waited.
        auto fresh = loggedIn("hal");
        QVERIFY(fresh->credentials());
        Inbox inbox;
        auto stream = openStream(*fresh, inbox);
        QVERIFY(inbox.waitFor([&] { return !inbox.envelopes.empty(); }));
        QVERIFY(inbox.envelopes[0].plaintext);
        QCOMPARE(toString(inbox.envelopes[0].payload), std::string("plain"));
    }

    void linkRoundTrip()
    {
        auto alice = registered("lin");
        auto newDevice = client();
        TRY_OK(address, newDevice->createLinkAddress());
        QVERIFY(address->ttl.count() > 0);
        auto waiting = std::async(std::launch::async,
                                  [&] { return newDevice->waitForLink(address->address, std::chrono::seconds(10)); });
        TRY_OK(token, alice->createLinkToken());
        const Bytes bundle = concat({asBytes("sealed:"), token->token});
        QVERIFY(alice->postLinkBundle(address->address, bundle).ok());
        auto received = waiting.get();
        QVERIFY(received.ok());
        QCOMPARE(*received, bundle);
        EXPECT_ERROR(alice->postLinkBundle(address->address, bundle), ErrorCode::NotFound);
        TRY_OK(device, newDevice->registerLinkedDevice("lin", token->token, "desktop"));
        QVERIFY(device->credentials.deviceId > 1);
        EXPECT_ERROR(newDevice->registerLinkedDevice("lin", token->token, "again"), ErrorCode::NotFound);
    }

    void attachmentResumeAndDownload()
    {
        auto ivy = registered("ivy");
        const QString source = m_dir.path() + "/upload.bin";
        Bytes data = crypto::randomBytes(3 * 1024 * 1024 + 123);
        {
            std::ofstream out(source.toStdString(), std::ios::binary);
            out.write(reinterpret_cast<const char *>(data.data()), static_cast<std::streamsize>(data.size()));
        }
        TRY_OK(info, ivy->createUpload(data.size()));
        auto paused = ivy->upload(info->blobId, source.toStdString(),
                                  [](std::uint64_t done, std::uint64_t) { return done < 1024 * 1024; });
        QVERIFY(!paused.ok());
        QCOMPARE(paused.error().code, ErrorCode::Cancelled);
        std::uint64_t received = 0;
        for (int i = 0; i < 50 && received == 0; ++i) {
            QTest::qWait(50);
            received = ivy->uploadStatus(info->blobId)->received;
        }
        QVERIFY(received > 0 && received < data.size());
        std::uint64_t lastProgress = 0;
        TRY_OK(done, ivy->upload(info->blobId, source.toStdString(), [&](std::uint64_t d, std::uint64_t) {
            lastProgress = d;
            return true;
        }));
        QVERIFY(done->complete);
        QCOMPARE(lastProgress, static_cast<std::uint64_t>(data.size()));

        auto alice = registered("sky");
        const QString target = m_dir.path() + "/download.bin";
        auto half = alice->download(info->blobId, target.toStdString(),
                                    [](std::uint64_t d, std::uint64_t) { return d < 1024 * 1024; });
        QCOMPARE(half.error().code, ErrorCode::Cancelled);
        TRY_OK(size, alice->download(info->blobId, target.toStdString()));
        QCOMPARE(*size, static_cast<std::uint64_t>(data.size()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray got = file.readAll();
        QVERIFY(got == QByteArray(reinterpret_cast<const char *>(data.data()), static_cast<qsizetype>(data.size())));
    }

    void removedDeviceStreamStops()
    {
        auto first = registered("rem");
        auto second = signedIn("rem", *first);
        Inbox inbox;
        auto stream = openStream(*second, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        QVERIFY(first->removeDevice(second->credentials()->deviceId).ok());
        // The relay ends the stream and the client does not retry a refused credential.
        QVERIFY(inbox.waitFor([&] { return inbox.stopped; }));
        EXPECT_ERROR(second->listDevices(), ErrorCode::AuthenticationFailed);
        TRY_OK(left, first->listDevices());
        QCOMPARE(left->size(), 1u);
    }
};

QTEST_GUILESS_MAIN(TestTransportMessages)
#include "tst_transport_relay_messages.moc"
