// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"
#include "Migrations.h"

#include <lapis/common/Log.h>

namespace lapis::store {

Result<int> schemaVersion(Database &db)
{
    LAPIS_TRY_ASSIGN(const auto version, db.queryInteger("PRAGMA user_version"));
    return static_cast<int>(version);
}

Result<void> checkSchemaIsNotNewer(int version)
{
    // Only strictly newer is refused: equal is current, older gets migrated.
    if (version > LatestSchemaVersion)
        return fail(ErrorCode::Unsupported, "This profile was written by a newer version of Lapis (schema version "
                                                + std::to_string(version) + "; this version knows up to "
                                                + std::to_string(LatestSchemaVersion)
                                                + "). Update Lapis to open it; nothing was changed.");
    if (version < 0)
        return fail(ErrorCode::Corrupt, "The database has a negative schema version");
    return {};
}

Result<void> migrate(Database &db, int target)
{
    LAPIS_TRY_ASSIGN(const int current, schemaVersion(db));
    LAPIS_TRY(checkSchemaIsNotNewer(current));
    if (target > LatestSchemaVersion || target < current)
        return fail(ErrorCode::InvalidArgument, "Cannot migrate to schema version " + std::to_string(target));
    for (const Migration &step : Migrations) {
        if (step.version <= current || step.version > target)
            continue;
        qCInfo(lcStore) << "Applying schema migration" << step.version << step.name.data();
        LAPIS_TRY(db.exec("BEGIN IMMEDIATE"));
        auto applied = step.apply(db);
        if (applied.ok())
            applied = db.exec("PRAGMA user_version = " + std::to_string(step.version));
        if (applied.ok())
            applied = db.exec("COMMIT");
        if (!applied.ok()) {
            if (db.inTransaction())
                (void)db.exec("ROLLBACK");
            return std::move(applied).error().withContext("Schema migration " + std::to_string(step.version) + " ("
                                                          + std::string(step.name) + ") failed");
        }
    }
    return {};
}

} // namespace lapis::store
