// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/IncomingMessages.h>
#include <lapis/protocol/Content.h>

#include <chrono>
#include <functional>
#include <vector>

namespace lapis::transport {
class MessageStream;
} // namespace lapis::transport

namespace lapis::engine {

class Accounts;
class AttachmentDownloads;
class AttachmentUploads;
class ConversationViews;
class DeviceDirectory;
class KeyMaintenance;
class Sender;

/// What listen() reports as it happens. Callbacks run on the thread that called listen().
struct ListenCallbacks {
    /// Each event (message, synced message, receipt, reaction, …) after it is stored.
    std::function<void(const ReceivedItem &)> onItem;
    /// The relay's stream came up (true) or dropped and is reconnecting (false).
    std::function<void(bool online)> onConnection;
};

/// Receiving: the relay's stream, decrypting and storing what arrives, delivery and read
/// receipts, and the outbox retried on every connection.
class Receiver {
public:
    struct Collaborators {
        DeviceDirectory &directory;
        Sender &sender;
        AttachmentUploads &uploads;
        AttachmentDownloads &downloads;
        KeyMaintenance &keys;
        Accounts &accounts;
        ConversationViews &views;
    };
    Receiver(EngineContext &context, const Collaborators &with);

    /// Takes every pending message, then new ones until `idle` passes with nothing new.
    /// Attachments up to the auto-download limit are downloaded, checked against their digest and
    /// kept encrypted; larger ones wait for downloadAttachment().
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds idle);
    /// Asked by receive(deadline, enough) with what arrived so far: true when that is all it waits for.
    using ReceivedEnough = std::function<bool(const std::vector<ReceivedItem> &)>;
    /// Takes every pending message (until the relay says its backlog for this device is pushed),
    /// then new ones until `enough` says so or `deadline` passes: a script or a test that knows
    /// what it expects stops as soon as it arrived, without an idle wait at the end.
    Result<std::vector<ReceivedItem>> receive(std::chrono::milliseconds deadline, const ReceivedEnough &enough);
    /// Keeps the relay's stream open and processes what arrives until `interrupted()` returns true
    /// (checked at least every 100 ms) or the stream fails for good. Flushes the outbox first, on
    /// every reconnection and every 10 s while connected. Returns so the caller can make other
    /// calls (the engine is single-threaded), then calls it again.
    Result<void> listen(const ListenCallbacks &callbacks, const std::function<bool()> &interrupted);
    /// Marks the conversation's incoming messages read and sends end-to-end read receipts to the
    /// sender. Returns how many messages changed.
    Result<int> markRead(const AccountId &peer);
    /// Resumes pending uploads, then retries what the outbox holds; returns how many envelopes the
    /// relay accepted.
    Result<int> flushOutbox();

private:
    /// How runStream() is driven: receive() ends after an idle wait, listen() when interrupted.
    struct StreamLoop {
        std::chrono::milliseconds wait{100};
        std::function<void(ReceivedItem)> onItem;
        std::function<void(bool online)> onConnection;
        /// The relay has pushed the backlog that waited for this device (once per connection).
        std::function<void()> onDrained;
        /// Asked after each item and after each wait that brought nothing (`waitedInVain`).
        std::function<bool(bool waitedInVain)> done;
    };
    Result<void> runStream(const StreamLoop &loop);
    /// Decrypts and stores what the stream delivered (one transaction for a batch, each on its own
    /// should one fail), acknowledging what is stored or unreadable; held envelopes stay unacked.
    std::vector<IncomingEvent> storeDeliveries(IncomingMessages &incoming,
                                               const std::vector<transport::ReceivedEnvelope> &batch,
                                               transport::MessageStream &stream);
    /// How runStream() sends delivery receipts: pipelined, to directories it looked up once.
    struct ReceiptChannel;
    /// With `channel`, the receipt goes out over its stream without waiting for the relay's
    /// answer; one the relay refuses for a changed device list is sent once more (`retry`) after
    /// a new lookup. A receipt is not kept in the outbox: one lost otherwise is only logged.
    Result<void> sendReceipt(const AccountId &to, protocol::Receipt::Type type, std::vector<MessageId> messages,
                             ReceiptChannel *channel = nullptr, bool retry = false);
    /// Forgets the ids of envelopes the relay stored longer ago than it keeps any (no redelivery
    /// can carry them any more), and edits or deletes that waited for their message too long.
    Result<void> pruneProcessedEnvelopes();

    EngineContext &m_ctx;
    DeviceDirectory &m_directory;
    Sender &m_sender;
    AttachmentUploads &m_uploads;
    AttachmentDownloads &m_downloads;
    KeyMaintenance &m_keys;
    Accounts &m_accounts;
    ConversationViews &m_views;
};

} // namespace lapis::engine
