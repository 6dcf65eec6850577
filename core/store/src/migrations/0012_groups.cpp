// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 12: groups (issue 18) — their change logs, the state those fold to, and sender keys.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0012Groups(Database &db)
{
    // A group's truth is its log of changes (opaque records, protocol::GroupChange encoded); the
    // groups and group_members rows cache what the log folds to, so that every message received
    // checks its sender against a table instead of folding the log. A group's conversation is an
    // ordinary conversation whose peer key ('#' and the group id in hex) no account name can be.
    // Sending and receiving chains hold key material: like sessions, only in this encrypted file.
    return db.exec(R"sql(
CREATE TABLE groups (
    group_id        BLOB PRIMARY KEY NOT NULL CHECK (length(group_id) = 16),
    name            TEXT NOT NULL,
    version         INTEGER NOT NULL,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    is_member       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE group_members (
    group_id   BLOB NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    admin      INTEGER NOT NULL,
    PRIMARY KEY (group_id, account_id)
) WITHOUT ROWID;

CREATE TABLE group_changes (
    group_id  BLOB NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
    change_id BLOB NOT NULL,
    record    BLOB NOT NULL,
    PRIMARY KEY (group_id, change_id)
) WITHOUT ROWID;

CREATE TABLE group_sending_chains (
    group_id BLOB PRIMARY KEY NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
    chain    BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE group_chain_holders (
    group_id   BLOB NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    device_id  INTEGER NOT NULL,
    PRIMARY KEY (group_id, account_id, device_id)
) WITHOUT ROWID;

CREATE TABLE group_receiving_chains (
    key_id     BLOB PRIMARY KEY NOT NULL CHECK (length(key_id) = 16),
    group_id   BLOB NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    device_id  INTEGER NOT NULL,
    chain      BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX group_receiving_chains_by_sender ON group_receiving_chains(group_id, account_id, device_id);
)sql");
}

} // namespace lapis::store
