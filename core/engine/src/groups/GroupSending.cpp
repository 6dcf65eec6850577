// SPDX-License-Identifier: GPL-3.0-or-later
// Writing to a group (PROTOCOL.md §15): the message is encrypted once, in this device's sending
// chain; each member device that lacks the chain is handed it first over its pairwise session.
#include "../ConversationMessages.h"
#include "GroupBook.h"
#include "GroupDelivery.h"

#include <lapis/common/Log.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/Padding.h>
#include <lapis/transport/BatchSender.h>

#include <mutex>
#include <set>

namespace lapis::engine {

namespace {

/// A group message written and encrypted, with the chains to hand out before it.
struct PreparedGroupMessage {
    MessageId id;
    Bytes envelope;
    /// The chain as it stood before this message: a device that joins the send late (a new
    /// device of a member) reads from this message on.
    std::optional<protocol::SenderKeyDistribution> distribution;
    std::vector<PairwiseDelivery> chains;
    /// A delete for everyone: the erased message's attachment files, to remove after the commit.
    std::vector<std::string> erasedFiles;
};

using Holders = std::set<std::pair<AccountId, DeviceId>>;

std::vector<DeviceId> devicesOf(const std::vector<OutgoingEnvelope> &envelopes)
{
    std::vector<DeviceId> out;
    for (const auto &e : envelopes)
        out.push_back(e.device);
    return out;
}

bool lacksChain(const Holders &holders, const AccountId &account, const SendTargets &targets)
{
    return std::any_of(targets.recipientDevices.begin(), targets.recipientDevices.end(), [&](DeviceId device) {
        return !holders.contains({account, device});
    });
}

/// What one group message is made of, gathered before its transaction.
struct GroupMessageDraft {
    const protocol::GroupId &group;
    const store::StoredGroup &stored;
    const protocol::DataMessage &message;
    const std::map<AccountId, SendTargets> &targetsByAccount;
    protocol::Address self;
    std::int64_t now = 0;
};

/// Writes and encrypts a group message in `tx`: this device's chain (a new one when there is
/// none since the last removal), its hand-over to each member device that lacks it, the one
/// ciphertext, our own row and the outbox entries for every member device.
Result<PreparedGroupMessage> prepareGroupMessage(store::Transaction &tx, const GroupMessageDraft &draft,
                                                 OutgoingMessages &outgoing, crypto::RandomSource &rng)
{
    const auto &[group, stored, message, targetsByAccount, self, now] = draft;
    PreparedGroupMessage out;
    LAPIS_TRY_ASSIGN(auto kept, tx.groups().sendingChain(group));
    std::optional<protocol::SenderKeySender> chain;
    if (kept) {
        LAPIS_TRY_ASSIGN(chain, protocol::SenderKeySender::deserialize(kept->view()));
    } else {
        // The first message since the group began or since someone was removed.
        chain = protocol::SenderKeySender::create(group, rng);
    }
    out.distribution = chain->distribution();
    // The chains go first: their id is a millisecond older than the message's, so an
    // outbox flushed later hands them out first too.
    out.id = protocol::newContentMessageId(now, rng);
    const auto chainsId = protocol::newContentMessageId(now - 1, rng);
    LAPIS_TRY_ASSIGN(const auto holderList, tx.groups().chainHolders(group));
    const Holders holders(holderList.begin(), holderList.end());
    for (const auto &[account, targets] : targetsByAccount) {
        if (!lacksChain(holders, account, targets))
            continue;
        PairwiseDelivery delivery;
        delivery.account = account;
        delivery.content.messageId = chainsId;
        delivery.content.senderKey = *out.distribution;
        LAPIS_TRY(preparePairwise(tx, outgoing, delivery, targets, now));
        out.chains.push_back(std::move(delivery));
    }

    // Our own copy first, as every member device will keep it; what travels carries the group
    // conversation's disappearing timer.
    LAPIS_TRY_ASSIGN(const auto sent, OutgoingMessages::storeOwnCopy(tx, {out.id, stored.conversationId, self, true},
                                                                     message, out.erasedFiles));
    protocol::Content content;
    content.messageId = out.id;
    content.data = sent;
    LAPIS_TRY_ASSIGN(const auto body, content.serialize());
    const auto padded = protocol::pad(body.view());
    LAPIS_TRY_ASSIGN(auto ciphertext, chain->encrypt(padded.view(), protocol::senderKeyAssociatedData(group, self)));
    LAPIS_TRY(tx.groups().saveSendingChain(group, chain->serialize().view()));
    protocol::Envelope envelope;
    std::array<std::uint8_t, MessageId::Size> envelopeId{};
    rng.fill(MutableByteView(envelopeId));
    envelope.messageId = MessageId(envelopeId);
    envelope.sender = self;
    envelope.type = protocol::Envelope::Type::SenderKey;
    envelope.ciphertext = std::move(ciphertext);
    out.envelope = envelope.serialize();

    for (const auto &[account, targets] : targetsByAccount) {
        std::vector<OutgoingEnvelope> copies;
        for (const auto device : targets.recipientDevices)
            copies.push_back({account, device, out.envelope, false});
        LAPIS_TRY(OutgoingMessages::enqueue(tx, out.id, copies, now));
    }
    return out;
}

} // namespace

Result<GroupSendReport> Groups::sendGroupText(const protocol::GroupId &group, const std::string &text,
                                              const std::optional<MessageId> &replyTo)
{
    if (auto problem = Sender::textProblem(text))
        return fail(ErrorCode::InvalidArgument, "The message " + *problem);
    protocol::DataMessage message;
    message.text = text;
    if (replyTo) {
        const auto key = groupConversationKey(group);
        LAPIS_TRY_ASSIGN(
            auto quoted,
            m_ctx.store->transact([&](store::Transaction &tx) { return messageOfConversation(tx, key, *replyTo); })
                .get());
        message.quote = protocol::Quote{*replyTo, quoted.sender,
                                        quoted.deleted ? std::string() : protocol::quoteExcerpt(quoted.text)};
    }
    return sendGroupData(group, std::move(message));
}

Result<GroupSendReport> Groups::sendGroupData(const protocol::GroupId &group, protocol::DataMessage message,
                                              const std::function<Result<void>(store::Transaction &)> &withMessage)
{
    LAPIS_TRY(m_ctx.checkCanSend());
    if (!m_ctx.identity)
        return fail(ErrorCode::Unsupported, "This account has no keys; groups are end to end only");
    LAPIS_TRY_ASSIGN(auto stored,
                     m_ctx.store->transact([&](store::Transaction &tx) { return tx.groups().find(group); }).get());
    if (!stored)
        return fail(ErrorCode::NotFound, "No such group on this device");
    if (!stored->isMember)
        return fail(ErrorCode::PermissionDenied, ErrorReason::NotGroupMember,
                    "You are not a member of this group any more");
    std::vector<AccountId> accounts;
    for (const auto &member : stored->members)
        accounts.push_back(member.account);
    LAPIS_TRY_ASSIGN(auto targetsByAccount, knownTargetsFor(accounts));

    const auto now = m_ctx.nowMs();
    message.timestamp = static_cast<std::uint64_t>(now);
    message.group = group;
    const auto self = m_ctx.selfAddress();
    OutgoingMessages outgoing(self, m_ctx.identity.get(), m_ctx.rng);
    LAPIS_TRY_ASSIGN(auto prepared,
                     m_ctx.store
                         ->transact([&](store::Transaction &tx) -> Result<PreparedGroupMessage> {
                             LAPIS_TRY_ASSIGN(auto made, prepareGroupMessage(
                                                             tx, {group, *stored, message, targetsByAccount, self, now},
                                                             outgoing, m_ctx.rng));
                             if (withMessage)
                                 LAPIS_TRY(withMessage(tx));
                             return made;
                         })
                         .get());

    m_ctx.removeAttachmentFiles(prepared.erasedFiles);
    GroupSendReport report;
    report.id = prepared.id;
    const auto credentials = m_ctx.relay->credentials();
    if (!credentials)
        return fail(ErrorCode::PermissionDenied, "This device has no relay credential");
    // Every account's batch in flight at once over one stream: the relay stores them in one
    // transaction, and the send costs a round trip, not one per member.
    transport::BatchSender stream(m_ctx.relay->routes(), *credentials);

    // Chains first: a member device reads the message only with the chain.
    std::set<AccountId> chainless;
    for (const auto &delivery : prepared.chains)
        chainless.insert(delivery.account);
    const auto handedOut = handOver(stream, prepared.chains);
    for (const auto *delivery : handedOut) {
        chainless.erase(delivery->account);
        // Encrypted anew when the account's devices changed: the message goes to the same ones.
        targetsByAccount[delivery->account].recipientDevices = devicesOf(delivery->envelopes);
    }
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      for (const auto *delivery : handedOut)
                          for (const auto &envelope : delivery->envelopes)
                              LAPIS_TRY(tx.groups().addChainHolder(group, envelope.recipient, envelope.device));
                      return {};
                  })
                  .get());

    std::vector<std::pair<AccountId, std::vector<OutgoingEnvelope>>> copies;
    for (const auto &[account, targets] : targetsByAccount) {
        if (chainless.contains(account)) {
            report.waiting.push_back(account);
            continue;
        }
        std::vector<OutgoingEnvelope> batch;
        for (const auto device : targets.recipientDevices)
            batch.push_back({account, device, prepared.envelope, false});
        copies.emplace_back(account, std::move(batch));
    }
    auto answers = deliverTogether(stream, copies, &prepared.envelope);
    std::vector<AccountId> taken;
    for (auto &[account, batch] : copies) {
        auto &targets = targetsByAccount[account];
        const auto answer = answers.find(account);
        bool accepted = answer != answers.end() && answer->second == BatchAnswer::Accepted;
        if (accepted) {
            taken.push_back(account);
        } else if (answer != answers.end() && answer->second == BatchAnswer::DevicesChanged) {
            // A device came or went: looked up, handed the chain if new, sent the same bytes.
            auto again =
                deliverGroupCopies(group, prepared.id, prepared.envelope, *prepared.distribution, account, targets);
            if (!again.ok())
                qCInfo(lcEngine) << "A group message waits in the outbox:" << again.error().message.c_str();
            accepted = again.ok() && *again;
        }
        if (accepted)
            report.devices += targets.recipientDevices.size();
        else
            report.waiting.push_back(account);
    }
    report.acceptedByRelay = report.waiting.empty();
    const auto id = prepared.id;
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      for (const auto &account : taken)
                          LAPIS_TRY(tx.outbox().removeForMessageTo(id, account));
                      if (report.acceptedByRelay)
                          LAPIS_TRY(OutgoingMessages::markSent(tx, id));
                      return {};
                  })
                  .get());
    return report;
}

