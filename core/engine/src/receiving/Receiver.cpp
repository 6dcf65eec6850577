// SPDX-License-Identifier: GPL-3.0-or-later
// Receiving: the relay's stream, decrypting and storing what arrives, delivery and read receipts,
// and the outbox retried on every connection.
#include <lapis/common/Log.h>
#include <lapis/engine/ProtocolStores.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/attachments/AttachmentDownloads.h>
#include <lapis/engine/attachments/AttachmentUploads.h>
#include <lapis/engine/conversations/ConversationViews.h>
#include <lapis/engine/conversations/MessageChanges.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/engine/receiving/Receiver.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/proto/Limits.h>
#include <lapis/transport/BatchSender.h>
#include <lapis/transport/MessageStream.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <variant>

namespace lapis::engine {

namespace fs = std::filesystem;

Receiver::Receiver(EngineContext &context, const Collaborators &with)
    : m_ctx(context)
    , m_directory(with.directory)
    , m_sender(with.sender)
    , m_uploads(with.uploads)
    , m_downloads(with.downloads)
    , m_keys(with.keys)
    , m_accounts(with.accounts)
    , m_views(with.views)
{}

/// Delivery receipts on the live stream: over a BatchSender of their own, so that the next batch
/// does not wait for the relay's answer, and to the devices a directory lookup found the first
/// time, so that a receipt per batch costs no lookup. A refusal (the device list changed) forgets
/// the account's devices, and the refused receipt waits to be sent once more after a new lookup.
struct Receiver::ReceiptChannel {
    struct Refused {
        AccountId to;
        protocol::Receipt::Type type;
        std::vector<MessageId> messages;
    };

    std::mutex mutex;
    std::map<AccountId, SendTargets> devices;
    std::vector<Refused> refused;
    /// Last, so that it goes first: its completions still find the members above.
    transport::BatchSender stream;

    std::optional<SendTargets> known(const AccountId &account)
    {
        std::lock_guard lock(mutex);
        const auto it = devices.find(account);
        return it == devices.end() ? std::nullopt : std::optional(it->second);
    }
    void remember(const AccountId &account, const SendTargets &targets)
    {
        std::lock_guard lock(mutex);
        devices[account] = targets;
    }
    /// `receipt` is what `envelopes` carry: kept to be sent again should the relay refuse them.
    Result<void> send(const AccountId &to, const std::vector<OutgoingEnvelope> &envelopes,
                      const protocol::Receipt &receipt, bool retry)
    {
        std::vector<transport::OutgoingEnvelope> batch;
        for (const auto &e : envelopes)
            batch.push_back({e.device.value(), e.envelope, false});
        if (batch.empty())
            return {};
        Refused again{to, receipt.type, receipt.messageIds};
        return stream.send(to.value(), batch, false,
                           [this, again = std::move(again), retry](const Result<transport::SendOutcome> &outcome) {
                               if (outcome.ok() && outcome->accepted)
                                   return;
                               std::lock_guard lock(mutex);
                               if (!outcome.ok()) {
                                   qCInfo(lcEngine)
                                       << "A receipt was not delivered:" << outcome.error().message.c_str();
                                   return;
                               }
                               devices.erase(again.to);
                               if (!retry)
                                   refused.push_back(again);
                               else
                                   qCInfo(lcEngine) << "A receipt was refused twice; given up";
                           });
    }
    std::vector<Refused> takeRefused()
    {
        std::lock_guard lock(mutex);
        return std::exchange(refused, {});
    }
};

namespace {
/// What the stream thread hands to the engine's thread: envelopes, and changes of the connection.
class Inbox {
public:
    struct Item {
        std::optional<transport::ReceivedEnvelope> envelope;
        std::optional<bool> online; ///< set when the connection came up (true) or dropped (false)
        bool drained = false;       ///< the relay has pushed the backlog that waited for this device
    };

