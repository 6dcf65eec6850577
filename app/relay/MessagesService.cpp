// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessagesService.h"
#include "SendStreamGuard.h"
#include "ServiceSupport.h"
#include "SignInCodes.h"

#include <lapis/common/Log.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace lapis::relay {

namespace {

// Pushed per round before the stream looks at its state again; bounds one round's memory.
constexpr std::size_t PushBatch = 512;
// The most envelope bytes in one push, well under the client's 2 MiB message limit.
constexpr std::size_t PushBytes = 512 * 1024;
// How often an open stream checks that its device still exists (admin reset, removal).
constexpr auto CredentialRecheck = std::chrono::seconds(2);

void toPush(const MailboxItem &item, v1::StreamPush &push)
{
    if (item.kind == MailboxItem::Envelope) {
        auto *e = push.mutable_envelope();
        e->set_id(item.id);
        e->set_sender_account(item.senderAccount);
        e->set_sender_device(item.senderDevice);
        e->set_payload(item.payload.data(), item.payload.size());
        e->set_plaintext(item.plaintext);
        e->set_server_time_ms(item.serverTimeMs);
        return;
    }
    auto *ev = push.mutable_event();
    ev->set_id(item.id);
    switch (item.kind) {
    case MailboxItem::DeviceAdded:
        ev->set_kind(v1::AccountEvent::DEVICE_ADDED);
        break;
    case MailboxItem::SignInRequested:
        ev->set_kind(v1::AccountEvent::SIGN_IN_REQUESTED);
        break;
    case MailboxItem::SignInApproved:
        ev->set_kind(v1::AccountEvent::SIGN_IN_APPROVED);
        break;
    case MailboxItem::SignInDenied:
        ev->set_kind(v1::AccountEvent::SIGN_IN_DENIED);
        break;
    default:
        ev->set_kind(v1::AccountEvent::DEVICE_REMOVED);
        break;
    }
    ev->set_device_id(item.eventDevice);
    ev->set_device_name(item.eventDeviceName);
    ev->set_server_time_ms(item.serverTimeMs);
    if (item.kind >= MailboxItem::SignInRequested) {
        auto *signIn = ev->mutable_sign_in();
        signIn->set_id(item.signInId);
        signIn->set_code(item.signInCode);
        signIn->set_device_name(item.eventDeviceName);
        signIn->set_created_ms(item.signInCreatedMs);
        signIn->set_expires_ms(item.signInExpiresMs);
    }
}

SendRequest toSendRequest(const Caller &caller, const v1::SendBatchRequest &batch, std::size_t mailboxLimit,
                          const std::vector<std::shared_ptr<const Bytes>> *shared = nullptr)
{
    SendRequest send;
    send.mailboxLimit = mailboxLimit;
    send.senderAccount = caller.account;
    send.senderDevice = caller.device;
    send.recipient = batch.recipient();
    send.allowPlaintext = batch.allow_plaintext();
    send.nowMs = nowMs();
    send.items.reserve(static_cast<std::size_t>(batch.envelopes_size()));
    for (const auto &e : batch.envelopes()) {
        // Validated: a reference names one of the pack's payloads.
        if (e.shared_payload() != 0 && shared)
            send.items.push_back({e.recipient_device(), {}, e.plaintext(), (*shared)[e.shared_payload() - 1]});
        else
            send.items.push_back({e.recipient_device(), toBytes(e.payload()), e.plaintext(), nullptr});
    }
    return send;
}

void fillMismatch(const std::string &account, const SendOutcome &outcome, v1::DeviceMismatch &mismatch)
{
    mismatch.set_account(account);
    mismatch.set_plaintext_only(outcome.plaintextOnly);
    for (const auto &d : outcome.currentDevices) {
        auto *info = mismatch.add_devices();
        info->set_device_id(d.deviceId);
        info->set_certificate(d.certificate.data(), d.certificate.size());
        info->set_has_keys(!d.certificate.empty() && !d.signedPreKey.empty());
    }
}

constexpr const char *MismatchMessage = "The recipient's device list changed; refresh it and send again";

} // namespace

