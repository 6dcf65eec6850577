// SPDX-License-Identifier: GPL-3.0-or-later
// Sending messages: one, or a burst, encrypted for every certified device of the recipient and
// of our own account, kept in the outbox until the relay accepts them.
#include <lapis/common/Log.h>
#include <lapis/engine/TextBurst.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/transport/BatchSender.h>

namespace lapis::engine {

namespace fs = std::filesystem;

std::optional<std::string> Sender::textProblem(const std::string &text)
{
    if (text.empty())
        return "is empty";
    if (text.size() > MaxTextBytes)
        return "is longer than " + std::to_string(MaxTextBytes / 1024) + " KiB; send it as a file";
    return std::nullopt;
}

Result<bool> Sender::deliver(const AccountId &to, const std::vector<OutgoingEnvelope> &envelopes, bool allowPlaintext)
{
    std::vector<transport::OutgoingEnvelope> batch;
    for (const auto &e : envelopes)
        batch.push_back({e.device.value(), e.envelope, e.plaintext});
    if (batch.empty() && !allowPlaintext)
        return true;
    LAPIS_TRY_ASSIGN(auto outcome, m_ctx.relay->sendBatch(to.value(), batch, allowPlaintext));
    return outcome.accepted;
}

Result<SendReport> Sender::sendData(const AccountId &to, protocol::DataMessage message, bool allowPlaintext,
                                    const std::function<Result<void>(store::Transaction &)> &withMessage)
{
    if (const auto group = groupOfConversationKey(to); group && m_groupRoute)
        return m_groupRoute(*group, std::move(message), withMessage);
    LAPIS_TRY(m_ctx.checkCanSend());
    SendReport report;
    message.timestamp = static_cast<std::uint64_t>(m_ctx.nowMs());
    OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
    std::optional<PreparedMessage> prepared;
    // A batch that misses or adds devices is refused whole, so nothing of it was delivered:
    // resolve the directory again and encrypt anew for the current devices.
    for (int attempt = 0; attempt < DeviceDirectory::MaxAttempts; ++attempt) {
        LAPIS_TRY_ASSIGN(auto targets, m_directory.sendTargets(to, allowPlaintext, report.ignoredDevices));
        const auto now = m_ctx.nowMs();
        if (!prepared) {
            LAPIS_TRY_ASSIGN(prepared, m_ctx.store
                                           ->transact([&](store::Transaction &tx) -> Result<PreparedMessage> {
                                               if (withMessage)
                                                   LAPIS_TRY(withMessage(tx));
                                               return outgoing.prepare(tx, to, message, targets, now);
                                           })
                                           .get());
            m_ctx.removeAttachmentFiles(prepared->erasedFiles);
        } else {
            LAPIS_TRY_ASSIGN(prepared->toRecipient, m_ctx.store
                                                        ->transact([&](store::Transaction &tx) {
                                                            return outgoing.reencrypt(tx, to, prepared->id, message,
                                                                                      targets, now);
                                                        })
                                                        .get());
        }
        report.id = prepared->id;
        report.endToEnd = targets.route == Route::EndToEnd;
        auto accepted = deliver(to, prepared->toRecipient, targets.route == Route::Plaintext);
        if (!accepted.ok()) {
            // Offline or the relay is down: the outbox keeps the envelopes for the next try.
            qCInfo(lcEngine) << "Message kept in the outbox:" << accepted.error().message.c_str();
            return report;
        }
        if (!*accepted)
            continue;
        report.acceptedByRelay = true;
        const auto id = prepared->id;
        LAPIS_TRY(
            m_ctx.store->transact([&](store::Transaction &tx) { return OutgoingMessages::markSent(tx, id); }).get());
        if (!prepared->toOwnDevices.empty()) {
            auto synced = deliver(m_ctx.account, prepared->toOwnDevices, false);
            if (!synced.ok() || !*synced)
                qCInfo(lcEngine) << "The copy for our other devices was not delivered";
        }
        return report;
    }
    return fail(ErrorCode::Unavailable,
                "The relay's device list for " + to.value() + " kept changing while sending; try again");
}

Result<SendReport> Sender::sendText(const AccountId &to, const std::string &text, bool allowPlaintext)
{
    if (auto problem = textProblem(text))
        return fail(ErrorCode::InvalidArgument, "The message " + *problem);
    protocol::DataMessage message;
    message.text = text;
    return sendData(to, std::move(message), allowPlaintext);
}

Result<std::vector<SendReport>> Sender::sendTexts(const AccountId &to, const std::vector<std::string> &texts,
                                                  bool allowPlaintext)
{
    LAPIS_TRY(m_ctx.checkCanSend());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (auto problem = textProblem(texts[i]))
            return fail(ErrorCode::InvalidArgument,
                        "Message " + std::to_string(i + 1) + " " + *problem + "; nothing was sent");
    }
    if (texts.empty())
        return std::vector<SendReport>{};
    const auto credentials = m_ctx.relay->credentials();
    if (!credentials)
        return fail(ErrorCode::PermissionDenied, "This device has no relay credential");
    std::vector<RejectedDevice> ignored;
    LAPIS_TRY_ASSIGN(auto targets, m_directory.sendTargets(to, allowPlaintext, ignored));
    OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
    transport::BatchSender stream(m_ctx.relay->routes(), *credentials);
    TextBurst burst(*m_ctx.store, outgoing, stream, to, m_ctx.account, texts, [this] { return m_ctx.nowMs(); });
    for (int attempt = 0; attempt < DeviceDirectory::MaxAttempts; ++attempt) {
        if (attempt > 0) {
            // The relay refused a device list: what it refused is encrypted anew for the devices now listed.
            auto refreshed = m_directory.sendTargets(to, allowPlaintext, ignored);
            if (!refreshed.ok()) {
                (void)burst.finish(ignored);
                return std::move(refreshed).error();
            }
            targets = std::move(refreshed).value();
        }
        auto complete = burst.run(targets);
        if (!complete.ok()) {
            auto error = std::move(complete).error();
            auto reports = burst.finish(ignored);
            if (reports.ok())
                error.message += " (" + std::to_string(reports->size() - burst.waiting()) + " of "
                                 + std::to_string(texts.size()) + " messages were sent)";
            return error;
        }
        if (*complete)
            return burst.finish(ignored);
    }
    LAPIS_TRY(burst.finish(ignored));
    return fail(ErrorCode::Unavailable, "The relay's device list for " + to.value() + " kept changing while sending; "
                                            + std::to_string(burst.waiting()) + " messages wait in the outbox");
}

} // namespace lapis::engine
