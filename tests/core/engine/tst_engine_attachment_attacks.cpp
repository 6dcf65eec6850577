// SPDX-License-Identifier: GPL-3.0-or-later
// Received attachments against a disk thief and a hostile sender (issue 16, items 6 to 8),
// through a real relay: nothing readable lands on disk unless asked for, a sender's file name
// never becomes a path, and a pointer cannot make the receiver download more than it promised,
// nor the same blob twice, nor more than 32 attachments in one message.
#include "EngineTestUtil.h"

#include <lapis/engine/Attachments.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/SessionCipher.h>
#include <lapis/transport/RelayClient.h>

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <set>
#include <sys/stat.h>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {
QByteArray distinctivePlaintext(std::size_t size)
{
    const auto random = crypto::randomBytes(size);
    return QByteArray(reinterpret_cast<const char *>(random.data()), static_cast<qsizetype>(random.size()));
}

/// Files under `root` (not following links) whose bytes contain `needle`, among those changed since
/// `since`: where a disk thief would find the plaintext.
QStringList filesContaining(const QString &root, const QByteArray &needle, const QDateTime &since)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.lastModified() < since || info.size() > 64 * 1024 * 1024)
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << path;
    }
    return found;
}

/// Paths under `root` (itself included) that anyone but the owner may read, write or enter.
QStringList notPrivate(const fs::path &root)
{
    QStringList open;
    auto check = [&](const fs::path &p) {
        struct stat info {};
        if (::lstat(p.c_str(), &info) != 0 || S_ISLNK(info.st_mode))
            return;
        const bool dir = S_ISDIR(info.st_mode);
        if ((info.st_mode & 0777) != (dir ? 0700u : 0600u))
            open << QString::fromStdString(p.string()) + QStringLiteral(" %1").arg(info.st_mode & 0777, 0, 8);
    };
    check(root);
    for (const auto &entry : fs::recursive_directory_iterator(root))
        check(entry.path());
    return open;
}

