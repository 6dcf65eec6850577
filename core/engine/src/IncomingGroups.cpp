// SPDX-License-Identifier: GPL-3.0-or-later
// Receiving in groups (PROTOCOL.md §15): membership changes and sending chains over the pairwise
// sessions, group messages in their sender's chain.
#include "groups/GroupBook.h"

#include <lapis/engine/IncomingMessages.h>
#include <lapis/protocol/Padding.h>

#include <algorithm>

namespace lapis::engine {

namespace {

/// Whom a change is about, as the events tell it: for a creation, the first members.
std::vector<AccountId> aboutWhom(const protocol::GroupChange &change, const protocol::GroupState &state)
{
    if (change.kind != protocol::GroupChange::Kind::Create)
        return change.targets;
    std::vector<AccountId> members;
    for (const auto &member : state.members)
        members.push_back(member.account);
    return members;
}

} // namespace

Result<IncomingEvent> IncomingMessages::receiveGroupMessage(store::Transaction &tx, const protocol::Envelope &envelope,
                                                            std::int64_t nowMs)
{
    if (!m_identity)
        return unreadable(Error{ErrorCode::Unsupported, "This account has no keys and cannot read group messages"});
    auto keyId = protocol::senderKeyIdOf(envelope.ciphertext);
    if (!keyId.ok())
        return unreadable(std::move(keyId).error());
    LAPIS_TRY_ASSIGN(auto chain, tx.groups().receivingChain(*keyId));
    if (!chain)
        return unreadable(Error{ErrorCode::NotFound, "A group message came in a key this device was never given"});
    // The chain came over the pairwise session of its owner: the relay's stamp must name it.
    if (!(chain->account == envelope.sender.account) || !(chain->device == envelope.sender.device))
        return unreadable(Error{ErrorCode::PermissionDenied, "A group message came in another device's key"});
    LAPIS_TRY_ASSIGN(const bool memberHere, tx.groups().hasMember(chain->group, m_self.account));
    if (!memberHere)
        return unreadable(Error{ErrorCode::PermissionDenied, "A message for a group this account is not a member of"});
    LAPIS_TRY_ASSIGN(const bool senderMember, tx.groups().hasMember(chain->group, chain->account));
    if (!senderMember)
        return unreadable(Error{ErrorCode::PermissionDenied, "A group message from someone who is not a member"});
    auto receiver = protocol::SenderKeyReceiver::deserialize(chain->chain.view());
    if (!receiver.ok())
        return unreadable(std::move(receiver).error().withContext("A kept group key"));
    auto padded =
        receiver->decrypt(envelope.ciphertext, protocol::senderKeyAssociatedData(chain->group, envelope.sender));
    if (!padded.ok())
        return unreadable(std::move(padded).error());
    LAPIS_TRY(tx.groups().saveReceivingChain(*keyId, chain->group, chain->account, chain->device,
                                             receiver->serialize().view()));
    auto body = protocol::unpad(padded->view());
    if (!body.ok())
        return unreadable(std::move(body).error());
    auto content = protocol::Content::deserialize(body->view());
    if (!content.ok())
        return unreadable(std::move(content).error());
    if (!content->data || !content->data->group || !(*content->data->group == chain->group))
        return unreadable(Error{ErrorCode::PermissionDenied, "A group message that is not a message of its group"});

    IncomingEvent event;
    event.messageId = content->messageId;
    event.from = envelope.sender.account;
    event.fromDevice = envelope.sender.device;
    event.endToEnd = true;
    event.group = chain->group;
    event.conversationPeer = groupConversationKey(chain->group);
    // What our own other device sent to the group is ours, as a synced copy is.
    const bool ours = envelope.sender.account == m_self.account;
    event.kind = ours ? IncomingEvent::Kind::SyncedMessage : IncomingEvent::Kind::Message;
    const auto key = event.conversationPeer;
    return storeDataMessage(tx, *content->data, std::move(event), key,
                            ours ? store::MessageDirection::Outgoing : store::MessageDirection::Incoming, nowMs);
}

Result<IncomingEvent> IncomingMessages::applyGroupUpdate(store::Transaction &tx, const protocol::GroupUpdate &update,
                                                         IncomingEvent event, std::int64_t nowMs)
{
    if (!event.endToEnd)
        return unreadable(Error{ErrorCode::PermissionDenied, "A group change came without end-to-end encryption"});
    event.group = update.group;
    event.conversationPeer = groupConversationKey(update.group);
    const auto &last = update.changes.back();
    // Each device hands on only what it did itself: the session authenticates the author.
    if (!(last.author == event.from))
        return unreadable(
            Error{ErrorCode::PermissionDenied, "A group change was handed on by another than its author"});
    LAPIS_TRY_ASSIGN(auto known, GroupBook::load(tx, update.group));
    if (!known || !known->state().isMember(m_self.account))
        return joinGroup(tx, update, known, std::move(event), nowMs);

    auto log = std::move(*known);
    const auto before = log.state();
    std::vector<protocol::GroupChange> taken;
    for (const auto &change : update.changes)
        if (change.author == event.from && log.receive(change) != protocol::GroupRefusal::Duplicate)
            taken.push_back(change);
    LAPIS_TRY_ASSIGN(const auto transition, GroupBook::save(tx, log, taken, before, m_self.account, nowMs));
    for (const auto &change : taken)
        if (log.tookEffect(change.changeId))
            LAPIS_TRY(
                GroupBook::recordNotice(tx, transition.conversationId, change, log.state(), m_self.account, nowMs));
    event.conversationId = transition.conversationId;
    event.messageId = last.changeId;
    event.groupChange = last.kind;
    event.groupMembers = aboutWhom(last, log.state());
    const auto outcome = log.outcome(last.changeId);
    if (outcome == protocol::GroupRefusal::None) {
        event.kind = IncomingEvent::Kind::GroupChanged;
    } else {
        // Kept in the log (a later arrival may change the fold), but the group is as it was.
        event.kind = IncomingEvent::Kind::GroupRefused;
        event.text = protocol::refusalText(outcome);
    }
    return event;
}

Result<IncomingEvent> IncomingMessages::joinGroup(store::Transaction &tx, const protocol::GroupUpdate &update,
                                                  const std::optional<protocol::GroupLog> &known, IncomingEvent event,
                                                  std::int64_t nowMs)
{
    const auto &first = update.changes.front();
    if (first.kind != protocol::GroupChange::Kind::Create)
        return unreadable(Error{ErrorCode::NotFound, "A change to a group this device does not know"});
    // A member removed earlier is handed the history again when added back: the same group's.
    if (known && !(known->changes().front().changeId == first.changeId))
        return unreadable(
            Error{ErrorCode::PermissionDenied, "A group history that does not start where the group did"});
    auto created = protocol::GroupLog::create(first);
    if (!created.ok())
        return unreadable(std::move(created).error());
    auto log = std::move(created).value();
    for (std::size_t i = 1; i < update.changes.size(); ++i)
        (void)log.receive(update.changes[i]);
    const auto &last = update.changes.back();
    // Only an admin's change that took effect makes this account a member: nobody else can.
    if (!log.tookEffect(last.changeId) || !log.state().isMember(m_self.account))
        return unreadable(
            Error{ErrorCode::PermissionDenied, "A group history that does not make this account a member"});
    const auto before = known ? known->state() : protocol::GroupState{};
    if (known)
        LAPIS_TRY(tx.groups().clearChanges(update.group));
    LAPIS_TRY_ASSIGN(const auto transition, GroupBook::save(tx, log, log.changes(), before, m_self.account, nowMs));
    // The history before is not news here: what shows is the change that brought this account in.
    LAPIS_TRY(GroupBook::recordNotice(tx, transition.conversationId, last, log.state(), m_self.account, nowMs));
    event.conversationId = transition.conversationId;
    event.messageId = last.changeId;
    event.kind = IncomingEvent::Kind::GroupChanged;
    event.groupChange = last.kind;
    event.groupMembers = aboutWhom(last, log.state());
    return event;
}

Result<IncomingEvent> IncomingMessages::takeSenderKey(store::Transaction &tx,
                                                      const protocol::SenderKeyDistribution &distribution,
                                                      IncomingEvent event)
{
    if (!event.endToEnd)
        return unreadable(Error{ErrorCode::PermissionDenied, "A group key came without end-to-end encryption"});
    LAPIS_TRY_ASSIGN(const bool memberHere, tx.groups().hasMember(distribution.group, m_self.account));
    if (!memberHere)
        return unreadable(Error{ErrorCode::NotFound, "A key for a group this account is not a member of"});
    LAPIS_TRY_ASSIGN(const bool senderMember, tx.groups().hasMember(distribution.group, event.from));
    if (!senderMember)
        return unreadable(Error{ErrorCode::PermissionDenied, "A group key from someone who is not a member"});
    event.kind = IncomingEvent::Kind::GroupKey;
    event.group = distribution.group;
    event.conversationPeer = groupConversationKey(distribution.group);
    LAPIS_TRY_ASSIGN(auto existing, tx.groups().receivingChain(distribution.keyId));
    if (existing) {
        if (!(existing->account == event.from) || !(existing->device == event.fromDevice)
            || !(existing->group == distribution.group))
            return unreadable(Error{ErrorCode::PermissionDenied, "A group key that another device uses already"});
        return event; // the same chain handed again: the one kept here is as far or further
    }
    const auto receiver = protocol::SenderKeyReceiver::fromDistribution(distribution);
    LAPIS_TRY(tx.groups().saveReceivingChain(distribution.keyId, distribution.group, event.from, event.fromDevice,
                                             receiver.serialize().view()));
    return event;
}

} // namespace lapis::engine
