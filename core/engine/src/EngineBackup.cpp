// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: encrypted backups (export, and restore into an empty profile as a new device).
#include "BackupFile.h"

#include <lapis/common/Log.h>
#include <lapis/engine/Engine.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/RelayLogin.h>

#include <QSysInfo>

#include <fstream>
#include <map>
#include <streambuf>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {

/// Everything the backup holds, read in one transaction so that it is consistent.
struct Snapshot {
    store::OwnAccount own;
    std::vector<store::OwnDevice> devices;
    std::vector<store::Contact> contacts;
    std::vector<store::Conversation> conversations;
    std::vector<std::pair<AccountId, store::StoredMessage>> messages; ///< with their conversation's peer
    std::map<MessageId, std::vector<store::StoredAttachment>> attachments;
    std::uint64_t attachmentBytes = 0;
};

std::string bytesText(ByteView b)
{
    return {reinterpret_cast<const char *>(b.data()), b.size()};
}

Bytes textBytes(const std::string &s)
{
    return Bytes(s.begin(), s.end());
}

ByteView viewOf(const std::string &s)
{
    return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
}

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

/// The plaintext of an attachment written to it becomes AttachmentData records.
class AttachmentSink : public std::streambuf {
public:
    AttachmentSink(BackupWriter &writer, std::function<void(std::size_t)> onPiece)
        : m_writer(writer)
        , m_onPiece(std::move(onPiece))
        , m_buffer(backupfile::AttachmentPiece)
    {
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    }
    ~AttachmentSink() override { secureWipe(m_buffer.data(), m_buffer.size()); }

    /// Writes what is buffered; the first error met, if any.
    Result<void> finish()
    {
        if (!flushPiece())
            return *m_error;
        return {};
    }

protected:
    int_type overflow(int_type ch) override
    {
        if (!flushPiece())
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return flushPiece() ? 0 : -1; }

private:
    bool flushPiece()
    {
        if (m_error)
            return false;
        const auto n = static_cast<std::size_t>(pptr() - pbase());
        if (n == 0)
            return true;
        backup::Record record;
        record.mutable_attachment_data()->set_data(pbase(), n);
        auto written = m_writer.write(record);
        if (!written.ok()) {
            m_error = std::move(written).error();
            return false;
        }
        m_onPiece(n);
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
        return true;
    }

    BackupWriter &m_writer;
    std::function<void(std::size_t)> m_onPiece;
    std::vector<char> m_buffer;
    std::optional<Error> m_error;
};

/// Reads an attachment's plaintext from the AttachmentData records that follow it.
class AttachmentSource : public std::streambuf {
public:
    AttachmentSource(BackupReader &reader, std::uint64_t size, std::function<void()> onPiece)
        : m_reader(reader)
        , m_remaining(size)
        , m_onPiece(std::move(onPiece))
    {}
    ~AttachmentSource() override { secureWipe(m_piece.data(), m_piece.size()); }

    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }
    [[nodiscard]] std::uint64_t remaining() const { return m_remaining; }

protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (m_remaining == 0 || m_error)
            return traits_type::eof();
        auto record = m_reader.next();
        if (!record.ok()) {
            m_error = std::move(record).error();
            return traits_type::eof();
        }
        if (record->kind_case() != backup::Record::kAttachmentData || record->attachment_data().data().empty()
            || record->attachment_data().data().size() > m_remaining) {
            m_error = Error{ErrorCode::Corrupt, "The backup file is damaged: an attachment's content is incomplete"};
            return traits_type::eof();
        }
        secureWipe(m_piece.data(), m_piece.size());
        m_piece.assign(record->attachment_data().data().begin(), record->attachment_data().data().end());
        m_remaining -= m_piece.size();
        m_onPiece();
        setg(m_piece.data(), m_piece.data(), m_piece.data() + m_piece.size());
        return traits_type::to_int_type(*gptr());
    }

private:
    BackupReader &m_reader;
    std::uint64_t m_remaining;
    std::function<void()> m_onPiece;
    std::vector<char> m_piece;
    std::optional<Error> m_error;
};

