// SPDX-License-Identifier: GPL-3.0-or-later
// A damaged file: reported as Corrupt, never a crash, never wrong data.
#include "StoreTestUtil.h"

#include <QTemporaryDir>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

namespace {

std::string expectedText(std::uint32_t n)
{
    return "message number " + std::to_string(n) + " says hello";
}

} // namespace

class TestStoreCorruption : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_pristine;
    static constexpr std::uint32_t Count = 3000;

    std::filesystem::path profile(const QString &name) const
    {
        return m_dir.path().toStdString() + "/" + name.toStdString();
    }

private slots:
    void initTestCase()
    {
        {
            auto store = openStore(m_dir.path() + "/pristine", 7);
            QVERIFY_OK(store);
            QVERIFY_OK((*store)
                           ->transact([](Transaction &tx) -> Result<void> {
                               LAPIS_TRY(tx.conversations().findOrCreate(AccountId("bob"), "Bob", 1));
                               for (std::uint32_t n = 1; n <= Count; ++n)
                                   LAPIS_TRY(tx.messages().insert(message(1, n, expectedText(n), n)));
                               return {};
                           })
                           .get());
        }
        // Closing checkpointed the WAL into the main file and removed it.
        QVERIFY(!std::filesystem::exists(StorePaths(profile("pristine")).database.string() + "-wal"));
        m_pristine = fileBytes(StorePaths(profile("pristine")).database);
        QVERIFY(m_pristine.size() > 40 * 4096);
    }

    void flippedByteIsReported_data()
    {
        QTest::addColumn<double>("where");
        QTest::newRow("middle") << 0.5;
        QTest::newRow("first quarter") << 0.25;
        QTest::newRow("last quarter") << 0.8;
        QTest::newRow("page 2") << 4200.0;
    }

    void flippedByteIsReported()
    {
        QFETCH(double, where);
        static int run = 0;
        const QString name = "damaged" + QString::number(++run);
        const StorePaths paths(profile(name));
        std::filesystem::create_directories(paths.profileDir);
        QByteArray damaged = m_pristine;
        const auto offset =
            where < 1.0 ? static_cast<qsizetype>(damaged.size() * where) : static_cast<qsizetype>(where);
        damaged[offset] = static_cast<char>(damaged[offset] ^ 0x20);
        {
            QFile f(QString::fromStdString(paths.database.string()));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damaged);
        }

        auto store = openStore(QString::fromStdString(paths.profileDir.string()), 7, OpenMode::OpenExisting);
        if (!store.ok()) {
            QVERIFY(store.error().code == ErrorCode::Corrupt || store.error().code == ErrorCode::WrongPassphrase);
            return;
        }
        int corruptReports = 0;
        std::size_t rowsChecked = 0;
        const auto check = [&](const Result<std::vector<StoredMessage>> &rows) {
            if (!rows.ok()) {
                QCOMPARE(rows.error().code, ErrorCode::Corrupt);
                ++corruptReports;
                return;
            }
            for (const auto &m : *rows) {
                const std::uint32_t n = (std::uint32_t(m.id.bytes()[14]) << 8) | m.id.bytes()[15];
                QCOMPARE(m.text, expectedText(n));
                QCOMPARE(m.sentAtMs, std::int64_t(n));
                ++rowsChecked;
            }
        };
        // Read everything: all messages page by page, the search index, the integrity check.
        auto all = (*store)
                       ->transact([](Transaction &tx) -> Result<std::vector<StoredMessage>> {
                           LAPIS_TRY_ASSIGN(auto page, tx.messages().page(1, 100000));
                           return page.messages;
                       })
                       .get();
        check(all);
        check((*store)->transact([](Transaction &tx) { return tx.messages().search("hello", 100000); }).get());
        for (std::uint32_t n = 1; n <= Count; n += 97) {
            auto one = (*store)
                           ->transact([n](Transaction &tx) -> Result<std::vector<StoredMessage>> {
                               LAPIS_TRY_ASSIGN(auto m, tx.messages().find(messageId(n)));
                               std::vector<StoredMessage> v;
                               if (m)
                                   v.push_back(std::move(*m));
                               return v;
                           })
                           .get();
            check(one);
        }
        auto report = (*store)->integrityCheck().get();
        if (!report.ok()) {
            QVERIFY2(report.error().code == ErrorCode::Corrupt, report.error().message.c_str());
            ++corruptReports;
        } else if (*report != "ok") {
            ++corruptReports;
        }
        QVERIFY2(corruptReports > 0, "a damaged page went unnoticed");
        qInfo("damage at %lld: %d corrupt reports, %zu rows verified", static_cast<long long>(offset), corruptReports,
              rowsChecked);
    }
};

QTEST_GUILESS_MAIN(TestStoreCorruption)
#include "tst_store_corruption.moc"
