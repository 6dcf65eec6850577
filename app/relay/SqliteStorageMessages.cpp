// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStorage, continued: keys, mailboxes, link tokens, attachments and expiry.
#include "SqliteStorage.h"

#include <lapis/proto/Limits.h>
#include <lapis/protocol/DeviceCertificate.h>

#include <algorithm>
#include <optional>
#include <set>

namespace lapis::relay {

using namespace sqlite_detail;

namespace {

Result<void> storeKemPreKeys(SqliteConnection &db, const std::string &username, std::uint32_t deviceId,
                             const KemPreKeyUpload &kem)
{
    if (kem.lastResort) {
        // One last-resort key per device: the new one replaces it (the device keeps the old
        // secret for its grace period, for messages already on their way).
        LAPIS_TRY_ASSIGN(auto drop, db.prepare("DELETE FROM kem_prekeys WHERE username=? AND device_id=? AND "
                                               "last_resort=1"));
        drop.bind(1, username).bind(2, deviceId);
        LAPIS_TRY(drop.run());
    }
    if (!kem.oneTime.empty()) {
        LAPIS_TRY_ASSIGN(auto count, db.prepare("SELECT count(*) FROM kem_prekeys WHERE username=? AND "
                                                "device_id=? AND last_resort=0"));
        count.bind(1, username).bind(2, deviceId);
        LAPIS_TRY(count.step());
        if (static_cast<std::size_t>(count.int64(0)) + kem.oneTime.size() > proto::limits::MaxKemPreKeyPool)
            return fail(ErrorCode::LimitExceeded, "A device keeps at most "
                                                      + std::to_string(proto::limits::MaxKemPreKeyPool)
                                                      + " one-time ML-KEM prekeys on the relay");
    }
    LAPIS_TRY_ASSIGN(auto insert, db.prepare("INSERT OR REPLACE INTO kem_prekeys(username, device_id, prekey_id, "
                                             "public_key, signature, last_resort) VALUES(?,?,?,?,?,?)"));
    auto put = [&](const KemPreKeyWireRecord &key, bool lastResort) -> Result<void> {
        insert.reset();
        insert.bind(1, username).bind(2, deviceId).bind(3, key.id).bindBlob(4, key.publicKey);
        insert.bindBlob(5, key.signature).bind(6, lastResort ? 1 : 0);
        return insert.run();
    };
    if (kem.lastResort)
        LAPIS_TRY(put(*kem.lastResort, true));
    for (const auto &key : kem.oneTime)
        LAPIS_TRY(put(key, false));
    return {};
}

KemPreKeyWireRecord kemPreKeyFrom(const SqliteStatement &row)
{
    return {static_cast<std::uint32_t>(row.int64(0)), row.blob(1), row.blob(2)};
}

/// The device's ML-KEM prekey for a bundle: a one-time key (deleted here) when `oneTimeAllowed`
/// and the pool has one, else the last-resort key; none for a device that never published one.
Result<std::optional<KemPreKeyWireRecord>> takeKemPreKey(SqliteConnection &db, const std::string &username,
                                                         std::uint32_t deviceId, bool oneTimeAllowed)
{
    if (oneTimeAllowed) {
        LAPIS_TRY_ASSIGN(auto pick, db.prepare("SELECT prekey_id, public_key, signature FROM kem_prekeys WHERE "
                                               "username=? AND device_id=? AND last_resort=0 "
                                               "ORDER BY prekey_id LIMIT 1"));
        pick.bind(1, username).bind(2, deviceId);
        LAPIS_TRY_ASSIGN(bool row, pick.step());
        if (row) {
            auto key = kemPreKeyFrom(pick);
            pick.reset();
            LAPIS_TRY_ASSIGN(auto drop, db.prepare("DELETE FROM kem_prekeys WHERE username=? AND device_id=? AND "
                                                   "prekey_id=?"));
            drop.bind(1, username).bind(2, deviceId).bind(3, key.id);
            LAPIS_TRY(drop.run());
            return std::optional(std::move(key));
        }
    }
    LAPIS_TRY_ASSIGN(auto last, db.prepare("SELECT prekey_id, public_key, signature FROM kem_prekeys WHERE "
                                           "username=? AND device_id=? AND last_resort=1 LIMIT 1"));
    last.bind(1, username).bind(2, deviceId);
    LAPIS_TRY_ASSIGN(bool row, last.step());
    if (!row)
        return std::optional<KemPreKeyWireRecord>();
    return std::optional(kemPreKeyFrom(last));
}

} // namespace

Result<void> SqliteStorage::publishKeys(const std::string &username, std::uint32_t deviceId, ByteView accountKey,
                                        ByteView certificate, ByteView signedPreKey,
                                        const std::vector<OneTimePreKeyRecord> &oneTime, const KemPreKeyUpload &kem)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return fail(ErrorCode::NotFound, "No such account");
        if (account->plaintextOnly)
            return fail(ErrorCode::PermissionDenied, "A plaintext-only account publishes no keys");
        if (!accountKey.empty()) {
            if (account->accountKey.empty()) {
                LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE accounts SET account_key=? WHERE username=?"));
                q.bindBlob(1, accountKey).bind(2, username);
                LAPIS_TRY(q.run());
            } else if (!std::equal(accountKey.begin(), accountKey.end(), account->accountKey.begin(),
                                   account->accountKey.end())) {
                // Contacts pinned the first key: swapping it silently is what this refusal prevents.
                return fail(ErrorCode::PermissionDenied,
                            "The account already has another identity key; an operator reset is needed to replace it");
            }
        }
        if (!certificate.empty()) {
            LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE devices SET certificate=? WHERE username=? AND device_id=?"));
            q.bindBlob(1, certificate).bind(2, username).bind(3, deviceId);
            LAPIS_TRY(q.run());
        }
        if (!signedPreKey.empty()) {
            LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE devices SET signed_prekey=? WHERE username=? AND device_id=?"));
            q.bindBlob(1, signedPreKey).bind(2, username).bind(3, deviceId);
            LAPIS_TRY(q.run());
        }
        LAPIS_TRY(storeKemPreKeys(db, username, deviceId, kem));
        if (oneTime.empty())
            return {};
        LAPIS_TRY_ASSIGN(auto count, db.prepare("SELECT count(*) FROM one_time_prekeys WHERE username=? AND "
                                                "device_id=?"));
        count.bind(1, username).bind(2, deviceId);
        LAPIS_TRY(count.step());
        if (static_cast<std::size_t>(count.int64(0)) + oneTime.size() > proto::limits::MaxOneTimePreKeyPool)
            return fail(ErrorCode::LimitExceeded, "A device keeps at most 1000 one-time prekeys on the relay");
        LAPIS_TRY_ASSIGN(auto insert, db.prepare("INSERT OR REPLACE INTO one_time_prekeys(username, device_id, "
                                                 "prekey_id, public_key) VALUES(?,?,?,?)"));
        for (const auto &key : oneTime) {
            insert.reset();
            insert.bind(1, username).bind(2, deviceId).bind(3, key.id).bindBlob(4, key.publicKey);
            LAPIS_TRY(insert.run());
        }
        return {};
    });
}