    void push(transport::ReceivedEnvelope envelope)
    {
        {
            std::lock_guard lock(m_mutex);
            m_items.push_back({std::move(envelope), std::nullopt});
        }
        m_wake.notify_one();
    }
    void connection(bool online)
    {
        {
            std::lock_guard lock(m_mutex);
            m_items.push_back({std::nullopt, online});
        }
        m_wake.notify_one();
    }
    void drained()
    {
        {
            std::lock_guard lock(m_mutex);
            m_items.push_back({std::nullopt, std::nullopt, true});
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
    /// Moves up to `max` envelopes that are already waiting (not a change of connection) into `out`.
    void takeEnvelopes(std::vector<transport::ReceivedEnvelope> &out, std::size_t max)
    {
        std::lock_guard lock(m_mutex);
        while (out.size() < max && !m_items.empty() && m_items.front().envelope) {
            out.push_back(std::move(*m_items.front().envelope));
            m_items.pop_front();
        }
    }
    /// The next item, or nullopt when `wait` passed with nothing new.
    Result<std::optional<Item>> next(std::chrono::milliseconds wait)
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, wait, [this] { return !m_items.empty() || m_error; });
        if (m_error)
            return *m_error;
        if (m_items.empty())
            return std::optional<Item>{};
        auto item = std::move(m_items.front());
        m_items.pop_front();
        return std::optional(std::move(item));
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_items;
    std::optional<Error> m_error;
};

} // namespace

Result<std::vector<ReceivedItem>> Receiver::receive(std::chrono::milliseconds idle)
{
    std::vector<ReceivedItem> received;
    StreamLoop loop;
    loop.wait = idle;
    loop.onItem = [&received](ReceivedItem item) { received.push_back(std::move(item)); };
    loop.done = [](bool waitedInVain) { return waitedInVain; };
    LAPIS_TRY(runStream(loop));
    return received;
}

Result<std::vector<ReceivedItem>> Receiver::receive(std::chrono::milliseconds deadline, const ReceivedEnough &enough)
{
    using Clock = std::chrono::steady_clock;
    const auto end = Clock::now() + deadline;
    std::vector<ReceivedItem> received;
    bool drained = false;
    StreamLoop loop;
    loop.wait = std::min(deadline, std::chrono::milliseconds(100));
    loop.onItem = [&received](ReceivedItem item) { received.push_back(std::move(item)); };
    loop.onDrained = [&drained] { drained = true; };
    loop.done = [&](bool) { return (drained && enough(received)) || Clock::now() >= end; };
    LAPIS_TRY(runStream(loop));
    return received;
}

Result<void> Receiver::listen(const ListenCallbacks &callbacks, const std::function<bool()> &interrupted)
{
    using Clock = std::chrono::steady_clock;
    // The outbox is retried on every reconnection and on this timer while connected: a relay that
    // refused a batch for a moment (rate limit, restart) gets it again without any user action.
    constexpr auto retryEvery = std::chrono::seconds(10);
    auto lastFlush = Clock::now();
    StreamLoop loop;
    loop.wait = std::chrono::milliseconds(100);
    loop.onItem = [&callbacks](ReceivedItem item) {
        if (callbacks.onItem)
            callbacks.onItem(item);
    };
    bool reconnected = false; // runStream() flushed before the first connection already
    loop.onConnection = [&](bool online) {
        if (online && reconnected) {
            lastFlush = Clock::now();
            if (auto flushed = flushOutbox(); !flushed.ok())
                qCInfo(lcEngine) << "Outbox not flushed:" << flushed.error().message.c_str();
        }
        reconnected = reconnected || online;
        if (callbacks.onConnection)
            callbacks.onConnection(online);
    };
    loop.done = [&](bool /*waitedInVain*/) {
        if (Clock::now() - lastFlush >= retryEvery) {
            lastFlush = Clock::now();
            (void)flushOutbox();
        }
        return interrupted && interrupted();
    };
    return runStream(loop);
}

Result<void> Receiver::runStream(const StreamLoop &loop)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    (void)flushOutbox(); // offline sends go out first; a failure here is retried next time
    if (auto kept = m_keys.maintainKeys(); !kept.ok())
        qCInfo(lcEngine) << "Prekeys not refreshed:" << kept.error().message.c_str();
    if (auto pruned = pruneProcessedEnvelopes(); !pruned.ok())
        qCInfo(lcEngine) << "Old envelope ids not pruned:" << pruned.error().message.c_str();

