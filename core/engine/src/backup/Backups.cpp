// SPDX-License-Identifier: GPL-3.0-or-later
// Encrypted backups (export, and restore into an empty profile as a new device).
#include "BackupFile.h"
#include "BackupRecords.h"

#include <lapis/common/Log.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/RelayLogin.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/backup/Backups.h>
#include <lapis/engine/conversations/MessageChanges.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/keys/KeyMaintenance.h>

#include <QSysInfo>

#include <fstream>
#include <map>
#include <streambuf>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {

/// Wipes the secrets of an Account record when it goes out of scope.
struct WipeAccountSecrets {
    backup::Account &account;
    ~WipeAccountSecrets()
    {
        secureWipe(account.mutable_account_key_seed()->data(), account.account_key_seed().size());
        secureWipe(account.mutable_relay_credential()->data(), account.relay_credential().size());
    }
};

/// A temporary name beside `path` (same folder, so a rename moves it into place).
fs::path besideWithSuffix(const fs::path &path, const std::string &suffix, crypto::RandomSource &rng)
{
    std::array<std::uint8_t, 8> random{};
    rng.fill(random);
    return path.parent_path() / ("." + path.filename().string() + suffix + toHex(random));
}

/// Deletes a file or folder when it goes out of scope, unless kept.
struct RemoveUnlessKept {
    fs::path path;
    bool keep = false;
    ~RemoveUnlessKept()
    {
        if (!keep && !path.empty()) {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    }
};

} // namespace

