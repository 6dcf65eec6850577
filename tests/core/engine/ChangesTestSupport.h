// SPDX-License-Identifier: GPL-3.0-or-later
// What tst_engine_changes and tst_engine_disappearing share: waiting for an event of a kind,
// finding a message, and the profile's database decrypted as someone holding its key would.
#pragma once

#include "Database.h" // the decrypted database, read with the key as a thief holding it would
#include "EngineTestUtil.h"

#include <lapis/store/PassphraseKeyFile.h>

#include <QFile>
#include <QTest>

namespace lapis::engine::test {

using Kind = IncomingEvent::Kind;

inline const ReceivedItem *findKind(const std::vector<ReceivedItem> &items, Kind kind)
{
    for (const auto &item : items)
        if (item.event.kind == kind)
            return &item;
    return nullptr;
}

/// Receives until an item of `kind` came (or the deadline passed); everything received.
inline std::vector<ReceivedItem> receiveUntil(Engine &engine, Kind kind,
                                              std::chrono::milliseconds deadline = std::chrono::seconds(20))
{
    auto got = engine.receive(
        deadline, [kind](const std::vector<ReceivedItem> &items) { return findKind(items, kind) != nullptr; });
    return got.ok() ? std::move(got).value() : std::vector<ReceivedItem>{};
}

inline std::optional<store::StoredMessage> messageWith(Engine &engine, const AccountId &peer, const MessageId &id)
{
    auto history = engine.history(peer, 500);
    if (!history.ok())
        return std::nullopt;
    for (auto &m : *history)
        if (m.id == id)
            return m;
    return std::nullopt;
}

/// The profile's database decrypted into a plain SQLite file (sqlcipher_export, as someone holding
/// the key would), its bytes: every table, the search index's segments included.
inline QByteArray decryptedDatabase(const ProfileOptions &options, const QString &scratch)
{
    const store::StorePaths paths(options.directory);
    auto key = store::PassphraseKeyFile::unwrap(paths.keyFile, *options.passphrase);
    if (!key.ok()) {
        qWarning("key: %s", key.error().message.c_str());
        return {};
    }
    auto db = store::Database::open(paths.database, key->view(), false);
    if (!db.ok()) {
        qWarning("open: %s", db.error().message.c_str());
        return {};
    }
    const QString plain = scratch + QStringLiteral("/plain.db");
    QFile::remove(plain);
    {
        // An empty file is an empty database: the store opens without SQLITE_OPEN_CREATE, which
        // ATTACH inherits.
        QFile empty(plain);
        if (!empty.open(QIODevice::WriteOnly))
            return {};
    }
    const auto exported = (*db)->exec("ATTACH DATABASE '" + plain.toStdString()
                                      + "' AS plain KEY ''; SELECT sqlcipher_export('plain'); DETACH DATABASE plain;");
    if (!exported.ok()) {
        qWarning("export: %s", exported.error().message.c_str());
        return {};
    }
    QFile file(plain);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace lapis::engine::test
