// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/protocol/Limits.h>
#include <lapis/transport/BatchSender.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lapis::engine {

/// Engine::sendTexts: many texts to one contact, written and encrypted MaxSendBatch per store
/// transaction one transaction ahead of the network, and streamed to the relay over one
/// BatchSender in packs (BatchSender::sendAll: one stream write per batch, not per message) with a
/// bounded number in flight. What the relay accepted is marked Sent in the
/// next prepare transaction, so a burst costs one commit per batch, not two per message.
/// When the relay refuses a device list, run() stops: the engine resolves the directory again and
/// the next run() encrypts the refused messages anew, in order, before it goes on.
class TextBurst {
public:
    static_assert(MaxSendInFlight + 2 * MaxSendBatch < protocol::MaxSkipPerChain);

    /// `stallTimeout`: how long the relay may leave every message in flight unanswered before the
    /// stream is given up and they wait in the outbox (a relay that accepts but never answers).
    TextBurst(store::Store &store, OutgoingMessages &outgoing, transport::BatchSender &stream, AccountId to,
              AccountId self, const std::vector<std::string> &texts, std::function<std::int64_t()> clock,
              std::chrono::milliseconds stallTimeout = std::chrono::seconds(30));
    ~TextBurst();
    TextBurst(const TextBurst &) = delete;
    TextBurst &operator=(const TextBurst &) = delete;

    /// Sends what the last run left refused or unsent, then the rest, under `targets`. True when
    /// every message is written and was handed to the relay; false when the relay refused a
    /// device list (resolve the directory and run again). Waits for every answer before it returns.
    Result<bool> run(const SendTargets &targets);
    /// Marks what the relay accepted as Sent; one report per text, in order.
    Result<std::vector<SendReport>> finish(const std::vector<RejectedDevice> &ignored);
    /// Messages written but not accepted by the relay: they wait in the outbox.
    [[nodiscard]] std::size_t waiting() const;

private:
    enum class Fate { NotWritten, Written, InFlight, Accepted, Refused, KeptInOutbox, Done };

    std::future<Result<std::vector<PreparedMessage>>> prepare(std::size_t first, std::size_t count,
                                                              const SendTargets &targets);
    Result<void> resendRefused(const SendTargets &targets);
    /// Adds the message's batch and the copy for our other devices to `pack`, each holding a slot.
    void queue(std::size_t index, const std::vector<OutgoingEnvelope> &toRecipient, bool plaintext,
               std::vector<transport::BatchSender::Batch> &pack);
    void queueOwnCopies(std::size_t index, std::vector<transport::BatchSender::Batch> &pack);
    void flush(std::vector<transport::BatchSender::Batch> &pack);
    void answered(std::size_t index, const Result<transport::SendOutcome> &outcome);
    /// Accepted messages not marked Sent yet; they become Done.
    std::vector<MessageId> takeAccepted();
    [[nodiscard]] bool refusedAny() const;
    void acquireSlot();
    void releaseSlot();
    void drain();
    /// The watchdog thread: gives the stream up when messages are in flight and nothing was
    /// answered for m_stallTimeout.
    void watchForStall();

    store::Store &m_store;
    OutgoingMessages &m_outgoing;
    transport::BatchSender &m_stream;
    AccountId m_to;
    AccountId m_self;
    std::function<std::int64_t()> m_clock;
    std::chrono::milliseconds m_stallTimeout;
    std::vector<protocol::DataMessage> m_messages;
    std::vector<MessageId> m_ids;
    std::vector<std::vector<OutgoingEnvelope>> m_ownCopies; ///< emptied once handed to the relay
    std::vector<bool> m_endToEnd;
    std::size_t m_nextToWrite = 0;
    std::int64_t m_lastTimestamp = 0; ///< written on the store's thread only

    mutable std::mutex m_mutex; ///< the fates and slots, which the stream's thread updates
    std::condition_variable m_slotFreed;
    std::vector<Fate> m_fates;
    std::size_t m_inFlight = 0;
    std::vector<std::size_t> m_accepted;                  ///< accepted, not yet marked Sent
    std::size_t m_refused = 0;                            ///< refused since the last run began
    std::chrono::steady_clock::time_point m_lastProgress; ///< the last answer, or the first send after none in flight
    bool m_streamGivenUp = false;
    bool m_stopping = false;
    std::condition_variable m_watchdogWake;
    std::thread m_watchdog;   ///< last: started once everything above exists
    bool m_relayAway = false; ///< a send failed (offline, relay down): the rest waits in the outbox
};

} // namespace lapis::engine
