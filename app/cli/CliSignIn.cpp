// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli: sign-ins approved by a code from a trusted device (issue 9).
#include "CliShared.h"
#include "CliSignIn.h"

#include <lapis/engine/Engine.h>

#include <QDateTime>

#include <ostream>

namespace lapis::cli {

Result<void> signInRequests(engine::Engine &engine, const CliArguments &, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto requests, engine.signInRequests());
    for (const auto &r : requests)
        out << r.id << " " << r.code << " " << r.deviceName << " " << timeText(r.createdAtMs) << "\n";
    return {};
}

Result<void> signIns(engine::Engine &engine, const CliArguments &, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto history, engine.signInHistory());
    // The device name goes last: it is the new device's own choice and may hold spaces.
    for (const auto &s : history)
        out << (s.id.empty() ? std::string("-") : s.id) << " "
            << (s.state == engine::SignInRequest::State::Approved ? "approved" : "denied") << " "
            << timeText(s.decidedAtMs) << " " << s.deviceName << "\n";
    return {};
}

Result<void> deviceChanges(engine::Engine &engine, const CliArguments &, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto history, engine.deviceChanges());
    for (const auto &c : history)
        out << (c.kind == engine::DeviceChange::Kind::Added ? "added " : "removed ") << c.deviceId << " "
            << timeText(c.atMs) << " " << c.deviceName << "\n";
    return {};
}

void printDeviceChangeNotice(const engine::DeviceChange &change, std::ostream &err)
{
    if (change.kind == engine::DeviceChange::Kind::Added)
        err << "notice: device " << change.deviceId << " (\"" << change.deviceName
            << "\") was added to your account; if that was not you, remove it (remove-device " << change.deviceId
            << ") and change your password\n";
    else
        err << "notice: device " << change.deviceId << " (\"" << change.deviceName
            << "\") was removed from your account\n";
}

Result<void> signInDeny(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    if (args.positional.empty() || args.positional[0].empty())
        return fail(ErrorCode::InvalidArgument,
                    "sign-in-deny needs the id of a sign-in request (see sign-in-requests)");
    LAPIS_TRY(engine.denySignIn(args.positional[0]));
    out << "denied " << args.positional[0] << "\n";
    return {};
}

Result<void> printLoginNotes(engine::Engine &engine, const engine::AccountSetup &setup, std::ostream &out)
{
    if (engine.awaitingKeys()) {
        out << "this device has no end-to-end keys yet: link it from another device of the account "
               "(link-request here, link-approve there)\n";
        return {};
    }
    if (!setup.deviceCode.empty() || !setup.totpCode.empty())
        return {};
    LAPIS_TRY_ASSIGN(auto devices, engine.devices(std::nullopt));
    if (devices.size() <= 1)
        out << "signed in with the password alone (the account had no other device and no TOTP); "
               "turn on TOTP to protect it: totp-enable\n";
    return {};
}

} // namespace lapis::cli