QByteArray readFile(const fs::path &p)
{
    QFile f(QString::fromStdString(p.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::size_t filesIn(const fs::path &folder)
{
    std::size_t n = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(folder, ec))
        n += entry.is_regular_file() ? 1 : 0;
    return n;
}

/// A sender that does not run Lapis: a plaintext-only account speaking to the relay directly, that
/// writes whatever pointers it likes (the relay stamps it as the sender, nothing more).
class HostileSender {
public:
    bool start(const lapis::test::RelayProcess &relay)
    {
        auto client = transport::RelayClient::create(
            transport::RelayEndpoint{relay.address().toStdString(), fileText(relay.certificatePath()), {}});
        if (!client.ok())
            return false;
        m_client = std::move(*client);
        auto registered = m_client->registerAccount("mallory", "a long enough password", "evil", true);
        if (!registered.ok()) {
            qWarning("mallory: %s", registered.error().message.c_str());
            return false;
        }
        m_self = protocol::Address{AccountId("mallory"), DeviceId(registered->credentials.deviceId)};
        m_client->setCredentials(registered->credentials);
        return true;
    }

    /// Uploads `sealed`'s ciphertext; the pointer to it says what the sealing made.
    Result<protocol::AttachmentPointer> upload(const SealedAttachment &sealed)
    {
        LAPIS_TRY_ASSIGN(auto created, m_client->createUpload(sealed.ciphertextSize));
        LAPIS_TRY(m_client->upload(created.blobId, sealed.ciphertextFile));
        protocol::AttachmentPointer pointer;
        pointer.blobId = toBytes(created.blobId);
        pointer.key = sealed.key;
        pointer.digest = sealed.digest;
        pointer.size = sealed.plaintextSize;
        pointer.fileName = sealed.fileName;
        pointer.mimeType = "application/octet-stream";
        return pointer;
    }

    /// Sends one message carrying `pointers` (`copies` times over: protobuf merges concatenated
    /// encodings, so even more than a sender may encode) to `to`'s device.
    Result<void> send(const Engine &to, const std::string &text,
                      const std::vector<protocol::AttachmentPointer> &pointers, int copies = 1)
    {
        protocol::Content content;
        content.messageId = protocol::newContentMessageId(1, crypto::systemRandom());
        content.data = protocol::DataMessage{};
        content.data->text = text;
        content.data->attachments = pointers;
        LAPIS_TRY_ASSIGN(auto encoded, content.serialize());
        Bytes merged;
        for (int i = 0; i < copies; ++i)
            merged.insert(merged.end(), encoded.view().begin(), encoded.view().end());
        const protocol::Address recipient{to.account(), to.deviceId()};
        const auto envelope = protocol::makePlaintextEnvelope(m_self, recipient, merged, crypto::systemRandom());
        LAPIS_TRY_ASSIGN(auto outcome,
                         m_client->sendBatch(
                             to.account().value(),
                             {transport::OutgoingEnvelope{to.deviceId().value(), envelope.serialize(), true}}, true));
        if (!outcome.accepted)
            return fail(ErrorCode::Unavailable, "the relay did not accept mallory's message");
        return {};
    }

private:
    std::unique_ptr<transport::RelayClient> m_client;
    protocol::Address m_self;
};
} // namespace

class TestAttachmentAttacks : public QObject {
    Q_OBJECT

    lapis::test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    ProfilesOnRelay m_profiles{m_relay};
    std::unique_ptr<Engine> m_alice;
    std::unique_ptr<Engine> m_bob;
    HostileSender m_mallory;
    QTemporaryDir m_work;

    /// What bob's store knows of the attachments of the message with `text` from `peer`.
    std::vector<AttachmentSummary> attachmentsOf(const std::string &peer, const std::string &text)
    {
        auto page = m_bob->messagePage(AccountId(peer), 50, std::nullopt);
        if (!page.ok())
            return {};
        for (const auto &m : page->page.messages)
            if (m.text == text)
                return page->attachments[m.id.toHex()];
        return {};
    }
    bool bobHasMessage(const std::string &peer, const std::string &text)
    {
        auto history = m_bob->history(AccountId(peer), 200);
        return history.ok()
               && std::any_of(history->begin(), history->end(), [&](const auto &m) { return m.text == text; });
    }
    Result<SealedAttachment> seal(const QByteArray &plain, const std::string &name)
    {
        return sealAttachmentData(
            ByteView(reinterpret_cast<const std::uint8_t *>(plain.constData()), static_cast<std::size_t>(plain.size())),
            name, m_work.path().toStdString() + "/mallory", crypto::systemRandom());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
        QVERIFY(m_mallory.start(m_relay));
    }

    /// Item 6: a received file is kept only encrypted; the profile is private to the user.
    void receivedFilesStayEncryptedAtRest()
    {
        const QDateTime since = QDateTime::currentDateTime().addSecs(-2);
        const QByteArray plain = distinctivePlaintext(300 * 1024);
        const QString source = m_work.filePath(QStringLiteral("secret-report.pdf"));
        {
            QFile f(source);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(plain);
        }
        VERIFY_OK(m_alice->sendFile(AccountId("bob"), source.toStdString(), false));
        QFile::remove(source); // the sender's own file is not what a thief of the receiver finds
        const auto got = lapis::engine::test::receiveWaiting(*m_bob);
        VERIFY_OK(got);
        const auto files = attachmentsOf("alice", "");
        QCOMPARE(files.size(), std::size_t(1));
        QCOMPARE(files.front().state, store::AttachmentState::Available);

        // A thief of the disk: neither the profile nor /tmp holds a readable copy.
        const QByteArray needle = plain.mid(150 * 1024, 64);
        QCOMPARE(filesContaining(QString::fromStdString(m_bob->profileDirectory().string()), needle, since),
                 QStringList());
        QCOMPARE(filesContaining(QStringLiteral("/tmp"), needle, since), QStringList());
        QCOMPARE(notPrivate(m_bob->profileDirectory()), QStringList());
        QCOMPARE(notPrivate(m_alice->profileDirectory()), QStringList());

        // Asked for, the plaintext is there: decrypted in memory, saved where chosen, opened privately.
        QByteArray inMemory;
        VERIFY_OK(m_bob->decryptAttachment(files.front().id, [&](ByteView b) -> Result<void> {
            inMemory.append(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
            return {};
        }));
        QVERIFY(inMemory == plain);
        QTemporaryDir saveDir;
        const auto saved = m_bob->saveAttachmentIn(files.front().id, saveDir.path().toStdString());
        VERIFY_OK(saved);
        QCOMPARE(QString::fromStdString(saved->filename().string()), QStringLiteral("secret-report.pdf"));
        QVERIFY(readFile(*saved) == plain);
        const auto opened = m_bob->openAttachmentCopy(files.front().id);
        VERIFY_OK(opened);
        QCOMPARE(opened->parent_path(), m_bob->openedFolder());
        QVERIFY(readFile(*opened) == plain);
        QCOMPARE(notPrivate(m_bob->profileDirectory()), QStringList());
        // Closing empties the folder of opened files; so does the next start.
        m_bob.reset();
        QVERIFY(!fs::exists(*opened));
        auto reopened = Engine::open(m_profiles.optionsFor("bob"));
        VERIFY_OK(reopened);
        m_bob = std::move(*reopened);
    }

    /// Item 6: pasted data is encrypted before it reaches the disk, on the sender's side too.
    void pastedDataIsEncryptedBeforeTouchingTheDisk()
    {
        const QDateTime since = QDateTime::currentDateTime().addSecs(-2);
        const QByteArray pasted = distinctivePlaintext(200 * 1024);
        VERIFY_OK(m_alice->sendFileData(AccountId("bob"),
                                        ByteView(reinterpret_cast<const std::uint8_t *>(pasted.constData()),
                                                 static_cast<std::size_t>(pasted.size())),
                                        "pasted.png", false));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        const QByteArray needle = pasted.mid(100 * 1024, 64);
        QCOMPARE(filesContaining(QStringLiteral("/tmp"), needle, since), QStringList());
        QCOMPARE(notPrivate(m_alice->profileDirectory()), QStringList());
    }

    /// Item 7: a sender's file names are display text; written files stay inside the chosen folder.
    void hostileFileNamesNeverBecomePaths()
    {
        QTemporaryDir outside;
        const std::string absolute = outside.path().toStdString() + "/planted.txt";
        auto sealed = seal(distinctivePlaintext(1000), "x");
        VERIFY_OK(sealed);
        auto pointer = m_mallory.upload(*sealed);
        VERIFY_OK(pointer);
        std::vector<protocol::AttachmentPointer> pointers;
        for (const std::string &name : {absolute, std::string("../../escape.txt"), std::string(".bashrc"),
                                        std::string("same.txt"), std::string("same.txt"), std::string("..")}) {
            pointers.push_back(*pointer);
            pointers.back().fileName = name;
        }
        VERIFY_OK(m_mallory.send(*m_bob, "names", pointers));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        const auto files = attachmentsOf("mallory", "names");
        QCOMPARE(files.size(), pointers.size());
        QCOMPARE(files.front().fileName, absolute); // shown as the sender wrote it

        QTemporaryDir saveRoot;
        const fs::path saveDir = saveRoot.path().toStdString() + "/inbox";
        fs::create_directories(saveDir);
        std::set<fs::path> written;
        for (const auto &file : files) {
            const auto saved = m_bob->saveAttachmentIn(file.id, saveDir);
            VERIFY_OK(saved);
            QCOMPARE(saved->parent_path(), saveDir);
            QVERIFY2(saved->filename().string().front() != '.', saved->string().c_str());
            QVERIFY(written.insert(*saved).second); // a repeated name gets a name of its own
        }
        QCOMPARE(filesIn(saveDir), pointers.size());
        QVERIFY(!fs::exists(absolute));
        QVERIFY(!fs::exists(saveRoot.path().toStdString() + "/escape.txt"));
        QVERIFY(fs::exists(saveDir / "same.txt") && fs::exists(saveDir / "same (2).txt"));
    }

    /// Item 8: one blob named many times is fetched once; more than 32 pointers are refused.
    void aBlobRepeatedIsFetchedOnceAndAThousandAreRefused()
    {
        auto sealed = seal(distinctivePlaintext(256 * 1024), "big.bin");
        VERIFY_OK(sealed);
        auto pointer = m_mallory.upload(*sealed);
        VERIFY_OK(pointer);
        const fs::path bobAttachments = m_bob->profileDirectory() / "attachments";
        const std::size_t before = filesIn(bobAttachments);

        VERIFY_OK(m_mallory.send(*m_bob, "a thousand", {*pointer}, 1000));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        QVERIFY(!bobHasMessage("mallory", "a thousand"));
        QCOMPARE(filesIn(bobAttachments), before);

        const std::vector<protocol::AttachmentPointer> many(protocol::MaxAttachmentsPerMessage, *pointer);
        VERIFY_OK(m_mallory.send(*m_bob, "thirty-two", many));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        const auto files = attachmentsOf("mallory", "thirty-two");
        QCOMPARE(files.size(), many.size());
        for (const auto &file : files)
            QCOMPARE(file.state, store::AttachmentState::Available);
        QCOMPARE(filesIn(bobAttachments), before + 1);

        // Our own sender refuses to encode more than a receiver takes.
        protocol::Content tooMany;
        tooMany.messageId = protocol::newContentMessageId(1, crypto::systemRandom());
        tooMany.data = protocol::DataMessage{};
        tooMany.data->attachments.assign(protocol::MaxAttachmentsPerMessage + 1, *pointer);
        QVERIFY(!tooMany.serialize().ok());
    }

    /// Item 8: a blob longer than its pointer says is cut off at the promised size.
    void aBlobLongerThanItsPointerIsNotRead()
    {
        auto sealed = seal(distinctivePlaintext(3 * 1024 * 1024), "small.txt");
        VERIFY_OK(sealed);
        auto pointer = m_mallory.upload(*sealed);
        VERIFY_OK(pointer);
        pointer->size = 1000; // the digest and key are right: only the size lies
        VERIFY_OK(m_mallory.send(*m_bob, "longer", {*pointer}));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        auto files = attachmentsOf("mallory", "longer");
        QCOMPARE(files.size(), std::size_t(1));
        QCOMPARE(files.front().state, store::AttachmentState::Failed);

        std::uint64_t mostReceived = 0;
        const auto again = m_bob->downloadAttachment(files.front().id, [&](std::uint64_t done, std::uint64_t) {
            mostReceived = std::max(mostReceived, done);
            return true;
        });
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::LimitExceeded);
        QVERIFY(mostReceived <= cipherSizeOf(1000));
        QCOMPARE(attachmentsOf("mallory", "longer").front().state, store::AttachmentState::Failed);
        QVERIFY(!m_bob->decryptAttachment(files.front().id, {}).ok());
    }

    /// The relay's operator alters a stored blob: the receiver's digest check (computed while
    /// downloading, beside it) refuses it, and no plaintext is ever made of it.
    void aBlobAlteredOnTheRelayIsRefused()
    {
        auto sealed = seal(distinctivePlaintext(3 * 1024 * 1024), "altered.bin");
        VERIFY_OK(sealed);
        auto pointer = m_mallory.upload(*sealed);
        VERIFY_OK(pointer);
        const fs::path blob = m_relay.dataPath().toStdString() + "/blobs/" + toString(pointer->blobId);
        {
            QFile file(QString::fromStdString(blob.string()));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(2 * 1024 * 1024));
            char byte = 0;
            QVERIFY(file.getChar(&byte));
            QVERIFY(file.seek(2 * 1024 * 1024));
            QVERIFY(file.putChar(static_cast<char>(byte ^ 0x01)));
        }
        VERIFY_OK(m_mallory.send(*m_bob, "altered", {*pointer}));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        const auto files = attachmentsOf("mallory", "altered");
        QCOMPARE(files.size(), std::size_t(1));
        QCOMPARE(files.front().state, store::AttachmentState::Failed);
        QVERIFY(!m_bob->decryptAttachment(files.front().id, {}).ok());
        QTemporaryDir saveDir;
        QVERIFY(!m_bob->saveAttachmentIn(files.front().id, saveDir.path().toStdString()).ok());
        QCOMPARE(filesIn(saveDir.path().toStdString()), std::size_t(0));
    }

    /// Item 8: files over the limit wait for a click, then download.
    void largeFilesWaitForAClick()
    {
        m_bob->setAutoDownloadLimit(100 * 1024);
        auto sealed = seal(distinctivePlaintext(200 * 1024), "video.mp4");
        VERIFY_OK(sealed);
        auto pointer = m_mallory.upload(*sealed);
        VERIFY_OK(pointer);
        VERIFY_OK(m_mallory.send(*m_bob, "large", {*pointer}));
        VERIFY_OK(lapis::engine::test::receiveWaiting(*m_bob));
        auto files = attachmentsOf("mallory", "large");
        QCOMPARE(files.size(), std::size_t(1));
        QCOMPARE(files.front().state, store::AttachmentState::Remote);
        VERIFY_OK(m_bob->downloadAttachment(files.front().id));
        QCOMPARE(attachmentsOf("mallory", "large").front().state, store::AttachmentState::Available);
        m_bob->setAutoDownloadLimit(DefaultAutoDownloadLimit);
    }

    void unsafeNamesAreMadeSafe()
    {
        QCOMPARE(safeFileName("/etc/passwd"), std::string("passwd"));
        QCOMPARE(safeFileName("../../x"), std::string("x"));
        QCOMPARE(safeFileName("..\\..\\x"), std::string("x"));
        QCOMPARE(safeFileName(".."), std::string("attachment"));
        QCOMPARE(safeFileName(""), std::string("attachment"));
        QCOMPARE(safeFileName(".bashrc"), std::string("bashrc"));
        QCOMPARE(safeFileName("a\nb\x1b[31m.txt"), std::string("a_b_[31m.txt"));
        const auto longName = safeFileName(std::string(500, 'a') + ".jpeg");
        QCOMPARE(longName.size(), std::size_t(200));
        QVERIFY(longName.ends_with(".jpeg"));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentAttacks)
#include "tst_engine_attachment_attacks.moc"
