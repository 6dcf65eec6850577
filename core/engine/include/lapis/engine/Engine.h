// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/ProfileOptions.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/attachments/AttachmentDownloads.h>
#include <lapis/engine/attachments/AttachmentUploads.h>
#include <lapis/engine/backup/Backups.h>
#include <lapis/engine/conversations/ConversationViews.h>
#include <lapis/engine/conversations/MessageChanges.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/devices/Linking.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/engine/profile/Privacy.h>
#include <lapis/engine/profile/ProfileProtection.h>
#include <lapis/engine/receiving/Receiver.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/engine/trust/Trust.h>

#include <memory>

namespace lapis::engine {

/// The messenger's use cases for one profile, behind one object: the engine the desktop app and
/// lapis-cli hold. Each call forwards to the use case that does it (see that class for what it
/// does); they share one EngineContext. Every call blocks until done (network, disk, key
/// derivation): call it from a worker thread, never from the GUI thread. Not for use from several
/// threads at once.
class Engine {
public:
    /// Opens the profile's store (creating an empty profile when the folder has none).
    static Result<std::unique_ptr<Engine>> open(const ProfileOptions &options);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    // The profile.
    [[nodiscard]] bool hasAccount() const { return m_ctx.hasAccount(); }
    /// Signed in by a code from another device of an end-to-end account, but without the account
    /// key yet: the device still needs linking (link-request here, link-approve there).
    [[nodiscard]] bool awaitingKeys() const { return m_ctx.awaitingKeys; }
    [[nodiscard]] const AccountId &account() const { return m_ctx.account; }
    [[nodiscard]] const DeviceId &deviceId() const { return m_ctx.deviceId; }
    [[nodiscard]] const std::filesystem::path &profileDirectory() const { return m_ctx.profile; }
    /// Envelopes dropped since the engine opened because they can never be read (forged,
    /// malformed): each was also handed on as an IncomingEvent::Kind::Unreadable.
    [[nodiscard]] std::uint64_t unreadableEnvelopes() const { return m_ctx.unreadableEnvelopes.load(); }
    /// Received attachments larger than this wait for downloadAttachment() (default 100 MiB).
    void setAutoDownloadLimit(std::uint64_t bytes) { m_ctx.autoDownloadLimit = bytes; }

    // Account and sign-in (Accounts).
    Result<void> registerAccount(const AccountSetup &setup) { return m_accounts.registerAccount(setup); }
    Result<void> login(const AccountSetup &setup) { return m_accounts.login(setup); }
    Result<std::vector<SignInRequest>> signInRequests() { return m_accounts.signInRequests(); }
    Result<void> denySignIn(const std::string &id) { return m_accounts.denySignIn(id); }
    Result<std::vector<SignInRequest>> signInHistory() { return m_accounts.signInHistory(); }
    void setSignInListener(std::function<void(const SignInRequest &, bool pending)> listener)
    {
        m_accounts.setSignInListener(std::move(listener));
    }
    Result<std::string> enableTotp() { return m_accounts.enableTotp(); }
    Result<void> confirmTotp(const std::string &code) { return m_accounts.confirmTotp(code); }
    Result<void> disableTotp(const std::string &code) { return m_accounts.disableTotp(code); }
    Result<void> changeAccountPassword(const std::string &oldPassword, const std::string &newPassword,
                                       const std::string &totpCode)
    {
        return m_accounts.changeAccountPassword(oldPassword, newPassword, totpCode);
    }
    Result<void> allowSignIns() { return m_accounts.allowSignIns(); }

