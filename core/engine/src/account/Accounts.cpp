// SPDX-License-Identifier: GPL-3.0-or-later
// The profile's account: loading it, registering, saving a new device's credential, TOTP and
// the account password.
#include <lapis/common/Log.h>
#include <lapis/engine/RelayLogin.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/keys/KeyMaintenance.h>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<void> Accounts::loadAccount()
{
    LAPIS_TRY_ASSIGN(auto own,
                     m_ctx.store->transact([](store::Transaction &tx) { return tx.accounts().load(); }).get());
    if (!own)
        return {};
    LAPIS_TRY_ASSIGN(auto login, RelayLogin::deserialize(own->deviceCredentials.view()));
    m_ctx.account = own->account;
    m_ctx.deviceId = own->device;
    m_ctx.plaintextOnly = login.plaintextOnly;
    // Signed in by a code from another device, not linked yet: no account key (see Accounts::login).
    m_ctx.awaitingKeys = !login.plaintextOnly && own->identityKeyPair.size() == 0;
    if (!login.plaintextOnly && !m_ctx.awaitingKeys) {
        LAPIS_TRY_ASSIGN(auto identity, LocalIdentity::deserialize(own->identityKeyPair.view()));
        m_ctx.identity = std::make_unique<LocalIdentity>(std::move(identity));
    }
    LAPIS_TRY(m_ctx.connect(own->relayAddress, login.certificatePem));
    m_ctx.relay->setCredentials(
        transport::DeviceCredentials{own->account.value(), own->device.value(),
                                     Bytes(login.credential.view().begin(), login.credential.view().end())});
    return {};
}

Result<void> Accounts::saveAccount(const transport::RegisteredDevice &device, const AccountSetup &setup)
{
    RelayLogin login{setup.relayCertificatePem, SecureBytes::copyOf(device.credentials.credential),
                     device.plaintextOnly};
    store::OwnAccount own;
    own.account = AccountId(device.credentials.account);
    own.relayAddress = setup.relayAddress;
    own.device = DeviceId(device.credentials.deviceId);
    own.deviceCredentials = login.serialize();
    own.createdAtMs = m_ctx.nowMs();
    if (m_ctx.identity) {
        const auto serialized = m_ctx.identity->serialize();
        own.identityKeyPair = SecureBytes::copyOf(serialized.view());
        const auto key = m_ctx.identity->device().accountKey.bytes();
        own.identityPublicKey.assign(key.begin(), key.end());
    }
    m_ctx.account = own.account;
    m_ctx.deviceId = own.device;
    m_ctx.plaintextOnly = device.plaintextOnly;
    m_ctx.relay->setCredentials(device.credentials);
    return m_ctx.store->transact([&own](store::Transaction &tx) { return tx.accounts().save(own); }).get();
}

Result<void> Accounts::registerAccount(const AccountSetup &setup)
{
    if (m_ctx.hasAccount())
        return fail(ErrorCode::AlreadyExists, "This profile already has an account (" + m_ctx.account.value() + ")");
    LAPIS_TRY(m_ctx.connect(setup.relayAddress, setup.relayCertificatePem));
    LAPIS_TRY_ASSIGN(auto device, m_ctx.relay->registerAccount(setup.username, setup.password, setup.deviceName,
                                                               setup.plaintextOnly));
    if (!setup.plaintextOnly)
        m_ctx.identity = std::make_unique<LocalIdentity>(LocalIdentity::create(AccountId(device.credentials.account),
                                                                               DeviceId(device.credentials.deviceId),
                                                                               m_ctx.nowMs() / 1000, m_ctx.rng));
    LAPIS_TRY(saveAccount(device, setup));
    if (!setup.plaintextOnly)
        LAPIS_TRY(m_keys.publishKeys());
    qCInfo(lcEngine) << "Registered a new account, device" << device.credentials.deviceId;
    return {};
}

Result<std::string> Accounts::enableTotp()
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    LAPIS_TRY_ASSIGN(auto enrollment, m_ctx.relay->enrollTotp());
    return enrollment.otpauthUri;
}

Result<void> Accounts::confirmTotp(const std::string &code)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_ctx.relay->confirmTotp(code);
}

Result<void> Accounts::disableTotp(const std::string &code)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_ctx.relay->disableTotp(code);
}

Result<void> Accounts::changeAccountPassword(const std::string &oldPassword, const std::string &newPassword,
                                             const std::string &totpCode)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_ctx.relay->changePassword(oldPassword, newPassword, totpCode);
}

Result<void> Accounts::allowSignIns()
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_ctx.relay->allowSignIns();
}

} // namespace lapis::engine
