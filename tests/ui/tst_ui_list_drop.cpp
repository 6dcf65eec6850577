// SPDX-License-Identifier: GPL-3.0-or-later
// Files dropped on a conversation in the list (not the open one) go to that conversation, and only
// after the same checks as a drop in the conversation itself: a contact whose relay account lost
// its end-to-end devices asks before anything goes out in plaintext. The desktop app in-process
// (offscreen) against a real lapis-relay; Bob and Dave are lapis-cli profiles.
#include "DesktopAccount.h"
#include "QuickFind.h"

#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QProcess>
#include <QQuickItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::ui;
using test::CliProfile;
using test::findItem;
using test::findObject;

class UiListDropTest : public QObject {
    Q_OBJECT

    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_home;
    QTemporaryDir m_profile;
    QTemporaryDir m_files;
    std::unique_ptr<UiShell> m_alice;
    std::unique_ptr<CliProfile> m_bob;
    std::unique_ptr<CliProfile> m_dave;

    [[nodiscard]] SessionController *session() const { return m_alice->session(); }
    [[nodiscard]] ConversationController *conversation() const { return m_alice->session()->conversation(); }

    QString writeFile(const QString &name)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QByteArray(20 * 1024, 'x'));
        return path;
    }

    /// Drops `path` on the conversation list's row for `peer`, as a file manager would.
    bool dropOnListRow(const QString &peer, const QString &path)
    {
        auto *window = m_alice->window();
        QQuickItem *row = nullptr;
        if (!QTest::qWaitFor([&] { return (row = findItem(window, QStringLiteral("conversation_") + peer)); }, 5000))
            return false;
        const QPoint at = row->mapToScene(QPointF(row->width() / 2, row->height() / 2)).toPoint();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &move);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window, &drop);
        return true;
    }

    [[nodiscard]] bool conversationHasAttachment(const QString &name) const
    {
        auto *messages = conversation()->messages();
        for (int row = 0; row < messages->rowCount(); ++row)
            if (messages->get(row, QStringLiteral("attachmentName")).toString() == name)
                return true;
        return false;
    }

    void screenshot(const QString &name)
    {
        const QString dir = qEnvironmentVariable("LAPIS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(150);
        QVERIFY(m_alice->window()->grabWindow().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QVERIFY(m_relay.start());
        m_bob = std::make_unique<CliProfile>(m_relay);
        m_dave = std::make_unique<CliProfile>(m_relay);
        VERIFY_RUN(m_bob->registerAs(QStringLiteral("bob")));
        VERIFY_RUN(m_dave->registerAs(QStringLiteral("dave")));

        // The certificate the app reads from its file must be in before the account is made.
        m_alice = test::desktopWithNewAccount(m_relay, m_profile.path(), QStringLiteral("alice"));
        QVERIFY(m_alice);

        // Two blue conversations in the list: Dave's, then Bob's (open).
        for (const auto *peer : {"dave", "bob"}) {
            session()->openConversation(QString::fromLatin1(peer));
            QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);
            QVERIFY(conversation()->endToEnd());
            QSignalSpy sent(conversation(), &ConversationController::sent);
            conversation()->send(QStringLiteral("hello ") + QString::fromLatin1(peer));
            QVERIFY(sent.wait(20000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(session()->conversations()->rowCount(), 2, 5000);
    }

    void dropOnAnotherRowSendsThere()
    {
        QCOMPARE(conversation()->peer(), QStringLiteral("bob"));
        const QString path = writeFile(QStringLiteral("for-dave.txt"));
        QSignalSpy sent(conversation(), &ConversationController::sent);
        QVERIFY(dropOnListRow(QStringLiteral("dave"), path));
        QCOMPARE(conversation()->peer(), QStringLiteral("dave"));
        QVERIFY(sent.wait(20000));
        QCOMPARE(sent.at(0).at(1).toBool(), true); // end to end
        QTRY_VERIFY_WITH_TIMEOUT(conversationHasAttachment(QStringLiteral("for-dave.txt")), 10000);
        const auto got = m_dave->run(test::receiveJson(1, 60));
        VERIFY_RUN(got);
        QVERIFY2(got.out.contains(QStringLiteral("for-dave.txt")), qPrintable(got.out));
    }

    void dropOnDowngradedRowAsksFirst()
    {
        // The operator resets Dave's account: no device, no keys. Alice is in Bob's conversation.
        QProcess reset;
        reset.start(m_relay.binary(), {QStringLiteral("--data"), m_relay.dataPath(), QStringLiteral("admin"),
                                       QStringLiteral("reset-account"), QStringLiteral("dave")});
        QVERIFY(reset.waitForFinished(30000));
        QVERIFY2(reset.exitCode() == 0, reset.readAllStandardError().constData());
        session()->openConversation(QStringLiteral("bob"));
        QTRY_VERIFY_WITH_TIMEOUT(conversation()->trustKnown(), 10000);

        const QString path = writeFile(QStringLiteral("not-for-the-relay.txt"));
        QSignalSpy ask(conversation(), &ConversationController::plaintextFilesConfirmationNeeded);
        QSignalSpy sent(conversation(), &ConversationController::sent);
        QVERIFY(dropOnListRow(QStringLiteral("dave"), path));
        QCOMPARE(conversation()->peer(), QStringLiteral("dave"));
        // The same question as a drop in the conversation, once the relay has answered.
        QTRY_COMPARE_WITH_TIMEOUT(ask.count(), 1, 10000);
        QVERIFY(conversation()->downgraded());
        auto *confirm = findObject(m_alice->window()->contentItem(), QStringLiteral("plaintextConfirm"));
        QVERIFY(confirm);
        QTRY_VERIFY_WITH_TIMEOUT(confirm->property("opened").toBool(), 5000);
        screenshot(QStringLiteral("list-drop-asks-before-plaintext"));
        QMetaObject::invokeMethod(confirm, "reject");
        QTRY_VERIFY_WITH_TIMEOUT(!confirm->property("visible").toBool(), 5000);
        QTest::qWait(300);
        QCOMPARE(sent.count(), 0);
        auto *chips = conversation()->attachments();
        for (int row = 0; row < chips->rowCount(); ++row)
            QVERIFY(chips->get(row, QStringLiteral("fileName")).toString() != QStringLiteral("not-for-the-relay.txt"));
        QVERIFY(!conversationHasAttachment(QStringLiteral("not-for-the-relay.txt")));
    }

    void cleanupTestCase() { m_alice.reset(); }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lapis-ui-test"));
    UiListDropTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_list_drop.moc"
