// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A short history the profile keeps in one store_meta value (sign-ins, device changes): one text
// line per entry, newest first, bounded. Shown to the user, never trusted for anything, so a
// damaged line is skipped rather than failing the whole history.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace lapis::engine::kept_history {

/// The entries of `stored`, one per line that `parseLine` (std::istringstream &) -> optional<Entry>
/// accepts.
template<typename Entry, typename ParseLine>
std::vector<Entry> decode(const std::optional<std::string> &stored, ParseLine parseLine)
{
    std::vector<Entry> history;
    if (!stored)
        return history;
    std::istringstream lines(*stored);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        if (std::optional<Entry> entry = parseLine(in))
            history.push_back(std::move(*entry));
    }
    return history;
}

/// The lines `formatLine` (const Entry &) -> optional<string> makes, without their newline; an
/// entry it gives nothing for is not kept.
template<typename Entry, typename FormatLine>
std::string encode(const std::vector<Entry> &history, FormatLine formatLine)
{
    std::string out;
    for (const auto &entry : history)
        if (std::optional<std::string> line = formatLine(entry))
            out += *line + '\n';
    return out;
}

/// Adds `entry` at the front unless `same` finds it there already (the relay repeats an event
/// whose acknowledgement was lost), dropping the oldest beyond `maxEntries`. Whether it was new.
template<typename Entry, typename Same>
bool record(std::vector<Entry> &history, const Entry &entry, std::size_t maxEntries, Same same)
{
    if (std::any_of(history.begin(), history.end(), [&](const Entry &known) { return same(known, entry); }))
        return false;
    history.insert(history.begin(), entry);
    if (history.size() > maxEntries)
        history.resize(maxEntries);
    return true;
}

} // namespace lapis::engine::kept_history
