// SPDX-License-Identifier: GPL-3.0-or-later
// Replies and reactions in the desktop app (offscreen) against a real lapis-relay, with Bob on
// lapis-cli: the bubble's context menu, the composer's quote bar, quotes and reaction counts in
// the model and in the drawn bubbles, and what Bob receives.
#include "DesktopAccount.h"
#include "QuickFind.h"

#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QJsonArray>
#include <QQuickItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::ui;
using test::CliProfile;
using test::findItem;
using test::findObject;
using test::shown;

namespace {

/// The reaction summary of a row as "emoji count reactor,reactor" strings.
QStringList summaryOf(const MessageListModel &model, int row)
{
    QStringList out;
    for (const auto &entry : model.get(row, QStringLiteral("reactionSummary")).toList()) {
        const auto map = entry.toMap();
        out << map.value(QStringLiteral("emoji")).toString() + QLatin1Char(' ')
                   + QString::number(map.value(QStringLiteral("count")).toInt()) + QLatin1Char(' ')
                   + map.value(QStringLiteral("reactors")).toStringList().join(QLatin1Char(','));
    }
    return out;
}

} // namespace

class UiRepliesTest : public QObject {
    Q_OBJECT

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_home;
    QTemporaryDir m_aliceProfile;
    std::unique_ptr<UiShell> m_alice;
    std::unique_ptr<CliProfile> m_bob;
    QString m_bobsMessage;
    QString m_alicesReply;

    [[nodiscard]] SessionController *session() const { return m_alice->session(); }
    [[nodiscard]] ConversationController *conversation() const { return m_alice->session()->conversation(); }
    [[nodiscard]] MessageListModel *messages() const { return conversation()->messages(); }
    [[nodiscard]] QQuickWindow *window() const { return m_alice->window(); }

    test::CliRun bobReceives() const
    {
        // Each call expects one line: the message or reaction Alice's app sent last.
        return m_bob->run(test::receiveJson(1) << QStringLiteral("--reactions"));
    }

