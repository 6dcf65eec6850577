// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 1: identities, contacts, sessions, prekeys, conversations, messages, outbox, dedupe.
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0001Initial(Database &db)
{
    return db.exec(R"sql(
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- At most one own account per profile, hence the CHECK.
CREATE TABLE own_account (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    account_id TEXT NOT NULL,
    relay_address TEXT NOT NULL,
    device_id INTEGER NOT NULL,
    device_credentials BLOB NOT NULL,
    identity_key_pair BLOB NOT NULL,
    identity_public_key BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE own_devices (
    device_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    certificate BLOB NOT NULL,
    added_at INTEGER NOT NULL
);

CREATE TABLE contacts (
    account_id TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    account_key BLOB NOT NULL,
    verification INTEGER NOT NULL DEFAULT 0,
    ever_end_to_end INTEGER NOT NULL DEFAULT 0,
    added_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE contact_devices (
    account_id TEXT NOT NULL REFERENCES contacts(account_id) ON DELETE CASCADE,
    device_id INTEGER NOT NULL,
    certificate BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, device_id)
) WITHOUT ROWID;

CREATE TABLE sessions (
    account_id TEXT NOT NULL,
    device_id INTEGER NOT NULL,
    state BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, device_id)
) WITHOUT ROWID;

CREATE TABLE signed_prekeys (
    prekey_id INTEGER PRIMARY KEY,
    record BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE one_time_prekeys (
    prekey_id INTEGER PRIMARY KEY,
    record BLOB NOT NULL
);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    peer_account_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    unread_count INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_by_activity ON conversations(last_activity_at);

-- seq aliases the rowid: it orders messages that share a timestamp and keys the search index.
CREATE TABLE messages (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_account_id TEXT NOT NULL,
    sender_device_id INTEGER NOT NULL,
    direction INTEGER NOT NULL,
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    received_at INTEGER,
    state INTEGER NOT NULL,
    end_to_end INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, sent_at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    message_id BLOB NOT NULL,
    recipient_account_id TEXT NOT NULL,
    recipient_device_id INTEGER NOT NULL,
    payload BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_by_due_time ON outbox(next_attempt_at);
CREATE INDEX outbox_by_message ON outbox(message_id);

-- Envelope ids already processed, so a redelivered envelope is recognised and only re-acked.
CREATE TABLE processed_envelopes (
    envelope_id BLOB PRIMARY KEY NOT NULL,
    processed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX processed_envelopes_by_time ON processed_envelopes(processed_at);
)sql");
}

} // namespace lapis::store
