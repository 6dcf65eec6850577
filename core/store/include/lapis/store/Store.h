// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/PasswordHash.h>
#include <lapis/store/AttachmentFiles.h>
#include <lapis/store/Transaction.h>

#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace lapis::store {

class Database;
class StoreThread;

/// Where a profile keeps its files. Everything under profileDir is encrypted.
struct StorePaths {
    explicit StorePaths(const std::filesystem::path &profile);
    std::filesystem::path profileDir;
    std::filesystem::path database;    ///< lapis.db (+ -wal, -shm beside it)
    std::filesystem::path keyFile;     ///< lapis.key: the passphrase-wrapped key, when used
    std::filesystem::path attachments; ///< attachments/: encrypted files
};

struct StoreOptions {
    std::filesystem::path profileDir;
    /// Argon2id costs for a new passphrase. Tests use minimumForTests().
    crypto::Argon2Params passphraseParams = crypto::Argon2Params::moderate();
};

/// What exists on disk for a profile, to choose between creating and unlocking.
struct ProfileState {
    bool hasDatabase = false;
    bool hasPassphraseKeyFile = false;
};

enum class OpenMode {
    OpenExisting,    ///< a missing database is NotFound and nothing is created
    CreateIfMissing, ///< a new profile: the database is created with the given key
};

namespace detail {
/// Runs `body` in BEGIN IMMEDIATE ... COMMIT, rolling back when it fails or throws.
Result<void> runTransaction(Database &db, const std::function<Result<void>(Transaction &)> &body);
} // namespace detail

/// One profile's encrypted store. All SQL runs on the store's own thread, one job after another;
/// every call here returns at once with a future. Never wait on those futures from the GUI thread.
///
/// Unlocking (the engine decides, the store offers the pieces):
///  - with the OS keychain: KeychainKeyStore::load(profile) then open(options, key, ...); for a new
///    profile generateKey(), KeychainKeyStore::save() and only once that succeeded
///    open(options, key, OpenMode::CreateIfMissing);
///  - without one (KeychainKeyStore reports Unavailable): createWithPassphrase / openWithPassphrase.
class Store {
public:
    using OpenResult = Result<std::unique_ptr<Store>>;

    /// The SQLCipher version in this process. An error (Unavailable) means libsqlite3 or QtSql's
    /// driver won the symbol race (see setup.md) and nothing would be encrypted: the program must
    /// refuse to run. Every open checks it too; call this at start-up to fail early.
    static Result<std::string> sqlCipherVersion();

    static ProfileState inspect(const std::filesystem::path &profileDir);
    /// A fresh random 256-bit database key.
    static SecureBytes generateKey();

    /// Opens (or creates) the database with a raw key. WrongPassphrase when the key does not open
    /// it, Unsupported when it was written by a newer version, Unavailable when the process's
    /// SQLite is not SQLCipher. Older schemas are migrated.
    static std::future<OpenResult> open(StoreOptions options, SecureBytes key, OpenMode mode);
    /// A new profile whose key is wrapped by `passphrase`. AlreadyExists if the profile has a
    /// database or key file already.
    static std::future<OpenResult> createWithPassphrase(StoreOptions options, std::string_view passphrase);
    /// Unwraps the key with `passphrase` (Argon2id, off the caller's thread) and opens. A wrong
    /// passphrase is WrongPassphrase and no file is touched.
    static std::future<OpenResult> openWithPassphrase(StoreOptions options, std::string_view passphrase);

    /// Finishes the queued jobs, then closes the database.
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// Runs `body(Transaction &)` in one transaction on the store thread; `body` returns a
    /// Result<T>. The transaction commits when it succeeds and rolls back when it fails or throws;
    /// the future holds the body's result, or the commit's error.
    template<typename F>
    auto transact(F body) -> std::future<std::invoke_result_t<F &, Transaction &>>
    {
        using R = std::invoke_result_t<F &, Transaction &>;
        auto promise = std::make_shared<std::promise<R>>();
        auto future = promise->get_future();
        auto shared = std::make_shared<F>(std::move(body));
        enqueue([promise, shared](Database &db) {
            std::optional<R> value;
            Result<void> outcome = detail::runTransaction(db, [&](Transaction &tx) -> Result<void> {
                value.emplace((*shared)(tx));
                if (!value->ok())
                    return value->error();
                return {};
            });
            if (outcome.ok())
                promise->set_value(std::move(*value));
            else
                promise->set_value(R(std::move(outcome).error()));
        });
        return future;
    }

    /// Rewraps the database key under a new passphrase (kill-safe, see PassphraseKeyFile). Runs off
    /// the store thread: the KDF takes a second and SQL need not wait for it.
    std::future<Result<void>> changePassphrase(std::string_view oldPassphrase, std::string_view newPassphrase);

    /// PRAGMA integrity_check: "ok", or SQLite's list of problems.
    std::future<Result<std::string>> integrityCheck();

    [[nodiscard]] const StorePaths &paths() const { return m_paths; }
    /// The encrypted attachments folder of this profile.
    [[nodiscard]] AttachmentFiles attachmentFiles() const { return AttachmentFiles(m_paths.attachments); }
    /// "fts5" or "fts4", whichever the library offered when the index was built.
    [[nodiscard]] const std::string &searchEngine() const { return m_searchEngine; }

private:
    Store(StorePaths paths, crypto::Argon2Params params);
    static std::future<OpenResult>
    openWith(StoreOptions options, std::function<Result<SecureBytes>(const StorePaths &)> keySource, OpenMode mode);
    Result<void> openOnStoreThread(const SecureBytes &key, OpenMode mode);
    void enqueue(std::function<void(Database &)> job);

    StorePaths m_paths;
    crypto::Argon2Params m_params;
    std::unique_ptr<Database> m_db;
    std::string m_searchEngine;
    std::unique_ptr<StoreThread> m_thread;
};

} // namespace lapis::store
