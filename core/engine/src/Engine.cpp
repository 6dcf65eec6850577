// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: opening a profile, registering and logging in.
#include <lapis/common/Log.h>
#include <lapis/engine/Engine.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/WireKeys.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/PreKeyManager.h>

#include <chrono>

namespace lapis::engine {

namespace fs = std::filesystem;

Engine::Engine(fs::path profile, std::unique_ptr<store::Store> store)
    : m_profile(std::move(profile))
    , m_store(std::move(store))
    , m_rng(crypto::systemRandom())
{}

Engine::~Engine()
{
    // What "Open" decrypted lives only as long as the app that opened it.
    if (auto cleared = clearOpenedAttachments(); !cleared.ok())
        qCWarning(lcEngine) << cleared.error().message.c_str();
}

namespace {
/// The profile folder and everything in it become private to the user: folders 0700, files 0600.
/// Profiles of older versions, and files a library created with the umask's mode, are fixed here.
Result<void> makePrivate(const fs::path &profile)
{
    std::error_code ec;
    fs::permissions(profile, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot make the profile folder private: " + ec.message());
    for (auto it = fs::recursive_directory_iterator(profile, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const auto status = it->symlink_status(ec);
        if (ec)
            break;
        if (fs::is_directory(status))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::replace, ec);
        else if (fs::is_regular_file(status))
            fs::permissions(it->path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
        if (ec)
            break;
    }
    if (ec)
        return fail(ErrorCode::Io, "Cannot make the profile's files private: " + ec.message());
    return {};
}
} // namespace

std::int64_t Engine::nowMs() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Result<std::unique_ptr<Engine>> Engine::open(const ProfileOptions &options)
{
    std::error_code ec;
    fs::create_directories(options.directory, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot create the profile folder " + options.directory.string());
    // Earlier versions left decrypted copies of received attachments here; the encrypted copies stay.
    fs::remove_all(options.directory / "downloads", ec);
    LAPIS_TRY(makePrivate(options.directory));
    LAPIS_TRY_ASSIGN(auto store, openProfileStore(options));
    LAPIS_TRY(makePrivate(options.directory)); // the store's files, created with the umask's mode
    std::unique_ptr<Engine> engine(new Engine(options.directory, std::move(store)));
    LAPIS_TRY(engine->clearOpenedAttachments()); // the app may have ended without closing

    engine->m_backupParams = options.passphraseParams;
    LAPIS_TRY(engine->loadAccount());
    return engine;
}

Result<void> Engine::loadAccount()
{
    LAPIS_TRY_ASSIGN(auto own, m_store->transact([](store::Transaction &tx) { return tx.accounts().load(); }).get());
    if (!own)
        return {};
    LAPIS_TRY_ASSIGN(auto login, RelayLogin::deserialize(own->deviceCredentials.view()));
    m_account = own->account;
    m_deviceId = own->device;
    m_plaintextOnly = login.plaintextOnly;
    // Signed in by a code from another device, not linked yet: no account key (EngineSignIn.cpp).
    m_awaitingKeys = !login.plaintextOnly && own->identityKeyPair.size() == 0;
    if (!login.plaintextOnly && !m_awaitingKeys) {
        LAPIS_TRY_ASSIGN(auto identity, LocalIdentity::deserialize(own->identityKeyPair.view()));
        m_identity = std::make_unique<LocalIdentity>(std::move(identity));
    }
    LAPIS_TRY(connect(own->relayAddress, login.certificatePem));
    m_relay->setCredentials(
        transport::DeviceCredentials{own->account.value(), own->device.value(),
                                     Bytes(login.credential.view().begin(), login.credential.view().end())});
    return {};
}

Result<void> Engine::connect(const std::string &relayAddress, const std::string &pem)
{
    LAPIS_TRY_ASSIGN(m_relay, transport::RelayClient::create(transport::RelayEndpoint{relayAddress, pem, {}}));
    return {};
}

Result<void> Engine::saveAccount(const transport::RegisteredDevice &device, const AccountSetup &setup)
{
    RelayLogin login{setup.relayCertificatePem, SecureBytes::copyOf(device.credentials.credential),
                     device.plaintextOnly};
    store::OwnAccount own;
    own.account = AccountId(device.credentials.account);
    own.relayAddress = setup.relayAddress;
    own.device = DeviceId(device.credentials.deviceId);
    own.deviceCredentials = login.serialize();
    own.createdAtMs = nowMs();
    if (m_identity) {
        const auto serialized = m_identity->serialize();
        own.identityKeyPair = SecureBytes::copyOf(serialized.view());
        const auto key = m_identity->device().accountKey.bytes();
        own.identityPublicKey.assign(key.begin(), key.end());
    }
    m_account = own.account;
    m_deviceId = own.device;
    m_plaintextOnly = device.plaintextOnly;
    m_relay->setCredentials(device.credentials);
    return m_store->transact([&own](store::Transaction &tx) { return tx.accounts().save(own); }).get();
}

Result<void> Engine::registerAccount(const AccountSetup &setup)
{
    if (hasAccount())
        return fail(ErrorCode::AlreadyExists, "This profile already has an account (" + m_account.value() + ")");
    LAPIS_TRY(connect(setup.relayAddress, setup.relayCertificatePem));
    LAPIS_TRY_ASSIGN(auto device,
                     m_relay->registerAccount(setup.username, setup.password, setup.deviceName, setup.plaintextOnly));
    if (!setup.plaintextOnly)
        m_identity = std::make_unique<LocalIdentity>(LocalIdentity::create(
            AccountId(device.credentials.account), DeviceId(device.credentials.deviceId), nowMs() / 1000, m_rng));
    LAPIS_TRY(saveAccount(device, setup));
    if (!setup.plaintextOnly)
        LAPIS_TRY(publishKeys());
    qCInfo(lcEngine) << "Registered a new account, device" << device.credentials.deviceId;
    return {};
}

// Engine::login is in EngineSignIn.cpp.

// Engine::publishKeys and Engine::maintainKeys are in EngineKeys.cpp.

Result<void> Engine::pruneProcessedEnvelopes()
{
    // Three times the relay's default envelope lifetime (30 days): a relay that keeps envelopes
    // longer still loses nothing, as a redelivery older than this fails to decrypt (its key was
    // used up) and is dropped instead of shown twice.
    constexpr std::int64_t ProcessedEnvelopeRetentionMs = 90LL * 24 * 60 * 60 * 1000;
    const auto cutoff = nowMs() - ProcessedEnvelopeRetentionMs;
    return m_store
        ->transact([cutoff](store::Transaction &tx) -> Result<void> {
            LAPIS_TRY(tx.processedEnvelopes().pruneOlderThan(cutoff));
            return {};
        })
        .get();
}

Result<std::string> Engine::enableTotp()
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    LAPIS_TRY_ASSIGN(auto enrollment, m_relay->enrollTotp());
    return enrollment.otpauthUri;
}

Result<void> Engine::confirmTotp(const std::string &code)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_relay->confirmTotp(code);
}

Result<void> Engine::changeAccountPassword(const std::string &oldPassword, const std::string &newPassword,
                                           const std::string &totpCode)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_relay->changePassword(oldPassword, newPassword, totpCode);
}

Result<void> Engine::allowSignIns()
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_relay->allowSignIns();
}

} // namespace lapis::engine
