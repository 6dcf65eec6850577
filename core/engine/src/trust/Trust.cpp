// SPDX-License-Identifier: GPL-3.0-or-later
// Trust in a contact: what the header and banners say, safety numbers, verification, and
// accepting a changed account key.
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/trust/Trust.h>
#include <lapis/protocol/SafetyNumber.h>
#include <lapis/protocol/SessionBuilder.h>

#include <algorithm>
#include <optional>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<ContactTrust> Trust::contactTrust(const AccountId &peer, bool askRelay)
{
    auto stored = [&]() {
        return m_ctx.store
            ->transact([&](store::Transaction &tx) -> Result<std::optional<store::Contact>> {
                return tx.contacts().find(peer);
            })
            .get();
    };
    ContactTrust trust;
    std::optional<Directory> directory;
    if (askRelay && m_ctx.relay && m_ctx.hasAccount() && !m_ctx.plaintextOnly) {
        auto resolved = m_directory.resolve(peer, DirectoryUse::Lookup);
        if (resolved.ok()) {
            trust.relayAnswered = true;
            trust.certifiedDevices = resolved.value().selection.accepted.size();
            directory = std::move(resolved).value();
        } else if (resolved.error().code == ErrorCode::PermissionDenied) {
            trust.relayAnswered = true; // the changed key, recorded by m_directory.resolve() in the contact
        }
    }
    LAPIS_TRY_ASSIGN(auto contact, stored());
    if (contact) {
        trust.everHadEndToEnd = contact->everHadEndToEnd || !contact->pinnedAccountKey.empty();
        trust.verified = contact->verification == store::VerificationState::Verified;
        trust.keyChanged = contact->verification == store::VerificationState::KeyChanged;
    }
    if (m_ctx.identity) {
        LAPIS_TRY_ASSIGN(const auto sessions, m_directory.postQuantumSessions(peer));
        if (directory) {
            // The devices a message goes to now: sessions with devices the account no longer
            // certifies say nothing, and a device without a session is reached as its bundle says.
            const auto &accepted = directory->selection.accepted;
            trust.postQuantum = !accepted.empty() && std::all_of(accepted.begin(), accepted.end(), [&](const auto &c) {
                const auto bundle = directory->bundles.find(c.device.device);
                return DeviceDirectory::reachedWithPqxdh(sessions, c.device.device,
                                                         bundle != directory->bundles.end()
                                                             ? bundle->second.kemPreKey
                                                             : std::optional<transport::KemPreKey>());
            });
        } else {
            trust.postQuantum = !sessions.empty() && std::all_of(sessions.begin(), sessions.end(), [](const auto &s) {
                return s.second;
            });
        }
    }
    if (trust.relayAnswered) {
        trust.endToEnd = !trust.keyChanged && trust.certifiedDevices > 0 && !m_ctx.plaintextOnly;
        trust.downgraded = !trust.keyChanged && trust.everHadEndToEnd && trust.certifiedDevices == 0;
    } else {
        trust.endToEnd = trust.everHadEndToEnd && !m_ctx.plaintextOnly;
    }
    return trust;
}

Result<void> Trust::markVerified(const AccountId &peer)
{
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<void> {
            LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(peer));
            if (!contact || contact->pinnedAccountKey.empty())
                return fail(ErrorCode::NotFound, peer.value() + " has no end-to-end identity to verify");
            if (contact->verification == store::VerificationState::KeyChanged)
                return fail(ErrorCode::PermissionDenied, ErrorReason::AccountKeyChanged,
                            "The safety number with " + peer.value() + " changed: accept the new key first");
            return tx.contacts().setVerification(peer, store::VerificationState::Verified);
        })
        .get();
}

Result<std::string> Trust::safetyNumber(const AccountId &peer)
{
    if (!m_ctx.identity)
        return fail(ErrorCode::Unsupported, "A plaintext-only account has no safety numbers");
    auto pinned = [&]() {
        return m_ctx.store
            ->transact([&](store::Transaction &tx) -> Result<std::optional<Bytes>> {
                LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(peer));
                if (!contact || contact->pinnedAccountKey.empty())
                    return std::optional<Bytes>();
                return std::optional(contact->pinnedAccountKey);
            })
            .get();
    };
    LAPIS_TRY_ASSIGN(auto key, pinned());
    if (!key) {
        LAPIS_TRY(m_directory.resolve(peer, DirectoryUse::Lookup)); // pins the key on first contact
        LAPIS_TRY_ASSIGN(key, pinned());
        if (!key)
            return fail(ErrorCode::NotFound, peer.value() + " has no end-to-end identity");
    }
    LAPIS_TRY_ASSIGN(auto theirs, crypto::Ed25519PublicKey::fromBytes(*key));
    return protocol::SafetyNumber::compute(m_ctx.account, m_ctx.identity->device().accountKey, peer, theirs)
        .displayString();
}

Result<std::string> Trust::acceptNewAccountKey(const AccountId &peer)
{
    if (!m_ctx.identity)
        return fail(ErrorCode::Unsupported, "A plaintext-only account has no safety numbers");
    if (peer == m_ctx.account)
        return fail(ErrorCode::InvalidArgument, "Your own account key cannot be replaced from here");
    LAPIS_TRY_ASSIGN(auto fetched, m_ctx.relay->fetchPreKeyBundles(peer.value(), {}, true));
    LAPIS_TRY_ASSIGN(auto key, crypto::Ed25519PublicKey::fromBytes(fetched.accountKey));
    const auto now = m_ctx.nowMs();
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      ProtocolStores stores(tx, m_ctx.account, m_ctx.identity->device().accountKey, now);
                      LAPIS_TRY(protocol::acceptAccountKey(stores, peer, key));
                      if (stores.readError())
                          return *stores.readError();
                      // Sessions made under the old key end here; the next message starts anew.
                      return tx.sessions().removeAll(peer);
                  })
                  .get());
    return protocol::SafetyNumber::compute(m_ctx.account, m_ctx.identity->device().accountKey, peer, key)
        .displayString();
}

} // namespace lapis::engine
