// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>
#include <lapis/common/SecureBytes.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace lapis::store {

class Database;

/// A prekey's serialised key pair (opaque to the store) with its id.
struct PreKeyRecord {
    PreKeyId id;
    SecureBytes record;
};

/// Our signed and one-time prekeys.
class PreKeyRepository {
public:
    explicit PreKeyRepository(Database &db)
        : m_db(db)
    {}

    Result<void> saveSignedPreKey(PreKeyId id, ByteView record, std::int64_t createdAtMs);
    Result<std::optional<SecureBytes>> loadSignedPreKey(PreKeyId id);
    /// The most recently created signed prekey.
    Result<std::optional<PreKeyRecord>> latestSignedPreKey();
    /// Removes signed prekeys created before `cutoffMs`, except the newest one.
    Result<int> removeSignedPreKeysOlderThan(std::int64_t cutoffMs);

    /// Saves a batch of one-time prekeys. AlreadyExists when an id is taken.
    Result<void> saveOneTimePreKeys(const std::vector<std::pair<PreKeyId, ByteView>> &records);
    Result<std::optional<SecureBytes>> loadOneTimePreKey(PreKeyId id);
    /// Deletes a used one-time prekey: true when it existed. Call in the same transaction as the
    /// session it created, so a crash cannot leave the key usable twice.
    Result<bool> consumeOneTimePreKey(PreKeyId id);
    Result<int> oneTimePreKeyCount();
    /// The highest one-time prekey id ever stored (0 when none), to number the next batch.
    Result<std::uint32_t> maxOneTimePreKeyId();
    /// The ids of the one-time prekeys still unused, ascending.
    Result<std::vector<PreKeyId>> oneTimePreKeyIds();
    /// The ids of every kept signed prekey, oldest first.
    Result<std::vector<PreKeyId>> signedPreKeyIds();
    /// Deletes one signed prekey (when its grace period is over).
    Result<void> removeSignedPreKey(PreKeyId id);

    // --- ML-KEM-768 prekeys (PQXDH), last-resort and one-time.
    Result<void> saveKemPreKey(PreKeyId id, ByteView record, bool lastResort, std::int64_t createdAtMs);
    Result<std::optional<SecureBytes>> loadKemPreKey(PreKeyId id);
    /// Deletes one ML-KEM prekey: true when it existed. A one-time key is deleted in the same
    /// transaction as the session it created and the one-time X25519 prekey.
    Result<bool> removeKemPreKey(PreKeyId id);
    /// Ids of the one-time (`lastResort` false) or last-resort keys, ascending.
    Result<std::vector<PreKeyId>> kemPreKeyIds(bool lastResort);

private:
    Database &m_db;
};

} // namespace lapis::store