Result<std::string> Backups::exportBackup(const fs::path &file, const std::function<void(double)> &progress)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account to back up");
    LAPIS_TRY(eraseExpiredMessages(m_ctx));
    const auto now = m_ctx.nowMs();
    LAPIS_TRY_ASSIGN(auto snapshot,
                     m_ctx.store->transact([now](store::Transaction &tx) { return takeSnapshot(tx, now); }).get());
    LAPIS_TRY_ASSIGN(auto login, RelayLogin::deserialize(snapshot.own.deviceCredentials.view()));

    const double total = static_cast<double>(1 + snapshot.devices.size() + snapshot.contacts.size()
                                             + snapshot.conversations.size() + snapshot.messages.size())
                         + static_cast<double>(snapshot.attachmentBytes) / backupfile::AttachmentPiece;
    double done = 0;
    const auto advance = [&](double units) {
        done += units;
        if (progress)
            progress(std::min(done / total, 1.0));
    };

    const auto code = generateRecoveryCode(m_ctx.rng);
    RemoveUnlessKept partial{besideWithSuffix(file, ".partial-", m_ctx.rng)};
    std::ofstream out(partial.path, std::ios::binary | std::ios::trunc);
    if (!out)
        return fail(ErrorCode::Io, "Cannot write the backup file " + file.string());
    // Encrypted, but nobody else needs to read it.
    std::error_code permissionsError;
    fs::permissions(partial.path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    permissionsError);
    LAPIS_TRY_ASSIGN(auto writer, BackupWriter::start(out, code, m_ctx.backupParams, m_ctx.rng));

    backup::Record record;
    auto &account = *record.mutable_account();
    account.set_account_id(m_ctx.account.value());
    account.set_relay_address(snapshot.own.relayAddress);
    account.set_relay_certificate_pem(login.certificatePem);
    account.set_relay_credential(toString(login.credential.view()));
    account.set_device_id(m_ctx.deviceId.value());
    if (m_ctx.identity)
        account.set_account_key_seed(toString(m_ctx.identity->accountIdentity().seed()));
    account.set_plaintext_only(m_ctx.plaintextOnly);
    account.set_created_at_ms(snapshot.own.createdAtMs);
    account.set_device_name(QSysInfo::machineHostName().toStdString());
    const auto written = writer.write(record);
    // The record held the account key and credential: wipe the strings' bytes.
    {
        const WipeAccountSecrets wipe{account};
    }
    LAPIS_TRY(written);
    advance(1);

    for (const auto &d : snapshot.devices) {
        backup::Record r;
        r.mutable_device()->set_device_id(d.device.value());
        r.mutable_device()->set_name(d.name);
        r.mutable_device()->set_certificate(toString(d.certificate));
        r.mutable_device()->set_added_at_ms(d.addedAtMs);
        LAPIS_TRY(writer.write(r));
        advance(1);
    }
    for (const auto &c : snapshot.contacts) {
        backup::Record r;
        auto &contact = *r.mutable_contact();
        contact.set_account_id(c.account.value());
        contact.set_display_name(c.displayName);
        contact.set_pinned_account_key(toString(c.pinnedAccountKey));
        contact.set_verification(static_cast<int>(c.verification));
        contact.set_ever_had_end_to_end(c.everHadEndToEnd);
        contact.set_added_at_ms(c.addedAtMs);
        for (const auto &d : c.devices) {
            auto &device = *contact.add_devices();
            device.set_device_id(d.device.value());
            device.set_certificate(toString(d.certificate));
            device.set_updated_at_ms(d.updatedAtMs);
        }
        LAPIS_TRY(writer.write(r));
        advance(1);
    }
    for (const auto &c : snapshot.conversations) {
        backup::Record r;
        auto &conversation = *r.mutable_conversation();
        conversation.set_peer(c.peer.value());
        conversation.set_title(c.title);
        conversation.set_created_at_ms(c.createdAtMs);
        conversation.set_last_activity_at_ms(c.lastActivityAtMs);
        conversation.set_unread_count(c.unreadCount);
        conversation.set_archived(c.archived);
        conversation.set_expire_timer(c.expireTimerSeconds);
        LAPIS_TRY(writer.write(r));
        advance(1);
    }

    for (const auto &[id, changes] : snapshot.groups) {
        backup::Record r;
        auto &group = *r.mutable_group();
        group.set_group_id(toString(id.bytes()));
        for (const auto &change : changes)
            group.add_changes(toString(change));
        LAPIS_TRY(writer.write(r));
    }

    std::uint64_t attachmentCount = 0;
    // Oldest first, so that a restore inserts in the order the messages were stored.
    for (auto it = snapshot.messages.rbegin(); it != snapshot.messages.rend(); ++it) {
        LAPIS_TRY(writer.write(messageRecord(it->first, it->second)));
        advance(1);
        const auto attachments = snapshot.attachments.find(it->second.id);
        if (attachments == snapshot.attachments.end())
            continue;
        for (const auto &a : attachments->second) {
            const bool local = a.state == store::AttachmentState::Available && !a.localFile.empty();
            backup::Record r;
            auto &attachment = *r.mutable_attachment();
            attachment.set_message_id(toString(a.messageId.bytes()));
            attachment.set_blob_id(a.blobId);
            attachment.set_file_name(a.fileName);
            attachment.set_mime_type(a.mimeType);
            attachment.set_size(a.size);
            attachment.set_digest(toString(a.digest));
            attachment.set_remote_key(toString(a.remoteKey.view()));
            attachment.set_thumbnail(toString(a.thumbnail));
            attachment.set_state(
                static_cast<int>(local ? store::AttachmentState::Available : store::AttachmentState::Remote));
            attachment.set_has_content(local);
            LAPIS_TRY(writer.write(r));
            ++attachmentCount;
            if (!local)
                continue;
            AttachmentSink sink(writer,
                                [&](std::size_t n) { advance(static_cast<double>(n) / backupfile::AttachmentPiece); });
            std::ostream plain(&sink);
            // The engine's own copies (sent: the uploaded ciphertext; received: the downloaded
            // blob) are secretstreams under the key in the row, like AttachmentFiles' files.
            if (a.localFile.find('/') != std::string::npos || a.localFile == "..")
                return fail(ErrorCode::Corrupt, "The attachment " + a.fileName + " is damaged in this profile");
            std::ifstream cipher(m_ctx.store->paths().attachments / a.localFile, std::ios::binary);
            if (!cipher)
                return fail(ErrorCode::NotFound, "The attachment " + a.fileName + " is missing from this profile");
            LAPIS_TRY_ASSIGN(const auto size, crypto::decryptStream(cipher, plain, a.localKey.view()));
            plain.flush();
            LAPIS_TRY(sink.finish());
            if (size != a.size)
                return fail(ErrorCode::Corrupt, "The attachment " + a.fileName + " is damaged in this profile");
        }
    }

    backup::Record end;
    end.mutable_end()->set_contacts(snapshot.contacts.size());
    end.mutable_end()->set_conversations(snapshot.conversations.size());
    end.mutable_end()->set_messages(snapshot.messages.size());
    end.mutable_end()->set_attachments(attachmentCount);
    end.mutable_end()->set_groups(snapshot.groups.size());
    LAPIS_TRY(writer.finish(end));
    out.close();
    if (!out)
        return fail(ErrorCode::Io, "Cannot write the backup file " + file.string());
    std::error_code ec;
    fs::rename(partial.path, file, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot write the backup file " + file.string() + ": " + ec.message());
    partial.keep = true;
    if (progress)
        progress(1.0);
    qCInfo(lcEngine) << "Backup written:" << snapshot.messages.size() << "messages," << attachmentCount
                     << "attachments";
    return code;
}

