// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CertificateVerdicts.h"
#include "RelayStorage.h"
#include "StoreBackend.h"

#include <map>
#include <memory>
#include <optional>

namespace lapis::relay {

/// The relay's rules over whichever backend stores its data: the lock-out schedule, batch
/// completeness against the certified device list, plaintext rules, account-key pinning, prekey
/// pool caps, sign-in events and device-added notices. The same code runs over SQLite and over
/// PostgreSQL; a backend (StoreTx) only stores and queries.
class RelayRules final : public RelayStorage {
public:
    explicit RelayRules(std::unique_ptr<StoreBackend> backend);
    ~RelayRules() override;

    [[nodiscard]] StoreBackend &backend() { return *m_backend; }

    Result<DeviceAdded> createAccount(const std::string &username, const std::string &passwordHash, bool plaintextOnly,
                                      const std::string &deviceName, ByteView credentialHash,
                                      std::int64_t nowMs) override;
    Result<std::optional<AccountRecord>> findAccount(const std::string &username) override;
    Result<DeviceAdded> addDevice(const std::string &username, const std::string &deviceName, ByteView credentialHash,
                                  std::optional<std::int64_t> totpStep, std::int64_t nowMs) override;
    Result<DeviceAdded> addLinkedDevice(const std::string &username, ByteView tokenHash, const std::string &deviceName,
                                        ByteView credentialHash, std::int64_t nowMs) override;
    Result<std::int64_t> recordLoginFailure(const std::string &username, std::int64_t nowMs) override;
    Result<void> clearLoginFailures(const std::string &username) override;
    Result<std::optional<Bytes>> credentialHash(const std::string &username, std::uint32_t deviceId) override;
    Result<std::vector<DeviceRecord>> listDevices(const std::string &username) override;
    Result<std::vector<std::uint32_t>> removeDevice(const std::string &username, std::uint32_t deviceId,
                                                    std::int64_t nowMs) override;
    Result<std::size_t> resetAccount(const std::string &username) override;
    Result<bool> admittedByCode(const std::string &username, std::uint32_t deviceId) override;
    Result<std::int64_t> wrongSignInCodes(const std::string &username, std::int64_t sinceMs) override;
    Result<void> allowSignIns(const std::string &username, std::int64_t nowMs) override;
    Result<void> setPassword(const std::string &username, const std::string &passwordHash) override;
    Result<std::uint64_t> blobBytesOwnedBy(const std::string &owner) override;

    Result<std::vector<std::uint32_t>> createSignIn(const SignInRecord &record) override;
    Result<std::optional<SignInRecord>> findSignIn(const std::string &username, const std::string &id) override;
    Result<std::vector<SignInRecord>> pendingSignIns(const std::string &username, std::int64_t nowMs) override;
    Result<SignInRecord> recordWrongSignInCode(const std::string &username, const std::string &id, int limit,
                                               std::int64_t nowMs, std::vector<std::uint32_t> &notified) override;
    Result<DeviceAdded> addDeviceBySignIn(const std::string &username, const std::string &id, ByteView credentialHash,
                                          std::int64_t nowMs) override;
    Result<std::vector<std::uint32_t>> denySignIn(const std::string &username, const std::string &id,
                                                  std::int64_t nowMs) override;

    Result<void> setTotpPending(const std::string &username, ByteView secret) override;
    Result<void> confirmTotp(const std::string &username, std::int64_t step) override;
    Result<void> disableTotp(const std::string &username, std::int64_t step) override;

    Result<void> publishKeys(const std::string &username, std::uint32_t deviceId, ByteView accountKey,
                             ByteView certificate, ByteView signedPreKey,
                             const std::vector<OneTimePreKeyRecord> &oneTime, const KemPreKeyUpload &kem = {}) override;
    Result<std::vector<PreKeyBundleRecord>> takePreKeyBundles(const std::string &username,
                                                              const std::set<std::uint32_t> &withSession) override;
    Result<PreKeyCounts> preKeyCount(const std::string &username, std::uint32_t deviceId) override;

    Result<SendOutcome> storeBatch(const SendRequest &request) override;
    Result<std::vector<Result<SendOutcome>>> storeBatches(const std::vector<SendRequest> &requests) override;
    Result<std::vector<MailboxItem>> fetchMailbox(const std::string &username, std::uint32_t deviceId,
                                                  std::uint64_t afterId, std::size_t limit) override;
    Result<void> acknowledge(const std::string &username, std::uint32_t deviceId,
                             const std::vector<std::uint64_t> &ids) override;

    Result<void> createLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs) override;
    Result<void> createBlob(const BlobRecord &blob) override;
    Result<std::optional<BlobRecord>> findBlob(const std::string &blobId) override;
    Result<void> updateBlob(const std::string &blobId, std::uint64_t received, bool complete) override;
    Result<std::vector<std::string>> purgeExpired(std::int64_t nowMs, std::int64_t envelopeMaxAgeMs) override;

private:
    /// Runs `f(tx)` in a write transaction and returns its result once durable.
    template<typename T, typename F>
    Result<T> write(F &&f)
    {
        std::optional<Result<T>> out;
        Result<void> committed = m_backend->write([&](StoreTx &tx) -> Result<void> {
            out.emplace(f(tx));
            if (out->ok())
                return {};
            return out->error();
        });
        if (!committed.ok())
            return std::move(committed).error();
        return std::move(*out);
    }

    template<typename T, typename F>
    Result<T> read(F &&f)
    {
        std::optional<Result<T>> out;
        Result<void> done = m_backend->read([&](StoreTx &tx) -> Result<void> {
            out.emplace(f(tx));
            return {};
        });
        if (!done.ok())
            return std::move(done).error();
        return std::move(*out);
    }

    /// What one write job's sends looked up about their recipients (RelayRulesMessages.cpp).
    struct SendScratch {
        struct Recipient {
            AccountRecord account;
            std::vector<DeviceRecord> devices;
            /// Per device: at least as many items as wait in its mailbox.
            std::map<std::uint32_t, std::size_t> mailboxBounds;
        };
        std::map<std::string, Recipient> recipients;
        /// Shared payloads stored by this run of the job: the row each one is (RelayRulesMessages.cpp).
        std::map<const Bytes *, std::int64_t> sharedRows;
        /// Those stored by the batch being stored, forgotten when it is rolled back.
        std::vector<const Bytes *> sharedRowsOfBatch;
    };
    Result<SendOutcome> storeBatchIn(StoreTx &tx, const SendRequest &request, SendScratch &scratch);

    std::unique_ptr<StoreBackend> m_backend;
    CertificateVerdicts m_certificateVerdicts;
};

/// Rules shared by RelayRules' translation units (they run inside a write transaction).
namespace rules {
Error noAccount();
Result<void> insertEvent(StoreTx &tx, const std::string &username, std::uint32_t toDevice, int kind,
                         std::uint32_t eventDevice, const std::string &eventName, std::int64_t nowMs,
                         ByteView payload = {});
/// Inserts a device and tells the account's other devices; the core of every way to add one.
Result<DeviceAdded> insertDevice(StoreTx &tx, const AccountRecord &account, const std::string &name,
                                 ByteView credentialHash, std::int64_t nowMs);
/// A sign-in event's payload: "ID CODE CREATED EXPIRES" (CODE "-" once the request is decided).
Bytes encodeSignInEvent(const SignInRecord &record, bool withCode);
void decodeSignInEvent(ByteView payload, MailboxItem &item);
} // namespace rules

} // namespace lapis::relay
