// SPDX-License-Identifier: GPL-3.0-or-later
// PgTx, continued: prekeys, mailboxes, link tokens, attachments, sign-ins and expiry.
#include "PgBackend.h"

namespace lapis::relay {

namespace {

SignInRecord signInFrom(const PgResult &q, int i)
{
    SignInRecord r;
    r.id = q.text(i, 0);
    r.username = q.text(i, 1);
    r.code = q.text(i, 2);
    r.deviceName = q.text(i, 3);
    r.createdMs = q.int64(i, 4);
    r.expiresMs = q.int64(i, 5);
    r.wrongCodes = static_cast<int>(q.int64(i, 6));
    r.state = static_cast<SignInRecord::State>(q.int64(i, 7));
    r.codeHash = q.text(i, 8);
    return r;
}

#define LAPIS_SIGN_IN_COLUMNS                                                                                          \
    "SELECT id, username, code, device_name, created_ms, expires_ms, wrong_codes, state, code_hash FROM sign_ins "

} // namespace

Result<PreKeyCounts> PgTx::preKeyCounts(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT (SELECT count(*) FROM one_time_prekeys WHERE username=$1 AND device_id=$2), "
                                 "count(*) FILTER (WHERE last_resort=0), count(*) FILTER (WHERE last_resort=1) "
                                 "FROM kem_prekeys WHERE username=$1 AND device_id=$2",
                                 PgParams().add(username).add(deviceId)));
    PreKeyCounts counts;
    counts.oneTime = static_cast<std::uint32_t>(q.int64(0, 0));
    counts.kemOneTime = static_cast<std::uint32_t>(q.int64(0, 1));
    counts.kemLastResort = q.int64(0, 2) > 0;
    return counts;
}

Result<void> PgTx::putOneTimePreKeys(const std::string &username, std::uint32_t deviceId,
                                     const std::vector<OneTimePreKeyRecord> &keys)
{
    for (const auto &key : keys)
        LAPIS_TRY(run("INSERT INTO one_time_prekeys(username, device_id, prekey_id, public_key) VALUES($1,$2,$3,$4) "
                      "ON CONFLICT(username, device_id, prekey_id) DO UPDATE SET public_key=EXCLUDED.public_key",
                      PgParams().add(username).add(deviceId).add(key.id).addBytes(key.publicKey)));
    return {};
}

Result<std::optional<OneTimePreKeyRecord>> PgTx::takeOneTimePreKey(const std::string &username, std::uint32_t deviceId)
{
    // One statement, so that two relays handing out keys at once never hand out the same one.
    LAPIS_TRY_ASSIGN(auto q, run("DELETE FROM one_time_prekeys WHERE (username, device_id, prekey_id) = "
                                 "(SELECT username, device_id, prekey_id FROM one_time_prekeys WHERE username=$1 AND "
                                 "device_id=$2 ORDER BY prekey_id LIMIT 1 FOR UPDATE SKIP LOCKED) "
                                 "RETURNING prekey_id, public_key",
                                 PgParams().add(username).add(deviceId)));
    if (q.rows() == 0)
        return std::optional<OneTimePreKeyRecord>();
    return std::optional(OneTimePreKeyRecord{static_cast<std::uint32_t>(q.int64(0, 0)), q.bytes(0, 1)});
}

Result<void> PgTx::dropKemLastResort(const std::string &username, std::uint32_t deviceId)
{
    return runForDevice("DELETE FROM kem_prekeys WHERE username=$1 AND device_id=$2 AND last_resort=1", username,
                        deviceId);
}

Result<void> PgTx::putKemPreKey(const std::string &username, std::uint32_t deviceId, const KemPreKeyWireRecord &key,
                                bool lastResort)
{
    LAPIS_TRY(run("INSERT INTO kem_prekeys(username, device_id, prekey_id, public_key, signature, last_resort) "
                  "VALUES($1,$2,$3,$4,$5,$6) ON CONFLICT(username, device_id, prekey_id) DO UPDATE SET "
                  "public_key=EXCLUDED.public_key, signature=EXCLUDED.signature, last_resort=EXCLUDED.last_resort",
                  PgParams()
                      .add(username)
                      .add(deviceId)
                      .add(key.id)
                      .addBytes(key.publicKey)
                      .addBytes(key.signature)
                      .add(lastResort ? 1 : 0)));
    return {};
}

