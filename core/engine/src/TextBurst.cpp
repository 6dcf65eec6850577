// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Log.h>
#include <lapis/engine/TextBurst.h>

#include <algorithm>

namespace lapis::engine {

TextBurst::TextBurst(store::Store &store, OutgoingMessages &outgoing, transport::BatchSender &stream, AccountId to,
                     AccountId self, const std::vector<std::string> &texts, std::function<std::int64_t()> clock,
                     std::chrono::milliseconds stallTimeout)
    : m_store(store)
    , m_outgoing(outgoing)
    , m_stream(stream)
    , m_to(std::move(to))
    , m_self(std::move(self))
    , m_clock(std::move(clock))
    , m_stallTimeout(stallTimeout)
    , m_messages(texts.size())
    , m_ids(texts.size())
    , m_ownCopies(texts.size())
    , m_endToEnd(texts.size(), false)
    , m_fates(texts.size(), Fate::NotWritten)
{
    for (std::size_t i = 0; i < texts.size(); ++i)
        m_messages[i].text = texts[i];
    m_watchdog = std::thread([this] { watchForStall(); });
}

TextBurst::~TextBurst()
{
    // The stream's completions point into this object.
    drain();
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_watchdogWake.notify_all();
    m_watchdog.join();
}

Result<bool> TextBurst::run(const SendTargets &targets)
{
    if (auto resent = resendRefused(targets); !resent.ok()) {
        drain();
        return std::move(resent).error();
    }
    const std::size_t total = m_messages.size();
    const bool plaintext = targets.route == Route::Plaintext;
    std::future<Result<std::vector<PreparedMessage>>> ahead;
    if (m_nextToWrite < total && !refusedAny())
        ahead = prepare(m_nextToWrite, std::min(MaxSendBatch, total - m_nextToWrite), targets);
    std::optional<Error> failure;
    while (ahead.valid()) {
        auto prepared = ahead.get();
        if (!prepared.ok()) {
            failure = std::move(prepared).error();
            break;
        }
        const std::size_t first = m_nextToWrite;
        m_nextToWrite += prepared->size();
        {
            std::lock_guard lock(m_mutex);
            for (std::size_t i = first; i < m_nextToWrite; ++i)
                m_fates[i] = Fate::Written;
        }
        for (std::size_t k = 0; k < prepared->size(); ++k) {
            m_ids[first + k] = (*prepared)[k].id;
            m_ownCopies[first + k] = std::move((*prepared)[k].toOwnDevices);
            m_endToEnd[first + k] = !plaintext;
        }
        // The store writes and encrypts the next batch while this thread hands this one over.
        if (m_nextToWrite < total && !refusedAny())
            ahead = prepare(m_nextToWrite, std::min(MaxSendBatch, total - m_nextToWrite), targets);
        // Handed over in packs: one stream write carries many messages.
        std::vector<transport::BatchSender::Batch> pack;
        for (std::size_t k = 0; k < prepared->size(); ++k) {
            if (refusedAny())
                break; // the rest of the batch is encrypted anew for the devices now listed
            queue(first + k, (*prepared)[k].toRecipient, plaintext, pack);
            // A pack's batches hold slots before they are sent: bounded well under MaxSendInFlight,
            // so the slots of what is really in flight always come back.
            if (pack.size() >= MaxSendBatch)
                flush(pack);
        }
        flush(pack);
    }
    drain();
    if (failure)
        return *failure;
    return !refusedAny();
}

std::future<Result<std::vector<PreparedMessage>>> TextBurst::prepare(std::size_t first, std::size_t count,
                                                                     const SendTargets &targets)
{
    return m_store.transact([this, first, count, targets, accepted = takeAccepted()](
                                store::Transaction &tx) -> Result<std::vector<PreparedMessage>> {
        // What the relay accepted meanwhile is marked Sent here: one commit for both.
        for (const auto &id : accepted)
            LAPIS_TRY(OutgoingMessages::markSent(tx, id));
        const auto now = m_clock();
        std::vector<PreparedMessage> out;
        out.reserve(count);
        for (std::size_t i = first; i < first + count; ++i) {
            // Each message a later time than the one before: receivers order by it, so the burst
            // keeps its order even where a message arrives late (rate limit, outbox retry).
            m_lastTimestamp = std::max(m_lastTimestamp + 1, now);
            m_messages[i].timestamp = static_cast<std::uint64_t>(m_lastTimestamp);
            LAPIS_TRY_ASSIGN(auto message, m_outgoing.prepare(tx, m_to, m_messages[i], targets, now));
            out.push_back(std::move(message));
        }
        return out;
    });
}

Result<void> TextBurst::resendRefused(const SendTargets &targets)
{
    std::vector<std::size_t> again;
    {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_fates.size(); ++i)
            if (m_fates[i] == Fate::Refused || m_fates[i] == Fate::Written)
                again.push_back(i);
        m_refused = 0;
    }
    const bool plaintext = targets.route == Route::Plaintext;
    for (std::size_t start = 0; start < again.size(); start += MaxSendBatch) {
        const std::size_t end = std::min(again.size(), start + MaxSendBatch);
        LAPIS_TRY_ASSIGN(
            auto envelopes,
            m_store
                .transact([&](store::Transaction &tx) -> Result<std::vector<std::vector<OutgoingEnvelope>>> {
                    const auto now = m_clock();
                    std::vector<std::vector<OutgoingEnvelope>> out;
                    for (std::size_t k = start; k < end; ++k) {
                        const auto i = again[k];
                        LAPIS_TRY_ASSIGN(auto sealed,
                                         m_outgoing.reencrypt(tx, m_to, m_ids[i], m_messages[i], targets, now));
                        out.push_back(std::move(sealed));
                    }
                    return out;
                })
                .get());
        {
            std::lock_guard lock(m_mutex);
            for (std::size_t k = start; k < end; ++k)
                m_fates[again[k]] = Fate::Written;
        }
        std::vector<transport::BatchSender::Batch> pack;
        for (std::size_t k = start; k < end; ++k) {
            m_endToEnd[again[k]] = !plaintext;
            queue(again[k], envelopes[k - start], plaintext, pack);
            if (pack.size() >= MaxSendBatch)
                flush(pack);
        }
        flush(pack);
    }
    return {};
}

