// SPDX-License-Identifier: GPL-3.0-or-later
// What tst_engine_changes and tst_engine_disappearing share: their people (ChangesFixture) and the
// profile's database decrypted as someone holding its key would.
#pragma once

#include "Database.h" // the decrypted database, read with the key as a thief holding it would
#include "EngineTestUtil.h"

#include <lapis/store/PassphraseKeyFile.h>

#include <QFile>
#include <QTest>

namespace lapis::engine::test {

/// The profile's database opened with its key, as someone holding the key would (the engine may
/// be open: this is a second connection); null, with a warning, when that fails.
inline std::unique_ptr<store::Database> profileDatabase(const ProfileOptions &options)
{
    const store::StorePaths paths(options.directory);
    auto key = store::PassphraseKeyFile::unwrap(paths.keyFile, *options.passphrase);
    if (!key.ok()) {
        qWarning("key: %s", key.error().message.c_str());
        return nullptr;
    }
    auto db = store::Database::open(paths.database, key->view(), false);
    if (!db.ok()) {
        qWarning("open: %s", db.error().message.c_str());
        return nullptr;
    }
    return std::move(db).value();
}

/// The profile's database decrypted into a plain SQLite file (sqlcipher_export, as someone holding
/// the key would), its bytes: every table, the search index's segments included.
inline QByteArray decryptedDatabase(const ProfileOptions &options, const QString &scratch)
{
    auto db = profileDatabase(options);
    if (!db)
        return {};
    const QString plain = scratch + QStringLiteral("/plain.db");
    QFile::remove(plain);
    {
        // An empty file is an empty database: the store opens without SQLITE_OPEN_CREATE, which
        // ATTACH inherits.
        QFile empty(plain);
        if (!empty.open(QIODevice::WriteOnly))
            return {};
    }
    const auto exported = db->exec("ATTACH DATABASE '" + plain.toStdString()
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

/// Alice with a linked laptop (alice2) and Bob on a relay of their own, one message from Bob
/// already read by both of Alice's devices: the people of tst_engine_changes and
/// tst_engine_disappearing. The test classes derive from it and call startPeople() first.
class ChangesFixture : public QObject {
protected:
    /// Starts the relay, registers Alice and Bob and links Alice's laptop; false on a failure.
    bool startPeople()
    {
        if (!m_relay.start())
            return false;
        m_alice = m_profiles.registered("alice");
        m_bob = m_profiles.registered("bob");
        if (!m_alice || !m_bob)
            return false;
        m_alice2 = m_profiles.linked(*m_alice, "alice2", "alice's laptop");
        return m_alice2 && m_bob->sendText(AccountId("alice"), "hi alice", false).ok()
               && receiveWaiting(*m_alice, 1).ok() && receiveWaiting(*m_alice2, 1).ok();
    }

    /// The profile `name` opened again (null, with a warning, when that fails).
    [[nodiscard]] std::unique_ptr<Engine> reopened(const std::string &name) const
    {
        auto engine = Engine::open(m_profiles.optionsFor(name));
        if (!engine.ok())
            qWarning("reopening %s: %s", name.c_str(), engine.error().message.c_str());
        return engine.ok() ? std::move(engine).value() : nullptr;
    }

    // These suites make an account do in seconds what a person does in a day (every device of
    // three people sends, receives and acknowledges at once); the per-account limit itself is
    // tested in tst_transport_relay_limits.
    lapis::test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY),
                                      {QStringLiteral("--rate-account"), QStringLiteral("500/2000")}};
    ProfilesOnRelay m_profiles{m_relay};
    QTemporaryDir m_scratch;
    std::unique_ptr<Engine> m_alice;
    std::unique_ptr<Engine> m_alice2;
    std::unique_ptr<Engine> m_bob;
};

} // namespace lapis::engine::test