    Inbox inbox;
    transport::MessageStream::Callbacks callbacks;
    callbacks.onEnvelope = [&inbox](const transport::ReceivedEnvelope &e) { inbox.push(e); };
    callbacks.onDrained = [&inbox] { inbox.drained(); };
    callbacks.onState = [&inbox](transport::MessageStream::State state, const Error *error) {
        if (state == transport::MessageStream::State::Stopped && error)
            inbox.fatal(*error);
        else if (state == transport::MessageStream::State::Connected)
            inbox.connection(true);
        else if (state == transport::MessageStream::State::Waiting)
            inbox.connection(false);
    };
    // Account events (sign-ins, devices) are handled by Accounts::onAccountEvent, then acknowledged.
    transport::MessageStream *signInAcks = nullptr;
    callbacks.onEvent = [this, &signInAcks](const transport::AccountEvent &event) {
        if (m_accounts.onAccountEvent(event) && signInAcks)
            signInAcks->ack(event.id);
    };
    auto credentials = m_ctx.relay->credentials();
    if (!credentials)
        return fail(ErrorCode::PermissionDenied, "This device has no relay credential");
    transport::MessageStream stream(m_ctx.relay->routes(), *credentials, callbacks);
    signInAcks = &stream;
    ReceiptChannel receipts{{}, {}, {}, {m_ctx.relay->routes(), *credentials}};
    // Before it closes, what is in flight gets a moment to be answered.
    struct AwaitReceipts {
        transport::BatchSender &sender;
        ~AwaitReceipts() { sender.waitForAnswers(std::chrono::seconds(5)); }
    } awaitReceipts{receipts.stream};
    stream.start();