std::vector<const PairwiseDelivery *> Groups::handOver(transport::BatchSender &stream,
                                                       std::vector<PairwiseDelivery> &deliveries)
{
    std::vector<std::pair<AccountId, std::vector<OutgoingEnvelope>>> batches;
    for (const auto &delivery : deliveries)
        batches.emplace_back(delivery.account, delivery.envelopes);
    const auto answers = deliverTogether(stream, batches);
    std::vector<const PairwiseDelivery *> delivered;
    std::vector<const PairwiseDelivery *> takenTogether;
    for (auto &delivery : deliveries) {
        const auto answer = answers.find(delivery.account);
        if (answer == answers.end() || answer->second == BatchAnswer::NotTaken) {
            qCInfo(lcEngine) << "Group traffic for" << delivery.account.value().c_str() << "waits in the outbox";
            continue;
        }
        if (answer->second == BatchAnswer::Accepted) {
            takenTogether.push_back(&delivery);
            delivered.push_back(&delivery);
            continue;
        }
        // The account's devices changed: encrypted anew for those listed now, one account at a time.
        auto again = deliverPairwise(delivery);
        if (again.ok() && *again)
            delivered.push_back(&delivery);
        else if (!again.ok())
            qCInfo(lcEngine) << "Group traffic waits in the outbox:" << again.error().message.c_str();
    }
    auto removed =
        m_ctx.store
            ->transact([&](store::Transaction &tx) -> Result<void> {
                for (const auto *delivery : takenTogether)
                    LAPIS_TRY(tx.outbox().removeForMessageTo(delivery->content.messageId, delivery->account));
                return {};
            })
            .get();
    // Left in the outbox, they are sent once more and the receivers drop the copies.
    if (!removed.ok())
        qCInfo(lcEngine) << "Delivered group traffic stays in the outbox:" << removed.error().message.c_str();
    return delivered;
}

