// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArguments.h"

#include <iosfwd>

namespace lapis::engine {
class Engine;
struct AccountSetup;
struct DeviceChange;
} // namespace lapis::engine

namespace lapis::cli {

/// sign-in-requests: one pending sign-in per line, `ID CODE DEVICE-NAME TIME` (TIME in ISO 8601 UTC).
Result<void> signInRequests(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// sign-ins: the decided sign-ins this profile was told of (by `receive`), newest first, one per
/// line: `ID OUTCOME TIME DEVICE-NAME` (ID `-` for a TOTP or password-only sign-in, OUTCOME
/// `approved` or `denied`, TIME in ISO 8601 UTC, the name last because it may hold spaces).
Result<void> signIns(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// device-changes: the devices added to or removed from the account that this profile was told of
/// (by `receive`), newest first, one per line: `added|removed DEVICE-ID TIME DEVICE-NAME`.
Result<void> deviceChanges(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// The warning `receive` prints on stderr when a device joins or leaves the account.
void printDeviceChangeNotice(const engine::DeviceChange &change, std::ostream &err);

/// sign-in-deny ID: refuses the pending sign-in ID.
Result<void> signInDeny(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// The lines after "logged in as USER": that the device still needs linking for end-to-end keys,
/// or that the password alone signed it in (no other device, no TOTP) and TOTP is recommended.
Result<void> printLoginNotes(engine::Engine &engine, const engine::AccountSetup &setup, std::ostream &out);

} // namespace lapis::cli