Result<std::optional<KemPreKeyWireRecord>> PgTx::takeKemOneTime(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, run("DELETE FROM kem_prekeys WHERE (username, device_id, prekey_id) = "
                                 "(SELECT username, device_id, prekey_id FROM kem_prekeys WHERE username=$1 AND "
                                 "device_id=$2 AND last_resort=0 ORDER BY prekey_id LIMIT 1 FOR UPDATE SKIP LOCKED) "
                                 "RETURNING prekey_id, public_key, signature",
                                 PgParams().add(username).add(deviceId)));
    if (q.rows() == 0)
        return std::optional<KemPreKeyWireRecord>();
    return std::optional(KemPreKeyWireRecord{static_cast<std::uint32_t>(q.int64(0, 0)), q.bytes(0, 1), q.bytes(0, 2)});
}

Result<std::optional<KemPreKeyWireRecord>> PgTx::kemLastResort(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT prekey_id, public_key, signature FROM kem_prekeys WHERE username=$1 AND "
                                 "device_id=$2 AND last_resort=1 LIMIT 1",
                                 PgParams().add(username).add(deviceId)));
    if (q.rows() == 0)
        return std::optional<KemPreKeyWireRecord>();
    return std::optional(KemPreKeyWireRecord{static_cast<std::uint32_t>(q.int64(0, 0)), q.bytes(0, 1), q.bytes(0, 2)});
}

Result<void> PgTx::insertMailbox(const MailboxRow &row)
{
    m_heldRows.push_back(row);
    // Outside the optimistic pass a failure must be this job's own, found now.
    if (!optimistic())
        return flushMailboxRows();
    return {};
}

Result<void> PgTx::flushMailboxRows()
{
    if (m_heldRows.empty())
        return {};
    PgArray accounts, devices, kinds, senders, senderDevices, plaintexts, times, payloads, eventDevices, eventNames,
        payloadRefs;
    for (const auto &row : m_heldRows) {
        accounts.addText(row.username);
        devices.add(row.deviceId);
        kinds.add(row.kind);
        senders.addText(row.senderAccount);
        senderDevices.add(row.senderDevice);
        plaintexts.add(row.plaintext ? 1 : 0);
        times.add(row.serverTimeMs);
        payloads.addBytes(row.payload);
        eventDevices.add(row.eventDevice);
        eventNames.addText(row.eventName);
        payloadRefs.add(row.payloadRef);
    }
    m_heldRows.clear();
    LAPIS_TRY(lockForWrites());
    // Ids are taken in the rows' order (ORDER BY the ordinality), so a mailbox keeps the order
    // of its sends. The NOTIFYs are delivered at COMMIT to every relay LISTENing
    // (PgMailboxListener), this one included; one per mailbox, however many rows it got.
    LAPIS_TRY(m_db->query(
        "WITH stored AS (INSERT INTO mailbox(username, device_id, kind, sender_account, sender_device, plaintext, "
        "server_time_ms, payload, event_device, event_name, payload_ref) SELECT a, d, k, s, sd, p, t, b, ed, en, pr "
        "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], "
        "$8::bytea[], $9::bigint[], $10::text[], $12::bigint[]) WITH ORDINALITY AS r(a, d, k, s, sd, p, t, b, ed, en, "
        "pr, n) ORDER BY n RETURNING username, device_id) "
        "SELECT pg_notify($11, woken) FROM (SELECT DISTINCT username || ' ' || device_id::text AS woken FROM stored) "
        "AS mailboxes",
        PgParams()
            .add(accounts.literal())
            .add(devices.literal())
            .add(kinds.literal())
            .add(senders.literal())
            .add(senderDevices.literal())
            .add(plaintexts.literal())
            .add(times.literal())
            .add(payloads.literal())
            .add(eventDevices.literal())
            .add(eventNames.literal())
            .add(PgMailboxListener::Channel)
            .add(payloadRefs.literal())));
    return {};
}

