// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteTx, continued: prekeys, mailboxes, link tokens, attachments, sign-ins and expiry.
#include "SqliteBackend.h"

#include <set>

namespace lapis::relay {

namespace {

KemPreKeyWireRecord kemPreKeyFrom(const SqliteStatement &row)
{
    return {static_cast<std::uint32_t>(row.int64(0)), row.blob(1), row.blob(2)};
}

SignInRecord signInFrom(const SqliteStatement &q)
{
    SignInRecord r;
    r.id = q.text(0);
    r.username = q.text(1);
    r.code = q.text(2);
    r.deviceName = q.text(3);
    r.createdMs = q.int64(4);
    r.expiresMs = q.int64(5);
    r.wrongCodes = static_cast<int>(q.int64(6));
    r.state = static_cast<SignInRecord::State>(q.int64(7));
    r.codeHash = q.text(8);
    return r;
}

constexpr const char *SignInColumns = "SELECT id, username, code, device_name, created_ms, expires_ms, wrong_codes, "
                                      "state, code_hash FROM sign_ins ";

} // namespace

Result<PreKeyCounts> SqliteTx::preKeyCounts(const std::string &username, std::uint32_t deviceId)
{
    PreKeyCounts counts;
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT count(*) FROM one_time_prekeys WHERE username=? AND device_id=?"));
    q.bind(1, username).bind(2, deviceId);
    LAPIS_TRY(q.step());
    counts.oneTime = static_cast<std::uint32_t>(q.int64(0));
    LAPIS_TRY_ASSIGN(auto kem, m_db.prepare("SELECT coalesce(sum(last_resort=0), 0), coalesce(sum(last_resort=1), 0) "
                                            "FROM kem_prekeys WHERE username=? AND device_id=?"));
    kem.bind(1, username).bind(2, deviceId);
    LAPIS_TRY(kem.step());
    counts.kemOneTime = static_cast<std::uint32_t>(kem.int64(0));
    counts.kemLastResort = kem.int64(1) > 0;
    return counts;
}

Result<void> SqliteTx::putOneTimePreKeys(const std::string &username, std::uint32_t deviceId,
                                         const std::vector<OneTimePreKeyRecord> &keys)
{
    LAPIS_TRY_ASSIGN(auto insert, m_db.prepare("INSERT OR REPLACE INTO one_time_prekeys(username, device_id, "
                                               "prekey_id, public_key) VALUES(?,?,?,?)"));
    for (const auto &key : keys) {
        insert.reset();
        insert.bind(1, username).bind(2, deviceId).bind(3, key.id).bindBlob(4, key.publicKey);
        LAPIS_TRY(insert.run());
    }
    return {};
}

Result<std::optional<OneTimePreKeyRecord>> SqliteTx::takeOneTimePreKey(const std::string &username,
                                                                       std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto pick, m_db.prepare("SELECT prekey_id, public_key FROM one_time_prekeys WHERE "
                                             "username=? AND device_id=? ORDER BY prekey_id LIMIT 1"));
    pick.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, pick.step());
    if (!row)
        return std::optional<OneTimePreKeyRecord>();
    OneTimePreKeyRecord key{static_cast<std::uint32_t>(pick.int64(0)), pick.blob(1)};
    pick.reset();
    LAPIS_TRY_ASSIGN(auto drop, m_db.prepare("DELETE FROM one_time_prekeys WHERE username=? AND device_id=? "
                                             "AND prekey_id=?"));
    drop.bind(1, username).bind(2, deviceId).bind(3, key.id);
    LAPIS_TRY(drop.run());
    return std::optional(std::move(key));
}

Result<void> SqliteTx::dropKemLastResort(const std::string &username, std::uint32_t deviceId)
{
    return runForDevice("DELETE FROM kem_prekeys WHERE username=? AND device_id=? AND last_resort=1", username,
                        deviceId);
}

Result<void> SqliteTx::putKemPreKey(const std::string &username, std::uint32_t deviceId, const KemPreKeyWireRecord &key,
                                    bool lastResort)
{
    LAPIS_TRY_ASSIGN(auto insert, m_db.prepare("INSERT OR REPLACE INTO kem_prekeys(username, device_id, prekey_id, "
                                               "public_key, signature, last_resort) VALUES(?,?,?,?,?,?)"));
    insert.bind(1, username).bind(2, deviceId).bind(3, key.id).bindBlob(4, key.publicKey);
    insert.bindBlob(5, key.signature).bind(6, lastResort ? 1 : 0);
    return insert.run();
}