grpc::Status MessagesService::SendBatch(grpc::ServerContext *context, const v1::SendBatchRequest *request,
                                        v1::SendBatchResponse *response)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    if (auto s = validateRequest(*context, *request); !s.ok())
        return s;
    const SendRequest send = toSendRequest(caller, *request, m_relay.config.mailboxLimit);
    auto outcome = m_relay.storage.storeBatch(send);
    if (!outcome.ok())
        return toStatus(*context, outcome.error());
    if (!outcome->stored) {
        v1::DeviceMismatch mismatch;
        fillMismatch(request->recipient(), *outcome, mismatch);
        context->AddTrailingMetadata(std::string(proto::limits::MetaReason), "device-mismatch");
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, MismatchMessage, mismatch.SerializeAsString());
    }
    for (auto device : outcome->deliveredTo) {
        if (device != 0)
            m_relay.hub.notify(request->recipient(), device);
    }
    response->set_server_time_ms(send.nowMs);
    return grpc::Status::OK;
}

grpc::Status MessagesService::SendStream(grpc::ServerContext *context,
                                         grpc::ServerReaderWriter<v1::SendStreamResults, v1::SendStreamRequest> *stream)
{
    return serveSends(
        *context,
        [stream](std::vector<QueuedSend> &into, grpc::Status &) {
            v1::SendStreamRequest request;
            if (!stream->Read(&request))
                return false;
            into.push_back({std::move(request), nullptr});
            return true;
        },
        [stream](const v1::SendStreamResults &results) { return stream->Write(results); });
}

grpc::Status
MessagesService::SendStreamPacked(grpc::ServerContext *context,
                                  grpc::ServerReaderWriter<v1::SendStreamResults, v1::SendStreamPack> *stream)
{
    return serveSends(
        *context,
        [stream](std::vector<QueuedSend> &into, grpc::Status &failure) {
            v1::SendStreamPack pack;
            if (!stream->Read(&pack))
                return false;
            if (auto valid = proto::validate(pack); !valid.ok()) {
                failure = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, valid.error().message);
                return false;
            }
            std::shared_ptr<PackPayloads> shared;
            if (!pack.shared_payloads().empty()) {
                shared = std::make_shared<PackPayloads>();
                for (const auto &payload : pack.shared_payloads()) {
                    shared->payloads.push_back(std::make_shared<const Bytes>(toBytes(payload)));
                    shared->sizes.push_back(payload.size());
                }
            }
            for (auto &request : *pack.mutable_requests())
                into.push_back({std::move(request), shared});
            return true;
        },
        [stream](const v1::SendStreamResults &results) { return stream->Write(results); });
}

grpc::Status MessagesService::serveSends(grpc::ServerContext &context, const ReadRequests &read,
                                         const WriteResults &write)
{
    Caller caller;
    if (auto s = authenticate(m_relay, context, caller); !s.ok())
        return s;

    // The reader queues batches; this thread stores everything queued in one group commit and
    // answers, so a sender with many batches in flight pays one fsync per round, not per batch.
    // The reader stops reading while `sendInFlight` requests wait, so a sender that writes
    // faster than it reads answers meets HTTP/2 flow control instead of growing the queue.
    struct Queue {
        std::mutex mutex;
        std::condition_variable ready;
        std::condition_variable space;
        std::vector<QueuedSend> requests;
        bool done = false;
        bool stopReading = false;
        grpc::Status failure;
    } queue;
    SendStreamGuard guard(m_relay, context, caller);
    const std::size_t inFlight = m_relay.config.sendInFlight;
    std::thread reader([&] {
        std::vector<QueuedSend> arrived;
        grpc::Status failure;
        while (read(arrived, failure)) {
            std::unique_lock lock(queue.mutex);
            queue.space.wait(lock, [&] { return queue.requests.size() < inFlight || queue.stopReading; });
            if (queue.stopReading)
                break;
            for (auto &request : arrived)
                queue.requests.push_back(std::move(request));
            arrived.clear();
            queue.ready.notify_one();
        }
        std::lock_guard lock(queue.mutex);
        queue.done = true;
        queue.failure = failure;
        queue.ready.notify_one();
    });

    for (;;) {
        std::vector<QueuedSend> requests;
        {
            std::unique_lock lock(queue.mutex);
            queue.ready.wait(lock, [&] { return queue.done || !queue.requests.empty(); });
            if (queue.requests.empty())
                break;
            requests.swap(queue.requests);
            queue.space.notify_one();
        }
        const auto results = storeRound(caller, requests);
        guard.writeStarted();
        const bool written = write(results);
        guard.writeFinished();
        if (!written)
            break;
    }
    grpc::Status failure;
    bool readerDone = false;
    {
        std::lock_guard lock(queue.mutex);
        readerDone = queue.done;
        failure = queue.failure;
        queue.stopReading = true;
    }
    queue.space.notify_one();
    if (!readerDone)
        context.TryCancel();
    reader.join();
    if (auto ended = guard.verdict())
        return *ended;
    return failure;
}