Result<std::int64_t> PgTx::insertSharedPayload(ByteView payload)
{
    LAPIS_TRY_ASSIGN(auto q,
                     run("INSERT INTO shared_payloads(payload) VALUES($1) RETURNING id", PgParams().addBytes(payload)));
    return q.int64(0, 0);
}

Result<std::size_t> PgTx::mailboxCount(const std::string &username, std::uint32_t deviceId, std::size_t limit)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT count(*) FROM (SELECT 1 FROM mailbox WHERE username=$1 AND device_id=$2 "
                                 "LIMIT $3) AS waiting",
                                 PgParams().add(username).add(deviceId).add(static_cast<std::int64_t>(limit))));
    return static_cast<std::size_t>(q.int64(0, 0));
}

Result<std::size_t> PgTx::mailboxCountBound(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT (SELECT id FROM mailbox WHERE username=$1 AND device_id=$2 ORDER BY id LIMIT "
                                 "1), (SELECT id FROM mailbox WHERE username=$1 AND device_id=$2 ORDER BY id DESC "
                                 "LIMIT 1)",
                                 PgParams().add(username).add(deviceId)));
    if (q.isNull(0, 0))
        return std::size_t{0};
    return static_cast<std::size_t>(q.int64(0, 1) - q.int64(0, 0) + 1);
}

Result<void> PgTx::adoptAccountMailbox(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY(run("UPDATE mailbox SET device_id=$1 WHERE username=$2 AND device_id=0",
                  PgParams().add(deviceId).add(username)));
    return {};
}

Result<std::vector<MailboxItem>> PgTx::mailbox(const std::string &username, std::uint32_t deviceId,
                                               std::uint64_t afterId, std::size_t limit)
{
    // A shared payload is read through its row's reference.
    LAPIS_TRY_ASSIGN(auto q, run("SELECT m.id, m.kind, m.sender_account, m.sender_device, m.plaintext, "
                                 "m.server_time_ms, CASE WHEN m.payload_ref=0 THEN m.payload ELSE p.payload END, "
                                 "m.event_device, m.event_name FROM mailbox m LEFT JOIN shared_payloads p ON "
                                 "p.id=m.payload_ref WHERE m.username=$1 AND m.device_id=$2 AND m.id>$3 ORDER BY m.id "
                                 "LIMIT $4",
                                 PgParams()
                                     .add(username)
                                     .add(deviceId)
                                     .add(static_cast<std::int64_t>(afterId))
                                     .add(static_cast<std::int64_t>(limit))));
    std::vector<MailboxItem> items;
    for (int i = 0; i < q.rows(); ++i) {
        MailboxItem m;
        m.id = static_cast<std::uint64_t>(q.int64(i, 0));
        m.kind = static_cast<int>(q.int64(i, 1));
        m.senderAccount = q.text(i, 2);
        m.senderDevice = static_cast<std::uint32_t>(q.int64(i, 3));
        m.plaintext = q.int64(i, 4) != 0;
        m.serverTimeMs = q.int64(i, 5);
        m.payload = q.bytes(i, 6);
        m.eventDevice = static_cast<std::uint32_t>(q.int64(i, 7));
        m.eventDeviceName = q.text(i, 8);
        items.push_back(std::move(m));
    }
    return items;
}

