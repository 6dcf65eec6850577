// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lapis::engine {

class DeviceDirectory;

/// A device added to or removed from this profile's account, as the relay announced it to this
/// device. Kept and shown whether or not anyone was watching when it arrived: a device that
/// joined with a stolen password is the account owner's first sign of it.
struct DeviceChange {
    enum class Kind { Added, Removed };
    Kind kind = Kind::Added;
    std::uint32_t deviceId = 0;
    std::string deviceName; ///< the device's own choice: display text only
    std::int64_t atMs = 0;  ///< the relay's time of the change
    std::uint64_t eventId = 0;
};

/// A device as the views and the CLI list it.
struct DeviceSummary {
    std::uint32_t deviceId = 0;
    std::string name; ///< the device's own choice, only for our own devices: display text only
    std::int64_t createdMs = 0;
    bool hasKeys = false; ///< end to end; false for a plaintext-only account's devices
    /// Reached with PQXDH: the session we hold with it was set up with PQXDH or, with none yet,
    /// its bundle offers an ML-KEM prekey (so the next one will be); for this device, that it
    /// publishes ML-KEM prekeys.
    bool postQuantum = false;
};

/// The account's devices and a contact's: listed with how each is reached, removed, and the
/// changes to our own kept and told.
class Devices {
public:
    Devices(EngineContext &context, DeviceDirectory &directory)
        : m_ctx(context)
        , m_directory(directory)
    {}

    /// Our own devices as the relay lists them, or `account`'s certified devices.
    Result<std::vector<DeviceSummary>> devices(const std::optional<AccountId> &account);
    /// Unlinks one of our other devices.
    Result<void> removeDevice(const DeviceId &device);
    /// Devices added to or removed from the account since this device joined it, newest first.
    Result<std::vector<DeviceChange>> deviceChanges();
    /// Called on the stream's thread for each device change as it arrives, after it is kept.
    void setDeviceChangeListener(std::function<void(const DeviceChange &)> listener);
    /// Keeps a device change the stream delivered and tells the listener; true when the event
    /// may be acknowledged.
    bool onDeviceChange(const transport::AccountEvent &event);

private:
    EngineContext &m_ctx;
    DeviceDirectory &m_directory;
};

} // namespace lapis::engine
