// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayStorage.h"
#include "SecretSealer.h"

#include <string>

namespace lapis::relay {

/// How the relay keeps a sign-in code (issue 16 item 17): never in the clear in relay.db. The
/// record holds a keyed hash, which is all that checking a typed code needs, and a sealed copy,
/// which the relay opens only to show the code on the account's own devices (the push and the
/// pending list). Both need `secrets.key`, which lives beside the database, not in it.
namespace sign_in_codes {

/// Fills `record.code` (sealed, hex) and `record.codeHash` (hex) from the plain `code`.
Result<void> protect(const SecretSealer &sealer, SignInRecord &record, const std::string &code);
/// The plain code of a record's sealed copy; empty when it cannot be opened (a record from before
/// sealing, or a database moved without its key file): devices then see the request without it.
std::string reveal(const SecretSealer &sealer, const std::string &username, const std::string &id,
                   const std::string &sealedHex);
/// Whether `offered` is the record's code, compared in constant time.
bool matches(const SecretSealer &sealer, const SignInRecord &record, const std::string &offered);

} // namespace sign_in_codes
} // namespace lapis::relay
