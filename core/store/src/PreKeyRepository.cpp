// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/PreKeyRepository.h>

namespace lapis::store {

Result<void> PreKeyRepository::saveSignedPreKey(PreKeyId id, ByteView record, std::int64_t createdAtMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR REPLACE INTO signed_prekeys(prekey_id, record, created_at) "
                                             "VALUES (?, ?, ?)"));
    stmt.bindAll(id.value(), record, createdAtMs);
    return stmt.run();
}

Result<std::optional<SecureBytes>> PreKeyRepository::loadSignedPreKey(PreKeyId id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT record FROM signed_prekeys WHERE prekey_id = ?"));
    stmt.bindAll(id.value());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<SecureBytes>();
    return std::optional<SecureBytes>(stmt.secureBlob(0));
}

Result<std::optional<PreKeyRecord>> PreKeyRepository::latestSignedPreKey()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT prekey_id, record FROM signed_prekeys "
                                             "ORDER BY created_at DESC, prekey_id DESC LIMIT 1"));
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<PreKeyRecord>();
    return std::optional<PreKeyRecord>(
        PreKeyRecord{PreKeyId(static_cast<std::uint32_t>(stmt.integer(0))), stmt.secureBlob(1)});
}

Result<int> PreKeyRepository::removeSignedPreKeysOlderThan(std::int64_t cutoffMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM signed_prekeys WHERE created_at < ? AND prekey_id <> "
                                             "(SELECT prekey_id FROM signed_prekeys "
                                             "ORDER BY created_at DESC, prekey_id DESC LIMIT 1)"));
    stmt.bindAll(cutoffMs);
    LAPIS_TRY(stmt.run());
    return m_db.changes();
}

Result<void> PreKeyRepository::saveOneTimePreKeys(const std::vector<std::pair<PreKeyId, ByteView>> &records)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT INTO one_time_prekeys(prekey_id, record) VALUES (?, ?)"));
    for (const auto &[id, record] : records) {
        stmt.bindAll(id.value(), record);
        LAPIS_TRY(stmt.run());
    }
    LAPIS_TRY_ASSIGN(const std::uint32_t highest, maxOneTimePreKeyId());
    LAPIS_TRY_ASSIGN(auto meta, m_db.prepare("INSERT OR REPLACE INTO store_meta(key, value) "
                                             "VALUES ('max_one_time_prekey_id', ?)"));
    meta.bindAll(std::to_string(highest));
    return meta.run();
}

Result<std::optional<SecureBytes>> PreKeyRepository::loadOneTimePreKey(PreKeyId id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT record FROM one_time_prekeys WHERE prekey_id = ?"));
    stmt.bindAll(id.value());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<SecureBytes>();
    return std::optional<SecureBytes>(stmt.secureBlob(0));
}

Result<bool> PreKeyRepository::consumeOneTimePreKey(PreKeyId id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM one_time_prekeys WHERE prekey_id = ?"));
    stmt.bindAll(id.value());
    LAPIS_TRY(stmt.run());
    return m_db.changes() > 0;
}

Result<int> PreKeyRepository::oneTimePreKeyCount()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT count(*) FROM one_time_prekeys"));
    LAPIS_TRY(stmt.step());
    return static_cast<int>(stmt.integer(0));
}

Result<std::uint32_t> PreKeyRepository::maxOneTimePreKeyId()
{
    // Kept in store_meta as well, so ids are not reused after the highest key was consumed.
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT max(coalesce((SELECT max(prekey_id) FROM one_time_prekeys), 0), "
                                             "coalesce((SELECT CAST(value AS INTEGER) FROM store_meta "
                                             "WHERE key = 'max_one_time_prekey_id'), 0))"));
    LAPIS_TRY(stmt.step());
    return static_cast<std::uint32_t>(stmt.integer(0));
}

namespace {
Result<std::vector<PreKeyId>> collectIds(Statement &stmt)
{
    std::vector<PreKeyId> out;
    for (;;) {
        LAPIS_TRY_ASSIGN(const bool row, stmt.step());
        if (!row)
            break;
        out.emplace_back(static_cast<std::uint32_t>(stmt.integer(0)));
    }
    return out;
}
} // namespace

Result<std::vector<PreKeyId>> PreKeyRepository::oneTimePreKeyIds()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT prekey_id FROM one_time_prekeys ORDER BY prekey_id"));
    return collectIds(stmt);
}

Result<std::vector<PreKeyId>> PreKeyRepository::signedPreKeyIds()
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT prekey_id FROM signed_prekeys ORDER BY created_at, prekey_id"));
    return collectIds(stmt);
}

Result<void> PreKeyRepository::removeSignedPreKey(PreKeyId id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM signed_prekeys WHERE prekey_id = ?"));
    stmt.bindAll(id.value());
    return stmt.run();
}

Result<void> PreKeyRepository::saveKemPreKey(PreKeyId id, ByteView record, bool lastResort, std::int64_t createdAtMs)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT INTO kem_prekeys(prekey_id, record, last_resort, created_at) "
                                             "VALUES (?, ?, ?, ?)"));
    stmt.bindAll(id.value(), record, lastResort ? 1 : 0, createdAtMs);
    return stmt.run();
}

Result<std::optional<SecureBytes>> PreKeyRepository::loadKemPreKey(PreKeyId id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT record FROM kem_prekeys WHERE prekey_id = ?"));
    stmt.bindAll(id.value());
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<SecureBytes>();
    return std::optional<SecureBytes>(stmt.secureBlob(0));
}

Result<bool> PreKeyRepository::removeKemPreKey(PreKeyId id)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM kem_prekeys WHERE prekey_id = ?"));
    stmt.bindAll(id.value());
    LAPIS_TRY(stmt.run());
    return m_db.changes() > 0;
}

Result<std::vector<PreKeyId>> PreKeyRepository::kemPreKeyIds(bool lastResort)
{
    LAPIS_TRY_ASSIGN(auto stmt,
                     m_db.prepare("SELECT prekey_id FROM kem_prekeys WHERE last_resort = ? ORDER BY prekey_id"));
    stmt.bindAll(lastResort ? 1 : 0);
    return collectIds(stmt);
}

} // namespace lapis::store
