// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <array>
#include <string_view>

namespace lapis::store {

class Database;

/// One schema step. `apply` runs inside the transaction that also sets PRAGMA user_version to
/// `version`, so a step is applied entirely or not at all.
struct Migration {
    int version;
    std::string_view name;
    Result<void> (*apply)(Database &db);
};

// One file each under migrations/. SQL must run on SQLite 3.15 (SQLCipher 3.4.1): no UPSERT,
// window functions, RETURNING, RENAME COLUMN or FTS5 without a checked fallback.
Result<void> migration0001Initial(Database &db);
Result<void> migration0002MessageSearch(Database &db);
Result<void> migration0003ReactionsAndReplies(Database &db);
Result<void> migration0004Attachments(Database &db);
Result<void> migration0005PendingUploads(Database &db);
Result<void> migration0006ReplyQuotes(Database &db);
Result<void> migration0007OrderedDedupe(Database &db);
Result<void> migration0008DeferredSearchIndex(Database &db);
Result<void> migration0009ReplayProofDedupe(Database &db);
Result<void> migration0010KemPreKeys(Database &db);
Result<void> migration0011EditsAndTimers(Database &db);
Result<void> migration0012Groups(Database &db);
Result<void> migration0013GroupReceipts(Database &db);

inline constexpr std::array<Migration, 13> Migrations{{
    {1, "initial", &migration0001Initial},
    {2, "message_search", &migration0002MessageSearch},
    {3, "reactions_and_replies", &migration0003ReactionsAndReplies},
    {4, "attachments", &migration0004Attachments},
    {5, "pending_uploads", &migration0005PendingUploads},
    {6, "reply_quotes", &migration0006ReplyQuotes},
    {7, "ordered_dedupe", &migration0007OrderedDedupe},
    {8, "deferred_search_index", &migration0008DeferredSearchIndex},
    {9, "replay_proof_dedupe", &migration0009ReplayProofDedupe},
    {10, "kem_prekeys", &migration0010KemPreKeys},
    {11, "edits_and_timers", &migration0011EditsAndTimers},
    {12, "groups", &migration0012Groups},
    {13, "group_receipts", &migration0013GroupReceipts},
}};

constexpr bool migrationsAreNumberedInOrder()
{
    for (std::size_t i = 0; i < Migrations.size(); ++i) {
        // Only the numbering: comparing a function's address is not a constant expression under
        // AddressSanitizer (the asan preset), and a missing step would not link anyway.
        if (Migrations[i].version != static_cast<int>(i) + 1)
            return false;
    }
    return true;
}
static_assert(migrationsAreNumberedInOrder(), "Migrations must be numbered 1, 2, 3, ... in table order");

/// The schema version this build writes.
inline constexpr int LatestSchemaVersion = Migrations.back().version;

/// PRAGMA user_version of the open database.
Result<int> schemaVersion(Database &db);

/// Unsupported when `version` is newer than this build knows; never writes anything.
Result<void> checkSchemaIsNotNewer(int version);

/// Applies every migration after the current version up to `target`, each in its own
/// transaction. A newer database is refused (see checkSchemaIsNotNewer).
Result<void> migrate(Database &db, int target = LatestSchemaVersion);

} // namespace lapis::store