Result<std::optional<KemPreKeyWireRecord>> SqliteTx::takeKemOneTime(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto pick, m_db.prepare("SELECT prekey_id, public_key, signature FROM kem_prekeys WHERE "
                                             "username=? AND device_id=? AND last_resort=0 "
                                             "ORDER BY prekey_id LIMIT 1"));
    pick.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, pick.step());
    if (!row)
        return std::optional<KemPreKeyWireRecord>();
    auto key = kemPreKeyFrom(pick);
    pick.reset();
    LAPIS_TRY_ASSIGN(auto drop, m_db.prepare("DELETE FROM kem_prekeys WHERE username=? AND device_id=? AND "
                                             "prekey_id=?"));
    drop.bind(1, username).bind(2, deviceId).bind(3, key.id);
    LAPIS_TRY(drop.run());
    return std::optional(std::move(key));
}

Result<std::optional<KemPreKeyWireRecord>> SqliteTx::kemLastResort(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto last, m_db.prepare("SELECT prekey_id, public_key, signature FROM kem_prekeys WHERE "
                                             "username=? AND device_id=? AND last_resort=1 LIMIT 1"));
    last.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, last.step());
    if (!row)
        return std::optional<KemPreKeyWireRecord>();
    return std::optional(kemPreKeyFrom(last));
}

Result<void> SqliteTx::insertMailbox(const MailboxRow &row)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO mailbox(username, device_id, kind, sender_account, "
                                          "sender_device, plaintext, server_time_ms, payload, event_device, "
                                          "event_name, payload_ref) VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
    q.bind(1, row.username).bind(2, row.deviceId).bind(3, row.kind).bind(4, row.senderAccount);
    q.bind(5, row.senderDevice).bind(6, row.plaintext ? 1 : 0).bind(7, row.serverTimeMs).bindBlob(8, row.payload);
    q.bind(9, row.eventDevice).bind(10, row.eventName).bind(11, row.payloadRef);
    return q.run();
}

Result<std::int64_t> SqliteTx::insertSharedPayload(ByteView payload)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO shared_payloads(payload) VALUES(?) RETURNING id"));
    q.bindBlob(1, payload);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return fail(ErrorCode::Internal, "A shared payload was not stored");
    return q.int64(0);
}

Result<std::size_t> SqliteTx::mailboxCount(const std::string &username, std::uint32_t deviceId, std::size_t limit)
{
    // Counts at most the limit's worth of index entries: cheap for the usual short mailbox.
    LAPIS_TRY_ASSIGN(auto count, m_db.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM mailbox WHERE username=? AND "
                                              "device_id=? LIMIT ?)"));
    count.bind(1, username).bind(2, deviceId).bind(3, static_cast<std::int64_t>(limit));
    LAPIS_TRY_ASSIGN(bool row, count.step());
    return row ? static_cast<std::size_t>(count.int64(0)) : 0;
}

Result<std::size_t> SqliteTx::mailboxCountBound(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto q,
                     m_db.prepare("SELECT (SELECT id FROM mailbox WHERE username=?1 AND device_id=?2 ORDER BY id "
                                  "LIMIT 1), (SELECT id FROM mailbox WHERE username=?1 AND device_id=?2 ORDER "
                                  "BY id DESC LIMIT 1)"));
    q.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row || q.isNull(0))
        return std::size_t{0};
    return static_cast<std::size_t>(q.int64(1) - q.int64(0) + 1);
}

Result<void> SqliteTx::adoptAccountMailbox(const std::string &username, std::uint32_t deviceId)
{
    LAPIS_TRY_ASSIGN(auto adopt, m_db.prepare("UPDATE mailbox SET device_id=? WHERE username=? AND device_id=0"));
    adopt.bind(1, deviceId).bind(2, username);
    return adopt.run();
}