Result<void> PgTx::deleteMailboxItems(const std::string &username, std::uint32_t deviceId,
                                      const std::vector<std::uint64_t> &ids)
{
    if (ids.empty())
        return {};
    PgArray idArray;
    for (auto id : ids)
        idArray.add(static_cast<std::int64_t>(id));
    // A join, so that each id is one primary-key look-up (as "id = ANY(...)", PostgreSQL compared
    // every waiting row with the whole list: a quarter of its time in lapis-bench-relay).
    LAPIS_TRY_ASSIGN(auto gone,
                     run("WITH gone AS (DELETE FROM mailbox USING unnest($3::bigint[]) AS acked(id) WHERE "
                         "mailbox.id=acked.id AND mailbox.username=$1 AND mailbox.device_id=$2 RETURNING payload_ref) "
                         "SELECT DISTINCT payload_ref FROM gone WHERE payload_ref<>0",
                         PgParams().add(username).add(deviceId).add(idArray.literal())));
    if (gone.rows() == 0)
        return {};
    // A shared payload goes with the last mailbox row that references it. A statement of its
    // own: within the one above, the rows it deleted would still be seen.
    PgArray refs;
    for (int i = 0; i < gone.rows(); ++i)
        refs.add(gone.int64(i, 0));
    LAPIS_TRY(run("DELETE FROM shared_payloads USING unnest($1::bigint[]) AS gone(id) WHERE shared_payloads.id=gone.id "
                  "AND NOT EXISTS (SELECT 1 FROM mailbox WHERE payload_ref<>0 AND payload_ref=gone.id)",
                  PgParams().add(refs.literal())));
    return {};
}

Result<void> PgTx::insertLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs)
{
    LAPIS_TRY(run("INSERT INTO link_tokens(token_hash, username, expires_ms) VALUES($1,$2,$3)",
                  PgParams().addBytes(tokenHash).add(username).add(expiresMs)));
    return {};
}

Result<bool> PgTx::takeLinkToken(const std::string &username, ByteView tokenHash, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto q, run("DELETE FROM link_tokens WHERE token_hash=$1 AND username=$2 AND expires_ms>$3",
                                 PgParams().addBytes(tokenHash).add(username).add(nowMs)));
    return q.affected() == 1;
}

Result<void> PgTx::insertBlob(const BlobRecord &blob)
{
    LAPIS_TRY(
        run("INSERT INTO blobs(blob_id, owner, size, received, complete, expires_ms) VALUES($1,$2,$3,0,0,$4)",
            PgParams().add(blob.blobId).add(blob.owner).add(static_cast<std::int64_t>(blob.size)).add(blob.expiresMs)));
    return {};
}

Result<std::optional<BlobRecord>> PgTx::blob(const std::string &blobId)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT owner, size, received, complete, expires_ms FROM blobs WHERE blob_id=$1",
                                 PgParams().add(blobId)));
    if (q.rows() == 0)
        return std::optional<BlobRecord>();
    BlobRecord b;
    b.blobId = blobId;
    b.owner = q.text(0, 0);
    b.size = static_cast<std::uint64_t>(q.int64(0, 1));
    b.received = static_cast<std::uint64_t>(q.int64(0, 2));
    b.complete = q.int64(0, 3) != 0;
    b.expiresMs = q.int64(0, 4);
    return std::optional<BlobRecord>(std::move(b));
}

Result<void> PgTx::updateBlob(const std::string &blobId, std::uint64_t received, bool complete)
{
    LAPIS_TRY(run("UPDATE blobs SET received=$1, complete=$2 WHERE blob_id=$3",
                  PgParams().add(static_cast<std::int64_t>(received)).add(complete ? 1 : 0).add(blobId)));
    return {};
}

Result<std::uint64_t> PgTx::blobBytesOwnedBy(const std::string &owner)
{
    LAPIS_TRY_ASSIGN(auto q,
                     run("SELECT COALESCE(SUM(size), 0)::BIGINT FROM blobs WHERE owner=$1", PgParams().add(owner)));
    return static_cast<std::uint64_t>(q.int64(0, 0));
}

Result<void> PgTx::insertSignIn(const SignInRecord &record)
{
    LAPIS_TRY(run("INSERT INTO sign_ins(id, username, code, device_name, created_ms, expires_ms, code_hash) "
                  "VALUES($1,$2,$3,$4,$5,$6,$7)",
                  PgParams()
                      .add(record.id)
                      .add(record.username)
                      .add(record.code)
                      .add(record.deviceName)
                      .add(record.createdMs)
                      .add(record.expiresMs)
                      .add(record.codeHash)));
    return {};
}

