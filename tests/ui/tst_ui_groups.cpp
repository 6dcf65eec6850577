// SPDX-License-Identifier: GPL-3.0-or-later
// Groups in the desktop app (issue 18), offscreen, against a real lapis-relay with Bob and Carol
// on lapis-cli: "New group" (name, people), the group in the list with its own avatar, senders'
// names and colours in bubbles, the header's state, the info panel (members, admins, verified
// marks; make admin, remove, rename, add, leave), membership changes inline from either side,
// and a file dropped on the group. Screenshots go to LAPIS_SCREENSHOT_DIR.
#include "DesktopAccount.h"
#include "QuickFind.h"
#include "models/MessageListModel.h"

#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QFile>
#include <QJsonArray>
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

class UiGroupsTest : public QObject {
    Q_OBJECT

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_home;
    QTemporaryDir m_aliceProfile;
    std::unique_ptr<UiShell> m_alice;
    std::unique_ptr<CliProfile> m_bob;
    std::unique_ptr<CliProfile> m_carol;

    [[nodiscard]] SessionController *session() const { return m_alice->session(); }
    [[nodiscard]] ConversationController *conversation() const { return m_alice->session()->conversation(); }
    [[nodiscard]] GroupController *groups() const { return m_alice->session()->groups(); }
    [[nodiscard]] MessageListModel *messages() const { return conversation()->messages(); }
    [[nodiscard]] QQuickWindow *window() const { return m_alice->window(); }
    [[nodiscard]] QString groupId() const { return conversation()->peer().mid(1); }

    /// Clicks `item` in its middle, as a person would.
    void click(QQuickItem *item) const
    {
        QVERIFY(item);
        const auto centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
        QTest::mouseClick(window(), Qt::LeftButton, {}, centre);
    }

    /// The row of the open conversation whose text is `text`, once it is there (-1: never came).
    int rowWithText(const QString &text) const
    {
        int found = -1;
        (void)QTest::qWaitFor(
            [&] {
                for (int row = 0; row < messages()->rowCount(); ++row)
                    if (messages()->get(row, QStringLiteral("text")).toString() == text)
                        return (found = row) >= 0;
                return false;
            },
            15000);
        return found;
    }

    /// One `--events` object of `member`'s next receive.
    QJsonObject nextEvent(const CliProfile &member) const
    {
        const auto got = member.run(test::receiveJson(1) << QStringLiteral("--events"));
        const auto lines = got.json();
        if (got.exitCode != 0 || lines.size() != 1) {
            qWarning("%s", qPrintable(test::describe(got)));
            return {};
        }
        return lines[0];
    }

    /// Each member's state for our message `messageId` as the conversation reports it (0 not yet,
    /// 1 delivered, 2 read); empty when it did not answer.
    QMap<QString, int> receiptStates(const QString &messageId) const
    {
        QSignalSpy loaded(conversation(), &ConversationController::receiptsLoaded);
        conversation()->loadReceipts(messageId);
        QMap<QString, int> out;
        if (!loaded.wait(5000))
            return out;
        for (const auto &member : loaded.at(0).at(1).toList())
            out[member.toMap().value(QStringLiteral("account")).toString()] =
                member.toMap().value(QStringLiteral("state")).toInt();
        return out;
    }

    static QStringList membersOf(const QJsonObject &event)
    {
        QStringList out;
        for (const auto &member : event[QStringLiteral("members")].toArray())
            out << member.toString();
        return out;
    }

