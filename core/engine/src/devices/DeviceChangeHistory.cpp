// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceChangeHistory.h"

#include <lapis/common/Bytes.h>

#include <algorithm>
#include <sstream>

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
    std::vector<DeviceChange> history;
    if (!stored)
        return history;
    std::istringstream lines(*stored);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        int version = 0;
        std::string kind;
        std::string nameHex;
        DeviceChange entry;
        if (!(in >> version >> kind >> entry.deviceId >> entry.atMs >> entry.eventId) || version != Version
            || (kind != "A" && kind != "R"))
            continue;
        in >> nameHex; // an empty name leaves nothing to read
        auto name = fromHex(nameHex);
        if (!name.ok())
            continue;
        entry.kind = kind == "A" ? DeviceChange::Kind::Added : DeviceChange::Kind::Removed;
        entry.deviceName = toString(name.value());
        history.push_back(std::move(entry));
    }
    return history;
}

std::string encode(const std::vector<DeviceChange> &history)
{
    std::string out;
    for (const auto &entry : history)
        out += std::to_string(Version) + (entry.kind == DeviceChange::Kind::Added ? " A " : " R ")
               + std::to_string(entry.deviceId) + ' ' + std::to_string(entry.atMs) + ' ' + std::to_string(entry.eventId)
               + ' ' + toHex(asBytes(entry.deviceName)) + '\n';
    return out;
}

bool record(std::vector<DeviceChange> &history, const DeviceChange &change)
{
    if (std::any_of(history.begin(), history.end(),
                    [&](const DeviceChange &known) { return sameChange(known, change); }))
        return false;
    history.insert(history.begin(), change);
    if (history.size() > MaxEntries)
        history.resize(MaxEntries);
    return true;
}

} // namespace lapis::engine::device_change_history
