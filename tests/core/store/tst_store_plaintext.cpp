// SPDX-License-Identifier: GPL-3.0-or-later
// The thief-with-the-disk test: after writing known texts, names and keys, no file under the
// profile folder contains any of them in the clear, while the store is open and after closing.
#include "StoreTestUtil.h"

#include <lapis/store/PassphraseKeyFile.h>

#include <QTemporaryDir>

#include <sstream>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

namespace {

const char *const Passphrase = "hunter2-but-longer";

const std::vector<QByteArray> &markers()
{
    static const std::vector<QByteArray> list = {
        "the purple elephant dances at midnight",
        "elephant", // the search index keeps words, so single words are checked too
        "ELEPHANT",
        "Zebulon Quackenbush",
        "quackenbush",
        "PINNED-ACCOUNT-KEY-0123456789",
        "IDENTITY-SECRET-KEY-ABCDEFGHIJ",
        "RATCHET-STATE-CHAIN-KEY-XYZ",
        "ONE-TIME-PREKEY-SECRET",
        "OUTBOX-ENVELOPE-PAYLOAD",
        "ATTACHMENT-CONTENT-QQQ",
        "vacation-photo.jpg",
        Passphrase,
    };
    return list;
}

QStringList leaks(const std::filesystem::path &dir, const std::vector<QByteArray> &secrets)
{
    QStringList found;
    for (const auto &[name, bytes] : snapshot(dir)) {
        for (const auto &secret : secrets) {
            if (bytes.contains(secret))
                found << QString::fromStdString(name) + ": " + QString::fromUtf8(secret.left(12).toHex());
        }
    }
    return found;
}

} // namespace

class TestStorePlaintext : public QObject {
    Q_OBJECT

private slots:
    void nothingReadableOnDisk()
    {
        QTemporaryDir dir;
        {
            // The scan itself works: a plaintext file is caught.
            const std::filesystem::path control = dir.path().toStdString() + "/control";
            std::filesystem::create_directories(control);
            QFile f(QString::fromStdString((control / "x").string()));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("...the purple elephant dances at midnight...");
            f.close();
            QCOMPARE(leaks(control, markers()).size(), 2);
        }
        const std::filesystem::path profile = dir.path().toStdString() + "/profile";
        auto store = Store::createWithPassphrase(options(QString::fromStdString(profile.string())), Passphrase).get();
        QVERIFY_OK(store);
        std::istringstream attachmentBody(std::string(20000, '.') + "ATTACHMENT-CONTENT-QQQ");
        auto file = (*store)->attachmentFiles().encryptFrom(attachmentBody);
        QVERIFY_OK(file);
        const std::string localFile = file->fileName;
        auto localKey = std::make_shared<SecureBytes>(file->key.clone());
        QVERIFY_OK(
            (*store)
                ->transact([&](Transaction &tx) -> Result<void> {
                    OwnAccount account;
                    account.account = AccountId("alice");
                    account.relayAddress = "relay";
                    account.device = DeviceId(1);
                    account.deviceCredentials = SecureBytes::copyOf(toBytes("cred"));
                    account.identityKeyPair = SecureBytes::copyOf(toBytes("IDENTITY-SECRET-KEY-ABCDEFGHIJ"));
                    LAPIS_TRY(tx.accounts().save(account));
                    Contact c;
                    c.account = AccountId("zeb");
                    c.displayName = "Zebulon Quackenbush";
                    c.pinnedAccountKey = toBytes("PINNED-ACCOUNT-KEY-0123456789");
                    LAPIS_TRY(tx.contacts().save(c));
                    LAPIS_TRY(
                        tx.sessions().save(AccountId("zeb"), DeviceId(1), asBytes("RATCHET-STATE-CHAIN-KEY-XYZ"), 1));
                    LAPIS_TRY(tx.preKeys().saveOneTimePreKeys({{PreKeyId(1), asBytes("ONE-TIME-PREKEY-SECRET")}}));
                    LAPIS_TRY_ASSIGN(auto conv,
                                     tx.conversations().findOrCreate(AccountId("zeb"), "Zebulon Quackenbush", 1));
                    for (std::uint32_t i = 0; i < 200; ++i)
                        LAPIS_TRY(
                            tx.messages().insert(message(conv.id, i, "the purple elephant dances at midnight", i)));
                    OutboxEntry out;
                    out.messageId = messageId(1);
                    out.recipient = AccountId("zeb");
                    out.recipientDevice = DeviceId(1);
                    out.payload = toBytes("OUTBOX-ENVELOPE-PAYLOAD");
                    LAPIS_TRY(tx.outbox().enqueue(out));
                    StoredAttachment a;
                    a.messageId = messageId(1);
                    a.blobId = "b";
                    a.fileName = "vacation-photo.jpg";
                    a.mimeType = "image/jpeg";
                    a.remoteKey = fixedKey(3);
                    LAPIS_TRY_ASSIGN(auto id, tx.attachments().add(a));
                    return tx.attachments().setLocalFile(id, localFile, localKey->view());
                })
                .get());

        auto dbKey = PassphraseKeyFile::unwrap(StorePaths(profile).keyFile, Passphrase);
        QVERIFY_OK(dbKey);
        std::vector<QByteArray> secrets = markers();
        const auto asQBytes = [](ByteView b) {
            return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
        };
        secrets.push_back(asQBytes(dbKey->view()));
        secrets.push_back(QByteArray::fromStdString(toHex(dbKey->view())));
        secrets.push_back(asQBytes(localKey->view()));
        secrets.push_back(asQBytes(fixedKey(3).view()));

        // While open: the WAL and shared-memory files hold the fresh writes.
        QVERIFY(std::filesystem::exists(StorePaths(profile).database.string() + "-wal"));
        QStringList found = leaks(profile, secrets);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(", ")));

        store->reset();
        QVERIFY(snapshot(profile).size() >= 3); // database, key file, attachment
        found = leaks(profile, secrets);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestStorePlaintext)
#include "tst_store_plaintext.moc"