Result<std::vector<PreKeyBundleRecord>> SqliteStorage::takePreKeyBundles(const std::string &username,
                                                                         const std::set<std::uint32_t> &withSession)
{
    // The usual case, a sender with a session with every device, takes nothing: a read, which
    // leaves the single writer to the mailboxes.
    auto known = read<std::optional<std::vector<PreKeyBundleRecord>>>(
        [&](SqliteConnection &db) -> Result<std::optional<std::vector<PreKeyBundleRecord>>> {
            LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
            if (!account)
                return fail(ErrorCode::NotFound, "No such account");
            LAPIS_TRY_ASSIGN(auto devices, loadDevices(db, username));
            std::vector<PreKeyBundleRecord> bundles;
            for (auto &device : devices) {
                if (withSession.count(device.deviceId) == 0)
                    return std::optional<std::vector<PreKeyBundleRecord>>();
                LAPIS_TRY_ASSIGN(auto kem, takeKemPreKey(db, username, device.deviceId, false));
                bundles.push_back({std::move(device), std::nullopt, std::move(kem)});
            }
            return std::optional(std::move(bundles));
        });
    if (!known.ok())
        return std::move(known).error();
    if (*known)
        return std::move(**known);
    return write<std::vector<PreKeyBundleRecord>>([&](SqliteConnection &db) -> Result<std::vector<PreKeyBundleRecord>> {
        LAPIS_TRY_ASSIGN(auto account, loadAccount(db, username));
        if (!account)
            return fail(ErrorCode::NotFound, "No such account");
        LAPIS_TRY_ASSIGN(auto devices, loadDevices(db, username));
        LAPIS_TRY_ASSIGN(auto pick, db.prepare("SELECT prekey_id, public_key FROM one_time_prekeys WHERE "
                                               "username=? AND device_id=? ORDER BY prekey_id LIMIT 1"));
        LAPIS_TRY_ASSIGN(auto drop, db.prepare("DELETE FROM one_time_prekeys WHERE username=? AND device_id=? "
                                               "AND prekey_id=?"));
        std::vector<PreKeyBundleRecord> bundles;
        for (auto &device : devices) {
            PreKeyBundleRecord bundle;
            const bool oneTimeAllowed = withSession.count(device.deviceId) == 0;
            LAPIS_TRY_ASSIGN(bundle.kemPreKey, takeKemPreKey(db, username, device.deviceId, oneTimeAllowed));
            if (!oneTimeAllowed) {
                bundle.device = std::move(device);
                bundles.push_back(std::move(bundle));
                continue;
            }
            pick.reset();
            pick.bind(1, username).bind(2, device.deviceId);
            LAPIS_TRY_ASSIGN(bool row, pick.step());
            if (row) {
                bundle.oneTimePreKey = OneTimePreKeyRecord{static_cast<std::uint32_t>(pick.int64(0)), pick.blob(1)};
                pick.reset();
                drop.reset();
                drop.bind(1, username).bind(2, device.deviceId).bind(3, bundle.oneTimePreKey->id);
                LAPIS_TRY(drop.run());
            }
            bundle.device = std::move(device);
            bundles.push_back(std::move(bundle));
        }
        return bundles;
    });
}

