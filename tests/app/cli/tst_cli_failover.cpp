// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli with several relays of one deployment (--relay A,B: two lapis-relay processes on one
// throwaway PostgreSQL, one certificate): the profile keeps the list, and when relay A is killed
// (SIGKILL) the next commands go to B: nothing sent is lost, and every message is in Bob's
// history exactly once.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/PostgresServer.h>

#include <QProcess>
#include <QScopeGuard>
#include <QTest>

#include <csignal>

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

    // Issue 19: the link channel lives in the database. The new device asks relay C for a link
    // address and waits there; C is killed with SIGKILL; the wait moves to B, and Alice's
    // approval (her commands, too, find C gone) is posted through B. With the link channel in
    // each relay's memory, B would not know the address C made, and the approval would fail.
    void linkSurvivesTheRelayThatMadeItsAddress()
    {
        auto c = relay();
        QVERIFY(c->start());
        // One deployment, one list: the approving device checks that the new one uses its relays.
        const QString list = c->address() + QLatin1Char(',') + m_b->address();
        CliProfile alice(CliProfile::builtBinary(), list, m_a->certificatePath());
        VERIFY_RUN(alice.registerAs(QStringLiteral("linkalice")));
        CliProfile alice2(CliProfile::builtBinary(), list, m_a->certificatePath());
        QProcess request;
        request.start(CliProfile::builtBinary(),
                      {QStringLiteral("--profile"), alice2.dir(), QStringLiteral("--passphrase-file"),
                       alice2.passphraseFile(), QStringLiteral("link-request"), QStringLiteral("--relay"), list,
                       QStringLiteral("--relay-ca"), m_a->certificatePath()});
        QVERIFY(request.waitForStarted());
        auto stopRequest = qScopeGuard([&] {
            request.kill();
            request.waitForFinished();
        });
        QByteArray printed;
        while (printed.count('\n') < 2 && request.waitForReadyRead(30000))
            printed += request.readAllStandardOutput();
        const auto lines = QString::fromUtf8(printed).split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 2 && lines[1].startsWith(QStringLiteral("code: ")), printed.constData());
        const QString uri = lines[0];
        const QString code = lines[1].mid(6);
        QCOMPARE(m_postgres.psql(QStringLiteral("community"), QStringLiteral("SELECT count(*) FROM link_addresses")),
                 QStringLiteral("1"));

        // The new device is held still while C dies and Alice approves: nobody waits, so the
        // bundle stays in the database, where the operator sees only ciphertext.
        QVERIFY(::kill(static_cast<pid_t>(request.processId()), SIGSTOP) == 0);
        c->kill();
        const auto approved = alice.run({QStringLiteral("link-approve"), uri, QStringLiteral("--code"), code});
        VERIFY_RUN(approved);
        const QString bundle = m_postgres.psql(QStringLiteral("community"),
                                               QStringLiteral("SELECT encode(bundle, 'hex') FROM link_addresses"));
        const QString accountKey = m_postgres.psql(
            QStringLiteral("community"),
            QStringLiteral("SELECT encode(account_key, 'hex') FROM accounts WHERE username='linkalice'"));
        QVERIFY2(!bundle.isEmpty() && accountKey.size() == 64, qPrintable(bundle + QLatin1Char(' ') + accountKey));
        QVERIFY2(!bundle.contains(accountKey), "the account key lies in the clear in the posted bundle");
        QVERIFY2(!bundle.contains(QString::fromLatin1(QByteArray("linkalice").toHex())),
                 "the account name lies in the clear in the posted bundle");
        QVERIFY(::kill(static_cast<pid_t>(request.processId()), SIGCONT) == 0);
        QVERIFY(request.waitForFinished(60000));
        const QByteArray err = request.readAllStandardError();
        QVERIFY2(request.exitCode() == 0, err.constData());
        QVERIFY2(request.readAllStandardOutput().contains("linked as linkalice"), err.constData());
        // The bundle was fetched: nothing of it is left in the database.
        QCOMPARE(m_postgres.psql(QStringLiteral("community"), QStringLiteral("SELECT count(*) FROM link_addresses")),
                 QStringLiteral("0"));

        // The linked device is Alice's: Bob reads what it sends as hers.
        CliProfile bob(CliProfile::builtBinary(), m_a->address(), m_a->certificatePath());
        VERIFY_RUN(bob.registerAs(QStringLiteral("linkbob")));
        VERIFY_RUN(alice2.run({QStringLiteral("send"), QStringLiteral("linkbob"), QStringLiteral("from the new one")}));
        const auto got = bob.run(receiveJson(1));
        VERIFY_RUN(got);
        QVERIFY2(got.out.contains(QStringLiteral("from the new one")), qPrintable(describe(got)));
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
