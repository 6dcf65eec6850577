// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: read-only queries the desktop app's views are built from (conversation list, message
// pages, a contact's trust state), plus the small account-settings calls behind its settings screen.
#include <lapis/engine/Engine.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/protocol/SessionRecord.h>

#include <algorithm>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
AttachmentSummary summarize(const store::StoredAttachment &attachment)
{
    AttachmentSummary out;
    out.id = attachment.id;
    out.fileName = attachment.fileName;
    out.mimeType = attachment.mimeType;
    out.size = attachment.size;
    out.state = attachment.state;
    return out;
}

/// The attachments of a page's messages. A file name is the sender's text, shown, never a path.
Result<void> addAttachments(store::Transaction &tx, MessagePageView &view)
{
    for (const auto &message : view.page.messages) {
        LAPIS_TRY_ASSIGN(auto attachments, tx.attachments().forMessage(message.id));
        if (attachments.empty())
            continue;
        auto &list = view.attachments[message.id.toHex()];
        for (const auto &attachment : attachments) {
            auto summary = summarize(attachment);
            summary.incoming = message.direction == store::MessageDirection::Incoming;
            list.push_back(std::move(summary));
        }
    }
    return {};
}
} // namespace

Result<std::vector<ConversationSummary>> Engine::conversations()
{
    return m_store
        ->transact([](store::Transaction &tx) -> Result<std::vector<ConversationSummary>> {
            LAPIS_TRY_ASSIGN(auto list, tx.conversations().list());
            std::vector<ConversationSummary> out;
            out.reserve(list.size());
            for (auto &conversation : list) {
                ConversationSummary summary;
                LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation.id, 1));
                if (!page.messages.empty())
                    summary.lastMessage = std::move(page.messages.front());
                LAPIS_TRY_ASSIGN(auto contact, tx.contacts().find(conversation.peer));
                // Blue once the contact has an account key (end to end is possible), green otherwise.
                summary.endToEnd = contact && (!contact->pinnedAccountKey.empty() || contact->everHadEndToEnd);
                if (!contact && summary.lastMessage)
                    summary.endToEnd = summary.lastMessage->endToEnd;
                if (contact)
                    summary.verification = contact->verification;
                summary.conversation = std::move(conversation);
                out.push_back(std::move(summary));
            }
            return out;
        })
        .get();
}

Result<MessagePageView> Engine::messagePage(const AccountId &peer, int limit,
                                            const std::optional<store::MessageCursor> &before)
{
    return m_store
        ->transact([&](store::Transaction &tx) -> Result<MessagePageView> {
            MessagePageView view;
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            if (!conversation)
                return view;
            view.conversationId = conversation->id;
            LAPIS_TRY_ASSIGN(view.page, tx.messages().page(conversation->id, limit, before));
            LAPIS_TRY(addAttachments(tx, view));
            return view;
        })
        .get();
}

Result<MessagePageView> Engine::messagePageAfter(const AccountId &peer, int limit, const store::MessageCursor &after)
{
    return m_store
        ->transact([&](store::Transaction &tx) -> Result<MessagePageView> {
            MessagePageView view;
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            if (!conversation)
                return view;
            view.conversationId = conversation->id;
            LAPIS_TRY_ASSIGN(auto newer, tx.messages().pageAfter(conversation->id, limit, after));
            view.hasNewer = newer.next.has_value();
            view.page.messages = std::move(newer.messages);
            LAPIS_TRY(addAttachments(tx, view));
            return view;
        })
        .get();
}

Result<MessagePageView> Engine::messagePageAround(const AccountId &peer, const MessageId &message, int limit)
{
    return m_store
        ->transact([&](store::Transaction &tx) -> Result<MessagePageView> {
            MessagePageView view;
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            LAPIS_TRY_ASSIGN(auto found, tx.messages().find(message));
            if (!conversation || !found || found->conversationId != conversation->id)
                return fail(ErrorCode::NotFound, "The conversation with " + peer.value() + " has no such message");
            view.conversationId = conversation->id;
            const store::MessageCursor at{found->sentAtMs, found->sequence};
            const int newerCount = std::max(limit, 1) / 2;
            const int olderCount = std::max(std::max(limit, 1) - newerCount - 1, 1);
            LAPIS_TRY_ASSIGN(auto newer, tx.messages().pageAfter(conversation->id, newerCount, at));
            LAPIS_TRY_ASSIGN(auto older, tx.messages().page(conversation->id, olderCount, at));
            view.hasNewer = newer.next.has_value();
            view.page.messages = std::move(newer.messages);
            view.page.messages.push_back(std::move(*found));
            for (auto &m : older.messages)
                view.page.messages.push_back(std::move(m));
            view.page.next = older.next;
            LAPIS_TRY(addAttachments(tx, view));
            return view;
        })
        .get();
}

