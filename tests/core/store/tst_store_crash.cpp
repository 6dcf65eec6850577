// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety: a writer killed with SIGKILL mid-write loses no committed transaction and
// leaves a database that passes integrity_check. The child is this binary, re-invoked.
#include "StoreTestUtil.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <cstring>
#include <iostream>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

namespace {

constexpr std::uint32_t MessagesPerTransaction = 25;

// Writes transactions of MessagesPerTransaction messages forever, printing each committed
// transaction's number only after its commit returned.
int runChildWriter(const char *profile)
{
    auto store = openStore(QString::fromLocal8Bit(profile), 6, OpenMode::OpenExisting);
    if (!store.ok()) {
        std::cerr << "child: " << store.error().message << std::endl;
        return 2;
    }
    auto next = (*store)
                    ->transact([](Transaction &tx) -> Result<std::int64_t> {
                        LAPIS_TRY_ASSIGN(auto page, tx.messages().page(1, 1));
                        return page.messages.empty() ? 0 : page.messages[0].sentAtMs;
                    })
                    .get();
    if (!next.ok())
        return 3;
    const std::string filler(1500, 'x'); // large rows: every commit spans several pages
    for (std::int64_t txn = *next + 1;; ++txn) {
        auto committed = (*store)
                             ->transact([&](Transaction &tx) -> Result<void> {
                                 for (std::uint32_t i = 0; i < MessagesPerTransaction; ++i) {
                                     const auto n = static_cast<std::uint32_t>(txn) * MessagesPerTransaction + i;
                                     LAPIS_TRY(tx.messages().insert(message(1, n, filler + std::to_string(n), txn)));
                                 }
                                 return {};
                             })
                             .get();
        if (!committed.ok()) {
            std::cerr << "child: " << committed.error().message << std::endl;
            return 4;
        }
        std::cout << txn << std::endl; // endl flushes: the parent reads it at once
    }
}

} // namespace

class TestStoreCrash : public QObject {
    Q_OBJECT

private slots:
    void killedWriterLosesNoCommittedTransaction()
    {
        QTemporaryDir dir;
        {
            auto store = openStore(dir.path(), 6);
            QVERIFY_OK(store);
            QVERIFY_OK(
                (*store)
                    ->transact([](Transaction &tx) { return tx.conversations().findOrCreate(AccountId("b"), "B", 1); })
                    .get());
        }
        std::int64_t lastReported = 0;
        // Several rounds: each child resumes the database the previous one left behind.
        for (int round = 0; round < 3; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QCoreApplication::applicationFilePath(), {"--child-writer", dir.path()});
            QVERIFY(child.waitForStarted());
            // Let it commit a varying number of transactions, then kill it wherever it is.
            const std::int64_t target = lastReported + 5 + round * 7;
            QElapsedTimer timer;
            timer.start();
            QByteArray pending;
            while (lastReported < target && timer.elapsed() < 20000) {
                child.waitForReadyRead(100);
                pending += child.readAllStandardOutput();
                while (pending.contains('\n')) {
                    const auto line = pending.left(pending.indexOf('\n'));
                    pending.remove(0, line.size() + 1);
                    lastReported = line.toLongLong();
                }
                QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
            }
            QVERIFY(lastReported >= target);
            ::usleep(static_cast<useconds_t>(1000 * (round * 3 + 1))); // land inside a later write
            child.kill();                                              // SIGKILL on Unix
            QVERIFY(child.waitForFinished());
            pending += child.readAllStandardOutput();
            for (const auto &line : pending.split('\n'))
                if (!line.isEmpty())
                    lastReported = line.toLongLong();

            auto store = openStore(dir.path(), 6, OpenMode::OpenExisting);
            QVERIFY_OK(store);
            auto report = (*store)->integrityCheck().get();
            QVERIFY_OK(report);
            QCOMPARE(*report, std::string("ok"));
            auto counts = (*store)
                              ->transact([](Transaction &tx) -> Result<std::pair<std::int64_t, std::size_t>> {
                                  LAPIS_TRY_ASSIGN(auto page, tx.messages().page(1, 1000000));
                                  const std::int64_t newest =
                                      page.messages.empty() ? 0 : page.messages.front().sentAtMs;
                                  return std::make_pair(newest, page.messages.size());
                              })
                              .get();
            QVERIFY_OK(counts);
            // Every reported transaction is there, whole; at most the one in flight besides.
            QVERIFY2(counts->first >= lastReported,
                     qPrintable(QString("newest %1, reported %2").arg(counts->first).arg(lastReported)));
            QVERIFY(counts->first <= lastReported + 1);
            QCOMPARE(counts->second, static_cast<std::size_t>(counts->first) * MessagesPerTransaction);
            lastReported = counts->first;
        }
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--child-writer") == 0)
        return runChildWriter(argv[2]);
    QCoreApplication app(argc, argv);
    TestStoreCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store_crash.moc"
