// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: resolving where a message goes, sending it, retrying from the outbox.
#include <lapis/common/Log.h>
#include <lapis/engine/Attachments.h>
#include <lapis/engine/Engine.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/TextBurst.h>
#include <lapis/engine/WireKeys.h>
#include <lapis/proto/Limits.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/transport/BatchSender.h>

#include <condition_variable>
#include <fcntl.h>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <unistd.h>

namespace lapis::engine {

namespace fs = std::filesystem;

std::optional<std::string> Engine::textProblem(const std::string &text)
{
    if (text.empty())
        return "is empty";
    if (text.size() > MaxTextBytes)
        return "is longer than " + std::to_string(MaxTextBytes / 1024) + " KiB; send it as a file";
    return std::nullopt;
}

Result<Engine::Directory> Engine::resolve(const AccountId &account, DirectoryUse use)
{
    // A device we hold a session with needs no one-time prekey: taking one anyway, on every send,
    // would use up the pool that other senders' first messages need.
    std::vector<std::uint32_t> withSession;
    if (m_identity) {
        LAPIS_TRY_ASSIGN(
            auto devices,
            m_store->transact([&](store::Transaction &tx) { return tx.sessions().devicesWithSessions(account); })
                .get());
        for (const auto device : devices)
            if (withSession.size() < proto::limits::MaxEnvelopesPerBatch)
                withSession.push_back(device.value());
        // Nor does this device need its own one-time keys (X25519 and ML-KEM): every send used
        // to take one of each from our own pools.
        if (account == m_account && withSession.size() < proto::limits::MaxEnvelopesPerBatch
            && std::find(withSession.begin(), withSession.end(), m_deviceId.value()) == withSession.end())
            withSession.push_back(m_deviceId.value());
    }
    LAPIS_TRY_ASSIGN(auto fetched,
                     m_relay->fetchPreKeyBundles(account.value(), withSession, use == DirectoryUse::Lookup));
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
    const auto now = nowMs();
    LAPIS_TRY_ASSIGN(auto pinned, m_store
                                      ->transact([&](store::Transaction &tx) -> Result<std::optional<Bytes>> {
                                          if (account == m_account) {
                                              const auto own = m_identity->device().accountKey.bytes();
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
        (void)m_store
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

Result<SendTargets> Engine::targetsFor(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored,
                                       bool withOwnDevices)
{
    LAPIS_TRY_ASSIGN(auto recipient, resolve(to, DirectoryUse::Send));
    LAPIS_TRY_ASSIGN(auto everEndToEnd, m_store
                                            ->transact([&](store::Transaction &tx) -> Result<bool> {
                                                LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(to));
                                                const bool was = contact && contact->everHadEndToEnd;
                                                if (!recipient.selection.accepted.empty() && !was)
                                                    LAPIS_TRY(tx.contacts().markEndToEnd(to));
                                                // A pinned account key makes the contact end to
                                                // end for the guard, however it got pinned.
                                                return was || (contact && !contact->pinnedAccountKey.empty())
                                                       || to == m_account;
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
    if (m_identity && !(to == m_account) && withOwnDevices) {
        LAPIS_TRY_ASSIGN(auto own, resolve(m_account, DirectoryUse::Send));
        for (const auto &cert : own.selection.accepted) {
            if (cert.device.device == m_identity->address().device)
                continue;
            targets.ownOtherDevices.push_back(cert.device.device);
            LAPIS_TRY_ASSIGN(auto bundle,
                             bundleFromRelay(m_identity->device().accountKey, own.bundles.at(cert.device.device)));
            targets.bundles.emplace(cert.device, std::move(bundle));
        }
    }
    return targets;
}

Result<bool> Engine::deliver(const AccountId &to, const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext)
{
    std::vector<transport::OutgoingEnvelope> batch;
    for (const auto &e : envelopes)
        batch.push_back({e.device.value(), e.envelope, e.plaintext});
    if (batch.empty() && !allowPlaintext)
        return true;
    LAPIS_TRY_ASSIGN(auto outcome, m_relay->sendBatch(to.value(), batch, allowPlaintext));
    return outcome.accepted;
}

protocol::Address Engine::selfAddress() const
{
    return m_identity ? m_identity->address() : protocol::Address{m_account, m_deviceId};
}

Result<void> Engine::checkCanSend() const
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    if (awaitingKeys())
        return fail(ErrorCode::PermissionDenied, "This device has no end-to-end keys yet: link it from another device "
                                                 "of the account (link-request here, link-approve there)");
    return {};
}

Result<SendTargets> Engine::sendTargets(const AccountId &to, bool allowPlaintext, std::vector<RejectedDevice> &ignored)
{
    SendTargets targets;
    if (m_plaintextOnly) {
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

Result<SendReport> Engine::sendData(const AccountId &to, protocol::DataMessage message, bool allowPlaintext,
                                    const std::function<Result<void>(store::Transaction &)> &withMessage)
{
    LAPIS_TRY(checkCanSend());
    SendReport report;
    message.timestamp = static_cast<std::uint64_t>(nowMs());
    OutgoingMessages outgoing(selfAddress(), m_identity.get(), m_rng);
    std::optional<PreparedMessage> prepared;
    // A batch that misses or adds devices is refused whole, so nothing of it was delivered:
    // resolve the directory again and encrypt anew for the current devices.
    for (int attempt = 0; attempt < MaxDirectoryAttempts; ++attempt) {
        LAPIS_TRY_ASSIGN(auto targets, sendTargets(to, allowPlaintext, report.ignoredDevices));
        const auto now = nowMs();
        if (!prepared) {
            LAPIS_TRY_ASSIGN(prepared, m_store
                                           ->transact([&](store::Transaction &tx) -> Result<PreparedMessage> {
                                               if (withMessage)
                                                   LAPIS_TRY(withMessage(tx));
                                               return outgoing.prepare(tx, to, message, targets, now);
                                           })
                                           .get());
        } else {
            LAPIS_TRY_ASSIGN(prepared->toRecipient, m_store
                                                        ->transact([&](store::Transaction &tx) {
                                                            return outgoing.reencrypt(tx, to, prepared->id, message,
                                                                                      targets, now);
                                                        })
                                                        .get());
        }
        report.id = prepared->id;
        report.endToEnd = targets.route == Route::EndToEnd;
        auto accepted = deliver(to, prepared->toRecipient, targets.route == Route::Plaintext);
        if (!accepted.ok()) {
            // Offline or the relay is down: the outbox keeps the envelopes for the next try.
            qCInfo(lcEngine) << "Message kept in the outbox:" << accepted.error().message.c_str();
            return report;
        }
        if (!*accepted)
            continue;
        report.acceptedByRelay = true;
        const auto id = prepared->id;
        LAPIS_TRY(m_store->transact([&](store::Transaction &tx) { return OutgoingMessages::markSent(tx, id); }).get());
        if (!prepared->toOwnDevices.empty()) {
            auto synced = deliver(m_account, prepared->toOwnDevices, false);
            if (!synced.ok() || !*synced)
                qCInfo(lcEngine) << "The copy for our other devices was not delivered";
        }
        return report;
    }
    return fail(ErrorCode::Unavailable,
                "The relay's device list for " + to.value() + " kept changing while sending; try again");
}

Result<SendReport> Engine::sendText(const AccountId &to, const std::string &text, bool allowPlaintext)
{
    if (auto problem = textProblem(text))
        return fail(ErrorCode::InvalidArgument, "The message " + *problem);
    protocol::DataMessage message;
    message.text = text;
    return sendData(to, std::move(message), allowPlaintext);
}

Result<std::vector<SendReport>> Engine::sendTexts(const AccountId &to, const std::vector<std::string> &texts,
                                                  bool allowPlaintext)
{
    LAPIS_TRY(checkCanSend());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (auto problem = textProblem(texts[i]))
            return fail(ErrorCode::InvalidArgument,
                        "Message " + std::to_string(i + 1) + " " + *problem + "; nothing was sent");
    }
    if (texts.empty())
        return std::vector<SendReport>{};
    const auto credentials = m_relay->credentials();
    if (!credentials)
        return fail(ErrorCode::PermissionDenied, "This device has no relay credential");
    std::vector<RejectedDevice> ignored;
    LAPIS_TRY_ASSIGN(auto targets, sendTargets(to, allowPlaintext, ignored));
    OutgoingMessages outgoing(selfAddress(), m_identity.get(), m_rng);
    transport::BatchSender stream(m_relay->channel(), m_relay->endpoint().address, *credentials);
    TextBurst burst(*m_store, outgoing, stream, to, m_account, texts, [this] { return nowMs(); });
    for (int attempt = 0; attempt < MaxDirectoryAttempts; ++attempt) {
        if (attempt > 0) {
            // The relay refused a device list: what it refused is encrypted anew for the devices now listed.
            auto refreshed = sendTargets(to, allowPlaintext, ignored);
            if (!refreshed.ok()) {
                (void)burst.finish(ignored);
                return std::move(refreshed).error();
            }
            targets = std::move(refreshed).value();
        }
        auto complete = burst.run(targets);
        if (!complete.ok()) {
            auto error = std::move(complete).error();
            auto reports = burst.finish(ignored);
            if (reports.ok())
                error.message += " (" + std::to_string(reports->size() - burst.waiting()) + " of "
                                 + std::to_string(texts.size()) + " messages were sent)";
            return error;
        }
        if (*complete)
            return burst.finish(ignored);
    }
    LAPIS_TRY(burst.finish(ignored));
    return fail(ErrorCode::Unavailable, "The relay's device list for " + to.value() + " kept changing while sending; "
                                            + std::to_string(burst.waiting()) + " messages wait in the outbox");
}

Result<SendReport> Engine::sendFile(const AccountId &to, const fs::path &file, bool allowPlaintext,
                                    const transport::ProgressCallback &progress)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (!ec && size <= MaxAttachmentSize && cipherSizeOf(size) > MaxAttachmentSize)
        return fail(ErrorCode::LimitExceeded, file.filename().string()
                                                  + " is too large to send (the limit is 2 GiB "
                                                    "including the encryption's overhead)");
    if (ec || size > MaxAttachmentSize || !fs::is_regular_file(file, ec)) {
        // sealAttachment says what is wrong with it.
        LAPIS_TRY_ASSIGN(auto sealed, sealAttachment(file, m_store->paths().attachments, m_rng));
        return sendSealed(to, std::move(sealed), allowPlaintext, progress);
    }
    // The upload follows the encryption through the file instead of waiting for its end: the
    // ciphertext's size is known up front, and the file is both the resume source and our copy
    // at rest. The pending upload is recorded once the file is whole (and its digest known), as
    // before, so a crash while encrypting leaves nothing to resume; after that it resumes.
    LAPIS_TRY_ASSIGN(auto created, m_relay->createUpload(cipherSizeOf(size)));
    fs::create_directories(m_store->paths().attachments, ec);
    const fs::path cipherFile = m_store->paths().attachments / ("out-" + toHex(m_rng.bytes(16)) + ".bin");
    // Created before the upload looks for it; private to the user like the whole profile.
    const int created0600 = ::open(cipherFile.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (created0600 < 0)
        return fail(ErrorCode::Io, "Cannot write in " + m_store->paths().attachments.string());
    ::close(created0600);
    std::mutex mutex;
    std::condition_variable sealedMore;
    std::uint64_t sealedBytes = 0;
    bool sealingFailed = false;
    const auto readable = [&](std::uint64_t wanted) -> Result<void> {
        std::unique_lock lock(mutex);
        sealedMore.wait(lock, [&] { return sealedBytes >= wanted || sealingFailed; });
        if (sealedBytes >= wanted)
            return {};
        return fail(ErrorCode::Cancelled, "The file could not be encrypted");
    };
    const auto sealedUpTo = [&](std::uint64_t plaintextDone) {
        {
            std::lock_guard lock(mutex);
            sealedBytes = cipherSizeOf(plaintextDone); // blocks end on chunk boundaries
        }
        sealedMore.notify_all();
    };
    auto uploading =
        std::async(std::launch::async, [&] { return m_relay->upload(created.blobId, cipherFile, progress, readable); });
    auto sealed = sealAttachmentTo(file, cipherFile, m_rng, sealedUpTo);
    if (!sealed.ok()) {
        {
            std::lock_guard lock(mutex);
            sealingFailed = true;
        }
        sealedMore.notify_all();
        (void)uploading.get();
        fs::remove(cipherFile, ec);
        return std::move(sealed).error();
    }
    auto pending = pendingUploadOf(*sealed, created.blobId, to, allowPlaintext);
    auto recorded = m_store->transact([&](store::Transaction &tx) { return tx.pendingUploads().add(pending); }).get();
    auto uploaded = uploading.get();
    LAPIS_TRY(recorded);
    return finishUpload(std::move(pending), progress, std::move(uploaded));
}

Result<SendReport> Engine::sendFileData(const AccountId &to, ByteView data, const std::string &fileName,
                                        bool allowPlaintext, const transport::ProgressCallback &progress)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    LAPIS_TRY_ASSIGN(auto sealed, sealAttachmentData(data, fileName, m_store->paths().attachments, m_rng));
    return sendSealed(to, std::move(sealed), allowPlaintext, progress);
}

Result<SendReport> Engine::sendSealed(const AccountId &to, SealedAttachment sealed, bool allowPlaintext,
                                      const transport::ProgressCallback &progress)
{
    auto created = m_relay->createUpload(sealed.ciphertextSize);
    if (!created.ok()) {
        std::error_code ec;
        fs::remove(sealed.ciphertextFile, ec);
        return std::move(created).error();
    }
    auto pending = pendingUploadOf(sealed, created->blobId, to, allowPlaintext);
    // From here on the upload survives a restart: flushOutbox() resumes it from where the relay's
    // copy ends and then sends the message.
    LAPIS_TRY(m_store->transact([&](store::Transaction &tx) { return tx.pendingUploads().add(pending); }).get());
    const fs::path cipherFile = m_store->paths().attachments / pending.cipherFile;
    auto uploaded = m_relay->upload(pending.blobId, cipherFile, progress);
    return finishUpload(std::move(pending), progress, std::move(uploaded));
}

store::PendingUpload Engine::pendingUploadOf(const SealedAttachment &sealed, const std::string &blobId,
                                             const AccountId &to, bool allowPlaintext) const
{
    store::PendingUpload pending;
    pending.blobId = blobId;
    pending.recipient = to;
    pending.allowPlaintext = allowPlaintext;
    pending.cipherFile = sealed.ciphertextFile.filename().string();
    pending.fileKey = SecureBytes::copyOf(sealed.key.view());
    pending.digest = sealed.digest;
    pending.plaintextSize = sealed.plaintextSize;
    pending.cipherSize = sealed.ciphertextSize;
    pending.mimeType = sealed.mimeType;
    pending.fileName = sealed.fileName;
    pending.thumbnail = sealed.thumbnail;
    pending.createdAtMs = nowMs();
    return pending;
}

Result<SendReport> Engine::finishUpload(store::PendingUpload pending, const transport::ProgressCallback &progress,
                                        Result<transport::UploadInfo> uploaded)
{
    const fs::path cipherFile = m_store->paths().attachments / pending.cipherFile;
    if (!uploaded.ok() && uploaded.error().code == ErrorCode::NotFound) {
        // The relay no longer knows the blob (it expired while we were away): start it again.
        LAPIS_TRY_ASSIGN(auto created, m_relay->createUpload(pending.cipherSize));
        const auto old = pending.blobId;
        LAPIS_TRY(
            m_store
                ->transact([&](store::Transaction &tx) { return tx.pendingUploads().replaceBlob(old, created.blobId); })
                .get());
        pending.blobId = created.blobId;
        uploaded = m_relay->upload(pending.blobId, cipherFile, progress);
    }
    if (!uploaded.ok()) {
        auto error = std::move(uploaded).error();
        if (error.code != ErrorCode::Cancelled)
            error.message += " (the upload resumes the next time Lapis reaches the relay)";
        return error;
    }
    protocol::AttachmentPointer pointer;
    pointer.blobId = toBytes(pending.blobId);
    pointer.key = SecretArray<32>::fromView(pending.fileKey.view());
    pointer.digest = pending.digest;
    pointer.size = pending.plaintextSize;
    pointer.mimeType = pending.mimeType;
    pointer.fileName = pending.fileName;
    pointer.thumbnail = pending.thumbnail;
    protocol::DataMessage message;
    message.attachments.push_back(pointer);
    const auto blobId = pending.blobId;
    // The message enters the outbox in the transaction that ends the pending upload: a crash
    // in between neither loses the file nor sends it twice.
    LAPIS_TRY_ASSIGN(auto report, sendData(pending.recipient, std::move(message), pending.allowPlaintext,
                                           [&blobId](store::Transaction &tx) -> Result<void> {
                                               LAPIS_TRY_ASSIGN(const bool had, tx.pendingUploads().remove(blobId));
                                               if (!had)
                                                   return fail(ErrorCode::Cancelled, "The upload was cancelled");
                                               return {};
                                           }));
    // Our own copy at rest is the very ciphertext we uploaded, under the key only the store holds.
    auto own = storedAttachmentFor(report.id, pointer);
    own.localFile = pending.cipherFile;
    own.localKey = SecureBytes::copyOf(pending.fileKey.view());
    own.state = store::AttachmentState::Available;
    LAPIS_TRY(m_store->transact([&](store::Transaction &tx) { return tx.attachments().add(own); }).get());
    return report;
}

Result<std::vector<store::PendingUpload>> Engine::pendingUploads()
{
    return m_store->transact([](store::Transaction &tx) { return tx.pendingUploads().list(); }).get();
}

Result<void> Engine::cancelUpload(const std::string &blobId)
{
    LAPIS_TRY_ASSIGN(auto found,
                     m_store->transact([&](store::Transaction &tx) { return tx.pendingUploads().find(blobId); }).get());
    if (!found)
        return fail(ErrorCode::NotFound, "No such upload: it was sent or cancelled already");
    LAPIS_TRY(m_store->transact([&](store::Transaction &tx) { return tx.pendingUploads().remove(blobId); }).get());
    std::error_code ec;
    fs::remove(m_store->paths().attachments / found->cipherFile, ec);
    return {};
}

Result<int> Engine::resumeUploads()
{
    if (!hasAccount())
        return 0;
    LAPIS_TRY_ASSIGN(auto pending, pendingUploads());
    int sent = 0;
    for (auto &upload : pending) {
        const fs::path cipherFile = m_store->paths().attachments / upload.cipherFile;
        auto uploaded = m_relay->upload(upload.blobId, cipherFile, {});
        auto report = finishUpload(std::move(upload), {}, std::move(uploaded));
        if (!report.ok()) {
            qCInfo(lcEngine) << "An upload is still pending:" << report.error().message.c_str();
            if (report.error().code == ErrorCode::Unavailable)
                break; // the relay is away: the others would fail the same way
            continue;
        }
        ++sent;
    }
    return sent;
}

Result<int> Engine::flushOutbox()
{
    if (!hasAccount())
        return 0;
    if (auto resumed = resumeUploads(); !resumed.ok())
        qCInfo(lcEngine) << "Uploads not resumed:" << resumed.error().message.c_str();
    const auto now = nowMs();
    LAPIS_TRY_ASSIGN(auto due,
                     m_store->transact([&](store::Transaction &tx) { return tx.outbox().due(now, 500); }).get());
    // One batch per recipient account and message, as they were encrypted together.
    std::map<std::pair<std::string, std::string>, std::vector<store::OutboxEntry>> batches;
    for (auto &entry : due)
        batches[{entry.recipient.value(), entry.messageId.toHex()}].push_back(std::move(entry));
    int sent = 0;
    for (const auto &batch : batches) {
        const auto &entries = batch.second; // a plain reference: lambdas below capture it
        std::vector<OutgoingEnvelope> envelopes;
        for (const auto &e : entries) {
            auto parsed = protocol::Envelope::deserialize(e.payload);
            envelopes.push_back({e.recipient, e.recipientDevice, e.payload,
                                 parsed.ok() && parsed->type == protocol::Envelope::Type::Plaintext});
        }
        auto accepted = deliver(entries.front().recipient, envelopes, envelopes.front().plaintext);
        if (!accepted.ok())
            return std::move(accepted).error();
        const auto messageId = entries.front().messageId;
        const bool toPeer = !(entries.front().recipient == m_account);
        LAPIS_TRY(m_store
                      ->transact([&](store::Transaction &tx) -> Result<void> {
                          for (const auto &e : entries)
                              LAPIS_TRY(tx.outbox().remove(e.id));
                          if (toPeer) {
                              auto changed = tx.messages().advanceState(
                                  messageId, *accepted ? store::MessageState::Sent : store::MessageState::Failed);
                              if (!changed.ok() && changed.error().code != ErrorCode::NotFound)
                                  return std::move(changed).error();
                          }
                          return {};
                      })
                      .get());
        if (*accepted)
            sent += static_cast<int>(entries.size());
    }
    return sent;
}

} // namespace lapis::engine
