// SPDX-License-Identifier: GPL-3.0-or-later
#include "../KeptHistory.h"
#include "DeviceChangeHistory.h"

#include <lapis/common/Bytes.h>

namespace lapis::engine::device_change_history {

namespace {

// One line per change: "1 KIND DEVICE-ID AT-MS EVENT-ID NAME-HEX", KIND "A" (added) or "R"
// (removed); the name in hex because it is the device's own choice and may hold spaces or newlines.
constexpr int Version = 1;

bool sameChange(const DeviceChange &a, const DeviceChange &b)
{
    return a.eventId == b.eventId && a.kind == b.kind && a.deviceId == b.deviceId;
}

} // namespace

std::vector<DeviceChange> decode(const std::optional<std::string> &stored)
{
    return kept_history::decode<DeviceChange>(stored, [](std::istringstream &in) -> std::optional<DeviceChange> {
        int version = 0;
        std::string kind;
        std::string nameHex;
        DeviceChange entry;
        if (!(in >> version >> kind >> entry.deviceId >> entry.atMs >> entry.eventId) || version != Version
            || (kind != "A" && kind != "R"))
            return std::nullopt;
        in >> nameHex; // an empty name leaves nothing to read
        auto name = fromHex(nameHex);
        if (!name.ok())
            return std::nullopt;
        entry.kind = kind == "A" ? DeviceChange::Kind::Added : DeviceChange::Kind::Removed;
        entry.deviceName = toString(name.value());
        return entry;
    });
}

std::string encode(const std::vector<DeviceChange> &history)
{
    return kept_history::encode(history, [](const DeviceChange &entry) -> std::optional<std::string> {
        return std::to_string(Version) + (entry.kind == DeviceChange::Kind::Added ? " A " : " R ")
               + std::to_string(entry.deviceId) + ' ' + std::to_string(entry.atMs) + ' ' + std::to_string(entry.eventId)
               + ' ' + toHex(asBytes(entry.deviceName));
    });
}

bool record(std::vector<DeviceChange> &history, const DeviceChange &change)
{
    return kept_history::record(history, change, MaxEntries, sameChange);
}

} // namespace lapis::engine::device_change_history
