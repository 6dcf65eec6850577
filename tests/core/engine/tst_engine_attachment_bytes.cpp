// SPDX-License-Identifier: GPL-3.0-or-later
// Engine::attachmentBytes through a real relay: a received (and a sent) attachment comes back
// decrypted in memory from the encrypted copy at rest; a size cap and an altered copy fail.
#include "EngineTestUtil.h"

#include <lapis/store/Store.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QDir>
#include <QFile>
#include <QTest>

#include <chrono>

using namespace lapis;
using namespace std::chrono_literals;

namespace {
std::int64_t onlyAttachmentWith(engine::Engine &engine, const std::string &peer)
{
    auto page = engine.messagePage(AccountId(peer), 20, std::nullopt);
    if (!page.ok())
        return 0;
    for (const auto &[message, list] : page->attachments)
        if (!list.empty())
            return list.front().id;
    return 0;
}

Bytes bytesOf(const QByteArray &data)
{
    return Bytes(data.begin(), data.end());
}
} // namespace

class TestEngineAttachmentBytes : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.start());
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        QVERIFY(m_alice && m_bob);
        m_content = QByteArray(200 * 1024 + 17, Qt::Uninitialized);
        for (int i = 0; i < m_content.size(); ++i)
            m_content[i] = static_cast<char>((static_cast<unsigned>(i) * 2654435761U) >> 11);
        const QString path = m_profiles.path(QStringLiteral("photo.jpg"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_content);
        file.close();
        QVERIFY(m_alice->sendFile(AccountId("bob"), path.toStdString(), false).ok());
        QVERIFY(lapis::engine::test::receiveWaiting(*m_bob).ok());
    }

    void receivedAttachmentComesBackInMemory()
    {
        const auto id = onlyAttachmentWith(*m_bob, "alice");
        QVERIFY(id > 0);
        const auto bytes = m_bob->attachmentBytes(id, 1024 * 1024);
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : bytes.error().message.c_str());
        QVERIFY(*bytes == bytesOf(m_content));
    }

    void sentAttachmentComesBackFromTheSendersCopy()
    {
        const auto id = onlyAttachmentWith(*m_alice, "bob");
        QVERIFY(id > 0);
        const auto bytes = m_alice->attachmentBytes(id, 1024 * 1024);
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : bytes.error().message.c_str());
        QVERIFY(*bytes == bytesOf(m_content));
    }

    void largerThanTheCapIsRefused()
    {
        const auto bytes = m_bob->attachmentBytes(onlyAttachmentWith(*m_bob, "alice"), 100 * 1024);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, ErrorCode::LimitExceeded);
        QCOMPARE(m_bob->attachmentBytes(987654, 1024).error().code, ErrorCode::NotFound);
    }

    void anAlteredCopyAtRestIsRefused()
    {
        // The disk thief (or a bad sector) changes one byte of Bob's encrypted copy.
        const auto folder = store::StorePaths(m_bob->profileDirectory()).attachments;
        const auto files = QDir(QString::fromStdString(folder.string())).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile file(QString::fromStdString((folder / files.front().toStdString()).string()));
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(file.size() / 2);
        char byte = 0;
        QVERIFY(file.getChar(&byte));
        file.seek(file.size() / 2);
        file.putChar(static_cast<char>(byte ^ 0x01));
        file.close();
        const auto bytes = m_bob->attachmentBytes(onlyAttachmentWith(*m_bob, "alice"), 1024 * 1024);
        QVERIFY(!bytes.ok());
    }

private:
    test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    engine::test::ProfilesOnRelay m_profiles{m_relay};
    std::unique_ptr<engine::Engine> m_alice;
    std::unique_ptr<engine::Engine> m_bob;
    QByteArray m_content;
};

QTEST_GUILESS_MAIN(TestEngineAttachmentBytes)
#include "tst_engine_attachment_bytes.moc"
