// SPDX-License-Identifier: GPL-3.0-or-later
// RelayRules, continued: keys, mailboxes, link tokens, attachments and expiry.
#include "RelayRules.h"

#include <lapis/proto/Limits.h>

#include <algorithm>
#include <optional>
#include <set>

namespace lapis::relay {

using namespace rules;

namespace {

// A decided or expired sign-in is kept a day, so a late code gets a clear answer.
constexpr std::int64_t SignInKeptMs = 86'400'000;

Result<void> storeKemPreKeys(StoreTx &tx, const std::string &username, std::uint32_t deviceId,
                             const KemPreKeyUpload &kem)
{
    if (kem.lastResort) {
        // One last-resort key per device: the new one replaces it (the device keeps the old
        // secret for its grace period, for messages already on their way).
        LAPIS_TRY(tx.dropKemLastResort(username, deviceId));
    }
    if (!kem.oneTime.empty()) {
        LAPIS_TRY_ASSIGN(auto counts, tx.preKeyCounts(username, deviceId));
        if (counts.kemOneTime + kem.oneTime.size() > proto::limits::MaxKemPreKeyPool)
            return fail(ErrorCode::LimitExceeded, "A device keeps at most "
                                                      + std::to_string(proto::limits::MaxKemPreKeyPool)
                                                      + " one-time ML-KEM prekeys on the relay");
    }
    if (kem.lastResort)
        LAPIS_TRY(tx.putKemPreKey(username, deviceId, *kem.lastResort, true));
    for (const auto &key : kem.oneTime)
        LAPIS_TRY(tx.putKemPreKey(username, deviceId, key, false));
    return {};
}

/// The device's ML-KEM prekey for a bundle: a one-time key (removed) when `oneTimeAllowed` and
/// the pool has one, else the last-resort key; none for a device that never published one.
Result<std::optional<KemPreKeyWireRecord>> takeKemPreKey(StoreTx &tx, const std::string &username,
                                                         std::uint32_t deviceId, bool oneTimeAllowed)
{
    if (oneTimeAllowed) {
        LAPIS_TRY_ASSIGN(auto key, tx.takeKemOneTime(username, deviceId));
        if (key)
            return key;
    }
    return tx.kemLastResort(username, deviceId);
}

} // namespace

Result<void> RelayRules::publishKeys(const std::string &username, std::uint32_t deviceId, ByteView accountKey,
                                     ByteView certificate, ByteView signedPreKey,
                                     const std::vector<OneTimePreKeyRecord> &oneTime, const KemPreKeyUpload &kem)
{
    return write<void>([&](StoreTx &tx) -> Result<void> {
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        if (account->plaintextOnly)
            return fail(ErrorCode::PermissionDenied, "A plaintext-only account publishes no keys");
        if (!accountKey.empty()) {
            LAPIS_TRY_ASSIGN(bool pinned, tx.pinAccountKey(username, accountKey));
            if (!pinned) {
                LAPIS_TRY_ASSIGN(auto current, tx.account(username));
                const Bytes &key = current ? current->accountKey : account->accountKey;
                // Contacts pinned the first key: swapping it silently is what this refusal prevents.
                if (!std::equal(accountKey.begin(), accountKey.end(), key.begin(), key.end()))
                    return fail(ErrorCode::PermissionDenied, "The account already has another identity key; an "
                                                             "operator reset is needed to replace it");
            }
        }
        if (!certificate.empty())
            LAPIS_TRY(tx.setCertificate(username, deviceId, certificate));
        if (!signedPreKey.empty())
            LAPIS_TRY(tx.setSignedPreKey(username, deviceId, signedPreKey));
        LAPIS_TRY(storeKemPreKeys(tx, username, deviceId, kem));
        if (oneTime.empty())
            return {};
        LAPIS_TRY_ASSIGN(auto counts, tx.preKeyCounts(username, deviceId));
        if (counts.oneTime + oneTime.size() > proto::limits::MaxOneTimePreKeyPool)
            return fail(ErrorCode::LimitExceeded, "A device keeps at most 1000 one-time prekeys on the relay");
        return tx.putOneTimePreKeys(username, deviceId, oneTime);
    });
}

Result<std::vector<PreKeyBundleRecord>> RelayRules::takePreKeyBundles(const std::string &username,
                                                                      const std::set<std::uint32_t> &withSession)
{
    // The usual case, a sender with a session with every device, takes nothing: a read, which
    // leaves the single writer to the mailboxes.
    auto known = read<std::optional<std::vector<PreKeyBundleRecord>>>(
        [&](StoreTx &tx) -> Result<std::optional<std::vector<PreKeyBundleRecord>>> {
            LAPIS_TRY_ASSIGN(auto account, tx.account(username));
            if (!account)
                return noAccount();
            LAPIS_TRY_ASSIGN(auto devices, tx.devices(username));
            std::vector<PreKeyBundleRecord> bundles;
            for (auto &device : devices) {
                if (withSession.count(device.deviceId) == 0)
                    return std::optional<std::vector<PreKeyBundleRecord>>();
                LAPIS_TRY_ASSIGN(auto kem, tx.kemLastResort(username, device.deviceId));
                bundles.push_back({std::move(device), std::nullopt, std::move(kem)});
            }
            return std::optional(std::move(bundles));
        });
    if (!known.ok())
        return std::move(known).error();
    if (*known)
        return std::move(**known);
    return write<std::vector<PreKeyBundleRecord>>([&](StoreTx &tx) -> Result<std::vector<PreKeyBundleRecord>> {
        LAPIS_TRY_ASSIGN(auto account, tx.account(username));
        if (!account)
            return noAccount();
        LAPIS_TRY_ASSIGN(auto devices, tx.devices(username));
        std::vector<PreKeyBundleRecord> bundles;
        for (auto &device : devices) {
            PreKeyBundleRecord bundle;
            const bool oneTimeAllowed = withSession.count(device.deviceId) == 0;
            LAPIS_TRY_ASSIGN(bundle.kemPreKey, takeKemPreKey(tx, username, device.deviceId, oneTimeAllowed));
            if (oneTimeAllowed) {
                LAPIS_TRY_ASSIGN(bundle.oneTimePreKey, tx.takeOneTimePreKey(username, device.deviceId));
            }
            bundle.device = std::move(device);
            bundles.push_back(std::move(bundle));
        }
        return bundles;
    });
}

Result<PreKeyCounts> RelayRules::preKeyCount(const std::string &username, std::uint32_t deviceId)
{
    return read<PreKeyCounts>([&](StoreTx &tx) { return tx.preKeyCounts(username, deviceId); });
}

Result<SendOutcome> RelayRules::storeBatchIn(StoreTx &tx, const SendRequest &request, SendScratch &scratch)
{
    // The sends of one job only add mailbox rows, so what they look up about a recipient (the
    // account, its devices, how full its mailboxes may be) is looked up once per job.
    auto known = scratch.recipients.find(request.recipient);
    if (known == scratch.recipients.end()) {
        LAPIS_TRY_ASSIGN(auto account, tx.account(request.recipient));
        if (!account)
            return fail(ErrorCode::NotFound, "No account named " + request.recipient);
        LAPIS_TRY_ASSIGN(auto devices, tx.devices(request.recipient));
        known = scratch.recipients
                    .emplace(request.recipient, SendScratch::Recipient{std::move(*account), std::move(devices), {}})
                    .first;
    }
    const AccountRecord &account = known->second.account;
    const std::vector<DeviceRecord> &devices = known->second.devices;
    const bool plaintextAllowed = account.plaintextOnly || request.allowPlaintext;
    for (const auto &item : request.items) {
        if (item.plaintext && !plaintextAllowed)
            return fail(ErrorCode::PermissionDenied, "A plaintext envelope to an account with end-to-end "
                                                     "devices needs the sender's explicit allowance");
    }
    std::optional<crypto::Ed25519PublicKey> accountKey;
    if (!account.plaintextOnly && !account.accountKey.empty()) {
        if (auto key = crypto::Ed25519PublicKey::fromBytes(account.accountKey); key.ok())
            accountKey = *key;
    }
    // A batch must address every device the account key certified and may address the others
    // too (a device without a valid certificate, which senders ignore, is not waited for).
    std::set<std::uint32_t> listed;
    std::set<std::uint32_t> required;
    for (const auto &d : devices) {
        // One's own sending device gets no copy of its own batch.
        if (request.recipient == request.senderAccount && d.deviceId == request.senderDevice)
            continue;
        listed.insert(d.deviceId);
        // Senders encrypt only to devices the account key certified: those a batch must address.
        // Without an account key (plaintext only, or none published yet) every device counts.
        if (!accountKey || m_certificateVerdicts.certified(*accountKey, request.recipient, d))
            required.insert(d.deviceId);
    }
    std::set<std::uint32_t> addressed;
    for (const auto &item : request.items)
        addressed.insert(item.recipientDevice);

    SendOutcome outcome;
    outcome.plaintextOnly = account.plaintextOnly;
    const bool toAccountMailbox = devices.empty() && addressed == std::set<std::uint32_t>{0} && plaintextAllowed;
    // A multi-recipient send (one ciphertext for many accounts) reaches exactly the certified
    // devices: a batch listing another one is answered with the current list, as an incomplete one.
    const bool fanOut =
        std::any_of(request.items.begin(), request.items.end(), [](const auto &i) { return !!i.shared; });
    const auto &allowed = fanOut ? required : listed;
    const bool complete = std::includes(addressed.begin(), addressed.end(), required.begin(), required.end())
                          && std::includes(allowed.begin(), allowed.end(), addressed.begin(), addressed.end());
    if (!toAccountMailbox && !complete) {
        outcome.currentDevices = devices;
        return outcome;
    }
    auto &bounds = known->second.mailboxBounds;
    if (request.mailboxLimit > 0) {
        for (auto device : addressed) {
            // Counting is linear in what waits, and a device that is behind gets most sends: it
            // is needed only when the cheap upper bound comes near the limit. The bound stays
            // one for the rest of the job when it grows by what the job adds.
            auto bound = bounds.find(device);
            if (bound == bounds.end()) {
                LAPIS_TRY_ASSIGN(const auto first, tx.mailboxCountBound(request.recipient, device));
                bound = bounds.emplace(device, first).first;
            }
            if (bound->second + request.items.size() <= request.mailboxLimit)
                continue;
            LAPIS_TRY_ASSIGN(auto waiting, tx.mailboxCount(request.recipient, device, request.mailboxLimit));
            bound->second = waiting;
            if (waiting + request.items.size() > request.mailboxLimit)
                return fail(ErrorCode::LimitExceeded, "The mailbox of " + request.recipient + "'s device "
                                                          + std::to_string(device)
                                                          + " is full; it keeps what waits until that device reads it");
        }
    }
    MailboxRow row;
    row.username = request.recipient;
    row.senderAccount = request.senderAccount;
    row.senderDevice = request.senderDevice;
    row.serverTimeMs = request.nowMs;
    for (const auto &item : request.items) {
        row.deviceId = item.recipientDevice;
        row.plaintext = item.plaintext;
        row.payloadRef = 0;
        if (item.shared) {
            // A multi-recipient send: the payload is stored once, with the first mailbox row
            // that needs it, and every other row of this job references that copy.
            auto stored = scratch.sharedRows.find(item.shared.get());
            if (stored == scratch.sharedRows.end()) {
                LAPIS_TRY_ASSIGN(const auto id, tx.insertSharedPayload(*item.shared));
                stored = scratch.sharedRows.emplace(item.shared.get(), id).first;
                scratch.sharedRowsOfBatch.push_back(item.shared.get());
            }
            row.payloadRef = stored->second;
            row.payload.clear();
        } else {
            row.payload = item.payload;
        }
        LAPIS_TRY(tx.insertMailbox(row));
        outcome.deliveredTo.push_back(item.recipientDevice);
        if (auto bound = bounds.find(item.recipientDevice); bound != bounds.end())
            ++bound->second;
    }
    outcome.stored = true;
    return outcome;
}

Result<SendOutcome> RelayRules::storeBatch(const SendRequest &request)
{
    return write<SendOutcome>([&](StoreTx &tx) {
        SendScratch scratch;
        return storeBatchIn(tx, request, scratch);
    });
}

Result<std::vector<Result<SendOutcome>>> RelayRules::storeBatches(const std::vector<SendRequest> &requests)
{
    using Outcomes = std::vector<Result<SendOutcome>>;
    return write<Outcomes>([&](StoreTx &tx) -> Result<Outcomes> {
        Outcomes outcomes;
        outcomes.reserve(requests.size());
        SendScratch scratch;
        for (const auto &request : requests) {
            if (tx.optimistic()) {
                // No savepoints in the writer's first pass: a failing batch fails the job, and the
                // writer runs it again in its careful pass, where the savepoints below keep the
                // failure to that batch.
                auto outcome = storeBatchIn(tx, request, scratch);
                if (!outcome.ok())
                    return std::move(outcome).error();
                outcomes.push_back(std::move(outcome));
                continue;
            }
            // A nested savepoint, so a failing batch leaves the others in the transaction.
            LAPIS_TRY(tx.control("SAVEPOINT batch"));
            scratch.sharedRowsOfBatch.clear();
            auto outcome = storeBatchIn(tx, request, scratch);
            if (!outcome.ok()) {
                LAPIS_TRY(tx.control("ROLLBACK TO batch"));
                // The shared payloads it stored went with it: the next batch stores them again.
                for (const Bytes *gone : scratch.sharedRowsOfBatch)
                    scratch.sharedRows.erase(gone);
            }
            LAPIS_TRY(tx.control("RELEASE batch"));
            outcomes.push_back(std::move(outcome));
        }
        return outcomes;
    });
}

Result<std::vector<MailboxItem>> RelayRules::fetchMailbox(const std::string &username, std::uint32_t deviceId,
                                                          std::uint64_t afterId, std::size_t limit)
{
    auto items =
        read<std::vector<MailboxItem>>([&](StoreTx &tx) { return tx.mailbox(username, deviceId, afterId, limit); });
    if (items.ok()) {
        for (auto &m : *items) {
            if (m.kind >= MailboxItem::SignInRequested)
                decodeSignInEvent(m.payload, m);
        }
    }
    return items;
}

Result<void> RelayRules::acknowledge(const std::string &username, std::uint32_t deviceId,
                                     const std::vector<std::uint64_t> &ids)
{
    // Scoped to the device, so a device cannot delete another's envelopes by guessing ids.
    return write<void>([&](StoreTx &tx) { return tx.deleteMailboxItems(username, deviceId, ids); });
}

Result<void> RelayRules::createLinkToken(const std::string &username, ByteView tokenHash, std::int64_t expiresMs)
{
    return write<void>([&](StoreTx &tx) { return tx.insertLinkToken(username, tokenHash, expiresMs); });
}

Result<void> RelayRules::createBlob(const BlobRecord &blob)
{
    return write<void>([&](StoreTx &tx) { return tx.insertBlob(blob); });
}

Result<std::optional<BlobRecord>> RelayRules::findBlob(const std::string &blobId)
{
    return read<std::optional<BlobRecord>>([&](StoreTx &tx) { return tx.blob(blobId); });
}

Result<void> RelayRules::updateBlob(const std::string &blobId, std::uint64_t received, bool complete)
{
    return write<void>([&](StoreTx &tx) { return tx.updateBlob(blobId, received, complete); });
}

Result<std::vector<std::string>> RelayRules::purgeExpired(std::int64_t nowMs, std::int64_t envelopeMaxAgeMs)
{
    StoreTx::PurgeCutoffs cutoffs;
    cutoffs.envelopesBeforeMs = nowMs - envelopeMaxAgeMs;
    cutoffs.tokensUntilMs = nowMs;
    cutoffs.signInsUntilMs = nowMs - SignInKeptMs;
    cutoffs.blobsUntilMs = nowMs;
    return write<std::vector<std::string>>([&](StoreTx &tx) { return tx.purge(cutoffs); });
}

} // namespace lapis::relay