    IncomingMessages incoming(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
    bool searchBacklog = true; // what was stored before (sends, a restore) may wait too
    // Disappearing messages go at their time while the stream is open, and are told as Expired.
    using Clock = std::chrono::steady_clock;
    auto nextSweep = Clock::now();
    const auto sweepExpired = [&] {
        if (Clock::now() < nextSweep)
            return;
        nextSweep = Clock::now() + std::chrono::seconds(1);
        auto expired = eraseExpiredMessages(m_ctx);
        if (!expired.ok()) {
            qCInfo(lcEngine) << "Expired messages not erased yet:" << expired.error().message.c_str();
            return;
        }
        for (const auto &gone : *expired) {
            ReceivedItem item;
            item.event.kind = IncomingEvent::Kind::Expired;
            item.event.messageId = gone.id;
            item.event.conversationPeer = gone.peer;
            item.event.from = gone.peer;
            loop.onItem(std::move(item));
        }
    };
    for (;;) {
        incoming.setShowsReadReceipts(m_ctx.readReceipts.load());
        sweepExpired();
        auto next = inbox.next(loop.wait);
        if (!next.ok()) {
            stream.stop();
            return std::move(next).error();
        }
        for (auto &refused : receipts.takeRefused())
            if (auto r = sendReceipt(refused.to, refused.type, std::move(refused.messages), &receipts, true); !r.ok())
                qCInfo(lcEngine) << "Receipt not sent again:" << r.error().message.c_str();
        if (!*next) {
            if (loop.done(true))
                break;
            if (searchBacklog) {
                // Nothing new from the relay: a chunk of the search index's backlog meanwhile.
                auto indexed = m_views.indexSearchBacklog(SearchIndexChunk);
                if (!indexed.ok())
                    qCInfo(lcEngine) << "Search index not brought up to date:" << indexed.error().message.c_str();
                searchBacklog = indexed.ok() && *indexed == SearchIndexChunk;
            }
            continue;
        }
        if ((*next)->online) {
            if (loop.onConnection)
                loop.onConnection(*(*next)->online);
            continue;
        }
        if ((*next)->drained) {
            if (loop.onDrained)
                loop.onDrained();
            if (loop.done(false))
                break;
            continue;
        }
        // What has piled up (a device back from being offline) is stored in one transaction: one
        // commit instead of one per message, and one delivery receipt per sender.
        std::vector<transport::ReceivedEnvelope> batch;
        batch.push_back(std::move(*(*next)->envelope));
        inbox.takeEnvelopes(batch, MaxReceiveBatch);
        auto events = storeDeliveries(incoming, batch, stream);
        searchBacklog = searchBacklog || !events.empty();
        std::map<AccountId, std::vector<MessageId>> toAcknowledge;
        for (const auto &event : events)
            // In a group too: its sender keeps who has each message (a receipt per member).
            if (event.kind == IncomingEvent::Kind::Message && event.endToEnd)
                toAcknowledge[event.from].push_back(event.messageId);
        for (auto &[sender, ids] : toAcknowledge)
            if (auto r = sendReceipt(sender, protocol::Receipt::Type::Delivery, std::move(ids), &receipts); !r.ok())
                qCInfo(lcEngine) << "Delivery receipt not sent:" << r.error().message.c_str();
        for (auto &event : events) {
            m_ctx.removeAttachmentFiles(event.erasedFiles);
            // With typing indicators off, others' typing is not shown either.
            if (event.kind == IncomingEvent::Kind::Typing && !m_ctx.typingIndicators.load())
                continue;
            auto item = m_downloads.fetchAttachments(std::move(event));
            if (!item.ok()) {
                stream.stop();
                return std::move(item).error();
            }
            loop.onItem(std::move(*item));
        }
        if (loop.done(false))
            break;
    }
    stream.stop();
    return {};
}

std::vector<IncomingEvent> Receiver::storeDeliveries(IncomingMessages &incoming,
                                                     const std::vector<transport::ReceivedEnvelope> &batch,
                                                     transport::MessageStream &stream)
{
    auto deliveryOf = [](const transport::ReceivedEnvelope &e) {
        return RelayDelivery{e.payload, AccountId(e.senderAccount), DeviceId(e.senderDevice), e.plaintext,
                             e.serverTimeMs};
    };
    std::vector<IncomingEvent> events;
    const auto now = m_ctx.nowMs();
    if (batch.size() > 1) {
        auto all = m_ctx.store
                       ->transact([&](store::Transaction &tx) -> Result<std::vector<IncomingEvent>> {
                           std::vector<IncomingEvent> out;
                           for (const auto &envelope : batch) {
                               LAPIS_TRY_ASSIGN(auto event, incoming.process(tx, deliveryOf(envelope), now));
                               if (event)
                                   out.push_back(std::move(*event));
                           }
                           return out;
                       })
                       .get();
        if (all.ok()) {
            std::vector<std::uint64_t> ids;
            for (const auto &envelope : batch)
                ids.push_back(envelope.id);
            stream.ack(ids); // stored (or known already): the relay may delete them
            return std::move(all).value();
        }
        // One of them could not be read or is held: the batch rolled back; take each on its own.
    }
    for (const auto &envelope : batch) {
        auto processed =
            m_ctx.store
                ->transact([&](store::Transaction &tx) { return incoming.process(tx, deliveryOf(envelope), now); })
                .get();
        if (!processed.ok()) {
            if (incoming.lastFailureUnreadable()) { // never readable: acknowledged, counted and shown
                qCWarning(lcEngine) << "Dropped an envelope that cannot be read:" << processed.error().message.c_str();
                stream.ack(envelope.id);
                ++m_ctx.unreadableEnvelopes;
                events.push_back(unreadableEvent(AccountId(envelope.senderAccount), DeviceId(envelope.senderDevice),
                                                 processed.error().message));
            } else if (processed.error().code == ErrorCode::PermissionDenied) {
                // Held: not acknowledged, so the relay keeps it until the user accepts the new key.
                qCWarning(lcEngine) << "Message held:" << processed.error().message.c_str();
            } else {
                // The store or the disk failed: unacknowledged, it comes again with the next stream.
                qCWarning(lcEngine) << "Not stored, left with the relay:" << processed.error().message.c_str();
            }
            continue;
        }
        stream.ack(envelope.id);
        if (*processed)
            events.push_back(std::move(**processed));
    }
    return events;
}

Result<int> Receiver::markRead(const AccountId &peer)
{
    if (!m_ctx.hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    struct Unread {
        /// By sender: in a group, each member's messages are acknowledged to that member.
        std::map<AccountId, std::vector<MessageId>> endToEnd;
        int count = 0;
    };
    // Only the newest pages can hold unread messages: everything older was read when it was shown.
    constexpr int pageSize = 200;
    constexpr int maxPages = 10;
    LAPIS_TRY_ASSIGN(auto unread,
                     m_ctx.store
                         ->transact([&](store::Transaction &tx) -> Result<Unread> {
                             Unread out;
                             LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findByPeer(peer));
                             if (!conversation)
                                 return out;
                             std::optional<store::MessageCursor> cursor;
                             for (int page = 0; page < maxPages; ++page) {
                                 LAPIS_TRY_ASSIGN(auto chunk, tx.messages().page(conversation->id, pageSize, cursor));
                                 bool sawRead = false;
                                 for (const auto &m : chunk.messages) {
                                     if (m.direction != store::MessageDirection::Incoming || m.deleted)
                                         continue;
                                     if (m.state == store::MessageState::Read) {
                                         sawRead = true;
                                         break;
                                     }
                                     LAPIS_TRY(tx.messages().advanceState(m.id, store::MessageState::Read));
                                     ++out.count;
                                     if (m.endToEnd)
                                         out.endToEnd[m.sender].push_back(m.id);
                                 }
                                 if (sawRead || !chunk.next)
                                     break;
                                 cursor = chunk.next;
                             }
                             LAPIS_TRY(tx.conversations().markAllRead(conversation->id));
                             // Their disappearing messages count down from now, when read.
                             LAPIS_TRY(tx.messages().startExpiry(conversation->id, m_ctx.nowMs()));
                             return out;
                         })
                         .get());
    if (m_ctx.identity && m_ctx.readReceipts.load()) {
        const bool group = groupOfConversationKey(peer).has_value();
        for (const auto &[sender, read] : unread.endToEnd) {
            // A receipt may name many messages; the relay's envelope limit caps one at a few
            // hundred ids. In a group each sender hears of their own messages, over the pairwise
            // session as any receipt goes.
            constexpr std::size_t perReceipt = 100;
            for (std::size_t i = 0; i < read.size(); i += perReceipt) {
                const auto end = std::min(read.size(), i + perReceipt);
                std::vector<MessageId> ids(read.begin() + static_cast<std::ptrdiff_t>(i),
                                           read.begin() + static_cast<std::ptrdiff_t>(end));
                if (auto sent = sendReceipt(group ? sender : peer, protocol::Receipt::Type::Read, std::move(ids));
                    !sent.ok())
                    qCInfo(lcEngine) << "Read receipt not sent:" << sent.error().message.c_str();
            }
        }
    }
    return unread.count;
}

Result<void> Receiver::sendReceipt(const AccountId &to, protocol::Receipt::Type type, std::vector<MessageId> messages,
                                   ReceiptChannel *channel, bool retry)
{
    protocol::Content content;
    content.messageId = protocol::newContentMessageId(m_ctx.nowMs(), m_ctx.rng);
    content.receipt = protocol::Receipt{type, std::move(messages), static_cast<std::uint64_t>(m_ctx.nowMs())};
    std::optional<SendTargets> targets;
    if (channel)
        targets = channel->known(to);
    if (!targets) {
        std::vector<RejectedDevice> ignored;
        LAPIS_TRY_ASSIGN(targets, m_directory.targetsFor(to, false, ignored, false));
        if (targets->route != Route::EndToEnd)
            return {};
        if (channel)
            channel->remember(to, *targets);
    }
    OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
    const auto now = m_ctx.nowMs();
    LAPIS_TRY_ASSIGN(auto envelopes, m_ctx.store
                                         ->transact([&](store::Transaction &tx) {
                                             return outgoing.prepareControl(tx, to, content, *targets, now);
                                         })
                                         .get());
    if (!channel) {
        LAPIS_TRY(m_sender.deliver(to, envelopes, false));
        return {};
    }
    return channel->send(to, envelopes, *content.receipt, retry);
}

Result<int> Receiver::flushOutbox()
{
    if (!m_ctx.hasAccount())
        return 0;
    if (auto resumed = m_uploads.resumeUploads(); !resumed.ok())
        qCInfo(lcEngine) << "Uploads not resumed:" << resumed.error().message.c_str();
    const auto now = m_ctx.nowMs();
    LAPIS_TRY_ASSIGN(auto due,
                     m_ctx.store->transact([&](store::Transaction &tx) { return tx.outbox().due(now, 500); }).get());
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
        auto accepted = m_sender.deliver(entries.front().recipient, envelopes, envelopes.front().plaintext);
        if (!accepted.ok())
            return std::move(accepted).error();
        const auto messageId = entries.front().messageId;
        const bool toPeer = !(entries.front().recipient == m_ctx.account);
        LAPIS_TRY(m_ctx.store
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

Result<void> Receiver::pruneProcessedEnvelopes()
{
    // Three times the relay's default envelope lifetime (30 days): a relay that keeps envelopes
    // longer still loses nothing, as a redelivery older than this fails to decrypt (its key was
    // used up) and is dropped instead of shown twice.
    constexpr std::int64_t ProcessedEnvelopeRetentionMs = 90LL * 24 * 60 * 60 * 1000;
    const auto now = m_ctx.nowMs();
    return m_ctx.store
        ->transact([now](store::Transaction &tx) -> Result<void> {
            LAPIS_TRY(tx.processedEnvelopes().pruneOlderThan(now - ProcessedEnvelopeRetentionMs));
            // Edits and deletes still waiting for their message after this long never get one.
            return tx.messages().pruneEarlyChanges(now - EarlyChangeRetentionMs);
        })
        .get();
}

} // namespace lapis::engine
