// SPDX-License-Identifier: GPL-3.0-or-later
// Engine::listen and Engine::markRead through a real relay: what the desktop app's worker relies on.
#include "EngineTestUtil.h"

#include <lapis/engine/ProfileKey.h>
#include <lapis/store/Store.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <thread>

using namespace lapis;
using namespace std::chrono_literals;

using engine::test::fileText;

namespace {
/// Listens on its own thread until `until` holds for what arrived, or 15 s pass.
struct Listener {
    std::vector<engine::ReceivedItem> items;
    std::vector<bool> connection;
    Result<void> outcome;

    void run(engine::Engine &engine, const std::function<bool(const std::vector<engine::ReceivedItem> &)> &until)
    {
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        engine::ListenCallbacks callbacks;
        callbacks.onItem = [this](const engine::ReceivedItem &item) { items.push_back(item); };
        callbacks.onConnection = [this](bool online) { connection.push_back(online); };
        outcome = engine.listen(callbacks, [&] { return until(items) || std::chrono::steady_clock::now() > deadline; });
    }
};

bool hasText(const std::vector<engine::ReceivedItem> &items, const std::string &text)
{
    return std::any_of(items.begin(), items.end(), [&](const auto &i) { return i.event.text == text; });
}
} // namespace

class TestEngineListen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
    }

    void listenDeliversWhatArrivesWhileRunning()
    {
        Listener listener;
        auto running = std::async(std::launch::async, [&] {
            listener.run(*m_bob, [](const auto &items) { return hasText(items, "while listening"); });
        });
        // Sent while Bob's stream is open: it arrives as a push, not at the next connection.
        std::this_thread::sleep_for(300ms);
        auto sent = m_alice->sendText(AccountId("bob"), "while listening", false);
        QVERIFY2(sent.ok(), sent.ok() ? "" : sent.error().message.c_str());
        QVERIFY(sent->acceptedByRelay);
        running.get();
        QVERIFY2(listener.outcome.ok(), listener.outcome.ok() ? "" : listener.outcome.error().message.c_str());
        QVERIFY(hasText(listener.items, "while listening"));
        QVERIFY(!listener.connection.empty() && listener.connection.front());
        const auto &item = *std::find_if(listener.items.begin(), listener.items.end(),
                                         [](const auto &i) { return i.event.text == "while listening"; });
        QCOMPARE(item.event.from.value(), std::string("alice"));
        QVERIFY(item.event.endToEnd);
    }

    void listenReturnsPromptlyWhenInterrupted()
    {
        const auto start = std::chrono::steady_clock::now();
        engine::ListenCallbacks callbacks;
        auto outcome = m_bob->listen(callbacks, [] { return true; });
        QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().message.c_str());
        QVERIFY(std::chrono::steady_clock::now() - start < 3s);
    }

    void manyWaitingMessagesAreAllStored()
    {
        // A backlog (Bob offline) is stored in batches: all of them, in order, each once.
        for (int i = 0; i < 40; ++i)
            QVERIFY(m_alice->sendText(AccountId("bob"), "backlog " + std::to_string(i), false).ok());
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().message.c_str());
        int backlog = 0;
        for (const auto &item : *got)
            if (item.event.text.rfind("backlog ", 0) == 0)
                QCOMPARE(item.event.text, "backlog " + std::to_string(backlog++));
        QCOMPARE(backlog, 40);
        auto history = m_bob->history(AccountId("alice"), 100);
        QVERIFY(history.ok());
        QCOMPARE(std::count_if(history->begin(), history->end(),
                               [](const auto &m) { return m.text.rfind("backlog ", 0) == 0; }),
                 40);
        // Every one of them was acknowledged end to end: Alice sees them delivered.
        QVERIFY(lapis::engine::test::receiveWaiting(*m_alice).ok());
        auto mine = m_alice->history(AccountId("bob"), 100);
        QVERIFY(mine.ok());
        for (const auto &m : *mine)
            if (m.text.rfind("backlog ", 0) == 0)
                QVERIFY2(m.state == store::MessageState::Delivered, m.text.c_str());
    }

    void listenIndexesForSearchWhileIdle()
    {
        // Messages are stored without being indexed for search; listen() indexes them once the
        // relay has nothing new, and search() never misses one that is still waiting.
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_alice->sendText(AccountId("bob"), "quince jam " + std::to_string(i), false).ok());
        QCOMPARE(m_alice->search("quince")->size(), std::size_t(3)); // indexes what waits first
        QCOMPARE(*m_alice->indexSearchBacklog(), std::size_t(0));

        Listener listener;
        std::optional<std::chrono::steady_clock::time_point> allHere;
        listener.run(*m_bob, [&](const auto &items) {
            // Done once all three are here and a few idle turns (100 ms each) have passed.
            const auto arrived = std::count_if(items.begin(), items.end(),
                                               [](const auto &i) { return i.event.text.rfind("quince jam", 0) == 0; });
            if (arrived == 3 && !allHere)
                allHere = std::chrono::steady_clock::now();
            return allHere && std::chrono::steady_clock::now() - *allHere > 500ms;
        });
        QVERIFY2(listener.outcome.ok(), listener.outcome.ok() ? "" : listener.outcome.error().message.c_str());
        QCOMPARE(*m_bob->indexSearchBacklog(), std::size_t(0)); // listen() indexed them already
        QCOMPARE(m_bob->search("quince")->size(), std::size_t(3));
    }

    void markReadSendsReadReceipts()
    {
        QVERIFY(m_alice->sendText(AccountId("bob"), "please read", false).ok());
        QVERIFY(lapis::engine::test::receiveWaiting(*m_bob).ok());
        auto marked = m_bob->markRead(AccountId("alice"));
        QVERIFY2(marked.ok(), marked.ok() ? "" : marked.error().message.c_str());
        QVERIFY(*marked >= 1);
        auto again = m_bob->markRead(AccountId("alice"));
        QVERIFY(again.ok());
        QCOMPARE(*again, 0);

        Listener listener;
        listener.run(*m_alice, [](const auto &items) {
            return std::any_of(items.begin(), items.end(), [](const auto &i) {
                return i.event.kind == engine::IncomingEvent::Kind::Receipt
                       && i.event.receiptState == store::MessageState::Read;
            });
        });
        QVERIFY(listener.outcome.ok());
        auto history = m_alice->history(AccountId("bob"), 5);
        QVERIFY(history.ok());
        const auto read =
            std::find_if(history->begin(), history->end(), [](const auto &m) { return m.text == "please read"; });
        QVERIFY(read != history->end());
        QVERIFY(read->state == store::MessageState::Read);
    }

    void pausedUploadResumesAfterRestart()
    {
        const QString path = m_profiles.path(QStringLiteral("big.bin"));
        QByteArray content(3 * 1024 * 1024 + 123, Qt::Uninitialized);
        for (int i = 0; i < content.size(); ++i)
            content[i] = static_cast<char>((static_cast<unsigned>(i) * 7919U) >> 3);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        // The first chunk goes up, then the "network" stops it.
        auto paused = m_alice->sendFile(AccountId("bob"), path.toStdString(), false,
                                        [](std::uint64_t done, std::uint64_t) { return done == 0; });
        QVERIFY(!paused.ok());
        QCOMPARE(paused.error().code, ErrorCode::Cancelled);
        auto pending = m_alice->pendingUploads();
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), std::size_t(1));
        QCOMPARE(pending->front().fileName, std::string("big.bin"));

        // Lapis restarts: the upload resumes by itself and the message goes out once.
        m_alice.reset();
        m_alice = reopen("alice");
        QVERIFY(m_alice);
        auto flushed = m_alice->flushOutbox();
        QVERIFY2(flushed.ok(), flushed.ok() ? "" : flushed.error().message.c_str());
        QVERIFY(m_alice->pendingUploads()->empty());
        QVERIFY(m_alice->flushOutbox().ok()); // nothing more to send

        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        QVERIFY(got.ok());
        int files = 0;
        for (const auto &item : *got) {
            if (item.event.attachments.empty())
                continue;
            ++files;
            QCOMPARE(item.attachmentIds.size(), std::size_t(1));
            QByteArray plain;
            const auto decrypted =
                m_bob->decryptAttachment(item.attachmentIds.front(), [&](ByteView b) -> Result<void> {
                    plain.append(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
                    return {};
                });
            QVERIFY2(decrypted.ok(), decrypted.ok() ? "" : decrypted.error().message.c_str());
            QVERIFY(plain == content);
        }
        QCOMPARE(files, 1);
    }

    void cancelledUploadSendsNothing()
    {
        const QString path = m_profiles.path(QStringLiteral("small.txt"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(300 * 1024, 'x'));
        }
        auto paused = m_alice->sendFile(AccountId("bob"), path.toStdString(), false,
                                        [](std::uint64_t, std::uint64_t) { return false; });
        QVERIFY(!paused.ok());
        auto pending = m_alice->pendingUploads();
        QVERIFY(pending.ok() && pending->size() == 1);
        QVERIFY(m_alice->cancelUpload(pending->front().blobId).ok());
        QCOMPARE(m_alice->cancelUpload(pending->front().blobId).error().code, ErrorCode::NotFound);
        QVERIFY(m_alice->pendingUploads()->empty());
        QVERIFY(m_alice->flushOutbox().ok());
        auto got = lapis::engine::test::receiveWaiting(*m_bob);
        QVERIFY(got.ok());
        for (const auto &item : *got)
            QVERIFY(item.event.attachments.empty());
    }

    // The dedupe records of envelopes older than any relay keeps are dropped when a stream starts.
    void oldEnvelopeIdsArePruned()
    {
        auto side = engine::openProfileStore(m_profiles.optionsFor("bob"));
        QVERIFY(side.ok());
        std::array<std::uint8_t, MessageId::Size> oldId{};
        oldId.fill(0x0d);
        std::array<std::uint8_t, MessageId::Size> recentId{};
        recentId.fill(0x0e);
        const auto now = QDateTime::currentMSecsSinceEpoch();
        const auto longAgo = now - 200LL * 24 * 60 * 60 * 1000;
        QVERIFY((*side)
                    ->transact([&](store::Transaction &tx) -> Result<void> {
                        LAPIS_TRY(tx.processedEnvelopes().markProcessed(MessageId(oldId), longAgo));
                        LAPIS_TRY(tx.processedEnvelopes().markProcessed(MessageId(recentId), now));
                        return {};
                    })
                    .get()
                    .ok());
        QVERIFY(lapis::engine::test::receiveWaiting(*m_bob).ok());
        auto kept = (*side)
                        ->transact([&](store::Transaction &tx) -> Result<std::pair<bool, bool>> {
                            LAPIS_TRY_ASSIGN(auto oldKept, tx.processedEnvelopes().contains(MessageId(oldId)));
                            LAPIS_TRY_ASSIGN(auto recentKept, tx.processedEnvelopes().contains(MessageId(recentId)));
                            return std::pair{oldKept, recentKept};
                        })
                        .get();
        QVERIFY(kept.ok());
        QVERIFY(!kept->first);
        QVERIFY(kept->second);
    }

private:
    std::unique_ptr<engine::Engine> reopen(const std::string &name)
    {
        auto opened = engine::Engine::open(m_profiles.optionsFor(name));
        return opened.ok() ? std::move(*opened) : nullptr;
    }

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    engine::test::ProfilesOnRelay m_profiles{m_relay};
    std::unique_ptr<engine::Engine> m_alice;
    std::unique_ptr<engine::Engine> m_bob;
};

QTEST_GUILESS_MAIN(TestEngineListen)
#include "tst_engine_listen.moc"
