// SPDX-License-Identifier: GPL-3.0-or-later
// The account's devices: listed (with how each is reached), removed, and the changes to them kept
// and told to the user (a device that joined with a stolen password must never go unnoticed).
#include "DeviceChangeHistory.h"

#include <lapis/common/Log.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/directory/DeviceDirectory.h>

#include <map>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<std::vector<DeviceSummary>> Devices::devices(const std::optional<AccountId> &account)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    const AccountId whose = account ? *account : m_ctx.account;
    std::map<DeviceId, bool> sessions;
    if (m_ctx.identity) {
        LAPIS_TRY_ASSIGN(sessions, m_directory.postQuantumSessions(whose));
    }
    if (whose == m_ctx.account) {
        LAPIS_TRY_ASSIGN(auto listed, m_ctx.relay->listDevices());
        std::vector<DeviceSummary> own;
        for (const auto &d : listed)
            own.push_back({d.deviceId, d.name, d.createdMs, d.hasKeys, false});
        // A lookup: the relay takes no one-time key from their pools and still hands out the
        // last-resort ML-KEM prekey.
        std::optional<transport::PreKeyBundles> bundles;
        for (auto &d : own) {
            if (d.deviceId == m_ctx.deviceId.value()) {
                LAPIS_TRY_ASSIGN(d.postQuantum, m_ctx.store
                                                    ->transact([](store::Transaction &tx) -> Result<bool> {
                                                        LAPIS_TRY_ASSIGN(auto ids, tx.preKeys().kemPreKeyIds(true));
                                                        return !ids.empty();
                                                    })
                                                    .get());
                continue;
            }
            if (!m_ctx.identity || !d.hasKeys)
                continue;
            if (sessions.count(DeviceId(d.deviceId)) == 0 && !bundles) {
                LAPIS_TRY_ASSIGN(bundles, m_ctx.relay->fetchPreKeyBundles(m_ctx.account.value(), {}, true));
            }
            std::optional<transport::KemPreKey> offered;
            if (bundles) {
                for (const auto &bundle : bundles->bundles)
                    if (bundle.deviceId == d.deviceId)
                        offered = bundle.kemPreKey;
            }
            d.postQuantum = DeviceDirectory::reachedWithPqxdh(sessions, DeviceId(d.deviceId), offered);
        }
        return own;
    }
    LAPIS_TRY_ASSIGN(auto directory, m_directory.resolve(*account, DirectoryUse::Lookup));
    std::vector<DeviceSummary> out;
    for (const auto &cert : directory.selection.accepted) {
        DeviceSummary info{cert.device.device.value(), {}, cert.createdAt * 1000, true, false};
        const auto bundle = directory.bundles.find(cert.device.device);
        info.postQuantum = DeviceDirectory::reachedWithPqxdh(
            sessions, cert.device.device,
            bundle != directory.bundles.end() ? bundle->second.kemPreKey : std::optional<transport::KemPreKey>());
        out.push_back(std::move(info));
    }
    return out;
}

Result<void> Devices::removeDevice(const DeviceId &device)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    if (device == m_ctx.deviceId)
        return fail(ErrorCode::InvalidArgument, "This device cannot remove itself; remove it from another device");
    return m_ctx.relay->removeDevice(device.value());
}

Result<std::vector<DeviceChange>> Devices::deviceChanges()
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    LAPIS_TRY_ASSIGN(
        auto stored,
        m_ctx.store->transact([](store::Transaction &tx) { return tx.meta().get(device_change_history::MetaKey); })
            .get());
    return device_change_history::decode(stored);
}

void Devices::setDeviceChangeListener(std::function<void(const DeviceChange &)> listener)
{
    std::lock_guard lock(m_ctx.signInMutex);
    m_ctx.deviceChangeListener = std::move(listener);
}

bool Devices::onDeviceChange(const transport::AccountEvent &event)
{
    // This device's own arrival is no news to it.
    if (event.kind == transport::AccountEvent::Kind::DeviceAdded && m_ctx.deviceId.value() == event.deviceId)
        return true;
    DeviceChange change;
    change.kind = event.kind == transport::AccountEvent::Kind::DeviceAdded ? DeviceChange::Kind::Added
                                                                           : DeviceChange::Kind::Removed;
    change.deviceId = event.deviceId;
    change.deviceName = event.deviceName;
    change.atMs = event.serverTimeMs;
    change.eventId = event.id;
    bool isNew = false;
    const auto kept =
        m_ctx.store
            ->transact([&change, &isNew](store::Transaction &tx) -> Result<void> {
                LAPIS_TRY_ASSIGN(auto stored, tx.meta().get(device_change_history::MetaKey));
                auto history = device_change_history::decode(stored);
                isNew = device_change_history::record(history, change);
                if (!isNew)
                    return {};
                return tx.meta().set(device_change_history::MetaKey, device_change_history::encode(history));
            })
            .get();
    if (!kept.ok()) {
        // Not acknowledged: the relay offers it again on the next connection.
        qCWarning(lcEngine) << "A device change was not kept:" << kept.error().message.c_str();
        return false;
    }
    std::function<void(const DeviceChange &)> listener;
    {
        std::lock_guard lock(m_ctx.signInMutex);
        listener = m_ctx.deviceChangeListener;
    }
    if (listener && isNew)
        listener(change);
    return true;
}

} // namespace lapis::engine
