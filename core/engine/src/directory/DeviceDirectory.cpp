// SPDX-License-Identifier: GPL-3.0-or-later
// Where a message goes: the relay's device list judged against the pinned account key, and
// whether each device is (or will be) reached with PQXDH.
#include <lapis/common/Log.h>
#include <lapis/engine/WireKeys.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/proto/Limits.h>
#include <lapis/protocol/SessionRecord.h>

#include <algorithm>
#include <map>

namespace lapis::engine {

namespace fs = std::filesystem;

Result<Directory> DeviceDirectory::resolve(const AccountId &account, DirectoryUse use)
{
    // A device we hold a session with needs no one-time prekey: taking one anyway, on every send,
    // would use up the pool that other senders' first messages need. A lookup takes none at all.
    std::vector<std::uint32_t> withSession;
    if (m_ctx.identity && use == DirectoryUse::Send) {
        LAPIS_TRY_ASSIGN(
            auto devices,
            m_ctx.store->transact([&](store::Transaction &tx) { return tx.sessions().devicesWithSessions(account); })
                .get());
        for (const auto device : devices)
            if (withSession.size() < proto::limits::MaxEnvelopesPerBatch)
                withSession.push_back(device.value());
        // Nor does this device need its own one-time keys (X25519 and ML-KEM): every send used
        // to take one of each from our own pools.
        if (account == m_ctx.account && withSession.size() < proto::limits::MaxEnvelopesPerBatch
            && std::find(withSession.begin(), withSession.end(), m_ctx.deviceId.value()) == withSession.end())
            withSession.push_back(m_ctx.deviceId.value());
    }
    LAPIS_TRY_ASSIGN(auto fetched,
                     m_ctx.relay->fetchPreKeyBundles(account.value(), withSession, use == DirectoryUse::Lookup));
    Directory directory;
    directory.plaintextOnly = fetched.plaintextOnly;
    std::vector<ListedDevice> listed;
    for (const auto &bundle : fetched.bundles) {
        listed.push_back({DeviceId(bundle.deviceId), bundle.certificate});
        directory.listedDevices.emplace_back(bundle.deviceId);
        directory.bundles.emplace(DeviceId(bundle.deviceId), bundle);
    }
    if (!fetched.accountKey.empty()) {
        LAPIS_TRY_ASSIGN(auto key, crypto::Ed25519PublicKey::fromBytes(fetched.accountKey));
        directory.accountKey = key;
    }

    // Trust on first use, then the pinned key decides; a changed key is held for the user.
    const auto now = m_ctx.nowMs();
    LAPIS_TRY_ASSIGN(auto pinned, m_ctx.store
                                      ->transact([&](store::Transaction &tx) -> Result<std::optional<Bytes>> {
                                          if (account == m_ctx.account) {
                                              const auto own = m_ctx.identity->device().accountKey.bytes();
                                              return std::optional<Bytes>(Bytes(own.begin(), own.end()));
                                          }
                                          LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(account));
                                          if (contact && !contact->pinnedAccountKey.empty())
                                              return std::optional<Bytes>(contact->pinnedAccountKey);
                                          if (!directory.accountKey)
                                              return std::optional<Bytes>();
                                          store::Contact fresh;
                                          fresh.account = account;
                                          fresh.displayName = account.value();
                                          fresh.addedAtMs = now;
                                          const auto k = directory.accountKey->bytes();
                                          fresh.pinnedAccountKey.assign(k.begin(), k.end());
                                          if (contact) {
                                              fresh.displayName = contact->displayName;
                                              fresh.everHadEndToEnd = contact->everHadEndToEnd;
                                          }
                                          LAPIS_TRY(tx.contacts().save(fresh));
                                          return std::optional<Bytes>(fresh.pinnedAccountKey);
                                      })
                                      .get());
    if (pinned && directory.accountKey
        && !std::equal(pinned->begin(), pinned->end(), directory.accountKey->bytes().begin())) {
        (void)m_ctx.store
            ->transact([&](store::Transaction &tx) {
                return tx.contacts().setVerification(account, store::VerificationState::KeyChanged);
            })
            .get();
        return fail(ErrorCode::PermissionDenied, ErrorReason::AccountKeyChanged,
                    "The safety number with " + account.value()
                        + " changed: their account key is not the one you had. Nothing was sent; compare the "
                          "new safety number before you accept it.");
    }
    if (pinned) {
        LAPIS_TRY_ASSIGN(auto key, crypto::Ed25519PublicKey::fromBytes(*pinned));
        directory.selection = selectCertifiedDevices(account, key, listed);
    } else {
        for (const auto &device : listed)
            directory.selection.rejected.push_back({device.device, "the account has no identity key"});
    }
    return directory;
}

