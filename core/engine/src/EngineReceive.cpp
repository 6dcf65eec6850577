// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the receive loop, attachments on arrival, history, search, devices, safety numbers.
#include <lapis/common/Log.h>
#include <lapis/engine/Attachments.h>
#include <lapis/engine/Engine.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/protocol/SafetyNumber.h>
#include <lapis/protocol/SessionBuilder.h>
#include <lapis/transport/MessageStream.h>

#include <QCryptographicHash>
#include <QFile>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <variant>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
/// What the stream thread hands to the receiving thread.
class Inbox {
public:
    void push(transport::ReceivedEnvelope envelope)
    {
        {
            std::lock_guard lock(m_mutex);
            m_items.push_back(std::move(envelope));
        }
        m_wake.notify_one();
    }
    void fatal(Error error)
    {
        {
            std::lock_guard lock(m_mutex);
            m_error = std::move(error);
        }
        m_wake.notify_one();
    }
    /// The next envelope, or nullopt when `idle` passed with nothing new.
    Result<std::optional<transport::ReceivedEnvelope>> next(std::chrono::milliseconds idle)
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, idle, [this] { return !m_items.empty() || m_error; });
        if (m_error)
            return *m_error;
        if (m_items.empty())
            return std::optional<transport::ReceivedEnvelope>{};
        auto item = std::move(m_items.front());
        m_items.pop_front();
        return std::optional(std::move(item));
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<transport::ReceivedEnvelope> m_items;
    std::optional<Error> m_error;
};

std::string sha256OfFile(const fs::path &file)
{
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex().toStdString();
}

/// A file name that cannot leave the downloads folder, whatever the sender wrote.
std::string safeFileName(const std::string &name)
{
    std::string out;
    for (char c : fs::path(name).filename().string())
        out.push_back((c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c);
    if (out.empty() || out == "." || out == "..")
        out = "attachment";
    return out;
}
} // namespace

Result<std::vector<ReceivedItem>> Engine::receive(std::chrono::milliseconds idle)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    (void)flushOutbox(); // offline sends go out first; a failure here is retried next time
    if (auto kept = maintainKeys(); !kept.ok())
        qCInfo(lcEngine) << "Prekeys not refreshed:" << kept.error().message.c_str();

    Inbox inbox;
    transport::MessageStream::Callbacks callbacks;
    callbacks.onEnvelope = [&inbox](const transport::ReceivedEnvelope &e) { inbox.push(e); };
    callbacks.onState = [&inbox](transport::MessageStream::State state, const Error *error) {
        if (state == transport::MessageStream::State::Stopped && error)
            inbox.fatal(*error);
    };
    auto credentials = m_relay->credentials();
    if (!credentials)
        return fail(ErrorCode::PermissionDenied, "This device has no relay credential");
    transport::MessageStream stream(m_relay->channel(), m_relay->endpoint().address, *credentials, callbacks);
    stream.start();

    IncomingMessages incoming(selfAddress(), m_identity.get(), m_rng);
    std::vector<ReceivedItem> received;
    for (;;) {
        LAPIS_TRY_ASSIGN(auto next, inbox.next(idle));
        if (!next)
            break;
        const RelayDelivery delivery{next->payload, AccountId(next->senderAccount), DeviceId(next->senderDevice),
                                     next->plaintext};
        const auto now = nowMs();
        auto processed =
            m_store->transact([&](store::Transaction &tx) { return incoming.process(tx, delivery, now); }).get();
        if (!processed.ok()) {
            if (processed.error().code == ErrorCode::PermissionDenied) {
                // Held: not acknowledged, so the relay keeps it until the user accepts the new key.
                qCWarning(lcEngine) << "Message held:" << processed.error().message.c_str();
                continue;
            }
            qCWarning(lcEngine) << "Dropped an envelope that could not be read:" << processed.error().message.c_str();
            stream.ack(next->id);
            continue;
        }
        stream.ack(next->id); // stored (or known already): the relay may delete it
        if (!*processed)
            continue;
        auto event = std::move(**processed);
        if (event.kind == IncomingEvent::Kind::Message && event.endToEnd)
            if (auto r = sendReceipt(event); !r.ok())
                qCInfo(lcEngine) << "Delivery receipt not sent:" << r.error().message.c_str();
        LAPIS_TRY_ASSIGN(auto item, fetchAttachments(std::move(event)));
        received.push_back(std::move(item));
    }
    stream.stop();
    return received;
}

Result<void> Engine::sendReceipt(const IncomingEvent &event)
{
    protocol::Content content;
    std::array<std::uint8_t, MessageId::Size> id{};
    m_rng.fill(id);
    content.messageId = MessageId(id);
    content.receipt =
        protocol::Receipt{protocol::Receipt::Type::Delivery, {event.messageId}, static_cast<std::uint64_t>(nowMs())};
    std::vector<RejectedDevice> ignored;
    LAPIS_TRY_ASSIGN(auto targets, targetsFor(event.from, false, ignored));
    if (targets.route != Route::EndToEnd)
        return {};
    targets.ownOtherDevices.clear();
    OutgoingMessages outgoing(selfAddress(), m_identity.get(), m_rng);
    const auto now = nowMs();
    LAPIS_TRY_ASSIGN(auto envelopes, m_store
                                         ->transact([&](store::Transaction &tx) {
                                             return outgoing.prepareControl(tx, event.from, content, targets, now);
                                         })
                                         .get());
    LAPIS_TRY(deliver(event.from, envelopes, false));
    return {};
}