v1::SendStreamResults MessagesService::storeRound(const Caller &caller, std::vector<QueuedSend> &requests)
{
    std::vector<v1::SendStreamResult> results(requests.size());
    std::vector<SendRequest> sends;
    std::vector<std::size_t> sendIndex;
    static const std::vector<std::size_t> noSharedPayloads;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto &request = requests[i].request;
        const auto &shared = requests[i].shared;
        results[i].set_request_id(request.request_id());
        if (auto valid = proto::validate(request, shared ? shared->sizes : noSharedPayloads); !valid.ok()) {
            results[i].set_code(grpc::StatusCode::INVALID_ARGUMENT);
            results[i].set_message(valid.error().message);
        } else if (auto wait = m_relay.accountLimiter.take("account:" + caller.account)) {
            results[i].set_code(grpc::StatusCode::RESOURCE_EXHAUSTED);
            results[i].set_message("Too many requests for this account; try again in "
                                   + std::to_string((wait->count() + 999) / 1000) + " s");
            results[i].set_retry_after_ms(static_cast<std::uint64_t>(wait->count()));
        } else {
            sends.push_back(toSendRequest(caller, request.batch(), m_relay.config.mailboxLimit,
                                          shared ? &shared->payloads : nullptr));
            sendIndex.push_back(i);
        }
    }
    if (!sends.empty()) {
        auto outcomes = m_relay.storage.storeBatches(sends);
        for (std::size_t k = 0; k < sends.size(); ++k) {
            auto &result = results[sendIndex[k]];
            if (!outcomes.ok() || !(*outcomes)[k].ok()) {
                const Error &error = outcomes.ok() ? (*outcomes)[k].error() : outcomes.error();
                grpc::ServerContext scratch; // the status mapping's trailers do not apply here
                const grpc::Status status = toStatus(scratch, error);
                result.set_code(status.error_code());
                result.set_message(status.error_message());
                continue;
            }
            const SendOutcome &outcome = (*outcomes)[k].value();
            if (!outcome.stored) {
                result.set_code(grpc::StatusCode::FAILED_PRECONDITION);
                result.set_message(MismatchMessage);
                fillMismatch(sends[k].recipient, outcome, *result.mutable_mismatch());
                continue;
            }
            result.set_server_time_ms(sends[k].nowMs);
            for (auto device : outcome.deliveredTo) {
                if (device != 0)
                    m_relay.hub.notify(sends[k].recipient, device);
            }
        }
    }
    v1::SendStreamResults answer;
    answer.mutable_results()->Reserve(static_cast<int>(results.size()));
    for (auto &result : results)
        answer.add_results()->Swap(&result);
    return answer;
}

