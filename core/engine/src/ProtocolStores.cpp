// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Log.h>
#include <lapis/engine/ProtocolStores.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace lapis::engine {

namespace {
constexpr std::uint8_t RecordVersion = 1;

void appendU64(WipedBytes &out, std::size_t at, std::uint64_t v)
{
    for (int i = 7; i >= 0; --i)
        out.data()[at + static_cast<std::size_t>(7 - i)] = static_cast<std::uint8_t>(v >> (i * 8));
}

std::uint64_t readU64(ByteView in)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i)
        v = (v << 8) | in[i];
    return v;
}

/// The session states one transaction has read or changed. Every message of a batch advances the
/// same session; it is parsed once, changed in memory, and serialised and written once, just
/// before the commit. The transaction owns it, so a rollback takes it along.
class SessionWriteBack final : public store::TransactionState {
public:
    struct Entry {
        protocol::SessionRecord record;
        bool changed = false;
        std::int64_t changedAtMs = 0;
    };

    Result<void> writeBack(store::Transaction &tx) override
    {
        for (auto &[address, entry] : sessions) {
            if (!entry.changed)
                continue;
            const auto bytes = entry.record.serialize();
            LAPIS_TRY(tx.sessions().save(address.account, address.device, bytes.view(), entry.changedAtMs));
            entry.changed = false;
        }
        return {};
    }

    std::map<protocol::Address, Entry> sessions;
};
} // namespace

template<typename T>
std::optional<T> ProtocolStores::valueOrRecord(Result<std::optional<T>> r, const char *what) const
{
    if (!r.ok()) {
        qCWarning(lcEngine) << "Store error reading" << what << ":" << r.error().message.c_str();
        if (!m_readError)
            m_readError = r.error().withContext(std::string("Reading ") + what + " from the store failed");
        return std::nullopt;
    }
    return std::move(r).value();
}

ProtocolStores::ProtocolStores(store::Transaction &tx, AccountId ownAccount, crypto::Ed25519PublicKey ownAccountKey,
                               std::int64_t nowMs)
    : m_tx(tx)
    , m_ownAccount(std::move(ownAccount))
    , m_ownAccountKey(ownAccountKey)
    , m_nowMs(nowMs)
{}

std::optional<crypto::Ed25519PublicKey> ProtocolStores::pinnedAccountKey(const AccountId &account) const
{
    if (account == m_ownAccount)
        return m_ownAccountKey;
    auto contact = valueOrRecord(m_tx.contacts().find(account), "a contact");
    if (!contact || contact->pinnedAccountKey.empty())
        return std::nullopt;
    auto key = crypto::Ed25519PublicKey::fromBytes(contact->pinnedAccountKey);
    if (!key.ok()) {
        // A damaged pinned key is not "nothing pinned": that would let any key be pinned over it.
        if (!m_readError)
            m_readError = Error{ErrorCode::Corrupt, "The account key pinned for " + account.value() + " is damaged"};
        return std::nullopt;
    }
    return *key;
}

Result<void> ProtocolStores::pinAccountKey(const AccountId &account, const crypto::Ed25519PublicKey &key)
{
    if (account == m_ownAccount)
        return fail(ErrorCode::PermissionDenied, "Our own account key is never re-pinned from a message");
    if (m_readError)
        return *m_readError; // what is pinned could not be read: pinning now could replace it
    LAPIS_TRY_ASSIGN(auto existing, m_tx.contacts().find(account));
    store::Contact contact;
    if (existing) {
        contact = std::move(*existing);
        contact.devices.clear(); // save() keeps the stored devices when none are given
    } else {
        contact.account = account;
        contact.displayName = account.value();
        contact.addedAtMs = m_nowMs;
    }
    contact.pinnedAccountKey.assign(key.bytes().begin(), key.bytes().end());
    // A new key is not verified, whatever the old one was.
    contact.verification = store::VerificationState::Unverified;
    return m_tx.contacts().save(contact);
}

std::optional<protocol::SessionRecord> ProtocolStores::loadSession(const protocol::Address &address) const
{
    // Looked up anew each time: a failed savepoint drops the transaction's states.
    auto &sessions = m_tx.state<SessionWriteBack>().sessions;
    if (const auto cached = sessions.find(address); cached != sessions.end())
        return cached->second.record;
    auto bytes = valueOrRecord(m_tx.sessions().load(address.account, address.device), "a session");
    if (!bytes)
        return std::nullopt;
    auto record = protocol::SessionRecord::deserialize(bytes->view());
    if (!record.ok()) {
        qCWarning(lcEngine) << "A stored session could not be read:" << record.error().message.c_str();
        if (!m_readError)
            m_readError = record.error().withContext("A stored session could not be read");
        return std::nullopt;
    }
    sessions.insert_or_assign(address, SessionWriteBack::Entry{*record, false, 0});
    return std::move(record).value();
}

Result<void> ProtocolStores::storeSession(const protocol::Address &address, const protocol::SessionRecord &record)
{
    m_tx.state<SessionWriteBack>().sessions.insert_or_assign(address, SessionWriteBack::Entry{record, true, m_nowMs});
    return {};
}

bool ProtocolStores::hasCurrentSession(const protocol::Address &address) const
{
    const auto &sessions = m_tx.state<SessionWriteBack>().sessions;
    if (const auto cached = sessions.find(address); cached != sessions.end())
        return cached->second.record.hasCurrent();
    const auto loaded = loadSession(address); // and keeps it for the encryption that follows
    return loaded && loaded->hasCurrent();
}

Result<void> ProtocolStores::storeSessionMoved(const protocol::Address &address, protocol::SessionRecord &&record)
{
    m_tx.state<SessionWriteBack>().sessions.insert_or_assign(address,
                                                             SessionWriteBack::Entry{std::move(record), true, m_nowMs});
    return {};
}

