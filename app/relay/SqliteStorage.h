// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CertificateVerdicts.h"
#include "GroupCommitWriter.h"
#include "RelayStorage.h"
#include "SqliteConnection.h"

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace lapis::relay {

/// The embedded storage: one plain SQLite file (never SQLCipher: the relay holds nothing it
/// could read anyway) in WAL mode. Writes go through one GroupCommitWriter; reads use a small
/// pool of connections that run beside it.
class SqliteStorage final : public RelayStorage {
public:
    /// Opens (creating and migrating as needed) the database at `path`.
    static Result<std::unique_ptr<SqliteStorage>> open(const std::string &path);
    ~SqliteStorage() override;

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
    explicit SqliteStorage(std::string path, SqliteConnection writer);

    /// Runs `f(db)` as one job of the group commit and returns its result once durable.
    template<typename T, typename F>
    Result<T> write(F &&f)
    {
        std::optional<Result<T>> out;
        Result<void> committed = m_writer->run([&](SqliteConnection &db) -> Result<void> {
            out.emplace(f(db));
            if (out->ok())
                return {};
            return out->error();
        });
        if (!committed.ok())
            return std::move(committed).error();
        return std::move(*out);
    }

    /// Runs `f(db)` on a pooled read connection.
    template<typename T, typename F>
    Result<T> read(F &&f)
    {
        auto connection = acquireReader();
        if (!connection.ok())
            return std::move(connection).error();
        Result<T> r = f(*connection.value());
        releaseReader(std::move(connection).value());
        return r;
    }

    Result<std::unique_ptr<SqliteConnection>> acquireReader();
    void releaseReader(std::unique_ptr<SqliteConnection> connection);

    std::string m_path;
    std::unique_ptr<GroupCommitWriter> m_writer;
    CertificateVerdicts m_certificateVerdicts;
    std::mutex m_readersMutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_readers;
};

/// Helpers shared by SqliteStorage's translation units (they all run inside a write job).
namespace sqlite_detail {
Result<std::optional<AccountRecord>> loadAccount(SqliteConnection &db, const std::string &username);
Result<std::vector<DeviceRecord>> loadDevices(SqliteConnection &db, const std::string &username);
Result<void> insertEvent(SqliteConnection &db, const std::string &username, std::uint32_t toDevice, int kind,
                         std::uint32_t eventDevice, const std::string &eventName, std::int64_t nowMs,
                         ByteView payload = {});
/// Inserts a device and tells the account's other devices; the core of every way to add one.
Result<DeviceAdded> insertDevice(SqliteConnection &db, const AccountRecord &account, const std::string &name,
                                 ByteView credentialHash, std::int64_t nowMs);
/// A sign-in event's payload: "ID CODE CREATED EXPIRES" (CODE "-" once the request is decided).
Bytes encodeSignInEvent(const SignInRecord &record, bool withCode);
void decodeSignInEvent(ByteView payload, MailboxItem &item);
} // namespace sqlite_detail

} // namespace lapis::relay
