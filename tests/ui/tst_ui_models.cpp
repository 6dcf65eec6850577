// SPDX-License-Identifier: GPL-3.0-or-later
// The view models over a real engine and a real SQLCipher profile, each under
// QAbstractItemModelTester: paging, day separators, roles, the conversation list's marks.
#include "ProfileFixture.h"
#include "models/AttachmentQueueModel.h"
#include "models/ConversationListModel.h"
#include "models/DeviceListModel.h"
#include "models/MessageListModel.h"
#include "worker/EngineWorker.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lapis;
using namespace lapis::ui;

class ModelsTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_profile;
    std::unique_ptr<EngineWorker> m_worker;

    static constexpr int BobMessages = 1000;

    /// The newest message id (hex) that the engine's search finds for `query`, or empty.
    QString messageIdOf(const QString &query)
    {
        QString id;
        bool done = false;
        m_worker->run<Result<std::vector<store::StoredMessage>>>(
            this,
            [q = query.toStdString()](EngineWorker::Context &context) -> Result<std::vector<store::StoredMessage>> {
                return context.engine->search(q, 1);
            },
            [&](Result<std::vector<store::StoredMessage>> found) {
                done = true;
                if (found.ok() && !found.value().empty())
                    id = QString::fromStdString(found.value().front().id.toHex());
            });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            return {};
        return id;
    }

    /// N of "message N with bob".
    static int numberAt(const MessageListModel &model, int row)
    {
        return model.get(row, QStringLiteral("text")).toString().section(QLatin1Char(' '), 1, 1).toInt();
    }

    /// Rows newest first without a gap: each is one older than the row above it.
    static bool consecutive(const MessageListModel &model)
    {
        for (int row = 1; row < model.rowCount(); ++row)
            if (numberAt(model, row) != numberAt(model, row - 1) - 1) {
                qWarning() << "gap at row" << row << numberAt(model, row - 1) << numberAt(model, row);
                return false;
            }
        return true;
    }

    /// Waits for pages the model (or the model tester, which fetches on its own) started.
    static void settle(const MessageListModel &model) { QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 10000); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_profile.isValid());
        auto written =
            test::writeFixtureProfile(m_profile.path(), "fixture passphrase",
                                      {{"bob", BobMessages, 3, true}, {"carol", 5, 0, false, 60000, 7200000}});
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        m_worker = std::make_unique<EngineWorker>();
        m_worker->start();
        bool opened = false;
        QString error;
        engine::ProfileOptions options;
        options.directory = m_profile.path().toStdString();
        options.passphrase = "fixture passphrase";
        m_worker->run<Result<void>>(
            this,
            [options](EngineWorker::Context &context) -> Result<void> {
                LAPIS_TRY_ASSIGN(context.engine, engine::Engine::open(options));
                return {};
            },
            [&](Result<void> result) {
                opened = true;
                if (!result.ok())
                    error = QString::fromStdString(result.error().message);
            });
        QTRY_VERIFY_WITH_TIMEOUT(opened, 20000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_worker.reset(); }

    void messagesPageInNewestFirstWithDaySeparators()
    {
        MessageListModel model(m_worker.get());
        QSignalSpy pages(&model, &MessageListModel::pageLoaded);
        model.setPageSize(100);
        model.setPeer(QStringLiteral("bob"));
        QVERIFY(pages.wait(10000));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.get(0, QStringLiteral("text")).toString(), QStringLiteral("message 999 with bob"));
        QVERIFY(model.canFetchMore({}));
        QVERIFY(!model.atBeginning());

        // Page through all of it; rows only ever grow at the old end.
        int pagesFetched = 0;
        while (model.canFetchMore({})) {
            const int before = model.rowCount();
            model.loadOlder();
            QVERIFY(!model.canFetchMore({})); // one page in flight at a time
            QVERIFY(pages.wait(10000));
            QCOMPARE(model.rowCount(), std::min(before + 100, BobMessages));
            ++pagesFetched;
        }
        QCOMPARE(pagesFetched, BobMessages / 100 - 1);
        // From here on the tester checks every change (it also fetches more on its own).
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), BobMessages);
        QVERIFY(model.atBeginning());
        QCOMPARE(model.get(BobMessages - 1, QStringLiteral("text")).toString(), QStringLiteral("message 0 with bob"));

        int separators = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto sentAt = model.get(row, QStringLiteral("sentAt")).toDateTime();
            if (row + 1 < model.rowCount())
                QVERIFY(sentAt > model.get(row + 1, QStringLiteral("sentAt")).toDateTime());
            const bool firstOfDay =
                row + 1 == model.rowCount()
                || model.get(row + 1, QStringLiteral("sentAt")).toDateTime().date() != sentAt.date();
            QCOMPARE(model.get(row, QStringLiteral("showDaySeparator")).toBool(), firstOfDay);
            separators += firstOfDay ? 1 : 0;
            // Every third message is ours; all of bob's travelled end to end.
            const int number = BobMessages - 1 - row;
            QCOMPARE(model.get(row, QStringLiteral("outgoing")).toBool(), number % 3 == 2);
            QCOMPARE(model.get(row, QStringLiteral("endToEnd")).toBool(), true);
        }
        // 1,000 messages four minutes apart span three or four calendar days.
        QVERIFY2(separators >= 3 && separators <= 4, qPrintable(QString::number(separators)));
        QCOMPARE(model.get(0, QStringLiteral("dayText")).toString(), QStringLiteral("Today"));
        QCOMPARE(model.get(0, QStringLiteral("deliveryState")).toInt(), 3);
        QCOMPARE(model.rowOf(model.get(5, QStringLiteral("messageId")).toString()), 5);

        // Merging the newest page again changes nothing it already had.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refreshNewest();
        QVERIFY(pages.wait(10000));
        QCOMPARE(model.rowCount(), BobMessages);
        QCOMPARE(inserted.count(), 0);

        // Another conversation replaces the rows; a plaintext one says so in every row.
        model.setPeer(QStringLiteral("carol"));
        QVERIFY(pages.wait(10000));
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(!model.canFetchMore({}));
        for (int row = 0; row < 5; ++row)
            QCOMPARE(model.get(row, QStringLiteral("endToEnd")).toBool(), false);
        model.setPeer({});
        QCOMPARE(model.rowCount(), 0);
    }

    void searchHitOpensAroundTheMessageAndPagesBothWays()
    {
        const QString target = messageIdOf(QStringLiteral("500 bob"));
        QVERIFY(!target.isEmpty());
        MessageListModel model(m_worker.get());
        QSignalSpy pages(&model, &MessageListModel::pageLoaded);
        QSignalSpy positions(&model, &MessageListModel::positionRequested);
        model.setPageSize(50);
        model.setWindowLimit(200);
        model.setHighlightDuration(300);
        model.setPeer(QStringLiteral("bob"));
        QVERIFY(pages.wait(10000));
        settle(model);

        // Half a page on each side of the hit: 525 down to 476.
        model.showMessage(target);
        QTRY_VERIFY_WITH_TIMEOUT(positions.count() == 1 && !model.loading(), 10000);
        const int row = positions.takeFirst().at(0).toInt();
        QCOMPARE(model.get(row, QStringLiteral("messageId")).toString(), target);
        QCOMPARE(numberAt(model, row), 500);
        QCOMPARE(model.highlightedMessageId(), target);
        QCOMPARE(numberAt(model, 0), 525);
        QCOMPARE(model.rowCount(), 50);
        QVERIFY(!model.atNewest());
        QVERIFY(!model.atBeginning());
        QVERIFY(consecutive(model));
        // The highlight is brief.
        QTRY_VERIFY_WITH_TIMEOUT(model.highlightedMessageId().isEmpty(), 5000);

        // A new message elsewhere in the conversation does not land in the middle of history.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refreshNewest();
        QVERIFY(pages.wait(10000));
        QCOMPARE(inserted.count(), 0);

        // Paging down towards the present and up into the past, from the hit.
        model.loadNewer();
        QVERIFY(pages.wait(10000));
        settle(model);
        QCOMPARE(numberAt(model, 0), 575);
        model.loadOlder();
        QVERIFY(pages.wait(10000));
        settle(model);
        QCOMPARE(numberAt(model, model.rowCount() - 1), 426);
        QCOMPARE(model.rowCount(), 150);
        QVERIFY(consecutive(model));

        // On to the newest message; the window keeps its size, dropping the oldest rows.
        while (!model.atNewest()) {
            model.loadNewer();
            QVERIFY(pages.wait(10000));
            settle(model);
            QVERIFY(model.rowCount() <= model.windowLimit());
        }
        QCOMPARE(numberAt(model, 0), BobMessages - 1);
        QCOMPARE(model.rowCount(), model.windowLimit());
        QVERIFY(consecutive(model));

        // A hit that is loaded already is only positioned and highlighted.
        const QString near = model.get(10, QStringLiteral("messageId")).toString();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.showMessage(near);
        QCOMPARE(positions.count(), 1);
        QCOMPARE(positions.takeFirst().at(0).toInt(), 10);
        QCOMPARE(model.highlightedMessageId(), near);
        QCOMPARE(resets.count(), 0);

        // An id that is not in this conversation falls back to the newest page.
        model.showMessage(messageIdOf(QStringLiteral("message carol")));
        QTRY_VERIFY_WITH_TIMEOUT(!model.loading() && model.rowCount() > 0, 10000);
        QCOMPARE(numberAt(model, 0), BobMessages - 1);
        QVERIFY(model.atNewest());

        // Under the model tester (which fetches older pages by itself after every change, so
        // exact positions are not checked here): a jump, then paging and trimming to the start.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.showMessage(target);
        QTRY_VERIFY_WITH_TIMEOUT(model.atBeginning() && !model.loading(), 20000);
        QVERIFY(model.rowCount() <= model.windowLimit());
        QCOMPARE(numberAt(model, model.rowCount() - 1), 0);
        QVERIFY(!model.atNewest());
        QVERIFY(consecutive(model));
    }

    void windowStaysBoundedAndRowsComeBack()
    {
        MessageListModel model(m_worker.get());
        QSignalSpy pages(&model, &MessageListModel::pageLoaded);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setPageSize(50);
        model.setWindowLimit(200);
        model.setPeer(QStringLiteral("bob"));
        QVERIFY(pages.wait(10000));
        settle(model);

        // Scroll all the way up: never more than the window, the newest rows dropped on the way.
        int maxRows = 0;
        while (model.canFetchMore({})) {
            model.loadOlder();
            QVERIFY(pages.wait(10000));
            settle(model);
            maxRows = std::max(maxRows, model.rowCount());
        }
        QCOMPARE(maxRows, 200);
        QVERIFY(removed.count() > 0);
        QVERIFY(model.atBeginning());
        QVERIFY(!model.atNewest());
        QCOMPARE(numberAt(model, model.rowCount() - 1), 0);
        QCOMPARE(numberAt(model, 0), 199);
        QVERIFY(consecutive(model));

        // And back down: the dropped rows come back, the oldest go.
        while (!model.atNewest()) {
            model.loadNewer();
            QVERIFY(pages.wait(10000));
            settle(model);
            QVERIFY(model.rowCount() <= 200);
        }
        QCOMPARE(numberAt(model, 0), BobMessages - 1);
        QCOMPARE(model.get(0, QStringLiteral("text")).toString(), QStringLiteral("message 999 with bob"));
        QCOMPARE(numberAt(model, model.rowCount() - 1), BobMessages - 200);
        QVERIFY(consecutive(model));
        // Up again from there: the older rows reload from where the window ends.
        QVERIFY(model.canFetchMore({}));
        QVERIFY(!model.atBeginning());
        model.loadOlder();
        QVERIFY(pages.wait(10000));
        settle(model);
        QCOMPARE(numberAt(model, model.rowCount() - 1), BobMessages - 250);
        QVERIFY(consecutive(model));
        // Back to the newest from anywhere.
        QSignalSpy positions(&model, &MessageListModel::positionRequested);
        model.showNewest();
        if (positions.isEmpty())
            QVERIFY(pages.wait(10000));
        settle(model);
        QCOMPARE(numberAt(model, 0), BobMessages - 1);
        QVERIFY(model.atNewest());

        // The model tester, which fetches an older page after every change, checks each insert
        // and each removal on the way up; the window stays bounded throughout.
        int most = 0;
        QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model,
                         [&] { most = std::max(most, model.rowCount()); });
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(model.atBeginning() && !model.loading(), 20000);
        QVERIFY2(most <= 250 && model.rowCount() == 200, qPrintable(QString::number(most)));
        QCOMPARE(numberAt(model, 0), 199);
        QVERIFY(consecutive(model));
    }

    void reactionsAndQuotesAreRoles()
    {
        MessageListModel model(m_worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy pages(&model, &MessageListModel::pageLoaded);
        model.setPageSize(100);
        model.setPeer(QStringLiteral("bob"));
        QVERIFY(pages.wait(10000));
        settle(model);
        for (int i = 0; i < 10 && model.rowCount() < 250; ++i) {
            if (model.canFetchMore({}))
                model.loadOlder();
            QTest::qWait(20);
            settle(model);
        }
        QVERIFY2(model.rowCount() >= 250, qPrintable(QString::number(model.rowCount())));
        // A fixture message is no reply: no quote.
        QVERIFY(model.get(0, QStringLiteral("replyToId")).toString().isEmpty());
        QVERIFY(model.get(0, QStringLiteral("replyToText")).toString().isEmpty());
        QVERIFY(model.get(0, QStringLiteral("reactionSummary")).toList().isEmpty());

        // Reactions on a row far from the newest page: one entry per emoji, with its count.
        const int row = 240;
        const auto id = model.get(row, QStringLiteral("messageId")).toString();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyReaction(id, QStringLiteral("bob"), QStringLiteral("👍"));
        model.applyReaction(id, QStringLiteral("me"), QStringLiteral("👍"));
        model.applyReaction(id, QStringLiteral("carol"), QStringLiteral("😂"));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), row);
        auto summary = model.get(row, QStringLiteral("reactionSummary")).toList();
        QCOMPARE(summary.size(), 2);
        QCOMPARE(summary[0].toMap()[QStringLiteral("emoji")].toString(), QStringLiteral("👍"));
        QCOMPARE(summary[0].toMap()[QStringLiteral("count")].toInt(), 2);
        QCOMPARE(summary[0].toMap()[QStringLiteral("reactors")].toStringList(),
                 (QStringList{QStringLiteral("bob"), QStringLiteral("me")}));
        QCOMPARE(summary[1].toMap()[QStringLiteral("count")].toInt(), 1);
        // A second reaction of the same person replaces the first; an empty one removes it.
        model.applyReaction(id, QStringLiteral("bob"), QStringLiteral("😂"));
        summary = model.get(row, QStringLiteral("reactionSummary")).toList();
        QCOMPARE(summary[0].toMap()[QStringLiteral("count")].toInt(), 1);
        QCOMPARE(summary[1].toMap()[QStringLiteral("count")].toInt(), 2);
        model.applyReaction(id, QStringLiteral("me"), QString());
        model.applyReaction(id, QStringLiteral("carol"), QString());
        summary = model.get(row, QStringLiteral("reactionSummary")).toList();
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary[0].toMap()[QStringLiteral("emoji")].toString(), QStringLiteral("😂"));
        // Unknown ids change nothing.
        model.applyReaction(QStringLiteral("00"), QStringLiteral("bob"), QStringLiteral("👍"));
        QCOMPARE(changed.count(), 6);
    }

    void conversationListShowsMarksAndUnread()
    {
        ConversationListModel model(m_worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &ConversationListModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.rowCount(), 2);
        // bob's newest message is a minute old, carol's two hours: bob first.
        QCOMPARE(model.get(0, QStringLiteral("peer")).toString(), QStringLiteral("bob"));
        QCOMPARE(model.get(0, QStringLiteral("endToEnd")).toBool(), true);
        QCOMPARE(model.get(0, QStringLiteral("unreadCount")).toInt(), 3);
        QCOMPARE(model.get(0, QStringLiteral("lastMessage")).toString(), QStringLiteral("message 999 with bob"));
        QCOMPARE(model.get(1, QStringLiteral("peer")).toString(), QStringLiteral("carol"));
        QCOMPARE(model.get(1, QStringLiteral("endToEnd")).toBool(), false);
        QCOMPARE(model.totalUnread(), 3);
        QCOMPARE(model.rowOfPeer(QStringLiteral("carol")), 1);

        // A second reload with the same order updates in place (no reset).
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.reload();
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.rowCount(), 2);
    }

    void deviceListPutsThisDeviceFirst()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<engine::DeviceSummary> devices(3);
        devices[0] = {1, "laptop", 1000, true, false};
        devices[1] = {2, "", 3000, true, true};
        devices[2] = {3, "phone", 2000, false, false};
        model.setDevices(devices, 2);
        QCOMPARE(model.rowCount(), 3);
        const auto at = [&](int row, int role) { return model.data(model.index(row), role); };
        QCOMPARE(at(0, DeviceListModel::DeviceIdRole).toUInt(), 2u);
        QCOMPARE(at(0, DeviceListModel::ThisDeviceRole).toBool(), true);
        QCOMPARE(at(0, DeviceListModel::NameRole).toString(), QStringLiteral("Device 2"));
        QCOMPARE(at(1, DeviceListModel::NameRole).toString(), QStringLiteral("laptop"));
        QCOMPARE(at(2, DeviceListModel::EndToEndRole).toBool(), false);
        model.setDevices({}, 2);
        QCOMPARE(model.rowCount(), 0);
    }

    void attachmentQueueTracksProgressAndCancel()
    {
        AttachmentQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int a = model.add(QUrl::fromLocalFile(QStringLiteral("/tmp/a.png")));
        const int b = model.add(QUrl::fromLocalFile(QStringLiteral("/tmp/b.txt")));
        QCOMPARE(model.nextQueued(), a);
        model.setProgress(a, 0.5);
        QCOMPARE(model.get(0, QStringLiteral("progress")).toDouble(), 0.5);
        QCOMPARE(model.get(0, QStringLiteral("sendState")).toInt(), int(AttachmentQueueModel::State::Sending));
        QCOMPARE(model.get(0, QStringLiteral("isImage")).toBool(), true);
        QCOMPARE(model.nextQueued(), b);
        model.cancel(1);
        QVERIFY(model.item(b)->cancelled->load());
        QCOMPARE(model.nextQueued(), 0);
        model.setState(a, AttachmentQueueModel::State::Sent);
        model.clearFinished();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "tst_ui_models.moc"