Result<Snapshot> takeSnapshot(store::Transaction &tx)
{
    Snapshot s;
    LAPIS_TRY_ASSIGN(auto own, tx.accounts().load());
    if (!own)
        return fail(ErrorCode::NotFound, "This profile has no account to back up");
    s.own = std::move(*own);
    LAPIS_TRY_ASSIGN(s.devices, tx.accounts().devices());
    LAPIS_TRY_ASSIGN(s.contacts, tx.contacts().list());
    LAPIS_TRY_ASSIGN(s.conversations, tx.conversations().list(true));
    for (const auto &conversation : s.conversations) {
        std::optional<store::MessageCursor> cursor;
        do {
            LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation.id, 500, cursor));
            for (auto &m : page.messages) {
                LAPIS_TRY_ASSIGN(auto attachments, tx.attachments().forMessage(m.id));
                for (const auto &a : attachments)
                    s.attachmentBytes += a.size;
                if (!attachments.empty())
                    s.attachments.emplace(m.id, std::move(attachments));
                s.messages.emplace_back(conversation.peer, std::move(m));
            }
            cursor = page.next;
        } while (cursor);
    }
    return s;
}

backup::Record messageRecord(const AccountId &peer, const store::StoredMessage &m)
{
    backup::Record record;
    auto &r = *record.mutable_message();
    r.set_conversation_peer(peer.value());
    r.set_id(bytesText(m.id.bytes()));
    r.set_sender(m.sender.value());
    r.set_sender_device(m.senderDevice.value());
    r.set_outgoing(m.direction == store::MessageDirection::Outgoing);
    r.set_text(m.text);
    r.set_sent_at_ms(m.sentAtMs);
    r.set_has_received_at(m.receivedAtMs.has_value());
    r.set_received_at_ms(m.receivedAtMs.value_or(0));
    r.set_state(static_cast<int>(m.state));
    r.set_end_to_end(m.endToEnd);
    r.set_has_edited_at(m.editedAtMs.has_value());
    r.set_edited_at_ms(m.editedAtMs.value_or(0));
    r.set_deleted(m.deleted);
    if (m.replyTo)
        r.set_reply_to(bytesText(m.replyTo->bytes()));
    for (const auto &reaction : m.reactions) {
        auto &out = *r.add_reactions();
        out.set_reactor(reaction.reactor.value());
        out.set_emoji(reaction.emoji);
        out.set_reacted_at_ms(reaction.reactedAtMs);
    }
    return record;
}

store::StoredMessage messageFrom(const backup::Message &r, std::int64_t conversationId)
{
    store::StoredMessage m;
    m.conversationId = conversationId;
    m.sender = AccountId(r.sender());
    m.senderDevice = DeviceId(r.sender_device());
    m.direction = r.outgoing() ? store::MessageDirection::Outgoing : store::MessageDirection::Incoming;
    m.text = r.text();
    m.sentAtMs = r.sent_at_ms();
    if (r.has_received_at())
        m.receivedAtMs = r.received_at_ms();
    const int state = std::clamp(r.state(), 0, static_cast<int>(store::MessageState::Failed));
    m.state = static_cast<store::MessageState>(state);
    // The outbox is not part of a backup: what never reached the relay is shown as failed.
    if (m.state == store::MessageState::Pending)
        m.state = store::MessageState::Failed;
    m.endToEnd = r.end_to_end();
    if (r.has_edited_at())
        m.editedAtMs = r.edited_at_ms();
    m.deleted = r.deleted();
    return m;
}