Result<std::vector<MailboxItem>> SqliteTx::mailbox(const std::string &username, std::uint32_t deviceId,
                                                   std::uint64_t afterId, std::size_t limit)
{
    // A shared payload is read through its row's reference.
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT m.id, m.kind, m.sender_account, m.sender_device, m.plaintext, "
                                          "m.server_time_ms, CASE WHEN m.payload_ref=0 THEN m.payload ELSE "
                                          "p.payload END, m.event_device, m.event_name FROM mailbox m LEFT JOIN "
                                          "shared_payloads p ON p.id=m.payload_ref WHERE m.username=? AND "
                                          "m.device_id=? AND m.id>? ORDER BY m.id LIMIT ?"));
    q.bind(1, username).bind(2, deviceId).bind(3, static_cast<std::int64_t>(afterId));
    q.bind(4, static_cast<std::int64_t>(limit));
    std::vector<MailboxItem> items;
    for (;;) {
        LAPIS_TRY_ASSIGN(bool row, q.step());
        if (!row)
            break;
        MailboxItem m;
        m.id = static_cast<std::uint64_t>(q.int64(0));
        m.kind = static_cast<int>(q.int64(1));
        m.senderAccount = q.text(2);
        m.senderDevice = static_cast<std::uint32_t>(q.int64(3));
        m.plaintext = q.int64(4) != 0;
        m.serverTimeMs = q.int64(5);
        m.payload = q.blob(6);
        m.eventDevice = static_cast<std::uint32_t>(q.int64(7));
        m.eventDeviceName = q.text(8);
        items.push_back(std::move(m));
    }
    return items;
}

Result<void> SqliteTx::deleteMailboxItems(const std::string &username, std::uint32_t deviceId,
                                          const std::vector<std::uint64_t> &ids)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("DELETE FROM mailbox WHERE username=? AND device_id=? AND id=? "
                                          "RETURNING payload_ref"));
    std::set<std::int64_t> referenced;
    for (auto id : ids) {
        q.reset();
        q.bind(1, username).bind(2, deviceId).bind(3, static_cast<std::int64_t>(id));
        for (;;) {
            LAPIS_TRY_ASSIGN(bool row, q.step());
            if (!row)
                break;
            if (q.int64(0) != 0)
                referenced.insert(q.int64(0));
        }
    }
    if (referenced.empty())
        return {};
    // A shared payload goes with the last mailbox row that references it.
    LAPIS_TRY_ASSIGN(auto orphan, m_db.prepare("DELETE FROM shared_payloads WHERE id=?1 AND NOT EXISTS (SELECT 1 "
                                               "FROM mailbox WHERE payload_ref<>0 AND payload_ref=?1)"));
    for (auto ref : referenced) {
        orphan.reset();
        orphan.bind(1, ref);
        LAPIS_TRY(orphan.run());
    }
    return {};
}

Result<void> SqliteTx::insertLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO link_tokens(token_hash, username, expires_ms) VALUES(?,?,?)"));
    q.bindBlob(1, tokenHash).bind(2, username).bind(3, expiresMs);
    return q.run();
}

Result<bool> SqliteTx::takeLinkToken(const std::string &username, ByteView tokenHash, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto take, m_db.prepare("DELETE FROM link_tokens WHERE token_hash=? AND username=? "
                                             "AND expires_ms>?"));
    take.bindBlob(1, tokenHash).bind(2, username).bind(3, nowMs);
    LAPIS_TRY(take.run());
    return m_db.changes() == 1;
}

Result<void> SqliteTx::insertBlob(const BlobRecord &blob)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO blobs(blob_id, owner, size, received, complete, expires_ms) "
                                          "VALUES(?,?,?,0,0,?)"));
    q.bind(1, blob.blobId).bind(2, blob.owner).bind(3, static_cast<std::int64_t>(blob.size)).bind(4, blob.expiresMs);
    return q.run();
}

Result<std::optional<BlobRecord>> SqliteTx::blob(const std::string &blobId)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT owner, size, received, complete, expires_ms FROM blobs "
                                          "WHERE blob_id=?"));
    q.bind(1, blobId);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<BlobRecord>();
    BlobRecord b;
    b.blobId = blobId;
    b.owner = q.text(0);
    b.size = static_cast<std::uint64_t>(q.int64(1));
    b.received = static_cast<std::uint64_t>(q.int64(2));
    b.complete = q.int64(3) != 0;
    b.expiresMs = q.int64(4);
    return std::optional<BlobRecord>(std::move(b));
}

Result<void> SqliteTx::updateBlob(const std::string &blobId, std::uint64_t received, bool complete)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE blobs SET received=?, complete=? WHERE blob_id=?"));
    q.bind(1, static_cast<std::int64_t>(received)).bind(2, complete ? 1 : 0).bind(3, blobId);
    return q.run();
}

Result<std::uint64_t> SqliteTx::blobBytesOwnedBy(const std::string &owner)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT COALESCE(SUM(size), 0) FROM blobs WHERE owner=?"));
    q.bind(1, owner);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    return row ? static_cast<std::uint64_t>(q.int64(0)) : 0;
}

