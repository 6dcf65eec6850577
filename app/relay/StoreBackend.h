// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"
#include "RelayStorage.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lapis::relay {

/// One row of a mailbox as a backend stores it.
struct MailboxRow {
    std::string username;
    std::uint32_t deviceId = 0;
    int kind = MailboxItem::Envelope;
    std::string senderAccount;
    std::uint32_t senderDevice = 0;
    bool plaintext = false;
    std::int64_t serverTimeMs = 0;
    Bytes payload;
    std::uint32_t eventDevice = 0;
    std::string eventName;
    /// A shared payload's row (insertSharedPayload), read in place of `payload` (then empty);
    /// 0 for a row holding its own payload.
    std::int64_t payloadRef = 0;
};

/// What the relay's rules (RelayRules) ask of a backend inside one transaction: storing and
/// querying only. No call here decides anything; where two relays may race on one row
/// (counters, one-use tokens, TOTP steps, a pinned key, a sign-in's state) the call is one atomic
/// compare-and-set and says whether it took effect.
class StoreTx {
public:
    virtual ~StoreTx() = default;

    // --- transaction control (the writer's; SAVEPOINT/ROLLBACK TO/RELEASE/COMMIT/ROLLBACK)
    virtual Result<void> begin() = 0;
    virtual Result<void> control(std::string_view sql) = 0;
    virtual Result<void> commit() { return control("COMMIT"); }

    /// Set by the writer for its first pass over a group of jobs, which opens no savepoints: a
    /// job that fails there makes the writer roll the whole group back and run it again, each
    /// job in a savepoint of its own. In that pass a job made of parts that must fail alone
    /// (RelayRules::storeBatches) fails whole at its first failing part instead of paying for
    /// savepoints, and a backend may defer writes whose results nobody reads (their errors
    /// surface at a later statement or at commit, which fails the pass just the same).
    void setOptimistic(bool on) { m_optimistic = on; }
    [[nodiscard]] bool optimistic() const { return m_optimistic; }

    // --- accounts
    virtual Result<std::optional<AccountRecord>> account(const std::string &username) = 0;
    /// AlreadyExists when the name is taken.
    virtual Result<void> insertAccount(const std::string &username, const std::string &passwordHash, bool plaintextOnly,
                                       std::int64_t nowMs) = 0;
    /// The account's next device id, taken (none for an unknown account).
    virtual Result<std::optional<std::uint32_t>> allocateDeviceId(const std::string &username) = 0;
    /// Adds one failed log-in; the count afterwards (none for an unknown account).
    virtual Result<std::optional<std::int64_t>> countLoginFailure(const std::string &username) = 0;
    virtual Result<void> setLockout(const std::string &username, std::int64_t failures, std::int64_t lockedUntilMs) = 0;
    /// False for an unknown account.
    virtual Result<bool> setPasswordHash(const std::string &username, const std::string &passwordHash) = 0;
    /// Sets the account key when none is set; false when one is (then nothing changed).
    virtual Result<bool> pinAccountKey(const std::string &username, ByteView accountKey) = 0;
    /// Records `step` as the last TOTP step used when it is newer than the last; false when not.
    virtual Result<bool> consumeTotpStep(const std::string &username, std::int64_t step) = 0;
    /// False for an unknown account.
    virtual Result<bool> setTotpPending(const std::string &username, ByteView secret) = 0;
    /// enable: the pending secret becomes the active one; disable: both are dropped.
    virtual Result<void> setTotpEnabled(const std::string &username, bool enable) = 0;
    /// Drops the account's devices, keys, mailboxes, link tokens, sign-ins, code marks and
    /// allowances; clears its lock-out, account key and TOTP. The password stays.
    virtual Result<void> clearAccount(const std::string &username) = 0;

    // --- devices
    virtual Result<std::vector<DeviceRecord>> devices(const std::string &username) = 0;
    virtual Result<void> insertDevice(const std::string &username, std::uint32_t deviceId, const std::string &name,
                                      ByteView credentialHash, std::int64_t nowMs) = 0;
    /// Drops the device with its keys, mailbox and code mark.
    virtual Result<void> deleteDevice(const std::string &username, std::uint32_t deviceId) = 0;
    virtual Result<std::optional<Bytes>> credentialHash(const std::string &username, std::uint32_t deviceId) = 0;
    virtual Result<void> setCertificate(const std::string &username, std::uint32_t deviceId, ByteView certificate) = 0;
    virtual Result<void> setSignedPreKey(const std::string &username, std::uint32_t deviceId,
                                         ByteView signedPreKey) = 0;
    virtual Result<void> markAdmittedByCode(const std::string &username, std::uint32_t deviceId) = 0;
    virtual Result<bool> admittedByCode(const std::string &username, std::uint32_t deviceId) = 0;

    // --- prekeys
    virtual Result<PreKeyCounts> preKeyCounts(const std::string &username, std::uint32_t deviceId) = 0;
    /// Stores (or replaces, by id) one-time X25519 prekeys.
    virtual Result<void> putOneTimePreKeys(const std::string &username, std::uint32_t deviceId,
                                           const std::vector<OneTimePreKeyRecord> &keys) = 0;
    /// Removes and returns the device's lowest one-time X25519 prekey.
    virtual Result<std::optional<OneTimePreKeyRecord>> takeOneTimePreKey(const std::string &username,
                                                                         std::uint32_t deviceId) = 0;
    virtual Result<void> dropKemLastResort(const std::string &username, std::uint32_t deviceId) = 0;
    virtual Result<void> putKemPreKey(const std::string &username, std::uint32_t deviceId,
                                      const KemPreKeyWireRecord &key, bool lastResort) = 0;
    /// Removes and returns the device's lowest one-time ML-KEM prekey.
    virtual Result<std::optional<KemPreKeyWireRecord>> takeKemOneTime(const std::string &username,
                                                                      std::uint32_t deviceId) = 0;
    virtual Result<std::optional<KemPreKeyWireRecord>> kemLastResort(const std::string &username,
                                                                     std::uint32_t deviceId) = 0;