Result<SendTargets> DeviceDirectory::targetsFor(const AccountId &to, bool allowPlaintext,
                                                std::vector<RejectedDevice> &ignored, bool withOwnDevices)
{
    LAPIS_TRY_ASSIGN(auto recipient, resolve(to, DirectoryUse::Send));
    LAPIS_TRY_ASSIGN(auto everEndToEnd,
                     m_ctx.store
                         ->transact([&](store::Transaction &tx) -> Result<bool> {
                             LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(to));
                             const bool was = contact && contact->everHadEndToEnd;
                             // Our own account is no contact (a group's
                             // traffic to our other devices comes here).
                             if (!recipient.selection.accepted.empty() && !was && !(to == m_ctx.account))
                                 LAPIS_TRY(tx.contacts().markEndToEnd(to));
                             // A pinned account key makes the contact end to
                             // end for the guard, however it got pinned.
                             return was || (contact && !contact->pinnedAccountKey.empty()) || to == m_ctx.account;
                         })
                         .get());
    SendTargets targets;
    targets.route = chooseRoute(everEndToEnd, recipient.selection.accepted.size(), allowPlaintext);
    ignored = recipient.selection.rejected;
    for (const auto &rejected : ignored)
        qCWarning(lcEngine) << "Not encrypting to device" << rejected.device.value() << ":" << rejected.reason.c_str();
    if (targets.route == Route::EndToEnd) {
        if (!recipient.accountKey)
            return fail(ErrorCode::Corrupt, "The relay sent no account key for " + to.value()
                                                + ", whose key is pinned here. Nothing was sent; try again later.");
        for (const auto &cert : recipient.selection.accepted) {
            targets.recipientDevices.push_back(cert.device.device);
            LAPIS_TRY_ASSIGN(auto bundle,
                             bundleFromRelay(*recipient.accountKey, recipient.bundles.at(cert.device.device)));
            targets.bundles.emplace(cert.device, std::move(bundle));
        }
    } else if (targets.route == Route::Plaintext) {
        targets.recipientDevices = recipient.listedDevices;
    }
    if (m_ctx.identity && !(to == m_ctx.account) && withOwnDevices) {
        LAPIS_TRY_ASSIGN(auto own, resolve(m_ctx.account, DirectoryUse::Send));
        for (const auto &cert : own.selection.accepted) {
            if (cert.device.device == m_ctx.identity->address().device)
                continue;
            targets.ownOtherDevices.push_back(cert.device.device);
            LAPIS_TRY_ASSIGN(auto bundle,
                             bundleFromRelay(m_ctx.identity->device().accountKey, own.bundles.at(cert.device.device)));
            targets.bundles.emplace(cert.device, std::move(bundle));
        }
    }
    return targets;
}

Result<SendTargets> DeviceDirectory::sendTargets(const AccountId &to, bool allowPlaintext,
                                                 std::vector<RejectedDevice> &ignored)
{
    SendTargets targets;
    if (m_ctx.plaintextOnly) {
        // A plaintext-only account has no keys to encrypt with.
        LAPIS_TRY_ASSIGN(auto recipient, resolve(to, DirectoryUse::Send));
        targets.route = Route::Plaintext;
        targets.recipientDevices = recipient.listedDevices;
    } else {
        LAPIS_TRY_ASSIGN(targets, targetsFor(to, allowPlaintext, ignored));
    }
    if (targets.route == Route::DowngradeRefused)
        return fail(ErrorCode::PermissionDenied, ErrorReason::DowngradeRefused, downgradeRefusal(to));
    // An account with no device at all (the operator reset it): plaintext goes to its
    // mailbox, device 0, which the relay hands to the account's next device.
    if (targets.route == Route::Plaintext && targets.recipientDevices.empty())
        targets.recipientDevices.emplace_back(0U);
    return targets;
}

bool DeviceDirectory::reachedWithPqxdh(const std::map<DeviceId, bool> &sessions, DeviceId device,
                                       const std::optional<transport::KemPreKey> &offered)
{
    // Without a session the next one is PQXDH exactly when the bundle offers an ML-KEM prekey: a
    // bundle stripped of one fails to verify (PROTOCOL.md §3), so "classical" is never a downgrade.
    const auto session = sessions.find(device);
    return session != sessions.end() ? session->second : offered.has_value();
}

Result<std::map<DeviceId, bool>> DeviceDirectory::postQuantumSessions(const AccountId &account)
{
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<std::map<DeviceId, bool>> {
            std::map<DeviceId, bool> out;
            LAPIS_TRY_ASSIGN(const auto devices, tx.sessions().devicesWithSessions(account));
            for (const auto device : devices) {
                LAPIS_TRY_ASSIGN(const auto bytes, tx.sessions().load(account, device));
                if (!bytes)
                    continue;
                LAPIS_TRY_ASSIGN(const auto record, protocol::SessionRecord::deserialize(bytes->view()));
                if (record.hasCurrent())
                    out.emplace(device, record.current().postQuantum);
            }
            return out;
        })
        .get();
}

} // namespace lapis::engine
