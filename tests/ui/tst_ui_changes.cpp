// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 20 in the desktop app (offscreen) against a real lapis-relay, with Bob on lapis-cli: the
// message menu's Edit (the composer's edit bar) and Delete for me / for everyone (with its
// confirmation), the "edited" mark and the edit history, the header's timer picker and the
// inline notice, "bob is typing…", and Settings → Privacy. Screenshots go to LAPIS_SCREENSHOT_DIR.
#include "DesktopAccount.h"
#include "QuickFind.h"

#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QJsonObject>
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

class UiChangesTest : public QObject {
    Q_OBJECT

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_home;
    QTemporaryDir m_aliceProfile;
    std::unique_ptr<UiShell> m_alice;
    std::unique_ptr<CliProfile> m_bob;
    QString m_alicesMessage;

    [[nodiscard]] SessionController *session() const { return m_alice->session(); }
    [[nodiscard]] ConversationController *conversation() const { return m_alice->session()->conversation(); }
    [[nodiscard]] MessageListModel *messages() const { return conversation()->messages(); }
    [[nodiscard]] QQuickWindow *window() const { return m_alice->window(); }

    QQuickItem *bubble(const QString &id) const
    {
        QQuickItem *found = nullptr;
        (void)QTest::qWaitFor(
            [&] { return (found = findItem(window()->contentItem(), QStringLiteral("bubble_") + id)); }, 5000);
        return found;
    }

    /// Opens the menu of message `id` with the keyboard and returns it.
    QObject *openMenu(const QString &id) const
    {
        auto *body = findItem(bubble(id), QStringLiteral("bubbleBody"));
        if (!body)
            return nullptr;
        window()->requestActivate();
        body->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(window(), Qt::Key_Menu);
        QObject *menu = nullptr;
        (void)QTest::qWaitFor([&] { return (menu = findObject(bubble(id), QStringLiteral("messageMenu"))); }, 5000);
        if (menu)
            (void)QTest::qWaitFor([&] { return menu->property("visible").toBool(); }, 5000);
        return menu;
    }

