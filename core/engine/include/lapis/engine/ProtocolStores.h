// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/protocol/Stores.h>
#include <lapis/store/Transaction.h>

#include <cstdint>
#include <map>

namespace lapis::engine {

/// core/protocol's storage interfaces over one open store transaction, so that decrypting a
/// message, consuming its one-time prekey, saving the new session state and recording the message
/// all commit together (or not at all). Live only inside a Store::transact body.
///
/// Session states are kept in the transaction (store::TransactionState) and written once, before
/// it commits, however many messages of a batch advanced them.
///
/// The protocol's loads cannot report errors; a store error there is logged and read as
/// "absent", which the protocol turns into a refusal (no session, unknown prekey), never into a
/// wrong result.
class ProtocolStores final : public protocol::IdentityStore,
                             public protocol::SessionStore,
                             public protocol::PreKeyStore,
                             public protocol::SignedPreKeyStore,
                             public protocol::KemPreKeyStore {
public:
    /// `ownAccount` and `ownAccountKey`: our own account's identity, answered without a contact row.
    ProtocolStores(store::Transaction &tx, AccountId ownAccount, crypto::Ed25519PublicKey ownAccountKey,
                   std::int64_t nowMs);

    // IdentityStore
    [[nodiscard]] std::optional<crypto::Ed25519PublicKey> pinnedAccountKey(const AccountId &account) const override;
    Result<void> pinAccountKey(const AccountId &account, const crypto::Ed25519PublicKey &key) override;

    // SessionStore
    [[nodiscard]] std::optional<protocol::SessionRecord> loadSession(const protocol::Address &address) const override;
    Result<void> storeSession(const protocol::Address &address, const protocol::SessionRecord &record) override;
    [[nodiscard]] bool hasCurrentSession(const protocol::Address &address) const override;
    Result<void> storeSessionMoved(const protocol::Address &address, protocol::SessionRecord &&record) override;
    Result<void> deleteSession(const protocol::Address &address) override;
    [[nodiscard]] std::vector<DeviceId> subDevices(const AccountId &account) const override;

    // PreKeyStore
    [[nodiscard]] std::optional<protocol::OneTimePreKeyRecord> loadPreKey(PreKeyId id) const override;
    Result<void> storePreKey(const protocol::OneTimePreKeyRecord &record) override;
    Result<void> removePreKey(PreKeyId id) override;
    [[nodiscard]] std::vector<PreKeyId> preKeyIds() const override;

    // SignedPreKeyStore
    [[nodiscard]] std::optional<protocol::SignedPreKeyRecord> loadSignedPreKey(PreKeyId id) const override;
    Result<void> storeSignedPreKey(const protocol::SignedPreKeyRecord &record) override;
    Result<void> removeSignedPreKey(PreKeyId id) override;
    [[nodiscard]] std::vector<protocol::SignedPreKeyRecord> allSignedPreKeys() const override;

    // KemPreKeyStore. A one-time key is removed in this transaction, so
    // with the one-time X25519 prekey and the session it made, or not at all.
    [[nodiscard]] std::optional<protocol::KemPreKeyRecord> loadKemPreKey(PreKeyId id) const override;
    Result<void> storeKemPreKey(const protocol::KemPreKeyRecord &record) override;
    Result<void> removeKemPreKey(PreKeyId id) override;
    [[nodiscard]] std::vector<PreKeyId> oneTimeKemPreKeyIds() const override;
    [[nodiscard]] std::vector<protocol::KemPreKeyRecord> lastResortKemPreKeys() const override;
    /// Reads ids only (no secret): a store error counts as "has keys", the refusing answer.
    [[nodiscard]] bool hasKemPreKeys() const override;

    /// The first store read that failed since this object was made, if any. The protocol's store
    /// interfaces answer "nothing stored" for such a read; the caller must turn this into an error
    /// (and roll back) instead of acting on that answer. Nothing is pinned anew after one.
    [[nodiscard]] const std::optional<Error> &readError() const { return m_readError; }

private:
    template<typename T>
    std::optional<T> valueOrRecord(Result<std::optional<T>> r, const char *what) const;

    store::Transaction &m_tx;
    AccountId m_ownAccount;
    crypto::Ed25519PublicKey m_ownAccountKey;
    std::int64_t m_nowMs;
    mutable std::optional<Error> m_readError;
};

/// The stored forms of prekey records (secret halves included: they live only in the encrypted
/// store). Version byte first so that the format can change.
WipedBytes encodeSignedPreKey(const protocol::SignedPreKeyRecord &record);
Result<protocol::SignedPreKeyRecord> decodeSignedPreKey(PreKeyId id, ByteView bytes);
WipedBytes encodeOneTimePreKey(const protocol::OneTimePreKeyRecord &record);
Result<protocol::OneTimePreKeyRecord> decodeOneTimePreKey(PreKeyId id, ByteView bytes);
WipedBytes encodeKemPreKey(const protocol::KemPreKeyRecord &record);
Result<protocol::KemPreKeyRecord> decodeKemPreKey(PreKeyId id, ByteView bytes);

} // namespace lapis::engine
