// SPDX-License-Identifier: GPL-3.0-or-later
// ProtocolStores, continued: this device's ML-KEM-768 prekeys (PQXDH) in the store's kem_prekeys.
#include <lapis/common/Log.h>
#include <lapis/crypto/Kem.h>
#include <lapis/engine/ProtocolStores.h>

#include <cstring>

namespace lapis::engine {

namespace {
constexpr std::uint8_t KemRecordVersion = 1;
constexpr std::size_t KemRecordHeader = 1 + 1 + 8 + 64;
constexpr std::size_t KemRecordSize = KemRecordHeader + crypto::Kem::PublicKeyBytes + crypto::Kem::SecretKeyBytes;
} // namespace

WipedBytes encodeKemPreKey(const protocol::KemPreKeyRecord &record)
{
    // version(1) ‖ last resort(1) ‖ created at, seconds (u64 BE) ‖ signature(64) ‖
    // encapsulation key(1184) ‖ decapsulation key(2400)
    WipedBytes out(KemRecordSize);
    auto *p = out.data();
    p[0] = KemRecordVersion;
    p[1] = record.lastResort ? 1 : 0;
    const auto created = static_cast<std::uint64_t>(record.createdAt);
    for (int i = 0; i < 8; ++i)
        p[2 + i] = static_cast<std::uint8_t>(created >> ((7 - i) * 8));
    std::memcpy(p + 10, record.signedKey.signature.data(), 64);
    std::memcpy(p + KemRecordHeader, record.signedKey.publicKey.data(), crypto::Kem::PublicKeyBytes);
    std::memcpy(p + KemRecordHeader + crypto::Kem::PublicKeyBytes, record.secretKey.data(),
                crypto::Kem::SecretKeyBytes);
    return out;
}

Result<protocol::KemPreKeyRecord> decodeKemPreKey(PreKeyId id, ByteView bytes)
{
    if (bytes.size() != KemRecordSize || bytes[0] != KemRecordVersion || bytes[1] > 1)
        return fail(ErrorCode::Corrupt, "A stored ML-KEM prekey is damaged");
    protocol::KemPreKeyRecord record;
    record.signedKey.id = id;
    record.signedKey.publicKey.assign(bytes.begin() + KemRecordHeader,
                                      bytes.begin() + KemRecordHeader + crypto::Kem::PublicKeyBytes);
    std::memcpy(record.signedKey.signature.data(), bytes.data() + 10, 64);
    record.secretKey = SecureBytes::copyOf(bytes.subspan(KemRecordHeader + crypto::Kem::PublicKeyBytes));
    record.lastResort = bytes[1] == 1;
    std::uint64_t created = 0;
    for (std::size_t i = 0; i < 8; ++i)
        created = (created << 8) | bytes[2 + i];
    record.createdAt = static_cast<std::int64_t>(created);
    return record;
}

std::optional<protocol::KemPreKeyRecord> ProtocolStores::loadKemPreKey(PreKeyId id) const
{
    auto bytes = m_tx.preKeys().loadKemPreKey(id);
    if (!bytes.ok()) {
        qCWarning(lcEngine) << "Store error reading an ML-KEM prekey:" << bytes.error().message.c_str();
        if (!m_readError)
            m_readError = bytes.error().withContext("Reading an ML-KEM prekey from the store failed");
        return std::nullopt;
    }
    if (!*bytes)
        return std::nullopt;
    auto record = decodeKemPreKey(id, (*bytes)->view());
    if (!record.ok()) {
        if (!m_readError)
            m_readError = record.error();
        return std::nullopt;
    }
    return std::move(record).value();
}

Result<void> ProtocolStores::storeKemPreKey(const protocol::KemPreKeyRecord &record)
{
    const auto bytes = encodeKemPreKey(record);
    return m_tx.preKeys().saveKemPreKey(record.id(), bytes.view(), record.lastResort, record.createdAt * 1000);
}

Result<void> ProtocolStores::removeKemPreKey(PreKeyId id)
{
    LAPIS_TRY(m_tx.preKeys().removeKemPreKey(id));
    return {};
}

std::vector<PreKeyId> ProtocolStores::oneTimeKemPreKeyIds() const
{
    auto ids = m_tx.preKeys().kemPreKeyIds(false);
    if (!ids.ok() && !m_readError)
        m_readError = ids.error().withContext("Reading the ML-KEM prekey ids failed");
    return ids.ok() ? std::move(ids).value() : std::vector<PreKeyId>{};
}

std::vector<protocol::KemPreKeyRecord> ProtocolStores::lastResortKemPreKeys() const
{
    std::vector<protocol::KemPreKeyRecord> out;
    auto ids = m_tx.preKeys().kemPreKeyIds(true);
    if (!ids.ok()) {
        if (!m_readError)
            m_readError = ids.error().withContext("Reading the ML-KEM prekey ids failed");
        return out;
    }
    for (const auto id : *ids)
        if (auto record = loadKemPreKey(id))
            out.push_back(std::move(*record));
    return out;
}

bool ProtocolStores::hasKemPreKeys() const
{
    auto ids = m_tx.preKeys().kemPreKeyIds(true);
    if (!ids.ok()) {
        if (!m_readError)
            m_readError = ids.error().withContext("Reading the ML-KEM prekey ids failed");
        return true; // the stricter answer: a classical prekey message is refused
    }
    return !ids->empty();
}

} // namespace lapis::engine
