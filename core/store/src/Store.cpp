// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"
#include "Migrations.h"
#include "StoreThread.h"

#include <lapis/common/Log.h>
#include <lapis/crypto/Random.h>
#include <lapis/store/PassphraseKeyFile.h>
#include <lapis/store/Store.h>

namespace lapis::store {

namespace fs = std::filesystem;

StorePaths::StorePaths(const fs::path &profile)
    : profileDir(profile)
    , database(profile / "lapis.db")
    , keyFile(profile / "lapis.key")
    , attachments(profile / "attachments")
{}

Result<std::string> Store::sqlCipherVersion()
{
    return Database::cipherVersion();
}

ProfileState Store::inspect(const fs::path &profileDir)
{
    const StorePaths paths(profileDir);
    std::error_code ec;
    return ProfileState{fs::exists(paths.database, ec), fs::exists(paths.keyFile, ec)};
}

SecureBytes Store::generateKey()
{
    SecureBytes key(32);
    crypto::randomBytes(key.mutableView());
    return key;
}

Store::Store(StorePaths paths, crypto::Argon2Params params)
    : m_paths(std::move(paths))
    , m_params(params)
    , m_thread(std::make_unique<StoreThread>())
{}

Store::~Store()
{
    // The connection is closed on the thread that used it, after every queued job.
    m_thread->post([this] { m_db.reset(); });
    m_thread.reset();
}

void Store::enqueue(std::function<void(Database &)> job)
{
    m_thread->post([this, job = std::move(job)] { job(*m_db); });
}

std::future<Store::OpenResult> Store::open(StoreOptions options, SecureBytes key, OpenMode mode)
{
    auto shared = std::make_shared<SecureBytes>(std::move(key));
    return openWith(
        std::move(options), [shared](const StorePaths &) -> Result<SecureBytes> { return shared->clone(); }, mode);
}

std::future<Store::OpenResult> Store::createWithPassphrase(StoreOptions options, std::string_view passphrase)
{
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(asBytes(passphrase)));
    const auto params = options.passphraseParams;
    return openWith(
        std::move(options),
        [secret, params](const StorePaths &paths) -> Result<SecureBytes> {
            const ProfileState state = inspect(paths.profileDir);
            if (state.hasDatabase || state.hasPassphraseKeyFile)
                return fail(ErrorCode::AlreadyExists, "This profile exists already");
            std::error_code ec;
            fs::create_directories(paths.profileDir, ec);
            if (ec)
                return fail(ErrorCode::Io, "Creating the profile folder failed: " + ec.message());
            SecureBytes key = generateKey();
            const std::string_view pass(reinterpret_cast<const char *>(secret->data()), secret->size());
            // The key file first: a database whose key was never saved could never be opened.
            LAPIS_TRY(PassphraseKeyFile::create(paths.keyFile, key.view(), pass, params));
            return key;
        },
        OpenMode::CreateIfMissing);
}

std::future<Store::OpenResult> Store::openWithPassphrase(StoreOptions options, std::string_view passphrase)
{
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(asBytes(passphrase)));
    return openWith(
        std::move(options),
        [secret](const StorePaths &paths) -> Result<SecureBytes> {
            const std::string_view pass(reinterpret_cast<const char *>(secret->data()), secret->size());
            return PassphraseKeyFile::unwrap(paths.keyFile, pass);
        },
        OpenMode::OpenExisting);
}

std::future<Store::OpenResult>
Store::openWith(StoreOptions options, std::function<Result<SecureBytes>(const StorePaths &)> keySource, OpenMode mode)
{
    // A one-off thread: the KDF and the migrations must not run on the caller's (GUI) thread,
    // and a Store that fails to open is destroyed here, not on its own thread.
    return std::async(
        std::launch::async, [options = std::move(options), keySource = std::move(keySource), mode]() -> OpenResult {
            StorePaths paths(options.profileDir);
            LAPIS_TRY_ASSIGN(SecureBytes key, keySource(paths));
            std::unique_ptr<Store> store(new Store(paths, options.passphraseParams));
            auto opened = std::make_shared<std::promise<Result<void>>>();
            auto done = opened->get_future();
            Store *raw = store.get();
            store->m_thread->post([raw, opened, &key, mode] { opened->set_value(raw->openOnStoreThread(key, mode)); });
            LAPIS_TRY(done.get());
            return store;
        });
}

Result<void> Store::openOnStoreThread(const SecureBytes &key, OpenMode mode)
{
    const bool create = mode == OpenMode::CreateIfMissing;
    if (create) {
        std::error_code ec;
        fs::create_directories(m_paths.profileDir, ec);
        if (ec)
            return fail(ErrorCode::Io, "Creating the profile folder failed: " + ec.message());
    }
    LAPIS_TRY_ASSIGN(m_db, Database::open(m_paths.database, key.view(), create));
    // Refuse a newer schema before anything writes to the file (WAL switch included).
    LAPIS_TRY_ASSIGN(const int version, schemaVersion(*m_db));
    LAPIS_TRY(checkSchemaIsNotNewer(version));
    LAPIS_TRY(m_db->configureForWriting());
    LAPIS_TRY(migrate(*m_db));
    LAPIS_TRY_ASSIGN(auto engine, m_db->queryText("SELECT value FROM store_meta WHERE key = 'search_engine'"));
    m_searchEngine = engine.value_or("");
    std::error_code ec;
    fs::create_directories(m_paths.attachments, ec);
    if (ec)
        return fail(ErrorCode::Io, "Creating the attachments folder failed: " + ec.message());
    qCInfo(lcStore) << "Store open, schema" << LatestSchemaVersion << "search" << m_searchEngine.c_str();
    return {};
}

std::future<Result<void>> Store::changePassphrase(std::string_view oldPassphrase, std::string_view newPassphrase)
{
    auto oldSecret = std::make_shared<SecureBytes>(SecureBytes::copyOf(asBytes(oldPassphrase)));
    auto newSecret = std::make_shared<SecureBytes>(SecureBytes::copyOf(asBytes(newPassphrase)));
    return std::async(std::launch::async, [path = m_paths.keyFile, params = m_params, oldSecret, newSecret] {
        return PassphraseKeyFile::changePassphrase(
            path, std::string_view(reinterpret_cast<const char *>(oldSecret->data()), oldSecret->size()),
            std::string_view(reinterpret_cast<const char *>(newSecret->data()), newSecret->size()), params);
    });
}

std::future<Result<std::string>> Store::integrityCheck()
{
    auto promise = std::make_shared<std::promise<Result<std::string>>>();
    auto future = promise->get_future();
    enqueue([promise](Database &db) {
        auto stmt = db.prepareUncached("PRAGMA integrity_check");
        if (!stmt.ok()) {
            promise->set_value(std::move(stmt).error());
            return;
        }
        Statement s(db, stmt->get());
        std::string report;
        for (;;) {
            auto row = s.step();
            if (!row.ok()) {
                promise->set_value(std::move(row).error());
                return;
            }
            if (!*row)
                break;
            if (!report.empty())
                report += '\n';
            report += s.text(0);
        }
        promise->set_value(std::move(report));
    });
    return future;
}

} // namespace lapis::store
