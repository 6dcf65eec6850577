// SPDX-License-Identifier: GPL-3.0-or-later
// Attachment files encrypted at rest, and their rows.
#include "StoreTestUtil.h"

#include <QTemporaryDir>

#include <sstream>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

class TestStoreAttachments : public QObject {
    Q_OBJECT

private slots:
    void filesRoundTripEncrypted()
    {
        QTemporaryDir dir;
        AttachmentFiles files(dir.path().toStdString() + "/attachments");
        std::string plaintext;
        for (int i = 0; i < 5000; ++i)
            plaintext += "SECRET-HOLIDAY-PHOTO-" + std::to_string(i) + ";";
        std::istringstream in(plaintext);
        auto written = files.encryptFrom(in);
        QVERIFY_OK(written);
        QCOMPARE(written->plaintextSize, std::uint64_t(plaintext.size()));
        const auto onDisk = fileBytes(files.folder() / written->fileName);
        QVERIFY(onDisk.size() > static_cast<qsizetype>(plaintext.size()));
        QVERIFY(!onDisk.contains("SECRET-HOLIDAY"));
        QCOMPARE(snapshot(files.folder()).size(), std::size_t(1)); // no temp file left

        std::ostringstream out;
        auto read = files.decryptTo(written->fileName, written->key.view(), out);
        QVERIFY_OK(read);
        QVERIFY(out.str() == plaintext);

        std::ostringstream wrong;
        QVERIFY(!files.decryptTo(written->fileName, fixedKey(1).view(), wrong).ok());

        QByteArray tampered = onDisk;
        tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 1);
        {
            QFile f(QString::fromStdString((files.folder() / written->fileName).string()));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(tampered);
        }
        std::ostringstream damaged;
        QVERIFY(!files.decryptTo(written->fileName, written->key.view(), damaged).ok());

        QVERIFY(!files.decryptTo("../lapis.db", written->key.view(), damaged).ok());
        QVERIFY_OK(files.remove(written->fileName));
        QVERIFY_OK(files.remove(written->fileName));
        QVERIFY(snapshot(files.folder()).empty());
    }

    void rowsKeepMetadataAndKeys()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path(), 8);
        QVERIFY_OK(store);
        std::istringstream in("attachment body");
        auto file = (*store)->attachmentFiles().encryptFrom(in);
        QVERIFY_OK(file);
        auto key = std::make_shared<SecureBytes>(file->key.clone());
        const std::string fileName = file->fileName;
        auto id = (*store)
                      ->transact([&](Transaction &tx) -> Result<std::int64_t> {
                          LAPIS_TRY_ASSIGN(auto conv, tx.conversations().findOrCreate(AccountId("bob"), "Bob", 1));
                          LAPIS_TRY(tx.messages().insert(message(conv.id, 1, "see attached", 2)));
                          StoredAttachment a;
                          a.messageId = messageId(1);
                          a.blobId = "blob-1";
                          a.fileName = "photo.jpg";
                          a.mimeType = "image/jpeg";
                          a.size = 15;
                          a.digest = toBytes("digest");
                          a.remoteKey = fixedKey(9);
                          a.thumbnail = toBytes("thumb");
                          LAPIS_TRY_ASSIGN(const auto added, tx.attachments().add(a));
                          LAPIS_TRY(tx.attachments().setLocalFile(added, fileName, key->view()));
                          return added;
                      })
                      .get();
        QVERIFY_OK(id);
        auto rows = (*store)->transact([](Transaction &tx) { return tx.attachments().forMessage(messageId(1)); }).get();
        QVERIFY_OK(rows);
        QCOMPARE(rows->size(), std::size_t(1));
        const StoredAttachment &a = rows->front();
        QCOMPARE(a.fileName, std::string("photo.jpg"));
        QVERIFY(a.state == AttachmentState::Available);
        QVERIFY(a.remoteKey.equals(fixedKey(9).view()));
        std::ostringstream out;
        QVERIFY_OK((*store)->attachmentFiles().decryptTo(a.localFile, a.localKey.view(), out));
        QCOMPARE(out.str(), std::string("attachment body"));

        auto orphan = (*store)
                          ->transact([](Transaction &tx) {
                              StoredAttachment row;
                              row.messageId = messageId(99);
                              return tx.attachments().add(row);
                          })
                          .get();
        QCOMPARE(orphan.error().code, ErrorCode::NotFound);
        // Deleting the message removes its attachment rows.
        QVERIFY_OK((*store)
                       ->transact([](Transaction &tx) -> Result<void> {
                           LAPIS_TRY_ASSIGN(auto conv, tx.conversations().findByPeer(AccountId("bob")));
                           if (!conv)
                               return fail(ErrorCode::NotFound, "no conversation");
                           return tx.conversations().remove(conv->id);
                       })
                       .get());
        auto gone = (*store)->transact([&](Transaction &tx) { return tx.attachments().find(*id); }).get();
        QVERIFY(!gone->has_value());
    }
};

QTEST_GUILESS_MAIN(TestStoreAttachments)
#include "tst_store_attachments.moc"