/// Restores one record (not the account, not attachment content) into the staged store.
Result<void> restoreRecord(store::Transaction &tx, const backup::Record &record,
                           std::map<std::string, std::int64_t> &conversationIds, std::int64_t nowMs)
{
    switch (record.kind_case()) {
    case backup::Record::kDevice: {
        const auto &r = record.device();
        store::OwnDevice device{DeviceId(r.device_id()), r.name(), textBytes(r.certificate()), r.added_at_ms()};
        return tx.accounts().saveDevice(device);
    }
    case backup::Record::kContact: {
        const auto &r = record.contact();
        store::Contact contact;
        contact.account = AccountId(r.account_id());
        contact.displayName = r.display_name();
        contact.pinnedAccountKey = textBytes(r.pinned_account_key());
        contact.verification = static_cast<store::VerificationState>(
            std::clamp(r.verification(), 0, static_cast<int>(store::VerificationState::KeyChanged)));
        contact.everHadEndToEnd = r.ever_had_end_to_end();
        contact.addedAtMs = r.added_at_ms();
        for (const auto &d : r.devices())
            contact.devices.push_back({DeviceId(d.device_id()), textBytes(d.certificate()), d.updated_at_ms()});
        return tx.contacts().save(contact);
    }
    case backup::Record::kConversation: {
        const auto &r = record.conversation();
        LAPIS_TRY_ASSIGN(auto conversation,
                         tx.conversations().findOrCreate(AccountId(r.peer()), r.title(), r.created_at_ms()));
        LAPIS_TRY(tx.conversations().recordActivity(conversation.id, r.last_activity_at_ms(), r.unread_count()));
        if (r.archived())
            LAPIS_TRY(tx.conversations().setArchived(conversation.id, true));
        conversationIds[r.peer()] = conversation.id;
        return {};
    }
    case backup::Record::kMessage: {
        const auto &r = record.message();
        const auto it = conversationIds.find(r.conversation_peer());
        if (it == conversationIds.end())
            return fail(ErrorCode::Corrupt, "The backup file is damaged: a message has no conversation");
        auto m = messageFrom(r, it->second);
        LAPIS_TRY_ASSIGN(m.id, MessageId::fromBytes(textBytes(r.id())));
        if (!r.reply_to().empty()) {
            LAPIS_TRY_ASSIGN(auto replyTo, MessageId::fromBytes(textBytes(r.reply_to())));
            m.replyTo = replyTo;
        }
        if (m.receivedAtMs)
            m.receivedAtMs = std::min(*m.receivedAtMs, nowMs);
        LAPIS_TRY(tx.messages().insert(m));
        for (const auto &reaction : r.reactions())
            LAPIS_TRY(tx.messages().setReaction(
                m.id, store::Reaction{AccountId(reaction.reactor()), reaction.emoji(), reaction.reacted_at_ms()}));
        return {};
    }
    default:
        return fail(ErrorCode::Corrupt, "The backup file is damaged: a record is out of place");
    }
}

} // namespace

