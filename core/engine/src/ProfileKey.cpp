// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Log.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/store/KeychainKeyStore.h>
#include <lapis/store/PassphraseKeyFile.h>

#include <QEventLoop>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace lapis::engine {

namespace {
constexpr auto NoKeychain = "No keychain answered on this system: give the store passphrase "
                            "(lapis-cli --passphrase-file FILE)";

Result<SecureBytes> keyFromKeychain(const QString &profile)
{
    QEventLoop loop;
    std::optional<Result<SecureBytes>> outcome;
    store::KeychainKeyStore::load(profile, [&](Result<SecureBytes> r) {
        outcome.emplace(std::move(r));
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return std::move(*outcome);
}

Result<void> keyToKeychain(const QString &profile, ByteView key)
{
    QEventLoop loop;
    std::optional<Result<void>> outcome;
    store::KeychainKeyStore::save(profile, key, [&](Result<void> r) {
        outcome.emplace(std::move(r));
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return std::move(*outcome);
}

Result<void> removeFromKeychain(const QString &profile)
{
    QEventLoop loop;
    std::optional<Result<void>> outcome;
    store::KeychainKeyStore::remove(profile, [&](Result<void> r) {
        outcome.emplace(std::move(r));
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return std::move(*outcome);
}

QString keychainName(const std::filesystem::path &profile)
{
    return QString::fromStdString(std::filesystem::absolute(profile).string());
}

Error ioError(const std::string &what)
{
    return fail(ErrorCode::Io, what + ": " + std::strerror(errno));
}

// A rename or unlink is durable only once the folder's entry is on disk too.
Result<void> syncFolder(const std::filesystem::path &folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError("Opening the profile folder failed");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return ioError("Syncing the profile folder failed");
    return {};
}

/// Overwrites a set-aside key file with zeros on disk before deleting it, so that the wrapped key
/// does not linger in the freed blocks (as far as the file system overwrites in place).
Result<void> wipeAndRemove(const std::filesystem::path &file)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return {};
    const auto size = std::filesystem::file_size(file, ec);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return ioError("Opening the old key file to wipe it failed");
    const std::vector<char> zeros(ec ? store::PassphraseKeyFile::FileSize : static_cast<std::size_t>(size), 0);
    std::size_t done = 0;
    while (done < zeros.size()) {
        const ssize_t n = ::write(fd, zeros.data() + done, zeros.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return ioError("Wiping the old key file failed");
        }
        done += static_cast<std::size_t>(n);
    }
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0)
        return ioError("Syncing the wiped key file failed");
    if (::unlink(file.c_str()) != 0)
        return ioError("Deleting the old key file failed");
    return syncFolder(file.parent_path());
}

std::filesystem::path setAsidePath(const store::StorePaths &paths)
{
    auto aside = paths.keyFile;
    aside += ".old";
    return aside;
}

bool stopsAt(const ProtectionHook &hook, ProtectionStage stage)
{
    return hook && !hook(stage);
}

Error stopped()
{
    return fail(ErrorCode::Cancelled, "Stopped by the test hook");
}
} // namespace

Result<void> checkNewPassphrase(std::string_view passphrase)
{
    // Characters, not bytes: every byte but a UTF-8 continuation byte starts one.
    const auto characters = static_cast<std::size_t>(std::count_if(
        passphrase.begin(), passphrase.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (characters < MinPassphraseCharacters)
        return fail(ErrorCode::InvalidArgument,
                    "The passphrase is too short: use at least " + std::to_string(MinPassphraseCharacters)
                        + " characters (a few unrelated words are easy to remember and hard to guess)");
    return {};
}

Result<std::unique_ptr<store::Store>> openProfileStore(const ProfileOptions &options)
{
    store::StoreOptions storeOptions{options.directory, options.passphraseParams};
    const auto state = store::Store::inspect(options.directory);
    if (options.passphrase) {
        if (!state.hasDatabase && !state.hasPassphraseKeyFile) {
            LAPIS_TRY(checkNewPassphrase(*options.passphrase));
            return store::Store::createWithPassphrase(storeOptions, *options.passphrase).get();
        }
        return store::Store::openWithPassphrase(storeOptions, *options.passphrase).get();
    }
    if (state.hasPassphraseKeyFile)
        return fail(ErrorCode::WrongPassphrase, "This profile is protected by a passphrase: give it "
                                                "(lapis-cli --passphrase-file FILE)");
    const QString profile = QString::fromStdString(std::filesystem::absolute(options.directory).string());
    auto key = keyFromKeychain(profile);
    if (key.ok())
        return store::Store::open(storeOptions, std::move(key).value(), store::OpenMode::OpenExisting).get();
    if (key.error().code == ErrorCode::Unavailable)
        return fail(ErrorCode::Unavailable, ErrorReason::KeychainUnavailable, NoKeychain);
    if (key.error().code != ErrorCode::NotFound || state.hasDatabase)
        return std::move(key).error();
    // A new profile: the key goes into the keychain before any database exists for it.
    auto fresh = store::Store::generateKey();
    if (auto saved = keyToKeychain(profile, fresh.view()); !saved.ok())
        return saved.error().code == ErrorCode::Unavailable
                   ? fail(ErrorCode::Unavailable, ErrorReason::KeychainUnavailable, NoKeychain)
                   : std::move(saved).error();
    return store::Store::open(storeOptions, std::move(fresh), store::OpenMode::CreateIfMissing).get();
}

Result<std::unique_ptr<store::Store>>
createStagedProfileStore(const ProfileOptions &options, const std::filesystem::path &staging, SecureBytes &keychainKey)
{
    store::StoreOptions storeOptions{staging, options.passphraseParams};
    if (options.passphrase) {
        LAPIS_TRY(checkNewPassphrase(*options.passphrase));
        return store::Store::createWithPassphrase(storeOptions, *options.passphrase).get();
    }
    // Ask the keychain now: a restore must not register a device it then cannot keep.
    const QString profile = QString::fromStdString(std::filesystem::absolute(options.directory).string());
    auto probe = keyFromKeychain(profile);
    if (!probe.ok() && probe.error().code == ErrorCode::Unavailable)
        return fail(ErrorCode::Unavailable, ErrorReason::KeychainUnavailable, NoKeychain);
    auto key = store::Store::generateKey();
    keychainKey = key.clone();
    return store::Store::open(storeOptions, std::move(key), store::OpenMode::CreateIfMissing).get();
}

Result<void> saveProfileKeyToKeychain(const std::filesystem::path &profile, ByteView key)
{
    auto saved = keyToKeychain(QString::fromStdString(std::filesystem::absolute(profile).string()), key);
    if (!saved.ok() && saved.error().code == ErrorCode::Unavailable)
        return fail(ErrorCode::Unavailable, ErrorReason::KeychainUnavailable, NoKeychain);
    return saved;
}

Result<void> protectProfileWithPassphrase(const std::filesystem::path &profile, std::string_view passphrase,
                                          const crypto::Argon2Params &params, const ProtectionHook &hook)
{
    const store::StorePaths paths(profile);
    std::error_code ec;
    if (std::filesystem::exists(paths.keyFile, ec))
        return fail(ErrorCode::AlreadyExists, "This profile is protected by a passphrase already");
    if (passphrase.empty())
        return fail(ErrorCode::InvalidArgument, "Choose a passphrase");
    LAPIS_TRY(checkNewPassphrase(passphrase));
    // A key file set aside by an earlier switch that was interrupted: its key is in the keychain.
    LAPIS_TRY(wipeAndRemove(setAsidePath(paths)));
    const QString name = keychainName(profile);
    auto key = keyFromKeychain(name);
    if (!key.ok()) {
        const auto &error = key.error();
        return fail(error.code,
                    "The store key could not be read from the keychain, so nothing was changed: " + error.message);
    }
    LAPIS_TRY(store::PassphraseKeyFile::create(paths.keyFile, key.value().view(), passphrase, params));
    // Read back what was written before the keychain's copy goes: the key file alone must open it.
    auto check = store::PassphraseKeyFile::unwrap(paths.keyFile, passphrase);
    if (!check.ok() || !crypto::constantTimeEqual(check.value().view(), key.value().view())) {
        (void)wipeAndRemove(paths.keyFile);
        return fail(ErrorCode::Corrupt, "The new key file did not read back correctly, so nothing was changed");
    }
    if (stopsAt(hook, ProtectionStage::NewFormStored))
        return stopped();
    if (auto removed = removeFromKeychain(name); !removed.ok()) {
        qCWarning(lcEngine) << "The store key stayed in the keychain after switching to a passphrase";
        return fail(removed.error().code,
                    "The passphrase protects the store now, but the old key could not be removed from the "
                    "keychain (entry \""
                        + std::string(store::KeychainKeyStore::Service)
                        + "\" for this profile): " + removed.error().message);
    }
    return {};
}

Result<void> protectProfileWithKeychain(const std::filesystem::path &profile, std::string_view passphrase,
                                        const ProtectionHook &hook)
{
    const store::StorePaths paths(profile);
    std::error_code ec;
    if (!std::filesystem::exists(paths.keyFile, ec))
        return fail(ErrorCode::AlreadyExists, "This profile's key is in the keychain already");
    LAPIS_TRY_ASSIGN(auto key, store::PassphraseKeyFile::unwrap(paths.keyFile, passphrase));
    const auto aside = setAsidePath(paths);
    LAPIS_TRY(wipeAndRemove(aside));
    const QString name = keychainName(profile);
    if (auto saved = keyToKeychain(name, key.view()); !saved.ok())
        return fail(saved.error().code, "The keychain did not take the store key, so the passphrase still "
                                        "protects it: "
                                            + saved.error().message);
    // Trust the keychain only with what it gives back.
    auto stored = keyFromKeychain(name);
    if (!stored.ok() || !crypto::constantTimeEqual(stored.value().view(), key.view())) {
        (void)removeFromKeychain(name);
        return fail(stored.ok() ? ErrorCode::Corrupt : stored.error().code,
                    "The keychain did not keep the store key, so the passphrase still protects it"
                        + (stored.ok() ? std::string() : ": " + stored.error().message));
    }
    if (stopsAt(hook, ProtectionStage::NewFormStored))
        return stopped();
    // One rename takes the key file out of use; a kill after it leaves the keychain in charge.
    if (::rename(paths.keyFile.c_str(), aside.c_str()) != 0)
        return ioError("Setting the key file aside failed");
    LAPIS_TRY(syncFolder(paths.profileDir));
    if (stopsAt(hook, ProtectionStage::OldFormSetAside))
        return stopped();
    return wipeAndRemove(aside);
}

} // namespace lapis::engine
