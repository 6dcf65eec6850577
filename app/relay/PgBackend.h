// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GroupCommitWriter.h"
#include "PgConnection.h"
#include "PgMailboxListener.h"
#include "RelayRules.h"
#include "StoreBackend.h"

#include <memory>
#include <mutex>
#include <vector>

namespace lapis::relay {

/// StoreTx over one PostgreSQL connection (PgTx.cpp, PgTxMessages.cpp).
class PgTx final : public StoreTx {
public:
    explicit PgTx(std::unique_ptr<PgConnection> db)
        : m_db(std::move(db))
    {}
    PgConnection &connection() { return *m_db; }

    Result<void> begin() override;
    Result<void> control(std::string_view sql) override;
    Result<void> commit() override;

    Result<std::optional<AccountRecord>> account(const std::string &username) override;
    Result<void> insertAccount(const std::string &username, const std::string &passwordHash, bool plaintextOnly,
                               std::int64_t nowMs) override;
    Result<std::optional<std::uint32_t>> allocateDeviceId(const std::string &username) override;
    Result<std::optional<std::int64_t>> countLoginFailure(const std::string &username) override;
    Result<void> setLockout(const std::string &username, std::int64_t failures, std::int64_t lockedUntilMs) override;
    Result<bool> setPasswordHash(const std::string &username, const std::string &passwordHash) override;
    Result<bool> pinAccountKey(const std::string &username, ByteView accountKey) override;
    Result<bool> consumeTotpStep(const std::string &username, std::int64_t step) override;
    Result<bool> setTotpPending(const std::string &username, ByteView secret) override;
    Result<void> setTotpEnabled(const std::string &username, bool enable) override;
    Result<void> clearAccount(const std::string &username) override;

    Result<std::vector<DeviceRecord>> devices(const std::string &username) override;
    Result<void> insertDevice(const std::string &username, std::uint32_t deviceId, const std::string &name,
                              ByteView credentialHash, std::int64_t nowMs) override;
    Result<void> deleteDevice(const std::string &username, std::uint32_t deviceId) override;
    Result<std::optional<Bytes>> credentialHash(const std::string &username, std::uint32_t deviceId) override;
    Result<void> setCertificate(const std::string &username, std::uint32_t deviceId, ByteView certificate) override;
    Result<void> setSignedPreKey(const std::string &username, std::uint32_t deviceId, ByteView signedPreKey) override;
    Result<void> markAdmittedByCode(const std::string &username, std::uint32_t deviceId) override;
    Result<bool> admittedByCode(const std::string &username, std::uint32_t deviceId) override;

    Result<PreKeyCounts> preKeyCounts(const std::string &username, std::uint32_t deviceId) override;
    Result<void> putOneTimePreKeys(const std::string &username, std::uint32_t deviceId,
                                   const std::vector<OneTimePreKeyRecord> &keys) override;
    Result<std::optional<OneTimePreKeyRecord>> takeOneTimePreKey(const std::string &username,
                                                                 std::uint32_t deviceId) override;
    Result<void> dropKemLastResort(const std::string &username, std::uint32_t deviceId) override;
    Result<void> putKemPreKey(const std::string &username, std::uint32_t deviceId, const KemPreKeyWireRecord &key,
                              bool lastResort) override;
    Result<std::optional<KemPreKeyWireRecord>> takeKemOneTime(const std::string &username,
                                                              std::uint32_t deviceId) override;
    Result<std::optional<KemPreKeyWireRecord>> kemLastResort(const std::string &username,
                                                             std::uint32_t deviceId) override;

    Result<void> insertMailbox(const MailboxRow &row) override;
    Result<std::int64_t> insertSharedPayload(ByteView payload) override;
    Result<std::size_t> mailboxCount(const std::string &username, std::uint32_t deviceId, std::size_t limit) override;
    Result<std::size_t> mailboxCountBound(const std::string &username, std::uint32_t deviceId) override;
    Result<void> adoptAccountMailbox(const std::string &username, std::uint32_t deviceId) override;
    Result<std::vector<MailboxItem>> mailbox(const std::string &username, std::uint32_t deviceId, std::uint64_t afterId,
                                             std::size_t limit) override;
    Result<void> deleteMailboxItems(const std::string &username, std::uint32_t deviceId,
                                    const std::vector<std::uint64_t> &ids) override;

