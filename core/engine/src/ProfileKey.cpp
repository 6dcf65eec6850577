// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/ProfileKey.h>
#include <lapis/store/KeychainKeyStore.h>

#include <QEventLoop>

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
} // namespace

Result<std::unique_ptr<store::Store>> openProfileStore(const ProfileOptions &options)
{
    store::StoreOptions storeOptions{options.directory, options.passphraseParams};
    const auto state = store::Store::inspect(options.directory);
    if (options.passphrase) {
        if (!state.hasDatabase && !state.hasPassphraseKeyFile)
            return store::Store::createWithPassphrase(storeOptions, *options.passphrase).get();
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
        return fail(ErrorCode::Unavailable, NoKeychain);
    if (key.error().code != ErrorCode::NotFound || state.hasDatabase)
        return std::move(key).error();
    // A new profile: the key goes into the keychain before any database exists for it.
    auto fresh = store::Store::generateKey();
    if (auto saved = keyToKeychain(profile, fresh.view()); !saved.ok())
        return saved.error().code == ErrorCode::Unavailable ? fail(ErrorCode::Unavailable, NoKeychain)
                                                            : std::move(saved).error();
    return store::Store::open(storeOptions, std::move(fresh), store::OpenMode::CreateIfMissing).get();
}

Result<std::unique_ptr<store::Store>>
createStagedProfileStore(const ProfileOptions &options, const std::filesystem::path &staging, SecureBytes &keychainKey)
{
    store::StoreOptions storeOptions{staging, options.passphraseParams};
    if (options.passphrase)
        return store::Store::createWithPassphrase(storeOptions, *options.passphrase).get();
    // Ask the keychain now: a restore must not register a device it then cannot keep.
    const QString profile = QString::fromStdString(std::filesystem::absolute(options.directory).string());
    auto probe = keyFromKeychain(profile);
    if (!probe.ok() && probe.error().code == ErrorCode::Unavailable)
        return fail(ErrorCode::Unavailable, NoKeychain);
    auto key = store::Store::generateKey();
    keychainKey = key.clone();
    return store::Store::open(storeOptions, std::move(key), store::OpenMode::CreateIfMissing).get();
}

Result<void> saveProfileKeyToKeychain(const std::filesystem::path &profile, ByteView key)
{
    auto saved = keyToKeychain(QString::fromStdString(std::filesystem::absolute(profile).string()), key);
    if (!saved.ok() && saved.error().code == ErrorCode::Unavailable)
        return fail(ErrorCode::Unavailable, NoKeychain);
    return saved;
}

} // namespace lapis::engine