std::map<AccountId, Groups::BatchAnswer>
Groups::deliverTogether(transport::BatchSender &stream,
                        const std::vector<std::pair<AccountId, std::vector<OutgoingEnvelope>>> &batches,
                        const Bytes *shared)
{
    const auto sharedPayload = shared ? std::make_shared<const Bytes>(*shared) : nullptr;
    // Shared with the completions: one that runs late (after a cancel) still finds it.
    struct Answers {
        std::mutex mutex;
        std::map<AccountId, BatchAnswer> byAccount;
    };
    auto answers = std::make_shared<Answers>();
    std::vector<transport::BatchSender::Batch> pack;
    for (const auto &[account, envelopes] : batches) {
        if (envelopes.empty()) {
            answers->byAccount[account] = BatchAnswer::Accepted; // our own account without another device
            continue;
        }
        transport::BatchSender::Batch batch;
        batch.recipient = account.value();
        for (const auto &e : envelopes) {
            if (sharedPayload && e.envelope == *sharedPayload)
                batch.envelopes.push_back({e.device.value(), {}, false});
            else
                batch.envelopes.push_back({e.device.value(), e.envelope, false});
        }
        batch.sharedPayload = sharedPayload;
        batch.done = [answers, account = account](const Result<transport::SendOutcome> &outcome) {
            std::lock_guard lock(answers->mutex);
            if (!outcome.ok())
                answers->byAccount[account] = BatchAnswer::NotTaken;
            else
                answers->byAccount[account] = outcome->accepted ? BatchAnswer::Accepted : BatchAnswer::DevicesChanged;
        };
        pack.push_back(std::move(batch));
    }
    if (!pack.empty()) {
        stream.sendAll(std::move(pack));
        if (!stream.waitForAnswers(std::chrono::seconds(30)))
            stream.cancel(); // what is unanswered waits in the outbox
    }
    std::lock_guard lock(answers->mutex);
    return answers->byAccount;
}