Result<PreKeyCounts> SqliteStorage::preKeyCount(const std::string &username, std::uint32_t deviceId)
{
    return read<PreKeyCounts>([&](SqliteConnection &db) -> Result<PreKeyCounts> {
        PreKeyCounts counts;
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT count(*) FROM one_time_prekeys WHERE username=? AND "
                                            "device_id=?"));
        q.bind(1, username).bind(2, deviceId);
        LAPIS_TRY(q.step());
        counts.oneTime = static_cast<std::uint32_t>(q.int64(0));
        LAPIS_TRY_ASSIGN(auto kem, db.prepare("SELECT coalesce(sum(last_resort=0), 0), coalesce(sum(last_resort=1), 0) "
                                              "FROM kem_prekeys WHERE username=? AND device_id=?"));
        kem.bind(1, username).bind(2, deviceId);
        LAPIS_TRY(kem.step());
        counts.kemOneTime = static_cast<std::uint32_t>(kem.int64(0));
        counts.kemLastResort = kem.int64(1) > 0;
        return counts;
    });
}

namespace {

Result<SendOutcome> storeBatchIn(SqliteConnection &db, const SendRequest &request, CertificateVerdicts &verdicts)
{
    LAPIS_TRY_ASSIGN(auto account, loadAccount(db, request.recipient));
    if (!account)
        return fail(ErrorCode::NotFound, "No account named " + request.recipient);
    const bool plaintextAllowed = account->plaintextOnly || request.allowPlaintext;
    for (const auto &item : request.items) {
        if (item.plaintext && !plaintextAllowed)
            return fail(ErrorCode::PermissionDenied, "A plaintext envelope to an account with end-to-end "
                                                     "devices needs the sender's explicit allowance");
    }
    LAPIS_TRY_ASSIGN(auto devices, loadDevices(db, request.recipient));
    std::optional<crypto::Ed25519PublicKey> accountKey;
    if (!account->plaintextOnly && !account->accountKey.empty()) {
        if (auto key = crypto::Ed25519PublicKey::fromBytes(account->accountKey); key.ok())
            accountKey = *key;
    }
    // A batch must address every device the account key certified and may address the others
    // too (a device without a valid certificate, which senders ignore, is not waited for).
    std::set<std::uint32_t> listed;
    std::set<std::uint32_t> required;
    for (const auto &d : devices) {
        // One's own sending device gets no copy of its own batch.
        if (request.recipient == request.senderAccount && d.deviceId == request.senderDevice)
            continue;
        listed.insert(d.deviceId);
        // Senders encrypt only to devices the account key certified: those a batch must address.
        // Without an account key (plaintext only, or none published yet) every device counts.
        if (!accountKey || verdicts.certified(*accountKey, request.recipient, d))
            required.insert(d.deviceId);
    }
    std::set<std::uint32_t> addressed;
    for (const auto &item : request.items)
        addressed.insert(item.recipientDevice);

    SendOutcome outcome;
    outcome.plaintextOnly = account->plaintextOnly;
    const bool toAccountMailbox = devices.empty() && addressed == std::set<std::uint32_t>{0} && plaintextAllowed;
    const bool complete = std::includes(addressed.begin(), addressed.end(), required.begin(), required.end())
                          && std::includes(listed.begin(), listed.end(), addressed.begin(), addressed.end());
    if (!toAccountMailbox && !complete) {
        outcome.currentDevices = std::move(devices);
        return outcome;
    }
    if (request.mailboxLimit > 0) {
        // Counts at most the limit's worth of index entries: cheap for the usual short mailbox.
        LAPIS_TRY_ASSIGN(auto count, db.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM mailbox WHERE username=? AND "
                                                "device_id=? LIMIT ?)"));
        for (auto device : addressed) {
            count.reset();
            count.bind(1, request.recipient).bind(2, device).bind(3, static_cast<std::int64_t>(request.mailboxLimit));
            LAPIS_TRY_ASSIGN(bool row, count.step());
            const std::size_t waiting = row ? static_cast<std::size_t>(count.int64(0)) : 0;
            if (waiting + request.items.size() > request.mailboxLimit)
                return fail(ErrorCode::LimitExceeded, "The mailbox of " + request.recipient + "'s device "
                                                          + std::to_string(device)
                                                          + " is full; it keeps what waits until that device reads it");
        }
    }
    LAPIS_TRY_ASSIGN(auto insert, db.prepare("INSERT INTO mailbox(username, device_id, kind, sender_account, "
                                             "sender_device, plaintext, server_time_ms, payload) "
                                             "VALUES(?,?,0,?,?,?,?,?)"));
    for (const auto &item : request.items) {
        insert.reset();
        insert.bind(1, request.recipient).bind(2, item.recipientDevice).bind(3, request.senderAccount);
        insert.bind(4, request.senderDevice).bind(5, item.plaintext ? 1 : 0).bind(6, request.nowMs);
        insert.bindBlob(7, item.payload);
        LAPIS_TRY(insert.run());
        outcome.deliveredTo.push_back(item.recipientDevice);
    }
    outcome.stored = true;
    return outcome;
}

} // namespace