    Result<void> insertLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs) override;
    Result<bool> takeLinkToken(const std::string &username, ByteView tokenHash, std::int64_t nowMs) override;
    Result<void> insertBlob(const BlobRecord &blob) override;
    Result<std::optional<BlobRecord>> blob(const std::string &blobId) override;
    Result<void> updateBlob(const std::string &blobId, std::uint64_t received, bool complete) override;
    Result<std::uint64_t> blobBytesOwnedBy(const std::string &owner) override;

    Result<void> insertSignIn(const SignInRecord &record) override;
    Result<std::optional<SignInRecord>> signIn(const std::string &username, const std::string &id) override;
    Result<std::vector<SignInRecord>> pendingSignIns(const std::string &username, std::int64_t nowMs) override;
    Result<std::optional<int>> countWrongSignInCode(const std::string &username, const std::string &id) override;
    Result<bool> decideSignIn(const std::string &username, const std::string &id, SignInRecord::State state) override;
    Result<std::int64_t> wrongSignInCodes(const std::string &username, std::int64_t sinceMs) override;
    Result<void> allowSignIns(const std::string &username, std::int64_t nowMs) override;

    Result<std::vector<std::string>> purge(const PurgeCutoffs &cutoffs) override;

private:
    Result<PgResult> run(const char *sql, const PgParams &params);
    Result<void> runForDevice(const char *sql, const std::string &username, std::uint32_t deviceId);
    /// Stores the mailbox rows held back, with one statement (and their NOTIFYs in it).
    Result<void> flushMailboxRows();
    /// Takes the relays' write lock (PgBackend.cpp) once per transaction.
    Result<void> lockForWrites();

    std::unique_ptr<PgConnection> m_db;
    /// Mailbox rows of the writer's optimistic pass not yet sent: they go in one statement
    /// before the next one of any kind, instead of a round trip each.
    std::vector<MailboxRow> m_heldRows;
    bool m_inTransaction = false;
    bool m_writeLocked = false;
};

/// The shared backend: a PostgreSQL database several relays use at once. Writes go through one
/// GroupCommitWriter per relay (one transaction, one WAL flush for the jobs that arrive
/// together); reads use a small pool of connections. A connection the server dropped is opened
/// again at its next use; until the server answers, calls fail with Unavailable.
class PgBackend final : public StoreBackend {
public:
    /// Connects to `uri`, creating or migrating the schema as needed.
    static Result<std::unique_ptr<PgBackend>> open(const std::string &uri);
    ~PgBackend() override;

    Result<void> write(Job job) override;
    Result<void> read(const Job &job) override;
    void watchMailboxes(MailboxRing ring) override;
    std::unique_ptr<TokenBuckets> sharedTokenBuckets(const std::string &name, double ratePerSecond,
                                                     double burst) override;
    [[nodiscard]] std::string description() const override;
    /// One statement on a connection of the reader pool, outside any transaction.
    Result<PgResult> runPooled(const std::string &sql, const PgParams &params);

private:
    PgBackend(std::string uri, std::string where, std::unique_ptr<PgConnection> writer);

    std::string m_uri;
    std::string m_where;
    std::unique_ptr<GroupCommitWriter> m_writer;
    std::mutex m_readersMutex;
    std::vector<std::unique_ptr<PgTx>> m_readers;
    std::unique_ptr<PgMailboxListener> m_listener;
};

/// The relay's storage (its rules over the PostgreSQL backend) in the database at `uri`.
Result<std::unique_ptr<RelayRules>> openPgStorage(const std::string &uri);

} // namespace lapis::relay