    /// The drawn bubble of message `id`, once the list shows it.
    QQuickItem *bubble(const QString &id) const
    {
        QQuickItem *found = nullptr;
        (void)QTest::qWaitFor(
            [&] { return (found = findItem(window()->contentItem(), QStringLiteral("bubble_") + id)); }, 5000);
        return found;
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(m_relay.start());
        m_bob = std::make_unique<CliProfile>(m_relay);
        VERIFY_RUN(m_bob->registerAs(QStringLiteral("bob")));

        m_alice = test::desktopWithNewAccount(m_relay, m_aliceProfile.path(), QStringLiteral("alice"));
        QVERIFY(m_alice);

        session()->openConversation(QStringLiteral("bob"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
        const auto sent =
            m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("Brunch on Sunday?")});
        VERIFY_RUN(sent);
        m_bobsMessage = sent.out.split(QLatin1Char(' '))[1];
        QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOf(m_bobsMessage) >= 0, 15000);
    }

    void contextMenuStartsAReplyWithAQuoteBar()
    {
        auto *body = findItem(bubble(m_bobsMessage), QStringLiteral("bubbleBody"));
        QVERIFY(body);
        window()->requestActivate();
        body->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(body->hasActiveFocus(), 5000);
        // Shift+F10 (as the context-menu key) opens the message's menu.
        QTest::keyClick(window(), Qt::Key_F10, Qt::ShiftModifier);
        QObject *menu = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((menu = findObject(window(), QStringLiteral("messageMenu"))), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(menu->property("visible").toBool(), 5000);
        auto *reply = findObject(menu, QStringLiteral("replyMenuItem"));
        QVERIFY(reply);
        QVERIFY(!reply->property("text").toString().isEmpty());
        QVERIFY(QMetaObject::invokeMethod(reply, "triggered"));
        QCOMPARE(conversation()->replyToId(), m_bobsMessage);
        QCOMPARE(conversation()->replyToAuthor(), QStringLiteral("bob"));

        auto *bar = findItem(window()->contentItem(), QStringLiteral("quoteBar"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(bar), 5000);
        QCOMPARE(findItem(bar, QStringLiteral("quoteBarText"))->property("text").toString(),
                 QStringLiteral("Brunch on Sunday?"));
        // The composer took the keyboard: Esc cancels the reply.
        auto *input = findItem(window()->contentItem(), QStringLiteral("composerInput"));
        QTRY_VERIFY_WITH_TIMEOUT(input->hasActiveFocus(), 5000);
        QTest::keyClick(window(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->replyToId().isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isVisible(), 5000);

        // A right click on the message (on its selectable text) opens the menu as well.
        QMetaObject::invokeMethod(menu, "close");
        QTRY_VERIFY_WITH_TIMEOUT(!menu->property("visible").toBool(), 5000);
        auto *text = findItem(body, QStringLiteral("bubbleText"));
        QVERIFY(shown(text));
        const auto centre = text->mapToScene(QPointF(text->width() / 2, text->height() / 2)).toPoint();
        QTest::mouseClick(window(), Qt::RightButton, Qt::NoModifier, centre);
        QTRY_VERIFY_WITH_TIMEOUT(menu->property("visible").toBool(), 5000);
        QMetaObject::invokeMethod(menu, "close");

        // And × cancels it too.
        conversation()->startReply(m_bobsMessage);
        QTRY_VERIFY_WITH_TIMEOUT(shown(bar), 5000);
        auto *cancel = findObject(bar, QStringLiteral("cancelReplyButton"));
        QVERIFY(cancel);
        QVERIFY(QMetaObject::invokeMethod(cancel, "clicked"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->replyToId().isEmpty(), 5000);
    }

    void sentReplyCarriesTheQuote()
    {
        conversation()->startReply(m_bobsMessage);
        QSignalSpy sent(conversation(), &ConversationController::sent);
        conversation()->send(QStringLiteral("Yes, at eleven"));
        QVERIFY(sent.wait(20000));
        m_alicesReply = sent.at(0).at(0).toString();
        QVERIFY(conversation()->replyToId().isEmpty()); // the bar closed once it went out
        QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOf(m_alicesReply) >= 0, 10000);
        const int row = messages()->rowOf(m_alicesReply);
        QCOMPARE(messages()->get(row, QStringLiteral("replyToId")).toString(), m_bobsMessage);
        QCOMPARE(messages()->get(row, QStringLiteral("replyAuthor")).toString(), QStringLiteral("bob"));
        QCOMPARE(messages()->get(row, QStringLiteral("replyToText")).toString(), QStringLiteral("Brunch on Sunday?"));
        auto *quote = findItem(bubble(m_alicesReply), QStringLiteral("replyQuote"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(quote), 5000);
        QCOMPARE(findItem(quote, QStringLiteral("replyExcerpt"))->property("text").toString(),
                 QStringLiteral("Brunch on Sunday?"));
        // The message that is no reply has no quote.
        QVERIFY(!shown(findItem(bubble(m_bobsMessage), QStringLiteral("replyQuote"))));

        const auto got = bobReceives();
        VERIFY_RUN(got);
        const auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(test::describe(got)));
        const auto replyTo = lines[0][QStringLiteral("reply_to")].toObject();
        QCOMPARE(replyTo[QStringLiteral("id")].toString(), m_bobsMessage);
        QCOMPARE(replyTo[QStringLiteral("excerpt")].toString(), QStringLiteral("Brunch on Sunday?"));
    }

    void receivedReplyShowsItsQuote()
    {
        const auto sent = m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("Great!"),
                                      QStringLiteral("--reply-to"), m_alicesReply});
        VERIFY_RUN(sent);
        const auto id = sent.out.split(QLatin1Char(' '))[1];
        QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOf(id) >= 0, 15000);
        const int row = messages()->rowOf(id);
        QCOMPARE(messages()->get(row, QStringLiteral("replyToId")).toString(), m_alicesReply);
        QCOMPARE(messages()->get(row, QStringLiteral("replyAuthor")).toString(), QStringLiteral("alice"));
        QCOMPARE(messages()->get(row, QStringLiteral("replyToText")).toString(), QStringLiteral("Yes, at eleven"));
        auto *quote = findItem(bubble(id), QStringLiteral("replyQuote"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(quote), 5000);
        // Our own words are attributed to "You".
        QCOMPARE(findItem(quote, QStringLiteral("replyAuthor"))->property("text").toString(), QStringLiteral("You"));
    }

    void reactionsShowWithCounts()
    {
        // Alice reacts from the menu.
        auto *body = findItem(bubble(m_bobsMessage), QStringLiteral("bubbleBody"));
        body->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(window(), Qt::Key_Menu);
        QObject *menu = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((menu = findObject(bubble(m_bobsMessage), QStringLiteral("messageMenu"))), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(menu->property("visible").toBool(), 5000);
        QObject *thumbs = nullptr;
        for (auto *item : menu->findChildren<QObject *>())
            if (item->objectName() == QStringLiteral("reactMenuItem") && item->property("text").toString() == "👍")
                thumbs = item;
        QVERIFY(thumbs);
        QSignalSpy reacted(conversation(), &ConversationController::reacted);
        QVERIFY(QMetaObject::invokeMethod(thumbs, "triggered"));
        QVERIFY(reacted.wait(20000));
        QCOMPARE(reacted.at(0).at(0).toString(), m_bobsMessage);
        QTRY_COMPARE_WITH_TIMEOUT(summaryOf(*messages(), messages()->rowOf(m_bobsMessage)),
                                  QStringList{QStringLiteral("👍 1 alice")}, 10000);

        auto got = bobReceives();
        VERIFY_RUN(got);
        auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(test::describe(got)));
        QCOMPARE(lines[0][QStringLiteral("reaction")].toObject()[QStringLiteral("emoji")].toString(),
                 QStringLiteral("👍"));

        // Bob reacts the same: one chip with a count of two.
        VERIFY_RUN(m_bob->run({QStringLiteral("react"), QStringLiteral("alice"), m_bobsMessage, QStringLiteral("👍")}));
        QTRY_COMPARE_WITH_TIMEOUT(summaryOf(*messages(), messages()->rowOf(m_bobsMessage)),
                                  QStringList{QStringLiteral("👍 2 alice,bob")}, 15000);
        auto *row = findItem(bubble(m_bobsMessage), QStringLiteral("reactionRow"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(row), 5000);
        auto *chip = findItem(row, QStringLiteral("reactionChip"));
        QVERIFY(shown(chip));
        QVERIFY(chip->property("mine").toBool());
        auto *label = chip->property("contentItem").value<QQuickItem *>();
        QVERIFY(label);
        QTRY_COMPARE_WITH_TIMEOUT(label->property("text").toString(), QStringLiteral("👍 2"), 5000);

        // Bob changes his to ❤️ on Alice's reply; Alice withdraws hers (clicking her own chip).
        VERIFY_RUN(
            m_bob->run({QStringLiteral("react"), QStringLiteral("alice"), m_alicesReply, QStringLiteral("❤️")}));
        QTRY_COMPARE_WITH_TIMEOUT(summaryOf(*messages(), messages()->rowOf(m_alicesReply)),
                                  QStringList{QStringLiteral("❤️ 1 bob")}, 15000);
        QVERIFY(QMetaObject::invokeMethod(chip, "clicked"));
        QTRY_COMPARE_WITH_TIMEOUT(summaryOf(*messages(), messages()->rowOf(m_bobsMessage)),
                                  QStringList{QStringLiteral("👍 1 bob")}, 15000);
        got = bobReceives();
        VERIFY_RUN(got);
        lines = got.json();
        QVERIFY2(lines.size() == 1
                     && lines[0][QStringLiteral("reaction")].toObject()[QStringLiteral("remove")].toBool(),
                 qPrintable(test::describe(got)));
    }

    void cleanupTestCase() { m_alice.reset(); }
};

QTEST_MAIN(UiRepliesTest)
#include "tst_ui_replies.moc"
