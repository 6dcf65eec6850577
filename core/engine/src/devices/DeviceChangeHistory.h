// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/devices/Devices.h>

#include <optional>
#include <string>
#include <vector>

namespace lapis::engine::device_change_history {

/// The store_meta key under which the profile keeps the device changes it was told about.
inline constexpr std::string_view MetaKey = "device_changes";
/// Enough to review the last months of an account; older entries fall off.
inline constexpr std::size_t MaxEntries = 50;

/// Newest first. A damaged line is skipped: the history is shown, never trusted for anything.
std::vector<DeviceChange> decode(const std::optional<std::string> &stored);
std::string encode(const std::vector<DeviceChange> &history);
/// Adds a change at the front unless it is there already (the relay repeats an event whose
/// acknowledgement was lost). Returns whether it was new.
bool record(std::vector<DeviceChange> &history, const DeviceChange &change);

} // namespace lapis::engine::device_change_history