Result<std::optional<SignInRecord>> PgTx::signIn(const std::string &username, const std::string &id)
{
    LAPIS_TRY_ASSIGN(auto q,
                     run(LAPIS_SIGN_IN_COLUMNS "WHERE id=$1 AND username=$2", PgParams().add(id).add(username)));
    if (q.rows() == 0)
        return std::optional<SignInRecord>();
    return std::optional(signInFrom(q, 0));
}

Result<std::vector<SignInRecord>> PgTx::pendingSignIns(const std::string &username, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto q, run(LAPIS_SIGN_IN_COLUMNS "WHERE username=$1 AND state=0 AND expires_ms>$2 "
                                                       "ORDER BY created_ms, id",
                                 PgParams().add(username).add(nowMs)));
    std::vector<SignInRecord> out;
    for (int i = 0; i < q.rows(); ++i)
        out.push_back(signInFrom(q, i));
    return out;
}

Result<std::optional<int>> PgTx::countWrongSignInCode(const std::string &username, const std::string &id)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE sign_ins SET wrong_codes=wrong_codes+1 WHERE id=$1 AND username=$2 AND "
                                 "state=0 RETURNING wrong_codes",
                                 PgParams().add(id).add(username)));
    if (q.rows() == 0)
        return std::optional<int>();
    return std::optional(static_cast<int>(q.int64(0, 0)));
}

Result<bool> PgTx::decideSignIn(const std::string &username, const std::string &id, SignInRecord::State state)
{
    LAPIS_TRY_ASSIGN(auto q, run("UPDATE sign_ins SET state=$1 WHERE id=$2 AND username=$3 AND state=0",
                                 PgParams().add(static_cast<int>(state)).add(id).add(username)));
    return q.affected() == 1;
}

Result<std::int64_t> PgTx::wrongSignInCodes(const std::string &username, std::int64_t sinceMs)
{
    LAPIS_TRY_ASSIGN(auto q, run("SELECT COALESCE(SUM(wrong_codes), 0)::BIGINT FROM sign_ins WHERE username=$1 AND "
                                 "created_ms >= GREATEST($2::BIGINT, COALESCE((SELECT since_ms FROM "
                                 "sign_in_allowances WHERE username=$1), 0))",
                                 PgParams().add(username).add(sinceMs)));
    return q.int64(0, 0);
}

Result<void> PgTx::allowSignIns(const std::string &username, std::int64_t nowMs)
{
    LAPIS_TRY(run("INSERT INTO sign_in_allowances(username, since_ms) VALUES($1, $2) ON CONFLICT(username) DO "
                  "UPDATE SET since_ms=EXCLUDED.since_ms",
                  PgParams().add(username).add(nowMs)));
    return {};
}

Result<std::vector<std::string>> PgTx::purge(const PurgeCutoffs &cutoffs)
{
    LAPIS_TRY(run("DELETE FROM mailbox WHERE server_time_ms<$1", PgParams().add(cutoffs.envelopesBeforeMs)));
    // Shared payloads no mailbox row references any more (expired, or their devices removed).
    LAPIS_TRY(run("DELETE FROM shared_payloads WHERE NOT EXISTS (SELECT 1 FROM mailbox WHERE "
                  "payload_ref<>0 AND payload_ref=shared_payloads.id)",
                  PgParams()));
    LAPIS_TRY(run("DELETE FROM link_tokens WHERE expires_ms<=$1", PgParams().add(cutoffs.tokensUntilMs)));
    LAPIS_TRY(run("DELETE FROM sign_ins WHERE expires_ms<=$1", PgParams().add(cutoffs.signInsUntilMs)));
    LAPIS_TRY_ASSIGN(
        auto q, run("DELETE FROM blobs WHERE expires_ms<=$1 RETURNING blob_id", PgParams().add(cutoffs.blobsUntilMs)));
    std::vector<std::string> expired;
    for (int i = 0; i < q.rows(); ++i)
        expired.push_back(q.text(i, 0));
    return expired;
}

} // namespace lapis::relay
