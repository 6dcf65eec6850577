// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli replies and reactions through a real relay: send --reply-to, react [--remove], and what
// receive --json and history show of them.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QTest>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;

class TestCliReplies : public lapis::test::CliTestCase {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(startAliceAndBob());
        const auto sent =
            m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("lunch at one?")});
        VERIFY_RUN(sent);
        m_bobsMessage = sent.out.split(QLatin1Char(' '))[1];
        QCOMPARE(m_bobsMessage.size(), 32);
        VERIFY_RUN(receive(*m_alice, 1));
    }

    void sendReplyTo()
    {
        const auto sent = m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("one is fine"),
                                        QStringLiteral("--reply-to"), m_bobsMessage});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.startsWith(QStringLiteral("sent ")) && sent.out.contains(QStringLiteral(" e2e")),
                 qPrintable(sent.out));

        const auto got = receive(*m_bob, 1);
        VERIFY_RUN(got);
        const auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        const auto &o = lines[0];
        // The keys a script already reads are unchanged; reply_to is new.
        QCOMPARE(o[QStringLiteral("text")].toString(), QStringLiteral("one is fine"));
        QCOMPARE(o[QStringLiteral("from")].toString(), QStringLiteral("alice"));
        QCOMPARE(o[QStringLiteral("e2e")].toBool(), true);
        QCOMPARE(o[QStringLiteral("id")].toString(), sent.out.split(QLatin1Char(' '))[1]);
        const auto quote = o[QStringLiteral("reply_to")].toObject();
        QCOMPARE(quote[QStringLiteral("id")].toString(), m_bobsMessage);
        QCOMPARE(quote[QStringLiteral("author")].toString(), QStringLiteral("bob"));
        QCOMPARE(quote[QStringLiteral("excerpt")].toString(), QStringLiteral("lunch at one?"));

        // history appends the quoted id to the reply's line only.
        const auto history = m_bob->run({QStringLiteral("history"), QStringLiteral("alice")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("one is fine (delivered) (reply to ") + m_bobsMessage + ')'),
                 qPrintable(history.out));
        QVERIFY2(history.out.contains(QStringLiteral("lunch at one? (delivered)\n"))
                     || history.out.contains(QStringLiteral("lunch at one? (sent)\n")),
                 qPrintable(history.out));
    }

    void replyToUnknownMessageFails()
    {
        const auto bad = m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("x"),
                                       QStringLiteral("--reply-to"), QStringLiteral("not-hex")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains(QStringLiteral("not a message id")), qPrintable(describe(bad)));
        const auto unknown = m_alice->run({QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("x"),
                                           QStringLiteral("--reply-to"), QString(32, QLatin1Char('a'))});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains(QStringLiteral("has no message")), qPrintable(describe(unknown)));
        const auto noEmoji = m_alice->run({QStringLiteral("react"), QStringLiteral("bob"), m_bobsMessage});
        QVERIFY(noEmoji.exitCode != 0);
        QVERIFY2(noEmoji.err.contains(QStringLiteral("emoji")), qPrintable(describe(noEmoji)));
    }

    void reactAndRemove()
    {
        const auto reacted =
            m_alice->run({QStringLiteral("react"), QStringLiteral("bob"), m_bobsMessage, QStringLiteral("👍")});
        VERIFY_RUN(reacted);
        QVERIFY2(reacted.out.startsWith(QStringLiteral("sent ")), qPrintable(reacted.out));

        auto got = receive(*m_bob, 1);
        VERIFY_RUN(got);
        auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        QCOMPARE(lines[0][QStringLiteral("id")].toString(), m_bobsMessage);
        QCOMPARE(lines[0][QStringLiteral("from")].toString(), QStringLiteral("alice"));
        auto reaction = lines[0][QStringLiteral("reaction")].toObject();
        QCOMPARE(reaction[QStringLiteral("emoji")].toString(), QStringLiteral("👍"));
        QCOMPARE(reaction[QStringLiteral("remove")].toBool(), false);
        auto history = m_bob->run({QStringLiteral("history"), QStringLiteral("alice")});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("lunch at one? (delivered) [reactions: 👍 alice]"))
                     || history.out.contains(QStringLiteral("lunch at one? (sent) [reactions: 👍 alice]")),
                 qPrintable(history.out));
        // Alice's own history shows her reaction at once.
        const auto own = m_alice->run({QStringLiteral("history"), QStringLiteral("bob")});
        VERIFY_RUN(own);
        QVERIFY2(own.out.contains(QStringLiteral("[reactions: 👍 alice]")), qPrintable(own.out));

        VERIFY_RUN(m_alice->run({QStringLiteral("react"), QStringLiteral("bob"), m_bobsMessage, QStringLiteral("👍"),
                                 QStringLiteral("--remove")}));
        got = receive(*m_bob, 1);
        VERIFY_RUN(got);
        lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        reaction = lines[0][QStringLiteral("reaction")].toObject();
        QCOMPARE(reaction[QStringLiteral("remove")].toBool(), true);
        history = m_bob->run({QStringLiteral("history"), QStringLiteral("alice")});
        VERIFY_RUN(history);
        QVERIFY2(!history.out.contains(QStringLiteral("[reactions:")), qPrintable(history.out));

        // Plain receive prints messages only, as before: a reaction adds no line.
        VERIFY_RUN(m_alice->run({QStringLiteral("react"), QStringLiteral("bob"), m_bobsMessage, QStringLiteral("😮")}));
        const auto plain = m_bob->run(lapis::test::receiveWaiting());
        VERIFY_RUN(plain);
        QVERIFY2(plain.lines().isEmpty(), qPrintable(describe(plain)));
        // And receive --json stays one object per message: reactions only with --reactions.
        VERIFY_RUN(m_alice->run({QStringLiteral("react"), QStringLiteral("bob"), m_bobsMessage, QStringLiteral("🙏")}));
        const auto json = m_bob->run(lapis::test::receiveJson(0));
        VERIFY_RUN(json);
        QVERIFY2(json.lines().isEmpty(), qPrintable(describe(json)));
    }

    void helpMentionsTheCommands()
    {
        const auto help = m_alice->run({QStringLiteral("--help")});
        VERIFY_RUN(help);
        QVERIFY(help.out.contains(QStringLiteral("--reply-to MESSAGE-ID")));
        QVERIFY(help.out.contains(QStringLiteral("react USER MESSAGE-ID EMOJI [--remove]")));
    }

private:
    /// receive --json --reactions until `count` lines (messages and reactions) arrived.
    CliRun receive(const CliProfile &who, int count) const
    {
        return who.run(lapis::test::receiveJson(count) << QStringLiteral("--reactions"));
    }

    QString m_bobsMessage;
};

QTEST_GUILESS_MAIN(TestCliReplies)
#include "tst_cli_replies.moc"
