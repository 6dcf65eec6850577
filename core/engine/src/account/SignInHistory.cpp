// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInHistory.h"

#include <lapis/common/Bytes.h>

#include <algorithm>
#include <sstream>

namespace lapis::engine::sign_in_history {

namespace {

// One line per sign-in: "1 ID OUTCOME CREATED-MS DECIDED-MS NAME-HEX", ID "-" when there was no
// request (TOTP or password alone), OUTCOME "A" or "D"; the name in hex because it is the new
// device's own choice and may hold spaces or newlines.
constexpr int Version = 1;

bool sameSignIn(const SignInRequest &a, const SignInRequest &b)
{
    if (!a.id.empty() || !b.id.empty())
        return a.id == b.id;
    return a.createdAtMs == b.createdAtMs && a.deviceName == b.deviceName;
}

} // namespace

std::vector<SignInRequest> decode(const std::optional<std::string> &stored)
{
    std::vector<SignInRequest> history;
    if (!stored)
        return history;
    std::istringstream lines(*stored);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        int version = 0;
        std::string id;
        std::string outcome;
        std::string nameHex;
        SignInRequest entry;
        if (!(in >> version >> id >> outcome >> entry.createdAtMs >> entry.decidedAtMs) || version != Version
            || (outcome != "A" && outcome != "D"))
            continue;
        in >> nameHex; // an empty name leaves nothing to read
        auto name = fromHex(nameHex);
        if (!name.ok())
            continue;
        entry.id = id == "-" ? std::string() : id;
        entry.state = outcome == "A" ? SignInRequest::State::Approved : SignInRequest::State::Denied;
        entry.deviceName = toString(name.value());
        entry.expiresAtMs = entry.createdAtMs;
        history.push_back(std::move(entry));
    }
    return history;
}

std::string encode(const std::vector<SignInRequest> &history)
{
    std::string out;
    for (const auto &entry : history) {
        if (entry.state == SignInRequest::State::Pending)
            continue;
        out += std::to_string(Version) + ' ' + (entry.id.empty() ? std::string("-") : entry.id) + ' '
               + (entry.state == SignInRequest::State::Approved ? "A" : "D") + ' ' + std::to_string(entry.createdAtMs)
               + ' ' + std::to_string(entry.decidedAtMs) + ' ' + toHex(asBytes(entry.deviceName)) + '\n';
    }
    return out;
}

bool record(std::vector<SignInRequest> &history, const SignInRequest &decided)
{
    if (std::any_of(history.begin(), history.end(),
                    [&](const SignInRequest &known) { return sameSignIn(known, decided); }))
        return false;
    history.insert(history.begin(), decided);
    if (history.size() > MaxEntries)
        history.resize(MaxEntries);
    return true;
}

} // namespace lapis::engine::sign_in_history