Result<std::map<AccountId, SendTargets>> Groups::knownTargetsFor(const std::vector<AccountId> &accounts)
{
    // The devices this device holds sessions with: each was certified by its account key when the
    // session began. A device added since makes the relay refuse the batch, and only then is
    // that account looked up, so a message to a hundred members asks the relay nothing first.
    LAPIS_TRY_ASSIGN(auto known,
                     m_ctx.store
                         ->transact([&](store::Transaction &tx) -> Result<std::map<AccountId, std::vector<DeviceId>>> {
                             std::map<AccountId, std::vector<DeviceId>> out;
                             for (const auto &account : accounts) {
                                 LAPIS_TRY_ASSIGN(auto devices, tx.sessions().devicesWithSessions(account));
                                 if (account == m_ctx.account)
                                     std::erase(devices, m_ctx.deviceId);
                                 out[account] = std::move(devices);
                             }
                             return out;
                         })
                         .get());
    std::map<AccountId, SendTargets> out;
    for (auto &[account, devices] : known) {
        if (devices.empty()) {
            LAPIS_TRY_ASSIGN(auto targets, targetsOf(account));
            out.emplace(account, std::move(targets));
            continue;
        }
        SendTargets targets;
        targets.route = Route::EndToEnd;
        targets.recipientDevices = std::move(devices);
        out.emplace(account, std::move(targets));
    }
    return out;
}

Result<bool> Groups::deliverGroupCopies(const protocol::GroupId &group, const MessageId &id, const Bytes &envelope,
                                        const protocol::SenderKeyDistribution &distribution, const AccountId &account,
                                        SendTargets &targets)
{
    for (int attempt = 0; attempt < DeviceDirectory::MaxAttempts; ++attempt) {
        std::vector<OutgoingEnvelope> copies;
        for (const auto device : targets.recipientDevices)
            copies.push_back({account, device, envelope, false});
        if (copies.empty())
            return true;
        LAPIS_TRY_ASSIGN(const bool accepted, m_sender.deliver(account, copies, false));
        if (accepted) {
            LAPIS_TRY(
                m_ctx.store
                    ->transact([&](store::Transaction &tx) { return tx.outbox().removeForMessageTo(id, account); })
                    .get());
            return true;
        }
        // The account's devices changed: a new device is handed the chain (from this message
        // on), then gets the same message.
        LAPIS_TRY_ASSIGN(targets, targetsOf(account));
        OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
        const auto now = m_ctx.nowMs();
        PairwiseDelivery handOver;
        handOver.account = account;
        handOver.content.messageId = protocol::newContentMessageId(now, m_ctx.rng);
        handOver.content.senderKey = distribution;
        LAPIS_TRY(m_ctx.store
                      ->transact([&](store::Transaction &tx) -> Result<void> {
                          LAPIS_TRY(preparePairwise(tx, outgoing, handOver, targets, now));
                          LAPIS_TRY(tx.outbox().removeForMessageTo(id, account));
                          std::vector<OutgoingEnvelope> again;
                          for (const auto device : targets.recipientDevices)
                              again.push_back({account, device, envelope, false});
                          return OutgoingMessages::enqueue(tx, id, again, now);
                      })
                      .get());
        LAPIS_TRY_ASSIGN(const bool handed, deliverPairwise(handOver));
        if (!handed)
            return false;
        LAPIS_TRY(m_ctx.store
                      ->transact([&](store::Transaction &tx) -> Result<void> {
                          for (const auto &e : handOver.envelopes)
                              LAPIS_TRY(tx.groups().addChainHolder(group, e.recipient, e.device));
                          return {};
                      })
                      .get());
    }
    return fail(ErrorCode::Unavailable, "The relay's device list for " + account.value() + " kept changing; try again");
}

} // namespace lapis::engine