grpc::Status MessagesService::Stream(grpc::ServerContext *context,
                                     grpc::ServerReaderWriter<v1::StreamPush, v1::StreamRequest> *stream)
{
    Caller caller;
    if (auto s = authenticate(m_relay, *context, caller); !s.ok())
        return s;
    auto subscription = m_relay.hub.subscribe(caller.account, caller.device);

    // Acks arrive on a reader thread and are deleted by an acker thread in batches (one group
    // commit for all that piled up), while this thread only pushes: a commit never stalls pushes.
    struct Inbox {
        std::mutex mutex;
        std::condition_variable acksReady;
        std::vector<std::uint64_t> acks;
        bool done = false;
        bool stopAcker = false;
        std::optional<Error> failure;
    } inbox;
    std::thread reader([&] {
        v1::StreamRequest request;
        while (stream->Read(&request)) {
            auto valid = proto::validate(request);
            std::lock_guard lock(inbox.mutex);
            if (!valid.ok()) {
                inbox.failure = valid.error();
                break;
            }
            inbox.acks.insert(inbox.acks.end(), request.ack().ids().begin(), request.ack().ids().end());
            inbox.acksReady.notify_one();
        }
        std::lock_guard lock(inbox.mutex);
        inbox.done = true;
        subscription->ring();
    });
    std::thread acker([&] {
        std::unique_lock lock(inbox.mutex);
        for (;;) {
            inbox.acksReady.wait(lock, [&] { return !inbox.acks.empty() || inbox.stopAcker; });
            if (inbox.acks.empty())
                return;
            std::vector<std::uint64_t> ids;
            ids.swap(inbox.acks);
            lock.unlock();
            auto r = m_relay.storage.acknowledge(caller.account, caller.device, ids);
            lock.lock();
            if (!r.ok()) {
                inbox.failure = r.error();
                subscription->ring();
            }
        }
    });

    grpc::Status result = grpc::Status::OK;
    std::uint64_t lastSent = 0;
    bool drainedSent = false;
    auto lastCheck = std::chrono::steady_clock::now();
    for (;;) {
        if (context->IsCancelled() || m_relay.stopping)
            break;
        {
            std::lock_guard lock(inbox.mutex);
            if (inbox.failure)
                result = toStatus(*context, *inbox.failure);
            if (inbox.done || inbox.failure)
                break;
        }

        auto items = m_relay.storage.fetchMailbox(caller.account, caller.device, lastSent, PushBatch);
        if (!items.ok()) {
            result = toStatus(*context, items.error());
            break;
        }
        // Consecutive envelopes go out as one push (up to ~512 KiB); events go one by one.
        bool writeFailed = false;
        v1::StreamPush batch;
        std::size_t batchBytes = 0;
        auto flush = [&]() -> bool {
            if (batchBytes == 0 && batch.envelopes().envelopes().empty())
                return true;
            const bool ok = stream->Write(batch);
            batch.Clear();
            batchBytes = 0;
            return ok;
        };
        for (const auto &item : *items) {
            if (item.kind == MailboxItem::Envelope) {
                v1::StreamPush single;
                toPush(item, single);
                batchBytes += item.payload.size() + 64;
                batch.mutable_envelopes()->add_envelopes()->Swap(single.mutable_envelope());
                if (batchBytes >= PushBytes && !flush()) {
                    writeFailed = true;
                    break;
                }
            } else {
                v1::StreamPush push;
                toPush(item, push);
                if (item.kind == MailboxItem::SignInRequested && !item.signInCode.empty())
                    push.mutable_event()->mutable_sign_in()->set_code(
                        sign_in_codes::reveal(*m_relay.sealer, caller.account, item.signInId, item.signInCode));
                if (!flush() || !stream->Write(push)) {
                    writeFailed = true;
                    break;
                }
            }
            lastSent = item.id;
        }
        if (!writeFailed && !flush())
            writeFailed = true;
        if (writeFailed)
            break;
        if (items->empty() && !drainedSent) {
            v1::StreamPush push;
            push.mutable_drained();
            if (!stream->Write(push))
                break;
            drainedSent = true;
        }
        // A full batch may have more behind it; so may a first one before the backlog was
        // confirmed empty: fetch again at once, so that Drained follows the backlog instead of
        // the next poll (a device coming online waited a whole poll, a second, to hear it).
        if (items->size() == PushBatch || (!drainedSent && !items->empty()))
            continue;

        const auto now = std::chrono::steady_clock::now();
        if (now - lastCheck >= CredentialRecheck) {
            lastCheck = now;
            auto still = m_relay.storage.credentialHash(caller.account, caller.device);
            if (still.ok() && !still.value()) {
                result = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "This device was removed from its account");
                break;
            }
        }
        if (!subscription->wait(m_relay.config.streamPoll)) {
            // Closed: the device was removed, or a newer stream of it took over.
            auto still = m_relay.storage.credentialHash(caller.account, caller.device);
            result = still.ok() && !still.value()
                         ? grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "This device was removed from its account")
                         : grpc::Status(grpc::StatusCode::ABORTED, "Another stream of this device took over");
            break;
        }
    }

    m_relay.hub.unsubscribe(caller.account, caller.device, subscription);
    bool readerDone = false;
    {
        std::lock_guard lock(inbox.mutex);
        readerDone = inbox.done;
    }
    // The reader blocks in Read until the client half-closes; cancelling the call releases it.
    if (!readerDone)
        context->TryCancel();
    reader.join();
    // Acks that arrived before the end are still made durable.
    {
        std::lock_guard lock(inbox.mutex);
        inbox.stopAcker = true;
    }
    inbox.acksReady.notify_one();
    acker.join();
    return result;
}

} // namespace lapis::relay
