// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <cstdint>
#include <string>

namespace lapis::relay {

struct MigrationCounts {
    std::uint64_t accounts = 0;
    std::uint64_t devices = 0;
    std::uint64_t mailboxItems = 0;
    std::uint64_t blobs = 0;
    std::uint64_t rows = 0;
};

/// `lapis-relay --data DIR admin migrate-to URI`: copies every row of the SQLite relay at
/// `sqlitePath` (migrated to the current schema first) into the empty PostgreSQL database at
/// `uri`, in one transaction, ids and all: devices keep their credentials, mailboxes their
/// items, accounts their TOTP secrets (still sealed by DIR/secrets.key). AlreadyExists when the
/// database holds accounts already. Attachment files stay in DIR/blobs.
Result<MigrationCounts> migrateToPostgres(const std::string &sqlitePath, const std::string &uri);

} // namespace lapis::relay