Result<ContactTrust> Engine::contactTrust(const AccountId &peer, bool askRelay)
{
    auto stored = [&]() {
        return m_store
            ->transact([&](store::Transaction &tx) -> Result<std::optional<store::Contact>> {
                return tx.contacts().find(peer);
            })
            .get();
    };
    ContactTrust trust;
    std::optional<Directory> directory;
    if (askRelay && m_relay && hasAccount() && !m_plaintextOnly) {
        auto resolved = resolve(peer, DirectoryUse::Lookup);
        if (resolved.ok()) {
            trust.relayAnswered = true;
            trust.certifiedDevices = resolved.value().selection.accepted.size();
            directory = std::move(resolved).value();
        } else if (resolved.error().code == ErrorCode::PermissionDenied) {
            trust.relayAnswered = true; // the changed key, recorded by resolve() in the contact
        }
    }
    LAPIS_TRY_ASSIGN(auto contact, stored());
    if (contact) {
        trust.everHadEndToEnd = contact->everHadEndToEnd || !contact->pinnedAccountKey.empty();
        trust.verified = contact->verification == store::VerificationState::Verified;
        trust.keyChanged = contact->verification == store::VerificationState::KeyChanged;
    }
    if (m_identity) {
        LAPIS_TRY_ASSIGN(const auto sessions, postQuantumSessions(peer));
        if (directory) {
            // The devices a message goes to now: sessions with devices the account no longer
            // certifies say nothing, and a device without a session is reached as its bundle says.
            const auto &accepted = directory->selection.accepted;
            trust.postQuantum = !accepted.empty() && std::all_of(accepted.begin(), accepted.end(), [&](const auto &c) {
                const auto bundle = directory->bundles.find(c.device.device);
                return reachedWithPqxdh(sessions, c.device.device,
                                        bundle != directory->bundles.end() ? bundle->second.kemPreKey
                                                                           : std::optional<transport::KemPreKey>());
            });
        } else {
            trust.postQuantum = !sessions.empty() && std::all_of(sessions.begin(), sessions.end(), [](const auto &s) {
                return s.second;
            });
        }
    }
    if (trust.relayAnswered) {
        trust.endToEnd = !trust.keyChanged && trust.certifiedDevices > 0 && !m_plaintextOnly;
        trust.downgraded = !trust.keyChanged && trust.everHadEndToEnd && trust.certifiedDevices == 0;
    } else {
        trust.endToEnd = trust.everHadEndToEnd && !m_plaintextOnly;
    }
    return trust;
}

bool Engine::reachedWithPqxdh(const std::map<DeviceId, bool> &sessions, DeviceId device,
                              const std::optional<transport::KemPreKey> &offered)
{
    // Without a session the next one is PQXDH exactly when the bundle offers an ML-KEM prekey: a
    // bundle stripped of one fails to verify (PROTOCOL.md §3), so "classical" is never a downgrade.
    const auto session = sessions.find(device);
    return session != sessions.end() ? session->second : offered.has_value();
}

Result<std::map<DeviceId, bool>> Engine::postQuantumSessions(const AccountId &account)
{
    return m_store
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

Result<void> Engine::markVerified(const AccountId &peer)
{
    return m_store
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

Result<void> Engine::removeDevice(const DeviceId &device)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    if (device == m_deviceId)
        return fail(ErrorCode::InvalidArgument, "This device cannot remove itself; remove it from another device");
    return m_relay->removeDevice(device.value());
}

Result<void> Engine::disableTotp(const std::string &code)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet");
    return m_relay->disableTotp(code);
}

Result<void> Engine::changePassphrase(const std::string &oldPassphrase, const std::string &newPassphrase)
{
    LAPIS_TRY(checkNewPassphrase(newPassphrase));
    return m_store->changePassphrase(oldPassphrase, newPassphrase).get();
}

bool Engine::usesPassphrase() const
{
    std::error_code ec;
    return fs::exists(m_store->paths().keyFile, ec);
}

Result<void> Engine::protectWithPassphrase(const std::string &newPassphrase)
{
    return protectProfileWithPassphrase(m_profile, newPassphrase, m_backupParams);
}

Result<void> Engine::protectWithKeychain(const std::string &currentPassphrase)
{
    return protectProfileWithKeychain(m_profile, currentPassphrase);
}

} // namespace lapis::engine
