// SPDX-License-Identifier: GPL-3.0-or-later
// This device's prekeys on the relay: published at registration, rotated and topped up later.
#include <lapis/common/Log.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/WireKeys.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/protocol/KemPreKeyManager.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/PreKeyManager.h>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {

std::vector<transport::OneTimePreKey> oneTimeForRelay(const std::vector<protocol::OneTimePreKeyRecord> &records)
{
    std::vector<transport::OneTimePreKey> out;
    for (const auto &record : records) {
        const auto pub = record.keyPair.publicKey().bytes();
        out.push_back({record.id.value(), Bytes(pub.begin(), pub.end())});
    }
    return out;
}

void addKemOneTime(transport::KemPreKeyUpload &upload, const std::vector<protocol::KemPreKeyRecord> &records)
{
    for (const auto &record : records)
        upload.oneTime.push_back(kemPreKeyForRelay(record));
}

} // namespace

Result<void> KeyMaintenance::publishKeys()
{
    const auto now = m_ctx.nowMs();
    struct Fresh {
        protocol::SignedPreKeyRecord signedPreKey;
        std::vector<protocol::OneTimePreKeyRecord> oneTime;
        transport::KemPreKeyUpload kem;
    };
    // Every device publishes ML-KEM prekeys (PQXDH), and its signed prekey is signed saying so:
    // a bundle stripped of its ML-KEM prekey then fails at the initiator (PROTOCOL.md §3).
    LAPIS_TRY_ASSIGN(auto fresh,
                     m_ctx.store
                         ->transact([&](store::Transaction &tx) -> Result<Fresh> {
                             ProtocolStores stores(tx, m_ctx.account, m_ctx.identity->device().accountKey, now);
                             protocol::PreKeyManager manager(m_ctx.identity->device().keys, stores, stores, m_ctx.rng);
                             protocol::KemPreKeyManager kemManager(m_ctx.identity->device().keys, stores, m_ctx.rng);
                             Fresh f;
                             LAPIS_TRY_ASSIGN(f.signedPreKey, manager.rotateSignedPreKey(now / 1000, true));
                             LAPIS_TRY_ASSIGN(f.oneTime, manager.replenishOneTimePreKeys());
                             LAPIS_TRY_ASSIGN(auto lastResort, kemManager.rotateLastResortKey(now / 1000));
                             f.kem.lastResort = kemPreKeyForRelay(lastResort);
                             LAPIS_TRY_ASSIGN(auto kemOneTime, kemManager.replenishOneTimeKeys(now / 1000));
                             addKemOneTime(f.kem, kemOneTime);
                             if (stores.readError())
                                 return *stores.readError();
                             return f;
                         })
                         .get());
    const auto accountKey = m_ctx.identity->device().accountKey.bytes();
    return m_ctx.relay->publishKeys(
        Bytes(accountKey.begin(), accountKey.end()), m_ctx.identity->device().certificate.serialize(),
        encodeSignedPreKeyForRelay(fresh.signedPreKey), oneTimeForRelay(fresh.oneTime), fresh.kem);
}

Result<void> KeyMaintenance::maintainKeys()
{
    if (!m_ctx.identity)
        return {};
    LAPIS_TRY_ASSIGN(const auto onRelay, m_ctx.relay->preKeyCounts());
    const auto now = m_ctx.nowMs();
    struct Changes {
        std::optional<protocol::SignedPreKeyRecord> signedPreKey;
        std::vector<protocol::OneTimePreKeyRecord> oneTime;
        transport::KemPreKeyUpload kem;
    };
    LAPIS_TRY_ASSIGN(auto changes,
                     m_ctx.store
                         ->transact([&](store::Transaction &tx) -> Result<Changes> {
                             Changes c;
                             ProtocolStores stores(tx, m_ctx.account, m_ctx.identity->device().accountKey, now);
                             protocol::PreKeyManager manager(m_ctx.identity->device().keys, stores, stores, m_ctx.rng);
                             protocol::KemPreKeyManager kemManager(m_ctx.identity->device().keys, stores, m_ctx.rng);
                             // A profile from before ML-KEM (store schema 9) gets its first ML-KEM keys here, and a
                             // signed prekey signed anew to say it has them.
                             LAPIS_TRY_ASSIGN(auto current, manager.rotateSignedPreKey(now / 1000, true));
                             if (current.createdAt >= now / 1000 - 1)
                                 c.signedPreKey = std::move(current); // just made: the relay needs it
                             LAPIS_TRY_ASSIGN(auto lastResort, kemManager.rotateLastResortKey(now / 1000));
                             // The signed prekey that says "with ML-KEM" goes out only together with an ML-KEM
                             // key, in one request the relay stores in one transaction.
                             if (c.signedPreKey || !onRelay.kemLastResort || lastResort.createdAt >= now / 1000 - 1)
                                 c.kem.lastResort = kemPreKeyForRelay(lastResort);
                             // The relay's pools are what senders draw from; keys handed out but never used stay
                             // in ours until they expire with the store's pruning.
                             if (onRelay.oneTime < protocol::OneTimePreKeyLow) {
                                 LAPIS_TRY_ASSIGN(c.oneTime, manager.makeOneTimePreKeys(static_cast<std::size_t>(
                                                                 protocol::OneTimePreKeyTarget - onRelay.oneTime)));
                             }
                             if (onRelay.kemOneTime < protocol::OneTimePreKeyLow) {
                                 LAPIS_TRY_ASSIGN(auto kemOneTime,
                                                  kemManager.makeOneTimeKeys(
                                                      protocol::OneTimePreKeyTarget - onRelay.kemOneTime, now / 1000));
                                 addKemOneTime(c.kem, kemOneTime);
                             }
                             if (stores.readError())
                                 return *stores.readError();
                             return c;
                         })
                         .get());
    if (!changes.signedPreKey && changes.oneTime.empty() && !changes.kem.lastResort && changes.kem.oneTime.empty())
        return {};
    qCInfo(lcEngine) << "Publishing" << changes.oneTime.size() << "one-time prekeys," << changes.kem.oneTime.size()
                     << "one-time ML-KEM prekeys" << (changes.signedPreKey ? "and a new signed prekey" : "")
                     << (changes.kem.lastResort ? "and the last-resort ML-KEM prekey" : "");
    return m_ctx.relay->publishKeys({}, {},
                                    changes.signedPreKey ? encodeSignedPreKeyForRelay(*changes.signedPreKey) : Bytes{},
                                    oneTimeForRelay(changes.oneTime), changes.kem);
}

} // namespace lapis::engine