void TextBurst::queue(std::size_t index, const std::vector<OutgoingEnvelope> &toRecipient, bool plaintext,
                      std::vector<transport::BatchSender::Batch> &pack)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_relayAway) {
            m_fates[index] = Fate::KeptInOutbox;
            return;
        }
        m_fates[index] = Fate::InFlight;
    }
    std::vector<transport::OutgoingEnvelope> envelopes;
    envelopes.reserve(toRecipient.size());
    for (const auto &e : toRecipient)
        envelopes.push_back({e.device.value(), e.envelope, e.plaintext});
    if (envelopes.empty() && !plaintext) {
        answered(index, transport::SendOutcome{true, 0, false, {}}); // nobody to send to: nothing is missing
    } else {
        acquireSlot();
        transport::BatchSender::Batch batch;
        batch.recipient = m_to.value();
        batch.envelopes = std::move(envelopes);
        batch.allowPlaintext = plaintext;
        batch.done = [this, index](Result<transport::SendOutcome> r) {
            answered(index, r);
            releaseSlot();
        };
        pack.push_back(std::move(batch));
    }
    queueOwnCopies(index, pack);
}

void TextBurst::queueOwnCopies(std::size_t index, std::vector<transport::BatchSender::Batch> &pack)
{
    auto &copies = m_ownCopies[index];
    if (copies.empty())
        return;
    std::vector<transport::OutgoingEnvelope> envelopes;
    for (const auto &e : copies)
        envelopes.push_back({e.device.value(), e.envelope, false});
    copies.clear();
    acquireSlot();
    // As for a single send, the copy for our other devices is not retried: only logged.
    transport::BatchSender::Batch batch;
    batch.recipient = m_self.value();
    batch.envelopes = std::move(envelopes);
    batch.done = [this](Result<transport::SendOutcome> r) {
        if (!r.ok())
            qCInfo(lcEngine) << "The copy for our other devices was not delivered:" << r.error().message.c_str();
        else if (!r->accepted)
            qCInfo(lcEngine) << "The copy for our other devices was not delivered";
        releaseSlot();
    };
    pack.push_back(std::move(batch));
}