    test::CliRun bobReceivesEvent() const { return m_bob->run(test::receiveJson(1) << QStringLiteral("--events")); }

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
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown() && conversation()->endToEnd(), 10000);

        QSignalSpy sent(conversation(), &ConversationController::sent);
        conversation()->send(QStringLiteral("See you at the harbour"));
        QVERIFY(sent.wait(20000));
        m_alicesMessage = sent.at(0).at(0).toString();
        VERIFY_RUN(m_bob->run(test::receiveJson(1)));
    }

    void editFromTheMenuAndTheHistory()
    {
        auto *menu = openMenu(m_alicesMessage);
        QVERIFY(menu);
        auto *edit = findObject(menu, QStringLiteral("editMenuItem"));
        QVERIFY(edit && edit->property("visible").toBool());
        QVERIFY(QMetaObject::invokeMethod(edit, "triggered"));
        QCOMPARE(conversation()->editingId(), m_alicesMessage);
        auto *bar = findItem(window()->contentItem(), QStringLiteral("editBar"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(bar), 5000);
        auto *input = findItem(window()->contentItem(), QStringLiteral("composerInput"));
        QTRY_COMPARE_WITH_TIMEOUT(input->property("text").toString(), QStringLiteral("See you at the harbour"), 5000);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("edit-bar")));

        // Enter saves the new text.
        input->setProperty("text", QStringLiteral("See you at the lighthouse"));
        QTRY_VERIFY_WITH_TIMEOUT(input->hasActiveFocus(), 5000);
        QSignalSpy changed(conversation(), &ConversationController::messageChanged);
        QTest::keyClick(window(), Qt::Key_Return);
        QVERIFY(changed.wait(20000));
        const int row = messages()->rowOf(m_alicesMessage);
        QCOMPARE(messages()->get(row, QStringLiteral("text")).toString(), QStringLiteral("See you at the lighthouse"));
        QVERIFY(messages()->get(row, QStringLiteral("edited")).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(bubble(m_alicesMessage), QStringLiteral("editedMark"))), 5000);
        QVERIFY(!shown(bar));

        const auto got = bobReceivesEvent();
        VERIFY_RUN(got);
        const auto lines = got.json();
        QVERIFY2(lines.size() == 1 && lines[0][QStringLiteral("event")].toString() == QStringLiteral("edited"),
                 qPrintable(test::describe(got)));
        QCOMPARE(lines[0][QStringLiteral("text")].toString(), QStringLiteral("See you at the lighthouse"));

        // The edit history shows the earlier text.
        QSignalSpy history(conversation(), &ConversationController::editHistoryLoaded);
        conversation()->loadEditHistory(m_alicesMessage);
        QVERIFY(history.wait(10000));
        auto *dialog = findObject(window()->contentItem(), QStringLiteral("editHistoryDialog"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->property("visible").toBool(), 5000);
        const auto versions = dialog->property("versions").toList();
        QCOMPARE(versions.size(), 1);
        QCOMPARE(versions[0].toMap().value(QStringLiteral("text")).toString(),
                 QStringLiteral("See you at the harbour"));
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("edit-history")));
        QMetaObject::invokeMethod(dialog, "close");
    }

    void editByBobArrives()
    {
        const auto sent = m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("teh boat")});
        VERIFY_RUN(sent);
        const auto id = sent.out.split(QLatin1Char(' '))[1];
        QTRY_VERIFY_WITH_TIMEOUT(messages()->rowOf(id) >= 0, 15000);
        // Bob's message: no Edit, no Delete for everyone in Alice's menu.
        auto *menu = openMenu(id);
        QVERIFY(menu);
        QVERIFY(!findObject(menu, QStringLiteral("editMenuItem"))->property("visible").toBool());
        QVERIFY(!findObject(menu, QStringLiteral("deleteForEveryoneMenuItem"))->property("visible").toBool());
        QVERIFY(findObject(menu, QStringLiteral("deleteForMeMenuItem"))->property("visible").toBool());
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("message-menu")));
        QMetaObject::invokeMethod(menu, "close");

        VERIFY_RUN(m_bob->run({QStringLiteral("edit"), QStringLiteral("alice"), id, QStringLiteral("the boat")}));
        QTRY_COMPARE_WITH_TIMEOUT(messages()->get(messages()->rowOf(id), QStringLiteral("text")).toString(),
                                  QStringLiteral("the boat"), 15000);
        QVERIFY(messages()->get(messages()->rowOf(id), QStringLiteral("edited")).toBool());

        // Delete for me: gone here only.
        QSignalSpy changed(conversation(), &ConversationController::messageChanged);
        conversation()->deleteForMe(id);
        QVERIFY(changed.wait(10000));
        QCOMPARE(messages()->rowOf(id), -1);
        QVERIFY(
            m_bob->run({QStringLiteral("history"), QStringLiteral("alice")}).out.contains(QStringLiteral("the boat")));
    }

    void deleteForEveryoneAsks()
    {
        auto *menu = openMenu(m_alicesMessage);
        QVERIFY(menu);
        auto *remove = findObject(menu, QStringLiteral("deleteForEveryoneMenuItem"));
        QVERIFY(remove && remove->property("visible").toBool());
        QVERIFY(QMetaObject::invokeMethod(remove, "triggered"));
        auto *confirm = findObject(window()->contentItem(), QStringLiteral("deleteForEveryoneConfirm"));
        QTRY_VERIFY_WITH_TIMEOUT(confirm && confirm->property("visible").toBool(), 5000);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("delete-for-everyone")));
        QSignalSpy changed(conversation(), &ConversationController::messageChanged);
        QVERIFY(QMetaObject::invokeMethod(confirm, "accept"));
        QVERIFY(changed.wait(20000));
        const int row = messages()->rowOf(m_alicesMessage);
        QVERIFY(messages()->get(row, QStringLiteral("deleted")).toBool());
        QCOMPARE(messages()->get(row, QStringLiteral("text")).toString(), QStringLiteral("This message was deleted"));
        const auto got = bobReceivesEvent();
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1
                     && got.json()[0][QStringLiteral("event")].toString() == QStringLiteral("deleted"),
                 qPrintable(test::describe(got)));
    }

    void timerPickerAndNotice()
    {
        auto *button = findItem(window()->contentItem(), QStringLiteral("disappearingButton"));
        QVERIFY(shown(button));
        QVERIFY(QMetaObject::invokeMethod(button, "clicked"));
        auto *menu = findObject(window()->contentItem(), QStringLiteral("disappearingMenu"));
        QTRY_VERIFY_WITH_TIMEOUT(menu && menu->property("visible").toBool(), 5000);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("timer-picker")));
        QObject *oneDay = nullptr;
        const int count = menu->property("count").toInt();
        QCOMPARE(count, 8); // off and the seven timers
        for (int i = 0; i < count; ++i) {
            QQuickItem *item = nullptr;
            QMetaObject::invokeMethod(menu, "itemAt", Q_RETURN_ARG(QQuickItem *, item), Q_ARG(int, i));
            if (item && item->property("text").toString() == QStringLiteral("1 day"))
                oneDay = item;
        }
        QVERIFY(oneDay);
        QVERIFY(QMetaObject::invokeMethod(oneDay, "triggered"));
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->disappearingSeconds(), 86400, 15000);
        QCOMPARE(conversation()->disappearingText(), QStringLiteral("1 day"));
        QTRY_VERIFY_WITH_TIMEOUT(button->property("text").toString().contains(QStringLiteral("1 day")), 5000);
        // The inline notice.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < messages()->rowCount(); ++row)
                    if (messages()->get(row, QStringLiteral("isNotice")).toBool()
                        && messages()->get(row, QStringLiteral("text")).toString()
                               == QStringLiteral("You set messages to disappear after 1 day"))
                        return true;
                return false;
            }(),
            10000);
        const auto got = bobReceivesEvent();
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1 && got.json()[0][QStringLiteral("seconds")].toInt() == 86400,
                 qPrintable(test::describe(got)));

        // Bob turns it off: Alice's header follows, with Bob's notice.
        VERIFY_RUN(m_bob->run({QStringLiteral("disappearing"), QStringLiteral("alice"), QStringLiteral("off")}));
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->disappearingSeconds(), 0, 15000);
        QString noticeId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < messages()->rowCount(); ++row)
                    if (messages()->get(row, QStringLiteral("text")).toString()
                        == QStringLiteral("bob turned off disappearing messages")) {
                        noticeId = messages()->get(row, QStringLiteral("messageId")).toString();
                        return true;
                    }
                return false;
            }(),
            10000);
        // Drawn as a notice, not as a bubble.
        QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(bubble(noticeId), QStringLiteral("conversationNotice"))), 5000);
        QVERIFY(!shown(findItem(bubble(noticeId), QStringLiteral("bubbleBody"))));
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("timer-notices")));
    }

    void typingShowsInTheHeader()
    {
        // Bob's CLI has no typing command: a second app would be heavy, so Alice's own typing
        // goes out (Bob's receive --events sees it) and Bob's is played through the session.
        auto *input = findItem(window()->contentItem(), QStringLiteral("composerInput"));
        input->setProperty("text", QStringLiteral("Are y"));
        auto got = bobReceivesEvent();
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1 && got.json()[0][QStringLiteral("event")].toString() == QStringLiteral("typing")
                     && got.json()[0][QStringLiteral("started")].toBool(),
                 qPrintable(test::describe(got)));
        // Cleared without sending: "stopped" goes out.
        input->setProperty("text", QString());
        got = bobReceivesEvent();
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1 && !got.json()[0][QStringLiteral("started")].toBool(),
                 qPrintable(test::describe(got)));

        conversation()->setPeerTyping(true);
        auto *typing = findItem(window()->contentItem(), QStringLiteral("typingIndicator"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(typing), 5000);
        QCOMPARE(typing->property("text").toString(), QStringLiteral("bob is typing…"));
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("typing")));
        // A message from Bob clears it.
        VERIFY_RUN(m_bob->run({QStringLiteral("send"), QStringLiteral("alice"), QStringLiteral("yes!")}));
        QTRY_VERIFY_WITH_TIMEOUT(!conversation()->peerTyping(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!shown(typing), 5000);
    }

    void privacySwitches()
    {
        auto *settings = session()->settings();
        QTRY_VERIFY_WITH_TIMEOUT(settings->typingIndicators() && settings->readReceipts(), 5000);
        settings->setTypingIndicators(false);
        QVERIFY(!settings->typingIndicators());
        // Typing with indicators off sends nothing: the next thing Bob gets is the message.
        auto *input = findItem(window()->contentItem(), QStringLiteral("composerInput"));
        input->setProperty("text", QStringLiteral("quiet"));
        QSignalSpy sent(conversation(), &ConversationController::sent);
        conversation()->send(QStringLiteral("quiet"));
        QVERIFY(sent.wait(20000));
        input->setProperty("text", QString());
        const auto got = bobReceivesEvent();
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1 && got.json()[0][QStringLiteral("text")].toString() == QStringLiteral("quiet"),
                 qPrintable(test::describe(got)));
        settings->setReadReceipts(false);
        QVERIFY(!settings->readReceipts());
        // Both stay off when the profile is opened again (they are kept in it).
        QTest::qWait(500);
        auto *dialog = findObject(window()->contentItem(), QStringLiteral("settingsDialog"));
        if (dialog) {
            dialog->setProperty("currentTab", 2);
            QMetaObject::invokeMethod(dialog, "open");
            QTRY_VERIFY_WITH_TIMEOUT(dialog->property("visible").toBool(), 5000);
            QVERIFY(test::saveScreenshot(window(), QStringLiteral("privacy-settings")));
            QMetaObject::invokeMethod(dialog, "close");
        }
        settings->setTypingIndicators(true);
        settings->setReadReceipts(true);
    }

    void cleanupTestCase() { m_alice.reset(); }
};

QTEST_MAIN(UiChangesTest)
#include "tst_ui_changes.moc"