Result<std::string> Engine::exportBackup(const fs::path &file, const std::function<void(double)> &progress)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account to back up");
    LAPIS_TRY_ASSIGN(auto snapshot, m_store->transact([](store::Transaction &tx) { return takeSnapshot(tx); }).get());
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

    const auto code = generateRecoveryCode(m_rng);
    RemoveUnlessKept partial{besideWithSuffix(file, ".partial-", m_rng)};
    std::ofstream out(partial.path, std::ios::binary | std::ios::trunc);
    if (!out)
        return fail(ErrorCode::Io, "Cannot write the backup file " + file.string());
    // Encrypted, but nobody else needs to read it.
    std::error_code permissionsError;
    fs::permissions(partial.path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    permissionsError);
    LAPIS_TRY_ASSIGN(auto writer, BackupWriter::start(out, code, m_backupParams, m_rng));

    backup::Record record;
    auto &account = *record.mutable_account();
    account.set_account_id(m_account.value());
    account.set_relay_address(snapshot.own.relayAddress);
    account.set_relay_certificate_pem(login.certificatePem);
    account.set_relay_credential(bytesText(login.credential.view()));
    account.set_device_id(m_deviceId.value());
    if (m_identity)
        account.set_account_key_seed(bytesText(m_identity->accountIdentity().seed()));
    account.set_plaintext_only(m_plaintextOnly);
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
        r.mutable_device()->set_certificate(bytesText(d.certificate));
        r.mutable_device()->set_added_at_ms(d.addedAtMs);
        LAPIS_TRY(writer.write(r));
        advance(1);
    }
    for (const auto &c : snapshot.contacts) {
        backup::Record r;
        auto &contact = *r.mutable_contact();
        contact.set_account_id(c.account.value());
        contact.set_display_name(c.displayName);
        contact.set_pinned_account_key(bytesText(c.pinnedAccountKey));
        contact.set_verification(static_cast<int>(c.verification));
        contact.set_ever_had_end_to_end(c.everHadEndToEnd);
        contact.set_added_at_ms(c.addedAtMs);
        for (const auto &d : c.devices) {
            auto &device = *contact.add_devices();
            device.set_device_id(d.device.value());
            device.set_certificate(bytesText(d.certificate));
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
        LAPIS_TRY(writer.write(r));
        advance(1);
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
            attachment.set_message_id(bytesText(a.messageId.bytes()));
            attachment.set_blob_id(a.blobId);
            attachment.set_file_name(a.fileName);
            attachment.set_mime_type(a.mimeType);
            attachment.set_size(a.size);
            attachment.set_digest(bytesText(a.digest));
            attachment.set_remote_key(bytesText(a.remoteKey.view()));
            attachment.set_thumbnail(bytesText(a.thumbnail));
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
            std::ifstream cipher(m_store->paths().attachments / a.localFile, std::ios::binary);
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

Result<void> Engine::importBackup(const ProfileOptions &target, const fs::path &file, const std::string &recoveryCode,
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
        auto key = protocol::AccountIdentity::fromSeed(viewOf(account.account_key_seed()));
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
    std::unique_ptr<Engine> engine(new Engine(staging.path, std::move(store)));
    engine->m_backupParams = target.passphraseParams;

    // Contacts, conversations, messages and attachments, record by record.
    std::map<std::string, std::int64_t> conversationIds;
    std::uint64_t contacts = 0, conversations = 0, messages = 0, attachments = 0;
    const auto files = engine->m_store->attachmentFiles();
    const auto now = engine->nowMs();
    std::optional<MessageId> lastMessage;
    for (;;) {
        LAPIS_TRY_ASSIGN(auto record, reader.next());
        report();
        if (record.kind_case() == backup::Record::kEnd) {
            const auto &end = record.end();
            if (end.contacts() != contacts || end.conversations() != conversations || end.messages() != messages
                || end.attachments() != attachments)
                return fail(ErrorCode::Corrupt, "The backup file is damaged: records are missing");
            break;
        }
        if (record.kind_case() == backup::Record::kAttachment) {
            const auto &r = record.attachment();
            LAPIS_TRY_ASSIGN(auto messageId, MessageId::fromBytes(textBytes(r.message_id())));
            if (!lastMessage || !(messageId == *lastMessage))
                return fail(ErrorCode::Corrupt, "The backup file is damaged: an attachment has no message");
            store::StoredAttachment a;
            a.messageId = messageId;
            a.blobId = r.blob_id();
            a.fileName = r.file_name();
            a.mimeType = r.mime_type();
            a.size = r.size();
            a.digest = textBytes(r.digest());
            a.remoteKey = SecureBytes::copyOf(textBytes(r.remote_key()));
            a.thumbnail = textBytes(r.thumbnail());
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
            LAPIS_TRY(engine->m_store
                          ->transact([&](store::Transaction &tx) -> Result<void> {
                              LAPIS_TRY(tx.attachments().add(a));
                              return {};
                          })
                          .get());
            ++attachments;
            continue;
        }
        LAPIS_TRY(
            engine->m_store
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
            lastMessage = *MessageId::fromBytes(textBytes(record.message().id()));
            break;
        default:
            break;
        }
    }

    // The restored profile becomes a NEW device of the account: the exporting device's ratchet
    // sessions are not copied (two devices sharing them would fork them). The old device's
    // credential is used once, for a one-use link token; the new device's keys are certified
    // with the backed-up account key, exactly as linking does.
    LAPIS_TRY(engine->connect(account.relay_address(), account.relay_certificate_pem()));
    engine->m_relay->setCredentials(
        transport::DeviceCredentials{account.account_id(), account.device_id(), textBytes(account.relay_credential())});
    auto token = engine->m_relay->createLinkToken();
    if (!token.ok())
        return fail(token.error().code, "The relay did not let the backup's account add a device ("
                                            + token.error().message
                                            + "). Was the backed-up device removed from the account?");
    const auto deviceName = QSysInfo::machineHostName().toStdString() + " (restored)";
    LAPIS_TRY_ASSIGN(auto device,
                     engine->m_relay->registerLinkedDevice(account.account_id(), token->token, deviceName));
    auto registered = [&]() -> Result<void> {
        if (accountKey)
            engine->m_identity = std::make_unique<LocalIdentity>(LocalIdentity::forLinkedDevice(
                std::move(*accountKey), AccountId(device.credentials.account), DeviceId(device.credentials.deviceId),
                protocol::DeviceKeys::generate(engine->m_rng), now / 1000));
        AccountSetup setup;
        setup.relayAddress = account.relay_address();
        setup.relayCertificatePem = account.relay_certificate_pem();
        setup.deviceName = deviceName;
        LAPIS_TRY(engine->saveAccount(device, setup));
        if (engine->m_identity)
            LAPIS_TRY(engine->publishKeys());
        if (!keychainKey.empty())
            LAPIS_TRY(saveProfileKeyToKeychain(directory, keychainKey.view()));
        return {};
    }();
    if (!registered.ok()) {
        engine->m_relay->setCredentials(device.credentials);
        (void)engine->m_relay->removeDevice(device.credentials.deviceId);
        return registered;
    }
    engine.reset(); // closes the store before its folder moves

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
