// SPDX-License-Identifier: GPL-3.0-or-later
// Multi-recipient sends through the real lapis-relay: one payload for the devices of several
// accounts (BatchSender::Batch::sharedPayload), stored once in relay.db and streamed to each
// device; and a hostile client's fan-outs, refused.
#include "RelayTestSupport.h"
#include "SqliteConnection.h"

class TestTransportFanOut : public RelayTestBase {
    Q_OBJECT

    /// One number from the relay's database, read beside the running relay.
    std::int64_t count(const std::string &sql)
    {
        auto db = relay::SqliteConnection::open((m_relay->dataDir() + "/relay.db").toStdString());
        if (!db.ok())
            return -1;
        auto q = db->prepare(sql);
        if (!q.ok())
            return -1;
        auto row = q->step();
        return row.ok() && *row ? q->int64(0) : -1;
    }

    /// Sends `batches` over one BatchSender and waits for every answer.
    static std::vector<Result<SendOutcome>> sendAll(RelayClient &from, std::vector<BatchSender::Batch> batches)
    {
        std::mutex mutex;
        std::condition_variable finished;
        std::vector<std::optional<Result<SendOutcome>>> outcomes(batches.size());
        std::size_t answered = 0;
        {
            BatchSender sender(from.channel(), from.endpoint().address, *from.credentials());
            for (std::size_t i = 0; i < batches.size(); ++i) {
                batches[i].done = [&, i](Result<SendOutcome> r) {
                    std::lock_guard lock(mutex);
                    outcomes[i] = std::move(r);
                    ++answered;
                    finished.notify_all();
                };
            }
            const auto total = batches.size();
            sender.sendAll(std::move(batches));
            std::unique_lock lock(mutex);
            finished.wait_for(lock, std::chrono::seconds(20), [&] { return answered == total; });
        }
        std::vector<Result<SendOutcome>> out;
        for (auto &o : outcomes)
            out.push_back(o ? std::move(*o) : Result<SendOutcome>(Error{ErrorCode::Unavailable, "no answer"}));
        return out;
    }

    static BatchSender::Batch fanOut(const std::string &to, const std::vector<std::uint32_t> &devices,
                                     const std::shared_ptr<const Bytes> &payload)
    {
        BatchSender::Batch batch;
        batch.recipient = to;
        for (auto d : devices)
            batch.envelopes.push_back({d, {}, false});
        batch.sharedPayload = payload;
        return batch;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_relay = std::make_unique<RelayProcess>(RelayDataDir{m_dir.path() + "/main"});
        QVERIFY2(m_relay->start(), "lapis-relay did not start");
    }

    void cleanupTestCase() { QCOMPARE(m_relay->terminate(), 0); }

