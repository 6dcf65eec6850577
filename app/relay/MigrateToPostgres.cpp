// SPDX-License-Identifier: GPL-3.0-or-later
#include "MigrateToPostgres.h"
#include "PgBackend.h"
#include "SqliteBackend.h"

#include <filesystem>

namespace lapis::relay {

namespace {

/// One table of the current schema and its columns: I integer, T text, B blob (may be NULL).
struct TableCopy {
    const char *table;
    const char *columns;
    const char *kinds;
};

// Parents first; mailbox ids are copied as they are (the sequence is moved past them after).
constexpr TableCopy Tables[] = {
    {"accounts",
     "username, password_hash, plaintext_only, created_ms, totp_enabled, totp_secret, totp_pending, totp_last_step, "
     "failed_attempts, locked_until_ms, next_device, account_key",
     "TTIIIBBIIIIB"},
    {"devices", "username, device_id, name, credential_hash, created_ms, certificate, signed_prekey", "TITBIBB"},
    {"one_time_prekeys", "username, device_id, prekey_id, public_key", "TIIB"},
    {"kem_prekeys", "username, device_id, prekey_id, public_key, signature, last_resort", "TIIBBI"},
    {"shared_payloads", "id, payload", "IB"},
    {"mailbox",
     "id, username, device_id, kind, sender_account, sender_device, plaintext, server_time_ms, payload, event_device, "
     "event_name, payload_ref",
     "ITIITIIIBITI"},
    {"link_tokens", "token_hash, username, expires_ms", "BTI"},
    {"blobs", "blob_id, owner, size, received, complete, expires_ms", "TTIIII"},
    {"sign_ins", "id, username, code, device_name, created_ms, expires_ms, wrong_codes, state, code_hash", "TTTTIIIIT"},
    {"code_devices", "username, device_id", "TI"},
    {"sign_in_allowances", "username, since_ms", "TI"},
};

Result<std::uint64_t> copyTable(SqliteConnection &from, PgConnection &to, const TableCopy &spec)
{
    const std::string kinds = spec.kinds;
    std::string placeholders;
    for (std::size_t i = 0; i < kinds.size(); ++i)
        placeholders += (i ? ",$" : "$") + std::to_string(i + 1);
    const std::string insert =
        std::string("INSERT INTO ") + spec.table + "(" + spec.columns + ") VALUES(" + placeholders + ")";
    LAPIS_TRY_ASSIGN(auto rows, from.prepare(std::string("SELECT ") + spec.columns + " FROM " + spec.table));
    std::uint64_t copied = 0;
    for (;;) {
        LAPIS_TRY_ASSIGN(bool row, rows.step());
        if (!row)
            break;
        PgParams params;
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            const int column = static_cast<int>(i);
            if (kinds[i] == 'I')
                params.add(rows.int64(column));
            else if (kinds[i] == 'T')
                params.add(rows.text(column));
            else if (rows.isNull(column))
                params.addNull();
            else
                params.addBytes(rows.blob(column));
        }
        LAPIS_TRY(to.query(insert, params));
        ++copied;
    }
    return copied;
}

} // namespace

Result<MigrationCounts> migrateToPostgres(const std::string &sqlitePath, const std::string &uri)
{
    if (!std::filesystem::exists(sqlitePath))
        return fail(ErrorCode::NotFound, "No relay database at " + sqlitePath);
    // Both brought to (or created at) the current schema, so that their tables match.
    LAPIS_TRY(SqliteBackend::open(sqlitePath));
    LAPIS_TRY(PgBackend::open(uri));
    LAPIS_TRY_ASSIGN(auto from, SqliteConnection::open(sqlitePath));
    LAPIS_TRY_ASSIGN(auto to, PgConnection::open(uri));
    LAPIS_TRY_ASSIGN(auto existing, to->query("SELECT count(*) FROM accounts"));
    if (existing.int64(0, 0) != 0)
        return fail(ErrorCode::AlreadyExists, "The PostgreSQL database holds accounts already; migrate-to copies into "
                                              "an empty one");
    // The SQLite file is read in one transaction: a consistent copy even if a relay still ran.
    LAPIS_TRY(from.exec("BEGIN"));
    LAPIS_TRY(to->exec("BEGIN"));
    MigrationCounts counts;
    auto copied = [&]() -> Result<void> {
        for (const auto &spec : Tables) {
            LAPIS_TRY_ASSIGN(auto rows, copyTable(from, *to, spec));
            counts.rows += rows;
            const std::string table = spec.table;
            if (table == "accounts")
                counts.accounts = rows;
            else if (table == "devices")
                counts.devices = rows;
            else if (table == "mailbox")
                counts.mailboxItems = rows;
            else if (table == "blobs")
                counts.blobs = rows;
        }
        LAPIS_TRY(to->exec("SELECT setval(pg_get_serial_sequence('mailbox', 'id'), "
                           "GREATEST((SELECT COALESCE(MAX(id), 0) FROM mailbox), 1))"));
        LAPIS_TRY(to->exec("SELECT setval(pg_get_serial_sequence('shared_payloads', 'id'), "
                           "GREATEST((SELECT COALESCE(MAX(id), 0) FROM shared_payloads), 1))"));
        return to->exec("COMMIT");
    }();
    (void)from.exec("COMMIT");
    if (!copied.ok()) {
        (void)to->exec("ROLLBACK");
        return std::move(copied).error();
    }
    return counts;
}

} // namespace lapis::relay