void TextBurst::flush(std::vector<transport::BatchSender::Batch> &pack)
{
    if (!pack.empty())
        m_stream.sendAll(std::move(pack));
    pack.clear();
}

void TextBurst::answered(std::size_t index, const Result<transport::SendOutcome> &outcome)
{
    std::lock_guard lock(m_mutex);
    if (outcome.ok()) {
        if (outcome->accepted) {
            m_fates[index] = Fate::Accepted;
            m_accepted.push_back(index);
        } else {
            m_fates[index] = Fate::Refused;
            ++m_refused;
        }
        return;
    }
    m_fates[index] = Fate::KeptInOutbox;
    if (!m_relayAway)
        qCInfo(lcEngine) << "Messages kept in the outbox:" << outcome.error().message.c_str();
    m_relayAway = true;
}

std::vector<MessageId> TextBurst::takeAccepted()
{
    std::vector<MessageId> out;
    std::lock_guard lock(m_mutex);
    out.reserve(m_accepted.size());
    for (const auto i : m_accepted) {
        out.push_back(m_ids[i]);
        m_fates[i] = Fate::Done;
    }
    m_accepted.clear();
    return out;
}

bool TextBurst::refusedAny() const
{
    std::lock_guard lock(m_mutex);
    return m_refused > 0;
}

Result<std::vector<SendReport>> TextBurst::finish(const std::vector<RejectedDevice> &ignored)
{
    drain();
    const auto accepted = takeAccepted();
    if (!accepted.empty()) {
        LAPIS_TRY(m_store
                      .transact([&accepted](store::Transaction &tx) -> Result<void> {
                          for (const auto &id : accepted)
                              LAPIS_TRY(OutgoingMessages::markSent(tx, id));
                          return {};
                      })
                      .get());
    }
    std::vector<SendReport> reports;
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < m_nextToWrite; ++i)
        reports.push_back({m_ids[i], m_endToEnd[i], m_fates[i] == Fate::Done, ignored});
    return reports;
}

std::size_t TextBurst::waiting() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<std::size_t>(std::count_if(m_fates.begin(), m_fates.end(), [](Fate f) {
        return f != Fate::NotWritten && f != Fate::Accepted && f != Fate::Done;
    }));
}

void TextBurst::acquireSlot()
{
    std::unique_lock lock(m_mutex);
    m_slotFreed.wait(lock, [this] { return m_inFlight < MaxSendInFlight; });
    if (m_inFlight == 0)
        m_lastProgress = std::chrono::steady_clock::now(); // the stall clock runs only while something is in flight
    ++m_inFlight;
}

void TextBurst::releaseSlot()
{
    {
        std::lock_guard lock(m_mutex);
        --m_inFlight;
        m_lastProgress = std::chrono::steady_clock::now();
    }
    m_slotFreed.notify_all();
}

void TextBurst::drain()
{
    std::unique_lock lock(m_mutex);
    m_slotFreed.wait(lock, [this] { return m_inFlight == 0; });
}

void TextBurst::watchForStall()
{
    // Its own thread, because the sending thread may be the one stuck: inside the stream's write,
    // once the relay stops reading and the connection's window is full.
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_watchdogWake.wait_for(lock, std::min<std::chrono::milliseconds>(m_stallTimeout, std::chrono::seconds(1)));
        if (m_stopping || m_streamGivenUp || m_inFlight == 0
            || std::chrono::steady_clock::now() - m_lastProgress < m_stallTimeout)
            continue;
        // The relay took the stream but answered nothing for so long. Giving the stream up fails what
        // is in flight (kept in the outbox) on the stream's own thread and ends a blocked write.
        m_streamGivenUp = true;
        lock.unlock();
        qCWarning(lcEngine) << "The relay stopped answering; the rest waits in the outbox";
        m_stream.cancel();
        lock.lock();
    }
}

} // namespace lapis::engine