    // Three devices of two accounts: the payload travels and is stored once, every device streams
    // it, and the relay's copy goes with the last ack.
    void aGroupMessageIsStoredOnceAndGoesWithTheLastAck()
    {
        auto ann = registered("fan-ann");
        auto annPhone = signedIn("fan-ann", *ann);
        QVERIFY(annPhone->credentials());
        auto bob = registered("fan-bob");
        auto tx = registered("fan-tx");
        const auto payload = std::make_shared<const Bytes>(Bytes(20'000, 0x42));
        const auto before = count("SELECT count(*) FROM shared_payloads");
        QCOMPARE(before, 0);

        auto outcomes = sendAll(*tx, {fanOut("fan-ann", {1, 2}, payload), fanOut("fan-bob", {1}, payload)});
        for (const auto &o : outcomes)
            QVERIFY(o.ok() && o->accepted);
        QCOMPARE(count("SELECT count(*) FROM shared_payloads"), 1);
        QCOMPARE(count("SELECT sum(length(payload)) FROM shared_payloads"), 20'000);
        QCOMPARE(count("SELECT count(*) FROM mailbox WHERE payload_ref<>0 AND length(payload)=0"), 3);

        std::vector<RelayClient *> devices{ann.get(), annPhone.get(), bob.get()};
        for (std::size_t i = 0; i < devices.size(); ++i) {
            Inbox inbox;
            auto stream = openStream(*devices[i], inbox);
            QVERIFY(inbox.waitFor([&] { return !inbox.envelopes.empty(); }));
            QCOMPARE(inbox.envelopes.front().payload, *payload);
            QCOMPARE(inbox.envelopes.front().senderAccount, std::string("fan-tx"));
            stream->ack(inbox.envelopes.front().id);
            stream->stop();
            stream.reset();
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            const std::int64_t left = i + 1 < devices.size() ? 1 : 0;
            while (count("SELECT count(*) FROM mailbox WHERE payload_ref<>0") != std::int64_t(2 - i)
                   && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            QCOMPARE(count("SELECT count(*) FROM mailbox WHERE payload_ref<>0"), std::int64_t(2 - i));
            QCOMPARE(count("SELECT count(*) FROM shared_payloads"), left);
        }
    }

    // A hostile client: a reference to a payload the pack does not hold, a reference outside the
    // packed stream, and a fan-out to a device the account does not have next to a good one.
    void hostileFanOutsAreRefused()
    {
        auto victim = registered("fan-victim");
        auto other = registered("fan-other");
        auto mallory = registered("fan-mallory");
        using namespace lapis::relay::v1;
        auto stub = Messages::NewStub(mallory->channel());
        {
            grpc::ClientContext ctx;
            addCredentials(ctx, *mallory->credentials());
            auto stream = stub->SendStreamPacked(&ctx);
            SendStreamPack pack;
            pack.add_shared_payloads("ciphertext");
            for (std::uint32_t ref : {2u, 1u}) {
                auto *request = pack.add_requests();
                request->set_request_id(ref);
                request->mutable_batch()->set_recipient("fan-victim");
                auto *e = request->mutable_batch()->add_envelopes();
                e->set_recipient_device(1);
                e->set_shared_payload(ref);
                if (ref == 1)
                    e->set_payload("both"); // a payload and a reference
            }
            QVERIFY(stream->Write(pack));
            SendStreamResults results;
            QVERIFY(stream->Read(&results));
            QCOMPARE(results.results_size(), 2);
            for (const auto &r : results.results())
                QCOMPARE(r.code(), int(grpc::StatusCode::INVALID_ARGUMENT));
            stream->WritesDone();
            (void)stream->Finish();
        }
        {
            grpc::ClientContext ctx;
            addCredentials(ctx, *mallory->credentials());
            SendBatchRequest request;
            request.set_recipient("fan-victim");
            auto *e = request.add_envelopes();
            e->set_recipient_device(1);
            e->set_shared_payload(1);
            SendBatchResponse response;
            QCOMPARE(stub->SendBatch(&ctx, request, &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        }
        const auto payload = std::make_shared<const Bytes>(toBytes("to a device that is not there"));
        auto outcomes = sendAll(*mallory, {fanOut("fan-victim", {1, 9}, payload), fanOut("fan-other", {1}, payload)});
        QVERIFY(outcomes[0].ok());
        QVERIFY(!outcomes[0]->accepted);
        QCOMPARE(outcomes[0]->currentDevices.size(), 1u);
        QVERIFY(outcomes[1].ok() && outcomes[1]->accepted);
        QCOMPARE(count("SELECT count(*) FROM mailbox WHERE username='fan-victim'"), 0);
        QCOMPARE(count("SELECT count(*) FROM mailbox WHERE username='fan-other' AND payload_ref<>0"), 1);
        Inbox inbox;
        auto stream = openStream(*victim, inbox);
        QVERIFY(inbox.waitFor([&] { return inbox.drained > 0; }));
        QVERIFY(inbox.envelopes.empty());
    }
};

QTEST_GUILESS_MAIN(TestTransportFanOut)
#include "tst_transport_relay_fanout.moc"
