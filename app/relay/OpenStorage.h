// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayRules.h"

#include <memory>
#include <string>

namespace lapis::relay {

/// The relay's storage: PostgreSQL at `databaseUri` when one is given, else the SQLite file
/// DATA/relay.db. Refuses a database whose schema is newer than this build's.
Result<std::unique_ptr<RelayRules>> openRelayStorage(const std::string &dataDir, const std::string &databaseUri);

} // namespace lapis::relay
