// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli with several relays of one deployment (--relay A,B: two lapis-relay processes on one
// throwaway PostgreSQL, one certificate): the profile keeps the list, and when relay A is killed
// (SIGKILL) the next commands go to B: nothing sent is lost, and every message is in Bob's
// history exactly once.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/PostgresServer.h>

#include <QTest>

using namespace lapis::test;

class TestCliFailover : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    PostgresServer m_postgres;
    std::unique_ptr<RelayProcess> m_a;
    std::unique_ptr<RelayProcess> m_b;

    std::unique_ptr<RelayProcess> relay()
    {
        auto relay = std::make_unique<RelayProcess>(RelayDataDir{m_data.path()});
        relay->useDatabase(m_postgres.uri(QStringLiteral("community")));
        return relay;
    }

    static int occurrences(const QString &text, const QString &what) { return static_cast<int>(text.count(what)); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        QVERIFY(m_postgres.start());
        QVERIFY(m_postgres.createDatabase(QStringLiteral("community")));
        m_a = relay();
        QVERIFY(m_a->start());
        m_b = relay();
        QVERIFY(m_b->start());
    }

    void cleanupTestCase()
    {
        m_b.reset();
        m_a.reset();
    }

    void commandsMoveToTheNextRelay()
    {
        const QString both = m_a->address() + QLatin1Char(',') + m_b->address();
        CliProfile alice(CliProfile::builtBinary(), both, m_a->certificatePath());
        CliProfile bob(CliProfile::builtBinary(), both, m_a->certificatePath());
        VERIFY_RUN(alice.registerAs(QStringLiteral("alice")));
        VERIFY_RUN(bob.registerAs(QStringLiteral("bob")));
        VERIFY_RUN(alice.run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("through A")}));
        auto first = bob.run(receiveJson(1));
        VERIFY_RUN(first);
        QVERIFY2(first.out.contains(QStringLiteral("through A")), qPrintable(describe(first)));

        m_a->kill();
        // Both profiles still name A first: each command finds it gone and uses B.
        for (const char *text : {"after A died 1", "after A died 2"})
            VERIFY_RUN(alice.run({QStringLiteral("send"), QStringLiteral("bob"), QString::fromUtf8(text)}));
        auto later = bob.run(receiveJson(2));
        VERIFY_RUN(later);
        QVERIFY2(later.out.contains(QStringLiteral("after A died 1"))
                     && later.out.contains(QStringLiteral("after A died 2")),
                 qPrintable(describe(later)));
        VERIFY_RUN(bob.run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("got them")}));
        auto reply = alice.run(receiveJson(1));
        VERIFY_RUN(reply);
        QVERIFY2(reply.out.contains(QStringLiteral("got them")), qPrintable(describe(reply)));

        const auto history = bob.run({QStringLiteral("history"), QStringLiteral("alice")});
        VERIFY_RUN(history);
        for (const char *text : {"through A", "after A died 1", "after A died 2"})
            QVERIFY2(occurrences(history.out, QString::fromUtf8(text)) == 1, qPrintable(history.out));
    }

    // A list with an empty entry or without a port is refused before anything is created.
    void badListIsRefused()
    {
        CliProfile carol(CliProfile::builtBinary(), m_b->address() + QStringLiteral(",,"), m_a->certificatePath());
        const auto run = carol.registerAs(QStringLiteral("carol"));
        QVERIFY2(run.exitCode != 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("empty entry")), qPrintable(describe(run)));
    }
};

QTEST_GUILESS_MAIN(TestCliFailover)
#include "tst_cli_failover.moc"