Result<ReceivedItem> Engine::fetchAttachments(IncomingEvent event)
{
    ReceivedItem item;
    if (event.attachments.empty()) {
        item.event = std::move(event);
        return item;
    }
    const fs::path downloads = m_profile / "downloads";
    std::error_code ec;
    fs::create_directories(downloads, ec);
    LAPIS_TRY_ASSIGN(
        auto rows,
        m_store->transact([&](store::Transaction &tx) { return tx.attachments().forMessage(event.messageId); }).get());
    for (const auto &pointer : event.attachments) {
        const std::string blobId = toString(pointer.blobId);
        const fs::path cipherFile = m_store->paths().attachments / ("in-" + toHex(m_rng.bytes(16)) + ".bin");
        fs::create_directories(cipherFile.parent_path(), ec);
        auto downloaded = m_relay->download(blobId, cipherFile);
        fs::path copy;
        std::string sha;
        if (downloaded.ok()) {
            copy = downloads / safeFileName(pointer.fileName);
            for (int n = 1; fs::exists(copy); ++n)
                copy = downloads / (std::to_string(n) + "-" + safeFileName(pointer.fileName));
            auto opened = openAttachment(cipherFile, pointer.key.view(), pointer.digest, copy);
            if (opened.ok()) {
                sha = sha256OfFile(copy);
            } else {
                qCWarning(lcEngine) << "An attachment failed its check:" << opened.error().message.c_str();
                fs::remove(cipherFile, ec);
                copy.clear();
            }
        } else {
            qCWarning(lcEngine) << "An attachment could not be downloaded:" << downloaded.error().message.c_str();
        }
        for (const auto &row : rows) {
            if (row.blobId != blobId)
                continue;
            const bool ok = !copy.empty();
            const auto id = row.id;
            const auto name = cipherFile.filename().string();
            LAPIS_TRY(m_store
                          ->transact([&](store::Transaction &tx) -> Result<void> {
                              if (ok)
                                  LAPIS_TRY(tx.attachments().setLocalFile(id, name, pointer.key.view()));
                              return tx.attachments().setState(id, ok ? store::AttachmentState::Available
                                                                      : store::AttachmentState::Failed);
                          })
                          .get());
        }
        item.attachmentCopies.push_back(copy);
        item.attachmentSha256.push_back(sha);
    }
    item.event = std::move(event);
    return item;
}

Result<std::vector<store::StoredMessage>> Engine::history(const AccountId &peer, int limit)
{
    return m_store
        ->transact([&](store::Transaction &tx) -> Result<std::vector<store::StoredMessage>> {
            LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
            if (!conversation)
                return std::vector<store::StoredMessage>{};
            LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation->id, limit));
            std::reverse(page.messages.begin(), page.messages.end()); // oldest first, as people read
            return std::move(page.messages);
        })
        .get();
}

Result<std::vector<store::StoredMessage>> Engine::search(const std::string &text, int limit)
{
    return m_store->transact([&](store::Transaction &tx) { return tx.messages().search(text, limit); }).get();
}

Result<std::vector<transport::DeviceInfo>> Engine::devices(const std::optional<AccountId> &account)
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    if (!account || *account == m_account)
        return m_relay->listDevices();
    LAPIS_TRY_ASSIGN(auto directory, resolve(*account, true));
    std::vector<transport::DeviceInfo> out;
    for (const auto &cert : directory.selection.accepted)
        out.push_back({cert.device.device.value(), cert.serialize(), {}, cert.createdAt * 1000, true});
    return out;
}

Result<std::string> Engine::acceptNewAccountKey(const AccountId &peer)
{
    if (!m_identity)
        return fail(ErrorCode::Unsupported, "A plaintext-only account has no safety numbers");
    if (peer == m_account)
        return fail(ErrorCode::InvalidArgument, "Your own account key cannot be replaced from here");
    LAPIS_TRY_ASSIGN(auto fetched, m_relay->fetchPreKeyBundles(peer.value()));
    LAPIS_TRY_ASSIGN(auto key, crypto::Ed25519PublicKey::fromBytes(fetched.accountKey));
    const auto now = nowMs();
    LAPIS_TRY(m_store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      ProtocolStores stores(tx, m_account, m_identity->device().accountKey, now);
                      LAPIS_TRY(protocol::acceptAccountKey(stores, peer, key));
                      // Sessions made under the old key end here; the next message starts anew.
                      return tx.sessions().removeAll(peer);
                  })
                  .get());
    return protocol::SafetyNumber::compute(m_account, m_identity->device().accountKey, peer, key).displayString();
}

Result<std::string> Engine::safetyNumber(const AccountId &peer)
{
    if (!m_identity)
        return fail(ErrorCode::Unsupported, "A plaintext-only account has no safety numbers");
    auto pinned = [&]() {
        return m_store
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
        LAPIS_TRY(resolve(peer, true)); // pins the key on first contact
        LAPIS_TRY_ASSIGN(key, pinned());
        if (!key)
            return fail(ErrorCode::NotFound, peer.value() + " has no end-to-end identity");
    }
    LAPIS_TRY_ASSIGN(auto theirs, crypto::Ed25519PublicKey::fromBytes(*key));
    return protocol::SafetyNumber::compute(m_account, m_identity->device().accountKey, peer, theirs).displayString();
}

} // namespace lapis::engine
