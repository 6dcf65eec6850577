// SPDX-License-Identifier: GPL-3.0-or-later
// systemRandom(): small requests come from a per-thread buffered keystream; it must never hand
// the same bytes out twice, across threads, or to both sides of a fork.
#include <lapis/crypto/Random.h>

#include <QtTest>

#include <array>
#include <set>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace lapis;
using namespace lapis::crypto;

namespace {
using Id = std::array<std::uint8_t, 16>;

Id draw()
{
    Id id{};
    systemRandom().fill(id);
    return id;
}
} // namespace

class TestCryptoRandom : public QObject {
    Q_OBJECT
private slots:
    void drawsDoNotRepeat()
    {
        std::set<Id> seen;
        // Many refills and a reseed (256 refills of 480 bytes) on the way.
        for (int i = 0; i < 20000; ++i)
            QVERIFY(seen.insert(draw()).second);
    }

    void everySizeIsFilled()
    {
        // Sizes across the buffer's edge and past the largest buffered request.
        // Two draws of one size are compared as runs of at least 16 bytes: two single random
        // bytes are equal once in 256 runs, which made this test fail now and then in CI.
        for (std::size_t size : {1U, 31U, 255U, 256U, 257U, 479U, 480U, 481U, 4096U}) {
            const auto drawRun = [size] {
                Bytes run;
                while (run.size() < 16) {
                    Bytes piece(size, 0);
                    systemRandom().fill(piece);
                    run.insert(run.end(), piece.begin(), piece.end());
                }
                return run;
            };
            const Bytes a = drawRun();
            const Bytes b = drawRun();
            QVERIFY2(a != b, qPrintable(QString::number(size)));
            if (size >= 32)
                QVERIFY(std::count(a.begin(), a.end(), 0) < static_cast<std::ptrdiff_t>(size / 8));
        }
    }

    void threadsGetTheirOwnStreams()
    {
        std::vector<Id> fromThreads(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < fromThreads.size(); ++i)
            threads.emplace_back([&, i] { fromThreads[i] = draw(); });
        for (auto &t : threads)
            t.join();
        std::set<Id> distinct(fromThreads.begin(), fromThreads.end());
        distinct.insert(draw());
        QCOMPARE(distinct.size(), fromThreads.size() + 1);
    }

    void forkedChildDrawsOtherBytes()
    {
#ifdef _WIN32
        QSKIP("no fork() here");
#else
        (void)draw(); // the parent's buffer is full now; a child would inherit it
        int pipeFds[2];
        QCOMPARE(pipe(pipeFds), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            const auto id = draw();
            const auto written = write(pipeFds[1], id.data(), id.size());
            _exit(written == static_cast<ssize_t>(id.size()) ? 0 : 1);
        }
        const auto parentId = draw();
        Id childId{};
        QCOMPARE(read(pipeFds[0], childId.data(), childId.size()), static_cast<ssize_t>(childId.size()));
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        close(pipeFds[0]);
        close(pipeFds[1]);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QVERIFY(parentId != childId);
#endif
    }
};

QTEST_APPLESS_MAIN(TestCryptoRandom)
#include "tst_crypto_random.moc"