    // Devices and linking (Devices, Linking).
    Result<std::vector<DeviceSummary>> devices(const std::optional<AccountId> &account)
    {
        return m_devices.devices(account);
    }
    Result<void> removeDevice(const DeviceId &device) { return m_devices.removeDevice(device); }
    Result<std::vector<DeviceChange>> deviceChanges() { return m_devices.deviceChanges(); }
    void setDeviceChangeListener(std::function<void(const DeviceChange &)> listener)
    {
        m_devices.setDeviceChangeListener(std::move(listener));
    }
    Result<PendingLink> requestLink(const std::string &relayAddress, const std::string &relayCertificatePem)
    {
        return m_linking.requestLink(relayAddress, relayCertificatePem);
    }
    Result<void> completeLink(const PendingLink &pending, const std::string &deviceName,
                              const std::function<bool()> &interrupted = {})
    {
        return m_linking.completeLink(pending, deviceName, interrupted);
    }
    Result<void> approveLink(const LinkUri &uri, const std::optional<std::string> &expectedCode)
    {
        return m_linking.approveLink(uri, expectedCode);
    }
    static std::string comparisonCode(const LinkUri &uri) { return Linking::comparisonCode(uri); }

    // Sending (Sender, AttachmentUploads).
    /// To a group's conversation key (GroupSummary::conversationKey), the text goes to the group.
    Result<SendReport> sendText(const AccountId &to, const std::string &text, bool allowPlaintext);
    Result<std::vector<SendReport>> sendTexts(const AccountId &to, const std::vector<std::string> &texts,
                                              bool allowPlaintext)
    {
        return m_sender.sendTexts(to, texts, allowPlaintext);
    }
    /// As sendText, a group's conversation key included.
    Result<SendReport> sendReply(const AccountId &to, const MessageId &replyTo, const std::string &text,
                                 bool allowPlaintext);
    Result<SendReport> sendReaction(const AccountId &to, const MessageId &target, const std::string &emoji, bool remove,
                                    bool allowPlaintext = false)
    {
        return m_sender.sendReaction(to, target, emoji, remove, allowPlaintext);
    }
    Result<SendReport> sendFile(const AccountId &to, const std::filesystem::path &file, bool allowPlaintext,
                                const transport::ProgressCallback &progress = {})
    {
        return m_uploads.sendFile(to, file, allowPlaintext, progress);
    }
    Result<SendReport> sendFileData(const AccountId &to, ByteView data, const std::string &fileName,
                                    bool allowPlaintext, const transport::ProgressCallback &progress = {})
    {
        return m_uploads.sendFileData(to, data, fileName, allowPlaintext, progress);
    }
    Result<std::vector<store::PendingUpload>> pendingUploads() { return m_uploads.pendingUploads(); }
    Result<int> resumeUploads() { return m_uploads.resumeUploads(); }
    Result<void> cancelUpload(const std::string &blobId) { return m_uploads.cancelUpload(blobId); }
    /// Resumes pending uploads, then retries what the outbox holds (Receiver::flushOutbox).
    Result<int> flushOutbox() { return m_receiver.flushOutbox(); }

