// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArguments.h"

#include <iosfwd>

namespace lapis::engine {
class Engine;
struct AccountSetup;
} // namespace lapis::engine

namespace lapis::cli {

/// sign-in-requests: one pending sign-in per line, `ID CODE DEVICE-NAME TIME` (TIME in ISO 8601 UTC).
Result<void> signInRequests(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// sign-ins: the decided sign-ins this profile was told of (by `receive`), newest first, one per
/// line: `ID OUTCOME TIME DEVICE-NAME` (ID `-` for a TOTP or password-only sign-in, OUTCOME
/// `approved` or `denied`, TIME in ISO 8601 UTC, the name last because it may hold spaces).
Result<void> signIns(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// sign-in-deny ID: refuses the pending sign-in ID.
Result<void> signInDeny(engine::Engine &engine, const CliArguments &args, std::ostream &out);

/// The lines after "logged in as USER": that the device still needs linking for end-to-end keys,
/// or that the password alone signed it in (no other device, no TOTP) and TOTP is recommended.
Result<void> printLoginNotes(engine::Engine &engine, const engine::AccountSetup &setup, std::ostream &out);

} // namespace lapis::cli