Result<void> SqliteTx::insertSignIn(const SignInRecord &record)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO sign_ins(id, username, code, device_name, created_ms, "
                                          "expires_ms, code_hash) VALUES(?,?,?,?,?,?,?)"));
    q.bind(1, record.id).bind(2, record.username).bind(3, record.code).bind(4, record.deviceName);
    q.bind(5, record.createdMs).bind(6, record.expiresMs).bind(7, record.codeHash);
    return q.run();
}

Result<std::optional<SignInRecord>> SqliteTx::signIn(const std::string &username, const std::string &id)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare(std::string(SignInColumns) + "WHERE id=? AND username=?"));
    q.bind(1, id).bind(2, username);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<SignInRecord>();
    return std::optional(signInFrom(q));
}

Result<std::vector<SignInRecord>> SqliteTx::pendingSignIns(const std::string &username, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare(std::string(SignInColumns)
                                          + "WHERE username=? AND state=0 AND expires_ms>? ORDER BY created_ms, id"));
    q.bind(1, username).bind(2, nowMs);
    std::vector<SignInRecord> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(bool row, q.step());
        if (!row)
            break;
        out.push_back(signInFrom(q));
    }
    return out;
}

Result<std::optional<int>> SqliteTx::countWrongSignInCode(const std::string &username, const std::string &id)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE sign_ins SET wrong_codes=wrong_codes+1 WHERE id=? AND username=? "
                                          "AND state=0 RETURNING wrong_codes"));
    q.bind(1, id).bind(2, username);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    if (!row)
        return std::optional<int>();
    const int wrong = static_cast<int>(q.int64(0));
    q.reset();
    return std::optional(wrong);
}

Result<bool> SqliteTx::decideSignIn(const std::string &username, const std::string &id, SignInRecord::State state)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("UPDATE sign_ins SET state=? WHERE id=? AND username=? AND state=0"));
    q.bind(1, static_cast<int>(state)).bind(2, id).bind(3, username);
    LAPIS_TRY(q.run());
    return m_db.changes() == 1;
}

Result<std::int64_t> SqliteTx::wrongSignInCodes(const std::string &username, std::int64_t sinceMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("SELECT COALESCE(SUM(wrong_codes), 0) FROM sign_ins WHERE username=?1 "
                                          "AND created_ms >= MAX(?2, COALESCE((SELECT since_ms FROM "
                                          "sign_in_allowances WHERE username=?1), 0))"));
    q.bind(1, username).bind(2, sinceMs);
    LAPIS_TRY_ASSIGN(bool row, q.step());
    return row ? q.int64(0) : 0;
}

Result<void> SqliteTx::allowSignIns(const std::string &username, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(auto q, m_db.prepare("INSERT INTO sign_in_allowances(username, since_ms) VALUES(?1, ?2) "
                                          "ON CONFLICT(username) DO UPDATE SET since_ms=?2"));
    q.bind(1, username).bind(2, nowMs);
    return q.run();
}

Result<std::vector<std::string>> SqliteTx::purge(const PurgeCutoffs &cutoffs)
{
    LAPIS_TRY_ASSIGN(auto old, m_db.prepare("DELETE FROM mailbox WHERE server_time_ms<?"));
    old.bind(1, cutoffs.envelopesBeforeMs);
    LAPIS_TRY(old.run());
    // Shared payloads no mailbox row references any more (expired, or their devices removed).
    LAPIS_TRY(m_db.exec("DELETE FROM shared_payloads WHERE NOT EXISTS (SELECT 1 FROM mailbox WHERE "
                        "payload_ref<>0 AND payload_ref=shared_payloads.id)"));
    LAPIS_TRY_ASSIGN(auto tokens, m_db.prepare("DELETE FROM link_tokens WHERE expires_ms<=?"));
    tokens.bind(1, cutoffs.tokensUntilMs);
    LAPIS_TRY(tokens.run());
    LAPIS_TRY_ASSIGN(auto signIns, m_db.prepare("DELETE FROM sign_ins WHERE expires_ms<=?"));
    signIns.bind(1, cutoffs.signInsUntilMs);
    LAPIS_TRY(signIns.run());
    LAPIS_TRY_ASSIGN(auto blobs, m_db.prepare("DELETE FROM blobs WHERE expires_ms<=? RETURNING blob_id"));
    blobs.bind(1, cutoffs.blobsUntilMs);
    std::vector<std::string> expired;
    for (;;) {
        LAPIS_TRY_ASSIGN(bool row, blobs.step());
        if (!row)
            break;
        expired.push_back(blobs.text(0));
    }
    return expired;
}

} // namespace lapis::relay