Result<SendOutcome> SqliteStorage::storeBatch(const SendRequest &request)
{
    return write<SendOutcome>([&](SqliteConnection &db) { return storeBatchIn(db, request, m_certificateVerdicts); });
}

Result<std::vector<Result<SendOutcome>>> SqliteStorage::storeBatches(const std::vector<SendRequest> &requests)
{
    using Outcomes = std::vector<Result<SendOutcome>>;
    return write<Outcomes>([&](SqliteConnection &db) -> Result<Outcomes> {
        Outcomes outcomes;
        outcomes.reserve(requests.size());
        for (const auto &request : requests) {
            // A nested savepoint, so a failing batch leaves the others in the transaction.
            LAPIS_TRY(db.exec("SAVEPOINT batch"));
            auto outcome = storeBatchIn(db, request, m_certificateVerdicts);
            if (!outcome.ok())
                LAPIS_TRY(db.exec("ROLLBACK TO batch"));
            LAPIS_TRY(db.exec("RELEASE batch"));
            outcomes.push_back(std::move(outcome));
        }
        return outcomes;
    });
}

Result<std::vector<MailboxItem>> SqliteStorage::fetchMailbox(const std::string &username, std::uint32_t deviceId,
                                                             std::uint64_t afterId, std::size_t limit)
{
    return read<std::vector<MailboxItem>>([&](SqliteConnection &db) -> Result<std::vector<MailboxItem>> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT id, kind, sender_account, sender_device, plaintext, "
                                            "server_time_ms, payload, event_device, event_name FROM mailbox "
                                            "WHERE username=? AND device_id=? AND id>? ORDER BY id LIMIT ?"));
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
            if (m.kind >= MailboxItem::SignInRequested)
                decodeSignInEvent(m.payload, m);
            items.push_back(std::move(m));
        }
        return items;
    });
}