    // Receiving (Receiver, AttachmentDownloads).
    using ReceivedEnough = Receiver::ReceivedEnough;
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds idle) { return m_receiver.receive(idle); }
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds deadline, const ReceivedEnough &enough)
    {
        return m_receiver.receive(deadline, enough);
    }
    Result<void> listen(const ListenCallbacks &callbacks, const std::function<bool()> &interrupted)
    {
        return m_receiver.listen(callbacks, interrupted);
    }
    Result<int> markRead(const AccountId &peer) { return m_receiver.markRead(peer); }
    Result<void> downloadAttachment(std::int64_t attachmentId, const transport::ProgressCallback &progress = {})
    {
        return m_downloads.downloadAttachment(attachmentId, progress);
    }
    Result<std::uint64_t> decryptAttachment(std::int64_t attachmentId, const PlaintextSink &sink)
    {
        return m_downloads.decryptAttachment(attachmentId, sink);
    }
    Result<void> decryptAttachmentTo(std::int64_t attachmentId, const std::filesystem::path &destination)
    {
        return m_downloads.decryptAttachmentTo(attachmentId, destination);
    }
    Result<std::filesystem::path> saveAttachmentIn(std::int64_t attachmentId, const std::filesystem::path &folder,
                                                   const PlaintextSink &tee = {})
    {
        return m_downloads.saveAttachmentIn(attachmentId, folder, tee);
    }
    Result<std::filesystem::path> openAttachmentCopy(std::int64_t attachmentId)
    {
        return m_downloads.openAttachmentCopy(attachmentId);
    }
    [[nodiscard]] std::filesystem::path openedFolder() const { return m_downloads.openedFolder(); }
    Result<void> clearOpenedAttachments() { return m_downloads.clearOpenedAttachments(); }
    Result<Bytes> attachmentBytes(std::int64_t attachmentId, std::uint64_t maxSize)
    {
        return m_downloads.attachmentBytes(attachmentId, maxSize);
    }

    // Conversations and search (ConversationViews).
    Result<std::vector<ConversationSummary>> conversations() { return m_views.conversations(); }
    Result<MessagePageView> messagePage(const AccountId &peer, int limit,
                                        const std::optional<store::MessageCursor> &before)
    {
        return m_views.messagePage(peer, limit, before);
    }
    Result<MessagePageView> messagePageAfter(const AccountId &peer, int limit, const store::MessageCursor &after)
    {
        return m_views.messagePageAfter(peer, limit, after);
    }
    Result<MessagePageView> messagePageAround(const AccountId &peer, const MessageId &message, int limit)
    {
        return m_views.messagePageAround(peer, message, limit);
    }
    Result<std::vector<store::StoredMessage>> history(const AccountId &peer, int limit)
    {
        return m_views.history(peer, limit);
    }
    Result<std::vector<store::StoredMessage>> search(const std::string &text, int limit = 50)
    {
        return m_views.search(text, limit);
    }
    Result<std::size_t> indexSearchBacklog(std::size_t limit = SearchIndexChunk)
    {
        return m_views.indexSearchBacklog(limit);
    }
    // Changing what was said (MessageChanges) and typing (Sender).
    Result<SendReport> editMessage(const AccountId &peer, const MessageId &id, const std::string &newText)
    {
        return m_changes.editMessage(peer, id, newText);
    }
    Result<SendReport> deleteForEveryone(const AccountId &peer, const MessageId &id)
    {
        return m_changes.deleteForEveryone(peer, id);
    }
    Result<void> deleteForMe(const AccountId &peer, const MessageId &id) { return m_changes.deleteForMe(peer, id); }
    Result<std::vector<store::MessageVersion>> editHistory(const AccountId &peer, const MessageId &id)
    {
        return m_changes.editHistory(peer, id);
    }
    Result<SendReport> setDisappearingTimer(const AccountId &peer, std::uint32_t seconds)
    {
        return m_changes.setDisappearingTimer(peer, seconds);
    }
    Result<std::uint32_t> disappearingTimer(const AccountId &peer) { return m_changes.disappearingTimer(peer); }
    Result<std::vector<ExpiredMessage>> eraseExpiredMessages() { return engine::eraseExpiredMessages(m_ctx); }
    Result<void> sendTyping(const AccountId &to, bool started) { return m_sender.sendTyping(to, started); }
    // Groups (Groups).
    Result<GroupSummary> createGroup(const std::string &name, const std::vector<AccountId> &members)
    {
        return m_groups.createGroup(name, members);
    }
    Result<GroupSummary> addGroupMembers(const protocol::GroupId &group, const std::vector<AccountId> &members)
    {
        return m_groups.addMembers(group, members);
    }
    Result<GroupSummary> removeGroupMembers(const protocol::GroupId &group, const std::vector<AccountId> &members)
    {
        return m_groups.removeMembers(group, members);
    }
    Result<GroupSummary> promoteGroupMembers(const protocol::GroupId &group, const std::vector<AccountId> &members)
    {
        return m_groups.promoteMembers(group, members);
    }
    Result<GroupSummary> renameGroup(const protocol::GroupId &group, const std::string &name)
    {
        return m_groups.renameGroup(group, name);
    }
    Result<GroupSummary> leaveGroup(const protocol::GroupId &group) { return m_groups.leaveGroup(group); }
    Result<std::vector<GroupSummary>> groups() { return m_groups.groups(); }
    Result<std::vector<MemberReceiptView>> groupReceipts(const protocol::GroupId &group, const MessageId &id)
    {
        return m_groups.receipts(group, id);
    }
    Result<GroupSummary> group(const protocol::GroupId &group) { return m_groups.group(group); }
    Result<GroupSendReport> sendGroupText(const protocol::GroupId &group, const std::string &text,
                                          const std::optional<MessageId> &replyTo = std::nullopt)
    {
        return m_groups.sendGroupText(group, text, replyTo);
    }

    // Settings → Privacy (Privacy).
    [[nodiscard]] PrivacySettings privacy() const { return m_privacy.settings(); }
    Result<void> setPrivacy(const PrivacySettings &settings) { return m_privacy.change(settings); }

    // Trust (Trust, DeviceDirectory).
    Result<ContactTrust> contactTrust(const AccountId &peer, bool askRelay)
    {
        return m_trust.contactTrust(peer, askRelay);
    }
    Result<std::map<DeviceId, bool>> postQuantumSessions(const AccountId &account)
    {
        return m_directory.postQuantumSessions(account);
    }
    Result<std::string> safetyNumber(const AccountId &peer) { return m_trust.safetyNumber(peer); }
    Result<void> markVerified(const AccountId &peer) { return m_trust.markVerified(peer); }
    Result<std::string> acceptNewAccountKey(const AccountId &peer) { return m_trust.acceptNewAccountKey(peer); }

    // The store key and backups (ProfileProtection, Backups).
    [[nodiscard]] bool usesPassphrase() const { return m_protection.usesPassphrase(); }
    Result<void> changePassphrase(const std::string &oldPassphrase, const std::string &newPassphrase)
    {
        return m_protection.changePassphrase(oldPassphrase, newPassphrase);
    }
    Result<void> protectWithPassphrase(const std::string &newPassphrase)
    {
        return m_protection.protectWithPassphrase(newPassphrase);
    }
    Result<void> protectWithKeychain(const std::string &currentPassphrase)
    {
        return m_protection.protectWithKeychain(currentPassphrase);
    }
    Result<std::string> exportBackup(const std::filesystem::path &file,
                                     const std::function<void(double)> &progress = {})
    {
        return m_backups.exportBackup(file, progress);
    }
    static Result<void> importBackup(const ProfileOptions &target, const std::filesystem::path &file,
                                     const std::string &recoveryCode, const std::function<void(double)> &progress = {})
    {
        return Backups::importBackup(target, file, recoveryCode, progress);
    }

private:
    Engine(std::filesystem::path profile, std::unique_ptr<store::Store> store);

    // In the order they are made: each takes only those above it.
    EngineContext m_ctx;
    DeviceDirectory m_directory{m_ctx};
    KeyMaintenance m_keys{m_ctx};
    Devices m_devices{m_ctx, m_directory};
    Accounts m_accounts{m_ctx, m_keys, m_devices};
    Linking m_linking{m_ctx, m_accounts, m_keys};
    Sender m_sender{m_ctx, m_directory};
    Groups m_groups{m_ctx, m_directory, m_sender};
    AttachmentUploads m_uploads{m_ctx, m_sender, m_groups};
    AttachmentDownloads m_downloads{m_ctx};
    ConversationViews m_views{m_ctx};
    MessageChanges m_changes{m_ctx, m_sender};
    Privacy m_privacy{m_ctx};
    Trust m_trust{m_ctx, m_directory};
    ProfileProtection m_protection{m_ctx};
    Backups m_backups{m_ctx};
    Receiver m_receiver{m_ctx, {m_directory, m_sender, m_uploads, m_downloads, m_keys, m_accounts, m_views}};
};

} // namespace lapis::engine