    // --- mailboxes
    virtual Result<void> insertMailbox(const MailboxRow &row) = 0;
    /// Stores a payload that mailbox rows reference (MailboxRow::payloadRef); returns its row.
    /// It is dropped with the last row referencing it (deleteMailboxItems, purge).
    virtual Result<std::int64_t> insertSharedPayload(ByteView payload) = 0;
    /// How many items wait for the device, counting at most `limit`.
    virtual Result<std::size_t> mailboxCount(const std::string &username, std::uint32_t deviceId,
                                             std::size_t limit) = 0;
    /// At least as many as wait for the device, from two index seeks (the span of its first and
    /// last item's ids): the mailbox limit needs the count only when this comes near it.
    virtual Result<std::size_t> mailboxCountBound(const std::string &username, std::uint32_t deviceId) = 0;
    /// Moves what waits in the account's mailbox 0 to `deviceId`.
    virtual Result<void> adoptAccountMailbox(const std::string &username, std::uint32_t deviceId) = 0;
    /// The rows as stored (sign-in payloads still encoded), oldest first.
    virtual Result<std::vector<MailboxItem>> mailbox(const std::string &username, std::uint32_t deviceId,
                                                     std::uint64_t afterId, std::size_t limit) = 0;
    virtual Result<void> deleteMailboxItems(const std::string &username, std::uint32_t deviceId,
                                            const std::vector<std::uint64_t> &ids) = 0;

    // --- link tokens and blobs
    virtual Result<void> insertLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs) = 0;
    /// Removes the token when it is the account's and not expired at `nowMs`; whether it was.
    virtual Result<bool> takeLinkToken(const std::string &username, ByteView tokenHash, std::int64_t nowMs) = 0;
    virtual Result<void> insertBlob(const BlobRecord &blob) = 0;
    virtual Result<std::optional<BlobRecord>> blob(const std::string &blobId) = 0;
    virtual Result<void> updateBlob(const std::string &blobId, std::uint64_t received, bool complete) = 0;
    virtual Result<std::uint64_t> blobBytesOwnedBy(const std::string &owner) = 0;

    // --- sign-ins
    virtual Result<void> insertSignIn(const SignInRecord &record) = 0;
    virtual Result<std::optional<SignInRecord>> signIn(const std::string &username, const std::string &id) = 0;
    /// Pending and not expired at `nowMs`, oldest first.
    virtual Result<std::vector<SignInRecord>> pendingSignIns(const std::string &username, std::int64_t nowMs) = 0;
    /// Adds a wrong code to a pending request; the count afterwards (none when not pending).
    virtual Result<std::optional<int>> countWrongSignInCode(const std::string &username, const std::string &id) = 0;
    /// Moves a pending request to `state`; false when it was no longer pending.
    virtual Result<bool> decideSignIn(const std::string &username, const std::string &id,
                                      SignInRecord::State state) = 0;
    /// Wrong codes of requests created since `sinceMs` and since the account last allowed sign-ins.
    virtual Result<std::int64_t> wrongSignInCodes(const std::string &username, std::int64_t sinceMs) = 0;
    virtual Result<void> allowSignIns(const std::string &username, std::int64_t nowMs) = 0;

    // --- expiry
    struct PurgeCutoffs {
        std::int64_t envelopesBeforeMs = 0;
        std::int64_t tokensUntilMs = 0;
        std::int64_t signInsUntilMs = 0;
        std::int64_t blobsUntilMs = 0;
    };
    /// Drops what is past its cutoff; the ids of the blobs dropped.
    virtual Result<std::vector<std::string>> purge(const PurgeCutoffs &cutoffs) = 0;

private:
    bool m_optimistic = false;
};

/// A place the relay's data lives: runs jobs in durable write transactions (group committed) or
/// on a reader. Safe from any thread.
class StoreBackend {
public:
    using Job = std::function<Result<void>(StoreTx &)>;
    virtual ~StoreBackend() = default;
    /// Runs `job` in a write transaction; returns once it is committed (or failed and undone).
    virtual Result<void> write(Job job) = 0;
    /// Runs `job` on a reader (no transaction of its own; what it sees is committed).
    virtual Result<void> read(const Job &job) = 0;
    /// Calls `ring(account, device)` whenever a mailbox received something through another relay
    /// on the same database (from a thread of the backend's), until the backend is destroyed.
    /// An empty `ring` stops watching. The embedded backend has no other relays: nothing to watch.
    using MailboxRing = std::function<void(const std::string &account, std::uint32_t device)>;
    virtual void watchMailboxes(MailboxRing ring) { (void)ring; }
    /// Token buckets that every relay on the same database shares, keyed apart by `name`; null
    /// for the embedded backend (one relay: its in-memory RateLimiter is the whole truth).
    virtual std::unique_ptr<TokenBuckets> sharedTokenBuckets(const std::string &name, double ratePerSecond,
                                                             double burst)
    {
        (void)name, (void)ratePerSecond, (void)burst;
        return nullptr;
    }
    /// For the log: "sqlite FILE, schema N" or "postgresql HOST/DB, schema N".
    [[nodiscard]] virtual std::string description() const = 0;
};

} // namespace lapis::relay