    QObject *dialog(const QString &name) const
    {
        QObject *found = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                found = findObject(window()->contentItem(), name);
                return found && found->property("opened").toBool();
            },
            5000);
        return found && found->property("opened").toBool() ? found : nullptr;
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(m_relay.start());
        m_bob = std::make_unique<CliProfile>(m_relay);
        VERIFY_RUN(m_bob->registerAs(QStringLiteral("bob")));
        m_carol = std::make_unique<CliProfile>(m_relay);
        VERIFY_RUN(m_carol->registerAs(QStringLiteral("carol")));
        m_alice = test::desktopWithNewAccount(m_relay, m_aliceProfile.path(), QStringLiteral("alice"));
        QVERIFY(m_alice);
        // Bob and Carol are contacts reached end to end: "New group" offers them.
        for (const auto &peer : {QStringLiteral("bob"), QStringLiteral("carol")}) {
            session()->openConversation(peer);
            QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown() && conversation()->endToEnd(), 10000);
            QSignalSpy sent(conversation(), &ConversationController::sent);
            conversation()->send(QStringLiteral("Hello ") + peer);
            QVERIFY(sent.wait(20000));
        }
        VERIFY_RUN(m_bob->run(test::receiveJson(1)));
        VERIFY_RUN(m_carol->run(test::receiveJson(1)));
    }

    void newGroupFromTheDialog()
    {
        click(findItem(window()->contentItem(), QStringLiteral("newGroupButton")));
        auto *newGroup = dialog(QStringLiteral("newGroupDialog"));
        QVERIFY(newGroup);
        QTRY_COMPARE_WITH_TIMEOUT(groups()->candidates(), (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}),
                                  10000);
        auto *name = findItem(window()->contentItem(), QStringLiteral("groupNameField"));
        QVERIFY(name);
        name->setProperty("text", QStringLiteral("Harbour crew"));
        for (const auto &peer : {QStringLiteral("bob"), QStringLiteral("carol")}) {
            QQuickItem *candidate = nullptr;
            // The info panel offers the same people (hidden): look in this dialog only.
            QTRY_VERIFY_WITH_TIMEOUT(shown(candidate = findItem(findObject(newGroup, QStringLiteral("newGroupMembers")),
                                                                QStringLiteral("candidate_") + peer)),
                                     5000);
            // By the keyboard, as a screen-reader user chooses: Tab reaches the box, Space checks it.
            window()->requestActivate();
            candidate->forceActiveFocus(Qt::TabFocusReason);
            QTRY_VERIFY_WITH_TIMEOUT(candidate->hasActiveFocus(), 5000);
            QTest::keyClick(window(), Qt::Key_Space);
            QTRY_VERIFY_WITH_TIMEOUT(candidate->property("checked").toBool(), 5000);
        }
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("group-new")));
        auto *create = findItem(window()->contentItem(), QStringLiteral("createGroupButton"));
        QTRY_VERIFY_WITH_TIMEOUT(create && create->isEnabled(), 5000);
        click(create);

        // The new group opens; its creation is the conversation's first line.
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->isGroup() && conversation()->title() == QStringLiteral("Harbour crew"),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!newGroup->property("opened").toBool(), 5000);
        QVERIFY(rowWithText(QStringLiteral("You created the group “Harbour crew”")) >= 0);
        QVERIFY(messages()->get(0, QStringLiteral("isNotice")).toBool());
        QCOMPARE(conversation()->groupMemberCount(), 3);
        QVERIFY(conversation()->endToEnd() && conversation()->groupMember());

        // In the list: a group, with its own avatar, blue.
        auto *list = session()->conversations();
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT((row = list->rowOfPeer(conversation()->peer())) >= 0, 10000);
        QVERIFY(list->get(row, QStringLiteral("isGroup")).toBool());
        QCOMPARE(list->get(row, QStringLiteral("memberCount")).toInt(), 3);
        QVERIFY(list->get(row, QStringLiteral("endToEnd")).toBool());
        QCOMPARE(list->get(row, QStringLiteral("title")).toString(), QStringLiteral("Harbour crew"));
        auto *listRow = findItem(window()->contentItem(), QStringLiteral("conversation_") + conversation()->peer());
        QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(listRow, QStringLiteral("groupMark"))), 5000);
        QVERIFY(!shown(findItem(listRow, QStringLiteral("conversationMark"))));

        for (const auto *member : {m_bob.get(), m_carol.get()}) {
            const auto created = nextEvent(*member);
            QCOMPARE(created[QStringLiteral("event")].toString(), QStringLiteral("created"));
            QCOMPARE(created[QStringLiteral("group")].toString(), groupId());
            QCOMPARE(membersOf(created),
                     (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}));
        }
    }

    void sendersAreNamedInTheirColours()
    {
        QSignalSpy sent(conversation(), &ConversationController::sent);
        conversation()->send(QStringLiteral("Boat leaves at eight"));
        QVERIFY(sent.wait(20000));
        QVERIFY(sent.at(0).at(1).toBool());
        for (const auto *member : {m_bob.get(), m_carol.get()}) {
            const auto got = member->run(test::receiveJson(1));
            VERIFY_RUN(got);
            QVERIFY2(got.json().size() == 1, qPrintable(test::describe(got)));
            QCOMPARE(got.json()[0][QStringLiteral("group")].toString(), groupId());
            QCOMPARE(got.json()[0][QStringLiteral("text")].toString(), QStringLiteral("Boat leaves at eight"));
        }
        // Who has it: both delivered; Bob reads the group, and Alice sees it.
        const auto boat = sent.at(0).at(0).toString();
        VERIFY_RUN(m_bob->run({QStringLiteral("mark-read"), QStringLiteral("#") + groupId()}));
        QTRY_VERIFY_WITH_TIMEOUT(receiptStates(boat)
                                     == (QMap<QString, int>{{QStringLiteral("bob"), 2}, {QStringLiteral("carol"), 1}}),
                                 20000);
        auto *bubbleMenuItem = findObject(window()->contentItem(), QStringLiteral("bubble_") + boat);
        QVERIFY(bubbleMenuItem);
        QVERIFY(QMetaObject::invokeMethod(bubbleMenuItem, "receiptsRequested", Q_ARG(QString, boat)));
        auto *receipts = dialog(QStringLiteral("receiptsDialog"));
        QVERIFY(receipts);
        QTRY_COMPARE_WITH_TIMEOUT(
            findItem(window()->contentItem(), QStringLiteral("receiptsSummary"))->property("text").toString(),
            QStringLiteral("Read by 1 of 2"), 5000);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("group-receipts")));
        QMetaObject::invokeMethod(receipts, "close");
        QTRY_VERIFY_WITH_TIMEOUT(!receipts->property("visible").toBool(), 5000);

        VERIFY_RUN(m_bob->run({QStringLiteral("group-send"), groupId(), QStringLiteral("I'll bring rope")}));
        VERIFY_RUN(m_bob->run({QStringLiteral("group-send"), groupId(), QStringLiteral("and a map")}));
        VERIFY_RUN(m_carol->run({QStringLiteral("group-send"), groupId(), QStringLiteral("I'll bring lunch")}));
        // Each has read the others' messages: the mailboxes hold only what comes next.
        VERIFY_RUN(m_bob->run(test::receiveJson(1)));
        VERIFY_RUN(m_carol->run(test::receiveJson(2)));
        const int lunch = rowWithText(QStringLiteral("I'll bring lunch"));
        QVERIFY(lunch >= 0);
        const int rope = rowWithText(QStringLiteral("I'll bring rope"));
        const int map = rowWithText(QStringLiteral("and a map"));
        QVERIFY(rope >= 0 && map >= 0);
        // Named above the first of a run of someone's messages, not above each.
        QVERIFY(messages()->get(rope, QStringLiteral("showSender")).toBool());
        QVERIFY(!messages()->get(map, QStringLiteral("showSender")).toBool());
        QVERIFY(messages()->get(lunch, QStringLiteral("showSender")).toBool());
        QCOMPARE(messages()->get(rope, QStringLiteral("senderColor")).toInt(),
                 MessageListModel::senderColor(QStringLiteral("bob")));
        QVERIFY(!messages()
                     ->get(rowWithText(QStringLiteral("Boat leaves at eight")), QStringLiteral("showSender"))
                     .toBool());

        const auto bubbleId = messages()->get(lunch, QStringLiteral("messageId")).toString();
        QQuickItem *name = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (name = findItem(findItem(window()->contentItem(), QStringLiteral("bubble_") + bubbleId),
                             QStringLiteral("senderName")))
                && shown(name),
            5000);
        QCOMPARE(name->property("text").toString(), QStringLiteral("carol"));
        QVERIFY(name->property("color").value<QColor>() != QColor(Qt::black));

        // The header: the group's name, its members, blue.
        auto *title = findItem(window()->contentItem(), QStringLiteral("headerTitle"));
        QCOMPARE(title->property("text").toString(), QStringLiteral("Harbour crew"));
        auto *status = findItem(window()->contentItem(), QStringLiteral("encryptionStatus"));
        QVERIFY2(status->property("text").toString().contains(QStringLiteral("3 members")),
                 qPrintable(status->property("text").toString()));
        QVERIFY(shown(findItem(window()->contentItem(), QStringLiteral("headerGroupAvatar"))));
        QVERIFY(!shown(findItem(window()->contentItem(), QStringLiteral("verifiedMark"))));
        // The list says who wrote last.
        auto *list = session()->conversations();
        QTRY_COMPARE_WITH_TIMEOUT(list->get(list->rowOfPeer(conversation()->peer()), QStringLiteral("lastMessage")),
                                  QVariant(QStringLiteral("carol: I'll bring lunch")), 10000);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("group-conversation")));
        // A search hit in the group names the group, and opens its conversation.
        session()->search(QStringLiteral("rope"));
        QTRY_COMPARE_WITH_TIMEOUT(session()->searchResults().size(), 1, 10000);
        const auto hit = session()->searchResults().front().toMap();
        QCOMPARE(hit.value(QStringLiteral("title")).toString(), QStringLiteral("Harbour crew"));
        QCOMPARE(hit.value(QStringLiteral("peer")).toString(), conversation()->peer());
        session()->search(QString());
    }

    void theInfoPanelChangesTheGroupForEveryone()
    {
        // The header's (i) opens the group's info, not a safety number.
        click(findItem(window()->contentItem(), QStringLiteral("contactInfoButton")));
        auto *info = dialog(QStringLiteral("groupInfoDialog"));
        QVERIFY(info);
        QTRY_COMPARE_WITH_TIMEOUT(groups()->memberCount(), 3, 10000);
        QVERIFY(groups()->isAdmin() && groups()->isMember());
        const auto members = groups()->members();
        QCOMPARE(members[0].toMap().value(QStringLiteral("account")).toString(), QStringLiteral("alice"));
        QVERIFY(members[0].toMap().value(QStringLiteral("admin")).toBool());
        QVERIFY(members[0].toMap().value(QStringLiteral("self")).toBool());
        QVERIFY(!members[1].toMap().value(QStringLiteral("admin")).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(shown(findItem(findItem(window()->contentItem(), QStringLiteral("member_alice")),
                                                QStringLiteral("adminMark"))),
                                 5000);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("group-info")));

        // Make Bob an admin from his row's menu.
        QObject *promote = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(promote = findObject(findItem(window()->contentItem(), QStringLiteral("member_bob")),
                                                      QStringLiteral("promoteMenuItem")),
                                 5000);
        QVERIFY(QMetaObject::invokeMethod(promote, "triggered"));
        QTRY_VERIFY_WITH_TIMEOUT(groups()->members()[1].toMap().value(QStringLiteral("admin")).toBool(), 20000);
        const auto promoted = nextEvent(*m_bob);
        QCOMPARE(promoted[QStringLiteral("event")].toString(), QStringLiteral("promoted"));
        QCOMPARE(membersOf(promoted), QStringList{QStringLiteral("bob")});
        QVERIFY(rowWithText(QStringLiteral("You made bob an admin")) >= 0);

        // Remove Carol: she hears of it, and her own device says she is out.
        QObject *remove = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(remove = findObject(findItem(window()->contentItem(), QStringLiteral("member_carol")),
                                                     QStringLiteral("removeMenuItem")),
                                 5000);
        QVERIFY(QMetaObject::invokeMethod(remove, "triggered"));
        QTRY_COMPARE_WITH_TIMEOUT(groups()->memberCount(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->groupMemberCount(), 2, 10000);
        QVERIFY(rowWithText(QStringLiteral("You removed carol")) >= 0);
        const auto carols = m_carol->run(test::receiveJson(2) << QStringLiteral("--events"));
        VERIFY_RUN(carols);
        QVERIFY2(!carols.json().empty()
                     && carols.json().back()[QStringLiteral("event")].toString() == QStringLiteral("removed"),
                 qPrintable(test::describe(carols)));
        (void)nextEvent(*m_bob); // Bob's "removed"

        // Rename: the header follows, and so do Bob's devices.
        auto *nameEdit = findItem(window()->contentItem(), QStringLiteral("groupNameEdit"));
        QVERIFY(nameEdit);
        nameEdit->setProperty("text", QStringLiteral("Harbour crew, Sunday"));
        auto *rename = findItem(window()->contentItem(), QStringLiteral("renameGroupButton"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(rename), 5000);
        click(rename);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->title(), QStringLiteral("Harbour crew, Sunday"), 20000);
        const auto renamed = nextEvent(*m_bob);
        QCOMPARE(renamed[QStringLiteral("event")].toString(), QStringLiteral("renamed"));
        QCOMPARE(m_bob->run({QStringLiteral("groups")}).out,
                 groupId() + QStringLiteral("\tHarbour crew, Sunday\t2\te2e\n"));
        QMetaObject::invokeMethod(info, "close");
        QTRY_VERIFY_WITH_TIMEOUT(!info->property("visible").toBool(), 5000);
    }

    void changesByOthersShowInline()
    {
        // Bob, an admin now, adds Carol back and renames the group: Alice's app says so.
        VERIFY_RUN(m_bob->run({QStringLiteral("group-add"), groupId(), QStringLiteral("carol")}));
        QVERIFY(rowWithText(QStringLiteral("bob added carol")) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->groupMemberCount(), 3, 10000);
        VERIFY_RUN(m_bob->run({QStringLiteral("group-rename"), groupId(), QStringLiteral("Sailing")}));
        QVERIFY(rowWithText(QStringLiteral("bob renamed the group to “Sailing”")) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(conversation()->title(), QStringLiteral("Sailing"), 10000);
        auto *list = session()->conversations();
        QTRY_COMPARE_WITH_TIMEOUT(list->get(list->rowOfPeer(conversation()->peer()), QStringLiteral("title")),
                                  QVariant(QStringLiteral("Sailing")), 10000);
        VERIFY_RUN(m_carol->run(test::receiveWaiting()));
    }

    void aFileGoesToTheGroup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("route.gpx"));
        QByteArray bytes(64 * 1024, '\0');
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<char>(i * 13);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        }
        QSignalSpy sent(conversation(), &ConversationController::sent);
        conversation()->sendFiles({QUrl::fromLocalFile(path)});
        QVERIFY(sent.wait(30000));
        QTemporaryDir saveDir;
        const auto got = m_bob->run(test::receiveJson(1) << QStringLiteral("--save-dir") << saveDir.path());
        VERIFY_RUN(got);
        QVERIFY2(got.json().size() == 1, qPrintable(test::describe(got)));
        QCOMPARE(got.json()[0][QStringLiteral("group")].toString(), groupId());
        QFile copy(got.json()[0][QStringLiteral("attachment")].toObject()[QStringLiteral("path")].toString());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QVERIFY(copy.readAll() == bytes);
    }

    void leavingLeavesTheHistoryReadOnly()
    {
        // Ctrl+I opens it too (the window active first: a shortcut needs it).
        window()->requestActivate();
        QTRY_VERIFY_WITH_TIMEOUT(window()->isActive(), 5000);
        QTest::keyClick(window(), Qt::Key_I, Qt::ControlModifier);
        QVERIFY(dialog(QStringLiteral("groupInfoDialog")));
        click(findItem(window()->contentItem(), QStringLiteral("leaveGroupButton")));
        QVERIFY(dialog(QStringLiteral("leaveConfirmation")));
        click(findItem(window()->contentItem(), QStringLiteral("confirmLeaveButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!conversation()->groupMember(), 20000);
        QVERIFY(rowWithText(QStringLiteral("You left the group")) >= 0);
        const auto left = nextEvent(*m_bob);
        QCOMPARE(left[QStringLiteral("event")].toString(), QStringLiteral("left"));
        QCOMPARE(left[QStringLiteral("by")].toString(), QStringLiteral("alice"));
        auto *info = findObject(window()->contentItem(), QStringLiteral("groupInfoDialog"));
        QMetaObject::invokeMethod(info, "close");
        QTRY_VERIFY_WITH_TIMEOUT(!shown(findItem(window()->contentItem(), QStringLiteral("composer"))), 5000);
        QVERIFY(shown(findItem(window()->contentItem(), QStringLiteral("leftGroupNotice"))));
        // The history stays.
        QVERIFY(rowWithText(QStringLiteral("I'll bring lunch")) >= 0);
        QVERIFY(test::saveScreenshot(window(), QStringLiteral("group-left")));
    }
};

QTEST_MAIN(UiGroupsTest)
#include "tst_ui_groups.moc"
