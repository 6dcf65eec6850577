// SPDX-License-Identifier: GPL-3.0-or-later
// Encrypted backups through the engine with a real relay: export, restore into a new profile as a
// new device of the account (history, search and attachments come back; new messages arrive),
// and the failures that must leave the target untouched.
#include "EngineTestUtil.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/Engine.h>
#include <lapis/store/Store.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

class TestEngineBackup : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_pem = fileText(m_relay.certificatePath());
        auto alice = Engine::open(profileAt(m_dir.filePath(QStringLiteral("alice"))));
        VERIFY_OK(alice);
        m_alice = std::move(alice).value();
        auto bob = Engine::open(profileAt(m_dir.filePath(QStringLiteral("bob"))));
        VERIFY_OK(bob);
        m_bob = std::move(bob).value();
        VERIFY_OK(m_alice->registerAccount(setup("alice")));
        VERIFY_OK(m_bob->registerAccount(setup("bob")));
    }

    void roundTrip()
    {
        VERIFY_OK(m_alice->sendText(AccountId("bob"), "first words", false));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        VERIFY_OK(m_bob->sendText(AccountId("alice"), "the quick pelican", false));
        // An attachment of 200 KiB: several pieces inside the backup stream.
        const auto attachmentPath = m_dir.filePath(QStringLiteral("photo.bin"));
        const auto content = crypto::randomBytes(200 * 1024 + 17);
        {
            QFile f(attachmentPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(reinterpret_cast<const char *>(content.data()), static_cast<qint64>(content.size()));
        }
        VERIFY_OK(m_bob->sendFile(AccountId("alice"), attachmentPath.toStdString(), false));
        const auto got = lapis::engine::test::receiveWaiting(*m_alice);
        VERIFY_OK(got);
        QVERIFY(std::any_of(got->begin(), got->end(), [](const ReceivedItem &i) { return !i.attachmentIds.empty(); }));

        std::vector<double> exportProgress;
        const auto backup = m_dir.filePath(QStringLiteral("alice.lapisbackup")).toStdString();
        const auto code = m_alice->exportBackup(backup, [&](double p) { exportProgress.push_back(p); });
        VERIFY_OK(code);
        QCOMPARE(code->size(), std::size_t{35}); // 30 characters in six groups
        QVERIFY(!exportProgress.empty());
        QVERIFY(std::is_sorted(exportProgress.begin(), exportProgress.end()));
        QCOMPARE(exportProgress.back(), 1.0);
        m_backup = QString::fromStdString(backup);
        m_code = *code;

        // Restore into a folder that does not exist yet, under another passphrase.
        const auto target = m_dir.filePath(QStringLiteral("restored"));
        auto options = profileAt(target);
        options.passphrase = "another passphrase";
        std::vector<double> importProgress;
        VERIFY_OK(Engine::importBackup(options, backup, *code, [&](double p) { importProgress.push_back(p); }));
        QVERIFY(!importProgress.empty());
        QCOMPARE(importProgress.back(), 1.0);
        QVERIFY(QDir(m_dir.path())
                    .entryList({QStringLiteral(".restored.restoring-*")}, QDir::Hidden | QDir::AllEntries)
                    .isEmpty());

        // The attachment came back byte for byte, re-encrypted under the restored profile's keys.
        {
            auto store = store::Store::openWithPassphrase(
                             store::StoreOptions{target.toStdString(), crypto::Argon2Params::minimumForTests()},
                             "another passphrase")
                             .get();
            VERIFY_OK(store);
            const auto attachments =
                (*store)
                    ->transact([](store::Transaction &tx) -> Result<std::vector<store::StoredAttachment>> {
                        LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(AccountId("bob")));
                        if (!conversation)
                            return fail(ErrorCode::NotFound, "no conversation with bob");
                        LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation->id, 50));
                        std::vector<store::StoredAttachment> all;
                        for (const auto &m : page.messages) {
                            LAPIS_TRY_ASSIGN(auto some, tx.attachments().forMessage(m.id));
                            all.insert(all.end(), std::make_move_iterator(some.begin()),
                                       std::make_move_iterator(some.end()));
                        }
                        return all;
                    })
                    .get();
            VERIFY_OK(attachments);
            QCOMPARE(attachments->size(), std::size_t{1});
            const auto &a = attachments->front();
            QCOMPARE(a.fileName, std::string("photo.bin"));
            QCOMPARE(a.state, store::AttachmentState::Available);
            std::ostringstream plain;
            const auto size = (*store)->attachmentFiles().decryptTo(a.localFile, a.localKey.view(), plain);
            VERIFY_OK(size);
            QVERIFY(plain.str() == std::string(content.begin(), content.end()));
        }

        auto restored = Engine::open(options);
        VERIFY_OK(restored);
        auto &engine = **restored;
        QCOMPARE(engine.account().value(), std::string("alice"));
        const auto history = engine.history(AccountId("bob"), 50);
        VERIFY_OK(history);
        QCOMPARE(history->size(), std::size_t{3});
        QCOMPARE((*history)[0].text, std::string("first words"));
        QCOMPARE((*history)[1].text, std::string("the quick pelican"));
        const auto found = engine.search("pelican");
        VERIFY_OK(found);
        QCOMPARE(found->size(), std::size_t{1});

        // The restored profile is a new, certified device of the same account.
        const auto devices = engine.devices(std::nullopt);
        VERIFY_OK(devices);
        QCOMPARE(devices->size(), std::size_t{2});
        const auto numberThere = engine.safetyNumber(AccountId("bob"));
        const auto numberHere = m_alice->safetyNumber(AccountId("bob"));
        VERIFY_OK(numberThere);
        QCOMPARE(*numberThere, *numberHere);

        // New messages reach both the restored device and the original one.
        VERIFY_OK(m_bob->sendText(AccountId("alice"), "after the restore", false));
        const auto fresh = lapis::engine::test::receiveWaiting(engine);
        VERIFY_OK(fresh);
        const auto withText = [](const std::vector<ReceivedItem> &items, const std::string &text) {
            return std::count_if(items.begin(), items.end(),
                                 [&](const ReceivedItem &i) { return i.event.text == text && i.event.endToEnd; });
        };
        QCOMPARE(withText(*fresh, "after the restore"), 1);
        const auto original = lapis::engine::test::receiveWaiting(*m_alice);
        VERIFY_OK(original);
        QCOMPARE(withText(*original, "after the restore"), 1);
    }

    void failuresLeaveTheTargetAlone()
    {
        QVERIFY(!m_backup.isEmpty());
        const auto target = m_dir.filePath(QStringLiteral("never"));
        const auto untouched = [&] {
            return !QFileInfo::exists(target)
                   && QDir(m_dir.path())
                          .entryList({QStringLiteral(".never.*")}, QDir::Hidden | QDir::AllEntries)
                          .isEmpty();
        };

        auto wrong = m_code;
        wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
        auto outcome = Engine::importBackup(profileAt(target), m_backup.toStdString(), wrong);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, ErrorCode::WrongPassphrase);
        QVERIFY(untouched());

        // The Argon2id costs in the header changed: another key, refused as a wrong code or damage.
        auto bytes = fileText(m_backup);
        const auto altered = m_dir.filePath(QStringLiteral("altered")).toStdString();
        auto write = [&](const std::string &data) {
            std::ofstream out(altered, std::ios::binary | std::ios::trunc);
            out << data;
        };
        auto header = bytes;
        header[13] = static_cast<char>(header[13] ^ 1);
        write(header);
        outcome = Engine::importBackup(profileAt(target), altered, m_code);
        QVERIFY(!outcome.ok());
        QVERIFY(untouched());

        // A newer format version, and costs no honest writer uses, are refused before any KDF run.
        auto newer = bytes;
        newer[8] = 2;
        write(newer);
        outcome = Engine::importBackup(profileAt(target), altered, m_code);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, ErrorCode::Unsupported);
        QVERIFY(untouched());
        auto greedy = bytes;
        greedy[14] = 0x7f; // memlimit far above 2 GiB
        write(greedy);
        outcome = Engine::importBackup(profileAt(target), altered, m_code);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, ErrorCode::LimitExceeded);
        QVERIFY(untouched());

        // The closing record cut off: every record before it restores, then the end is missing.
        const auto cut = bytes.substr(0, bytes.size() - 1);
        write(cut);
        outcome = Engine::importBackup(profileAt(target), altered, m_code);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, ErrorCode::Corrupt);
        QVERIFY(untouched());

        // Trailing bytes after the end.
        write(bytes + "x");
        outcome = Engine::importBackup(profileAt(target), altered, m_code);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, ErrorCode::Corrupt);
        QVERIFY(untouched());
    }

private:
    AccountSetup setup(const std::string &name) const
    {
        AccountSetup s;
        s.username = name;
        s.relayAddress = m_relay.address().toStdString();
        s.relayCertificatePem = m_pem;
        s.password = "relay password 123";
        s.deviceName = name + "'s laptop";
        return s;
    }

    lapis::test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    QTemporaryDir m_dir;
    std::string m_pem;
    std::unique_ptr<Engine> m_alice;
    std::unique_ptr<Engine> m_bob;
    QString m_backup;
    std::string m_code;
};

QTEST_GUILESS_MAIN(TestEngineBackup)
#include "tst_engine_backup.moc"