Result<void> Backups::importBackup(const ProfileOptions &target, const fs::path &file, const std::string &recoveryCode,
                                   const std::function<void(double)> &progress)
{
    std::error_code ec;
    const fs::path directory = fs::absolute(target.directory, ec);
    if (ec || directory.filename().empty())
        return fail(ErrorCode::InvalidArgument, "Cannot restore into " + target.directory.string());
    if (fs::exists(directory, ec)) {
        if (!fs::is_directory(directory, ec))
            return fail(ErrorCode::AlreadyExists, directory.string() + " is a file, not a profile folder");
        if (!fs::is_empty(directory, ec))
            return fail(ErrorCode::AlreadyExists,
                        "A backup is restored into an empty profile: " + directory.string() + " already holds files");
    } else if (!fs::is_directory(directory.parent_path(), ec)) {
        return fail(ErrorCode::NotFound, "The folder " + directory.parent_path().string() + " does not exist");
    }

    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot read the backup file " + file.string());
    in.seekg(0, std::ios::end);
    const auto fileSize = static_cast<double>(std::max<std::streamoff>(in.tellg(), 1));
    in.seekg(0);
    const auto report = [&] {
        const auto at = in.tellg();
        if (progress && at >= 0)
            progress(std::min(0.95 * static_cast<double>(at) / fileSize, 0.95));
    };

    // A wrong code or a foreign file fails here, before anything exists on disk.
    LAPIS_TRY_ASSIGN(auto reader, BackupReader::open(in, recoveryCode));
    LAPIS_TRY_ASSIGN(auto first, reader.next());
    if (first.kind_case() != backup::Record::kAccount)
        return fail(ErrorCode::Corrupt, "The backup file is damaged: it does not start with its account");
    backup::Account account;
    account.Swap(first.mutable_account());
    const WipeAccountSecrets wipeAccount{account};
    std::optional<protocol::AccountIdentity> accountKey;
    if (!account.plaintext_only()) {
        auto key = protocol::AccountIdentity::fromSeed(asBytes(account.account_key_seed()));
        if (!key.ok())
            return fail(ErrorCode::Corrupt, "The backup file is damaged: its account key is unusable");
        accountKey.emplace(std::move(key).value());
    }

    // Everything is built in a hidden folder beside the target and moved into place at the end;
    // any failure deletes it, so the target is left exactly as it was.
    auto &rng = crypto::systemRandom();
    RemoveUnlessKept staging{besideWithSuffix(directory, ".restoring-", rng)};
    fs::create_directory(staging.path, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot create a folder beside " + directory.string() + ": " + ec.message());
    SecureBytes keychainKey;
    ProfileOptions finalOptions = target;
    finalOptions.directory = directory;
    LAPIS_TRY_ASSIGN(auto store, createStagedProfileStore(finalOptions, staging.path, keychainKey));
    auto restored = std::make_unique<EngineContext>(staging.path, std::move(store));
    restored->backupParams = target.passphraseParams;

    // Contacts, conversations, messages and attachments, record by record.
    std::map<std::string, std::int64_t> conversationIds;
    std::uint64_t contacts = 0, conversations = 0, messages = 0, attachments = 0, groups = 0;
    const auto files = restored->store->attachmentFiles();
    const auto now = restored->nowMs();
    std::optional<MessageId> lastMessage;
    for (;;) {
        LAPIS_TRY_ASSIGN(auto record, reader.next());
        report();
        if (record.kind_case() == backup::Record::kEnd) {
            const auto &end = record.end();
            if (end.contacts() != contacts || end.conversations() != conversations || end.messages() != messages
                || end.attachments() != attachments || end.groups() != groups)
                return fail(ErrorCode::Corrupt, "The backup file is damaged: records are missing");
            break;
        }
        if (record.kind_case() == backup::Record::kGroup) {
            const AccountId self(account.account_id());
            LAPIS_TRY(
                restored->store
                    ->transact([&](store::Transaction &tx) { return restoreGroup(tx, self, record.group(), now); })
                    .get());
            ++groups;
            continue;
        }
        if (record.kind_case() == backup::Record::kAttachment) {
            const auto &r = record.attachment();
            LAPIS_TRY_ASSIGN(auto messageId, MessageId::fromBytes(toBytes(r.message_id())));
            if (!lastMessage || !(messageId == *lastMessage))
                return fail(ErrorCode::Corrupt, "The backup file is damaged: an attachment has no message");
            store::StoredAttachment a;
            a.messageId = messageId;
            a.blobId = r.blob_id();
            a.fileName = r.file_name();
            a.mimeType = r.mime_type();
            a.size = r.size();
            a.digest = toBytes(r.digest());
            a.remoteKey = SecureBytes::copyOf(toBytes(r.remote_key()));
            a.thumbnail = toBytes(r.thumbnail());
            a.state = store::AttachmentState::Remote;
            if (r.has_content()) {
                AttachmentSource source(reader, r.size(), report);
                std::istream plain(&source);
                auto encrypted = files.encryptFrom(plain);
                if (source.error())
                    return *source.error();
                if (!encrypted.ok())
                    return std::move(encrypted).error();
                if (source.remaining() != 0 || encrypted->plaintextSize != r.size())
                    return fail(ErrorCode::Corrupt,
                                "The backup file is damaged: an attachment's content is incomplete");
                a.localFile = encrypted->fileName;
                a.localKey = std::move(encrypted->key);
                a.state = store::AttachmentState::Available;
            }
            LAPIS_TRY(restored->store
                          ->transact([&](store::Transaction &tx) -> Result<void> {
                              LAPIS_TRY(tx.attachments().add(a));
                              return {};
                          })
                          .get());
            ++attachments;
            continue;
        }
        LAPIS_TRY(
            restored->store
                ->transact([&](store::Transaction &tx) { return restoreRecord(tx, record, conversationIds, now); })
                .get());
        switch (record.kind_case()) {
        case backup::Record::kContact:
            ++contacts;
            break;
        case backup::Record::kConversation:
            ++conversations;
            break;
        case backup::Record::kMessage:
            ++messages;
            lastMessage = *MessageId::fromBytes(toBytes(record.message().id()));
            break;
        default:
            break;
        }
    }

    // The restored profile becomes a NEW device of the account: the exporting device's ratchet
    // sessions are not copied (two devices sharing them would fork them). The old device's
    // credential is used once, for a one-use link token; the new device's keys are certified
    // with the backed-up account key, exactly as linking does.
    LAPIS_TRY(restored->connect(account.relay_address(), account.relay_certificate_pem()));
    restored->relay->setCredentials(
        transport::DeviceCredentials{account.account_id(), account.device_id(), toBytes(account.relay_credential())});
    auto token = restored->relay->createLinkToken();
    if (!token.ok())
        return fail(token.error().code, "The relay did not let the backup's account add a device ("
                                            + token.error().message
                                            + "). Was the backed-up device removed from the account?");
    const auto deviceName = QSysInfo::machineHostName().toStdString() + " (restored)";
    LAPIS_TRY_ASSIGN(auto device,
                     restored->relay->registerLinkedDevice(account.account_id(), token->token, deviceName));
    auto registered = [&]() -> Result<void> {
        if (accountKey)
            restored->identity = std::make_unique<LocalIdentity>(LocalIdentity::forLinkedDevice(
                std::move(*accountKey), AccountId(device.credentials.account), DeviceId(device.credentials.deviceId),
                protocol::DeviceKeys::generate(restored->rng), now / 1000));
        DeviceDirectory deviceDirectory(*restored);
        KeyMaintenance keys(*restored);
        Devices devices(*restored, deviceDirectory);
        Accounts accounts(*restored, keys, devices);
        AccountSetup setup;
        setup.relayAddress = account.relay_address();
        setup.relayCertificatePem = account.relay_certificate_pem();
        setup.deviceName = deviceName;
        LAPIS_TRY(accounts.saveAccount(device, setup));
        if (restored->identity)
            LAPIS_TRY(keys.publishKeys());
        if (!keychainKey.empty())
            LAPIS_TRY(saveProfileKeyToKeychain(directory, keychainKey.view()));
        return {};
    }();
    if (!registered.ok()) {
        restored->relay->setCredentials(device.credentials);
        (void)restored->relay->removeDevice(device.credentials.deviceId);
        return registered;
    }
    restored.reset(); // closes the store before its folder moves

    // rename() replaces an empty folder atomically; a missing one is simply created.
    fs::rename(staging.path, directory, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot move the restored profile into " + directory.string() + ": " + ec.message());
    staging.keep = true;
    if (progress)
        progress(1.0);
    qCInfo(lcEngine) << "Restored a backup as new device" << device.credentials.deviceId << ":" << messages
                     << "messages," << attachments << "attachments";
    return {};
}

} // namespace lapis::engine
