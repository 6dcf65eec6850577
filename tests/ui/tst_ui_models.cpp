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
        std::vector<transport::DeviceInfo> devices(3);
        devices[0] = {1, {}, "laptop", 1000, true};
        devices[1] = {2, {}, "", 3000, true};
        devices[2] = {3, {}, "phone", 2000, false};
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
