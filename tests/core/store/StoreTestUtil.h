// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/store/Store.h>

#include <QByteArray>
#include <QFile>
#include <QtTest>

#include <filesystem>
#include <map>
#include <string>

/// QVERIFY for a Result, printing its error.
#define QVERIFY_OK(expr)                                                                                               \
    do {                                                                                                               \
        const auto &lapisResult_ = (expr);                                                                             \
        QVERIFY2(lapisResult_.ok(), lapisResult_.ok() ? "" : lapisResult_.error().message.c_str());                    \
    } while (false)

namespace lapis::store::test {

inline SecureBytes fixedKey(std::uint8_t seed)
{
    SecureBytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<std::uint8_t>(seed + i * 7);
    return key;
}

inline StoreOptions options(const QString &dir)
{
    StoreOptions o;
    o.profileDir = std::filesystem::path(dir.toStdString());
    o.passphraseParams = crypto::Argon2Params::minimumForTests();
    return o;
}

inline Store::OpenResult openStore(const QString &dir, std::uint8_t keySeed, OpenMode mode = OpenMode::CreateIfMissing)
{
    return Store::open(options(dir), fixedKey(keySeed), mode).get();
}

inline MessageId messageId(std::uint32_t n, std::uint8_t tag = 0x4c)
{
    std::array<std::uint8_t, 16> bytes{};
    bytes[0] = tag;
    for (int i = 0; i < 4; ++i)
        bytes[12 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(n >> (8 * (3 - i)));
    return MessageId(bytes);
}

inline StoredMessage message(std::int64_t conversation, std::uint32_t n, std::string text, std::int64_t sentAt)
{
    StoredMessage m;
    m.id = messageId(n);
    m.conversationId = conversation;
    m.sender = AccountId("alice");
    m.senderDevice = DeviceId(1);
    m.direction = MessageDirection::Outgoing;
    m.text = std::move(text);
    m.sentAtMs = sentAt;
    m.state = MessageState::Pending;
    return m;
}

inline QByteArray fileBytes(const std::filesystem::path &path)
{
    QFile f(QString::fromStdString(path.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// Every regular file under `dir` with its bytes, by relative path.
inline std::map<std::string, QByteArray> snapshot(const std::filesystem::path &dir)
{
    std::map<std::string, QByteArray> out;
    std::error_code ec;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
        if (entry.is_regular_file())
            out[std::filesystem::relative(entry.path(), dir).string()] = fileBytes(entry.path());
    }
    return out;
}

} // namespace lapis::store::test