Result<void> SqliteStorage::acknowledge(const std::string &username, std::uint32_t deviceId,
                                        const std::vector<std::uint64_t> &ids)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        // Scoped to the device, so a device cannot delete another's envelopes by guessing ids.
        LAPIS_TRY_ASSIGN(auto q, db.prepare("DELETE FROM mailbox WHERE username=? AND device_id=? AND id=?"));
        for (auto id : ids) {
            q.reset();
            q.bind(1, username).bind(2, deviceId).bind(3, static_cast<std::int64_t>(id));
            LAPIS_TRY(q.run());
        }
        return {};
    });
}

Result<void> SqliteStorage::createLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("INSERT INTO link_tokens(token_hash, username, expires_ms) "
                                            "VALUES(?,?,?)"));
        q.bindBlob(1, tokenHash).bind(2, username).bind(3, expiresMs);
        return q.run();
    });
}

Result<void> SqliteStorage::createBlob(const BlobRecord &blob)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("INSERT INTO blobs(blob_id, owner, size, received, complete, "
                                            "expires_ms) VALUES(?,?,?,0,0,?)"));
        q.bind(1, blob.blobId).bind(2, blob.owner).bind(3, static_cast<std::int64_t>(blob.size));
        q.bind(4, blob.expiresMs);
        return q.run();
    });
}

Result<std::optional<BlobRecord>> SqliteStorage::findBlob(const std::string &blobId)
{
    return read<std::optional<BlobRecord>>([&](SqliteConnection &db) -> Result<std::optional<BlobRecord>> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("SELECT owner, size, received, complete, expires_ms FROM blobs "
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
    });
}

Result<void> SqliteStorage::updateBlob(const std::string &blobId, std::uint64_t received, bool complete)
{
    return write<void>([&](SqliteConnection &db) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto q, db.prepare("UPDATE blobs SET received=?, complete=? WHERE blob_id=?"));
        q.bind(1, static_cast<std::int64_t>(received)).bind(2, complete ? 1 : 0).bind(3, blobId);
        return q.run();
    });
}

Result<std::vector<std::string>> SqliteStorage::purgeExpired(std::int64_t nowMs, std::int64_t envelopeMaxAgeMs)
{
    return write<std::vector<std::string>>([&](SqliteConnection &db) -> Result<std::vector<std::string>> {
        LAPIS_TRY_ASSIGN(auto old, db.prepare("DELETE FROM mailbox WHERE server_time_ms<?"));
        old.bind(1, nowMs - envelopeMaxAgeMs);
        LAPIS_TRY(old.run());
        LAPIS_TRY_ASSIGN(auto tokens, db.prepare("DELETE FROM link_tokens WHERE expires_ms<=?"));
        tokens.bind(1, nowMs);
        LAPIS_TRY(tokens.run());
        // A decided or expired sign-in is kept a day, so a late code gets a clear answer.
        LAPIS_TRY_ASSIGN(auto signIns, db.prepare("DELETE FROM sign_ins WHERE expires_ms<=?"));
        signIns.bind(1, nowMs - 86'400'000);
        LAPIS_TRY(signIns.run());
        LAPIS_TRY_ASSIGN(auto blobs, db.prepare("SELECT blob_id FROM blobs WHERE expires_ms<=?"));
        blobs.bind(1, nowMs);
        std::vector<std::string> expired;
        for (;;) {
            LAPIS_TRY_ASSIGN(bool row, blobs.step());
            if (!row)
                break;
            expired.push_back(blobs.text(0));
        }
        LAPIS_TRY_ASSIGN(auto drop, db.prepare("DELETE FROM blobs WHERE expires_ms<=?"));
        drop.bind(1, nowMs);
        LAPIS_TRY(drop.run());
        return expired;
    });
}

} // namespace lapis::relay
