// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenStorage.h"
#include "PgBackend.h"
#include "SqliteBackend.h"

namespace lapis::relay {

Result<std::unique_ptr<RelayRules>> openRelayStorage(const std::string &dataDir, const std::string &databaseUri)
{
    if (!databaseUri.empty())
        return openPgStorage(databaseUri);
    return openSqliteStorage(dataDir + "/relay.db");
}

} // namespace lapis::relay
