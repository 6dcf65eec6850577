// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli's fixed interface for issue 20 through a real relay: edit, delete [--for-everyone],
// disappearing SECONDS|off, history's " (edited)" and "(deleted)", and receive --json --events'
// objects ({"event":"edited"|"deleted"|"timer", ...}); without --events the output is unchanged.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QJsonObject>
#include <QTest>

#include <thread>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;

class TestCliChanges : public lapis::test::CliTestCase {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(startAliceAndBob()); }

    void editAndDeleteForEveryone()
    {
        const auto sent = m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("meet at noon")});
        VERIFY_RUN(sent);
        const auto id = sent.out.split(QLatin1Char(' '))[1];
        VERIFY_RUN(m_bob->run(lapis::test::receiveJson(1)));

        const auto edited =
            m_alice->run({QStringLiteral("edit"), QStringLiteral("bob"), id, QStringLiteral("meet at one")});
        VERIFY_RUN(edited);
        QVERIFY2(edited.out.startsWith(QStringLiteral("sent ")), qPrintable(edited.out));
        auto got = m_bob->run(lapis::test::receiveJson(1) << QStringLiteral("--events"));
        VERIFY_RUN(got);
        auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        QCOMPARE(lines[0][QStringLiteral("event")].toString(), QStringLiteral("edited"));
        QCOMPARE(lines[0][QStringLiteral("id")].toString(), id);
        QCOMPARE(lines[0][QStringLiteral("text")].toString(), QStringLiteral("meet at one"));
        auto history = m_bob->run({QStringLiteral("history"), QStringLiteral("alice")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("meet at one (edited) (delivered)")), qPrintable(history.out));

        // Bob cannot change Alice's message.
        const auto refused = m_bob->run({QStringLiteral("edit"), QStringLiteral("alice"), id, QStringLiteral("no")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QStringLiteral("your own")), qPrintable(describe(refused)));

        VERIFY_RUN(
            m_alice->run({QStringLiteral("delete"), QStringLiteral("bob"), id, QStringLiteral("--for-everyone")}));
        got = m_bob->run(lapis::test::receiveJson(1) << QStringLiteral("--events"));
        VERIFY_RUN(got);
        lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        QCOMPARE(lines[0][QStringLiteral("event")].toString(), QStringLiteral("deleted"));
        QCOMPARE(lines[0][QStringLiteral("id")].toString(), id);
        history = m_bob->run({QStringLiteral("history"), QStringLiteral("alice")});
        QVERIFY2(history.out.contains(QStringLiteral("(deleted) (delivered)")), qPrintable(history.out));
        QVERIFY2(!history.out.contains(QStringLiteral("meet at")), qPrintable(history.out));
        const auto search = m_bob->run({QStringLiteral("search"), QStringLiteral("meet")});
        VERIFY_RUN(search);
        QVERIFY2(search.out.isEmpty(), qPrintable(search.out));
    }

    void deleteForMeOnlyHere()
    {
        const auto sent = m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("keep or not")});
        VERIFY_RUN(sent);
        const auto id = sent.out.split(QLatin1Char(' '))[1];
        VERIFY_RUN(m_alice->run(lapis::test::receiveJson(1)));
        const auto deleted = m_alice->run({QStringLiteral("delete"), QStringLiteral("bob"), id});
        VERIFY_RUN(deleted);
        QCOMPARE(deleted.out, QStringLiteral("deleted ") + id + QLatin1Char('\n'));
        QVERIFY(!m_alice->run({QStringLiteral("history"), QStringLiteral("bob")})
                     .out.contains(QStringLiteral("keep or not")));
        QVERIFY(m_bob->run({QStringLiteral("history"), QStringLiteral("alice")})
                    .out.contains(QStringLiteral("keep or not")));
    }

    void disappearingTimer()
    {
        const auto set = m_alice->run({QStringLiteral("disappearing"), QStringLiteral("bob"), QStringLiteral("2")});
        VERIFY_RUN(set);
        QVERIFY2(set.out.startsWith(QStringLiteral("timer 2\nsent ")), qPrintable(set.out));
        auto got = m_bob->run(lapis::test::receiveJson(1) << QStringLiteral("--events"));
        VERIFY_RUN(got);
        auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        QCOMPARE(lines[0][QStringLiteral("event")].toString(), QStringLiteral("timer"));
        QCOMPARE(lines[0][QStringLiteral("from")].toString(), QStringLiteral("alice"));
        QCOMPARE(lines[0][QStringLiteral("seconds")].toInt(), 2);
        QVERIFY(
            m_bob->run({QStringLiteral("history"), QStringLiteral("alice")}).out.contains(QStringLiteral("(timer 2)")));

        VERIFY_RUN(m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("short lived")}));
        VERIFY_RUN(m_bob->run(lapis::test::receiveJson(1)));
        VERIFY_RUN(m_bob->run({QStringLiteral("mark-read"), QStringLiteral("alice")}));
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        for (const auto *who : {m_alice.get(), m_bob.get()}) {
            const auto peer = who == m_alice.get() ? QStringLiteral("bob") : QStringLiteral("alice");
            const auto history = who->run({QStringLiteral("history"), peer});
            VERIFY_RUN(history);
            QVERIFY2(!history.out.contains(QStringLiteral("short lived")), qPrintable(history.out));
        }

        const auto off = m_bob->run({QStringLiteral("disappearing"), QStringLiteral("alice"), QStringLiteral("off")});
        VERIFY_RUN(off);
        QVERIFY2(off.out.startsWith(QStringLiteral("timer off\n")), qPrintable(off.out));
        got = m_alice->run(lapis::test::receiveJson(1) << QStringLiteral("--events"));
        VERIFY_RUN(got);
        lines = got.json();
        QVERIFY2(lines.size() == 1 && lines[0][QStringLiteral("seconds")].toInt() == 0, qPrintable(describe(got)));

        for (const auto &bad :
             {QStringLiteral("0"), QStringLiteral("-5"), QStringLiteral("soon"), QStringLiteral("2419201")}) {
            const auto refused = m_alice->run({QStringLiteral("disappearing"), QStringLiteral("bob"), bad});
            QVERIFY2(refused.exitCode != 0 && refused.err.contains(QStringLiteral("not a timer")),
                     qPrintable(describe(refused)));
        }
    }

    void withoutEventsOnlyMessagesArePrinted()
    {
        const auto sent = m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("plain line")});
        VERIFY_RUN(sent);
        const auto id = sent.out.split(QLatin1Char(' '))[1];
        VERIFY_RUN(m_alice->run({QStringLiteral("edit"), QStringLiteral("bob"), id, QStringLiteral("plain line!")}));
        const auto got = m_bob->run(lapis::test::receiveJson(1));
        VERIFY_RUN(got);
        const auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        QVERIFY(!lines[0].contains(QStringLiteral("event")));
        QCOMPARE(lines[0][QStringLiteral("text")].toString(), QStringLiteral("plain line"));
    }

    void helpListsTheCommands()
    {
        const auto help = m_alice->run({QStringLiteral("--help")});
        QVERIFY(help.out.contains(QStringLiteral("edit USER MESSAGE-ID TEXT")));
        QVERIFY(help.out.contains(QStringLiteral("delete USER MESSAGE-ID [--for-everyone]")));
        QVERIFY(help.out.contains(QStringLiteral("disappearing USER SECONDS|off")));
    }
};

QTEST_GUILESS_MAIN(TestCliChanges)
#include "tst_cli_changes.moc"
