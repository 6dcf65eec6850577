// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: devices added to or removed from the account, kept and told to the user (issue 16 item 9:
// a device that joined with a stolen password must never go unnoticed by the owner's devices).
#include "DeviceChangeHistory.h"

#include <lapis/common/Log.h>
#include <lapis/engine/Engine.h>

namespace lapis::engine {

Result<std::vector<DeviceChange>> Engine::deviceChanges()
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    LAPIS_TRY_ASSIGN(
        auto stored,
        m_store->transact([](store::Transaction &tx) { return tx.meta().get(device_change_history::MetaKey); }).get());
    return device_change_history::decode(stored);
}

void Engine::setDeviceChangeListener(std::function<void(const DeviceChange &)> listener)
{
    std::lock_guard lock(m_signInMutex);
    m_deviceChangeListener = std::move(listener);
}

bool Engine::onDeviceChange(const transport::AccountEvent &event)
{
    // This device's own arrival is no news to it.
    if (event.kind == transport::AccountEvent::Kind::DeviceAdded && m_deviceId.value() == event.deviceId)
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
        m_store
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
        std::lock_guard lock(m_signInMutex);
        listener = m_deviceChangeListener;
    }
    if (listener && isNew)
        listener(change);
    return true;
}

} // namespace lapis::engine