Result<void> ProtocolStores::deleteSession(const protocol::Address &address)
{
    m_tx.state<SessionWriteBack>().sessions.erase(address);
    return m_tx.sessions().remove(address.account, address.device);
}

std::vector<DeviceId> ProtocolStores::subDevices(const AccountId &account) const
{
    auto stored = m_tx.sessions().devicesWithSessions(account);
    if (!stored.ok() && !m_readError)
        m_readError = stored.error().withContext("Reading the devices with sessions failed");
    std::vector<DeviceId> devices = stored.ok() ? std::move(stored).value() : std::vector<DeviceId>{};
    // Sessions made in this transaction are not written yet.
    for (const auto &[address, entry] : m_tx.state<SessionWriteBack>().sessions)
        if (address.account == account && std::find(devices.begin(), devices.end(), address.device) == devices.end())
            devices.push_back(address.device);
    std::sort(devices.begin(), devices.end());
    return devices;
}

std::optional<protocol::OneTimePreKeyRecord> ProtocolStores::loadPreKey(PreKeyId id) const
{
    auto bytes = valueOrRecord(m_tx.preKeys().loadOneTimePreKey(id), "a one-time prekey");
    if (!bytes)
        return std::nullopt;
    auto record = decodeOneTimePreKey(id, bytes->view());
    return record.ok() ? std::optional(std::move(record).value()) : std::nullopt;
}

Result<void> ProtocolStores::storePreKey(const protocol::OneTimePreKeyRecord &record)
{
    const auto bytes = encodeOneTimePreKey(record);
    return m_tx.preKeys().saveOneTimePreKeys({{record.id, bytes.view()}});
}

Result<void> ProtocolStores::removePreKey(PreKeyId id)
{
    LAPIS_TRY(m_tx.preKeys().consumeOneTimePreKey(id));
    return {};
}

std::vector<PreKeyId> ProtocolStores::preKeyIds() const
{
    auto ids = m_tx.preKeys().oneTimePreKeyIds();
    if (!ids.ok() && !m_readError)
        m_readError = ids.error().withContext("Reading the one-time prekeys failed");
    return ids.ok() ? std::move(ids).value() : std::vector<PreKeyId>{};
}

std::optional<protocol::SignedPreKeyRecord> ProtocolStores::loadSignedPreKey(PreKeyId id) const
{
    auto bytes = valueOrRecord(m_tx.preKeys().loadSignedPreKey(id), "a signed prekey");
    if (!bytes)
        return std::nullopt;
    auto record = decodeSignedPreKey(id, bytes->view());
    return record.ok() ? std::optional(std::move(record).value()) : std::nullopt;
}

Result<void> ProtocolStores::storeSignedPreKey(const protocol::SignedPreKeyRecord &record)
{
    const auto bytes = encodeSignedPreKey(record);
    return m_tx.preKeys().saveSignedPreKey(record.id, bytes.view(), record.createdAt * 1000);
}

Result<void> ProtocolStores::removeSignedPreKey(PreKeyId id)
{
    return m_tx.preKeys().removeSignedPreKey(id);
}

std::vector<protocol::SignedPreKeyRecord> ProtocolStores::allSignedPreKeys() const
{
    std::vector<protocol::SignedPreKeyRecord> out;
    auto ids = m_tx.preKeys().signedPreKeyIds();
    if (!ids.ok()) {
        if (!m_readError)
            m_readError = ids.error().withContext("Reading the signed prekeys failed");
        return out;
    }
    for (const auto id : *ids)
        if (auto record = loadSignedPreKey(id))
            out.push_back(std::move(*record));
    return out;
}

WipedBytes encodeSignedPreKey(const protocol::SignedPreKeyRecord &record)
{
    // version(1) ‖ X25519 secret(32) ‖ signature(64) ‖ created at, seconds (u64 BE)
    WipedBytes out(1 + 32 + 64 + 8);
    out.data()[0] = RecordVersion;
    std::memcpy(out.data() + 1, record.keyPair.secretKey().data(), 32);
    std::memcpy(out.data() + 33, record.signature.data(), 64);
    appendU64(out, 97, static_cast<std::uint64_t>(record.createdAt));
    return out;
}

Result<protocol::SignedPreKeyRecord> decodeSignedPreKey(PreKeyId id, ByteView bytes)
{
    if (bytes.size() != 105 || bytes[0] != RecordVersion)
        return fail(ErrorCode::Corrupt, "A stored signed prekey is damaged");
    LAPIS_TRY_ASSIGN(auto pair, crypto::X25519KeyPair::fromSecret(bytes.subspan(1, 32)));
    protocol::SignedPreKeyRecord record{id, std::move(pair), {}, static_cast<std::int64_t>(readU64(bytes.subspan(97)))};
    std::memcpy(record.signature.data(), bytes.data() + 33, 64);
    return record;
}

WipedBytes encodeOneTimePreKey(const protocol::OneTimePreKeyRecord &record)
{
    WipedBytes out(1 + 32);
    out.data()[0] = RecordVersion;
    std::memcpy(out.data() + 1, record.keyPair.secretKey().data(), 32);
    return out;
}

Result<protocol::OneTimePreKeyRecord> decodeOneTimePreKey(PreKeyId id, ByteView bytes)
{
    if (bytes.size() != 33 || bytes[0] != RecordVersion)
        return fail(ErrorCode::Corrupt, "A stored one-time prekey is damaged");
    LAPIS_TRY_ASSIGN(auto pair, crypto::X25519KeyPair::fromSecret(bytes.subspan(1, 32)));
    return protocol::OneTimePreKeyRecord{id, std::move(pair)};
}

} // namespace lapis::engine
