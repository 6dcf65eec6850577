// SPDX-License-Identifier: GPL-3.0-or-later
#include "../KeptHistory.h"
#include "SignInHistory.h"

#include <lapis/common/Bytes.h>

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
    return kept_history::decode<SignInRequest>(stored, [](std::istringstream &in) -> std::optional<SignInRequest> {
        int version = 0;
        std::string id;
        std::string outcome;
        std::string nameHex;
        SignInRequest entry;
        if (!(in >> version >> id >> outcome >> entry.createdAtMs >> entry.decidedAtMs) || version != Version
            || (outcome != "A" && outcome != "D"))
            return std::nullopt;
        in >> nameHex; // an empty name leaves nothing to read
        auto name = fromHex(nameHex);
        if (!name.ok())
            return std::nullopt;
        entry.id = id == "-" ? std::string() : id;
        entry.state = outcome == "A" ? SignInRequest::State::Approved : SignInRequest::State::Denied;
        entry.deviceName = toString(name.value());
        entry.expiresAtMs = entry.createdAtMs;
        return entry;
    });
}

std::string encode(const std::vector<SignInRequest> &history)
{
    return kept_history::encode(history, [](const SignInRequest &entry) -> std::optional<std::string> {
        if (entry.state == SignInRequest::State::Pending)
            return std::nullopt;
        return std::to_string(Version) + ' ' + (entry.id.empty() ? std::string("-") : entry.id) + ' '
               + (entry.state == SignInRequest::State::Approved ? "A" : "D") + ' ' + std::to_string(entry.createdAtMs)
               + ' ' + std::to_string(entry.decidedAtMs) + ' ' + toHex(asBytes(entry.deviceName));
    });
}

bool record(std::vector<SignInRequest> &history, const SignInRequest &decided)
{
    return kept_history::record(history, decided, MaxEntries, sameSignIn);
}

} // namespace lapis::engine::sign_in_history
