// SPDX-License-Identifier: GPL-3.0-or-later
// Group membership from this device (PROTOCOL.md §15): a change is checked against the group's
// log here, as every member device checks it, stored, and sent end to end to every member.
#include "GroupBook.h"
#include "GroupDelivery.h"

#include <lapis/common/Log.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/transport/BatchSender.h>

#include <algorithm>
#include <set>

namespace lapis::engine {

namespace {

GroupSummary summaryFrom(const store::StoredGroup &stored)
{
    GroupSummary summary;
    summary.id = stored.id;
    summary.name = stored.name;
    summary.version = stored.version;
    summary.isMember = stored.isMember;
    summary.conversationId = stored.conversationId;
    summary.conversationKey = groupConversationKey(stored.id);
    for (const auto &member : stored.members)
        summary.members.push_back({member.account, member.admin});
    return summary;
}

Error errorOf(protocol::GroupRefusal refusal)
{
    switch (refusal) {
    case protocol::GroupRefusal::NotAMember:
        return Error{ErrorCode::PermissionDenied, protocol::refusalText(refusal), ErrorReason::NotGroupMember};
    case protocol::GroupRefusal::NotAnAdmin:
        return Error{ErrorCode::PermissionDenied, protocol::refusalText(refusal), ErrorReason::GroupAdminsOnly};
    default:
        return Error{ErrorCode::InvalidArgument, protocol::refusalText(refusal)};
    }
}

} // namespace

Result<void> Groups::requireEndToEnd(const std::vector<AccountId> &accounts)
{
    for (const auto &account : accounts) {
        if (account == m_ctx.account)
            continue;
        LAPIS_TRY_ASSIGN(const auto directory, m_directory.resolve(account, DirectoryUse::Lookup));
        if (directory.plaintextOnly || directory.selection.accepted.empty())
            return fail(ErrorCode::InvalidArgument, ErrorReason::GroupNeedsEndToEnd,
                        account.value() + " has no end-to-end keys; a group admits only accounts reached end to end");
    }
    return {};
}

Result<GroupSummary> Groups::summaryOf(const protocol::GroupId &group)
{
    LAPIS_TRY_ASSIGN(auto stored,
                     m_ctx.store->transact([&](store::Transaction &tx) { return tx.groups().find(group); }).get());
    if (!stored)
        return fail(ErrorCode::NotFound, "No such group on this device");
    return summaryFrom(*stored);
}

Result<GroupSummary> Groups::change(const protocol::GroupId &group, protocol::GroupChange::Kind kind,
                                    std::vector<AccountId> targets, std::string name)
{
    using Kind = protocol::GroupChange::Kind;
    LAPIS_TRY(m_ctx.checkCanSend());
    if (!m_ctx.identity)
        return fail(ErrorCode::Unsupported, "This account has no keys; groups are end to end only");
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    if (kind == Kind::Create)
        std::erase(targets, m_ctx.account);

    LAPIS_TRY_ASSIGN(auto known,
                     m_ctx.store->transact([&](store::Transaction &tx) { return GroupBook::load(tx, group); }).get());
    if (kind != Kind::Create && !known)
        return fail(ErrorCode::NotFound, "No such group on this device");
    // Everyone who was or becomes a member hears of it, our own other devices included.
    std::set<AccountId> recipients{m_ctx.account};
    if (known)
        for (const auto &member : known->state().members)
            recipients.insert(member.account);
    if (kind == Kind::Create || kind == Kind::Add) {
        LAPIS_TRY(requireEndToEnd(targets));
        recipients.insert(targets.begin(), targets.end());
    }
    LAPIS_TRY_ASSIGN(auto targetsByAccount, targetsFor({recipients.begin(), recipients.end()}));

    OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
    const auto now = m_ctx.nowMs();
    LAPIS_TRY_ASSIGN(
        auto deliveries,
        m_ctx.store
            ->transact([&](store::Transaction &tx) -> Result<std::vector<PairwiseDelivery>> {
                LAPIS_TRY_ASSIGN(auto log, GroupBook::load(tx, group));
                protocol::GroupChange made;
                made.group = group;
                made.changeId = protocol::newContentMessageId(now, m_ctx.rng);
                made.author = m_ctx.account;
                made.kind = kind;
                made.targets = targets;
                made.name = name;
                protocol::GroupState before;
                if (kind == Kind::Create) {
                    LAPIS_TRY_ASSIGN(log, protocol::GroupLog::create(made));
                } else {
                    if (!log)
                        return fail(ErrorCode::NotFound, "No such group on this device");
                    before = log->state();
                    made.parents = log->heads();
                    // Checked as every member's device will check it: a refusal
                    // changes nothing here either.
                    const auto refusal = log->receive(made);
                    if (refusal != protocol::GroupRefusal::None)
                        return errorOf(refusal);
                }
                LAPIS_TRY_ASSIGN(const auto transition, GroupBook::save(tx, *log, {made}, before, m_ctx.account, now));
                LAPIS_TRY(
                    GroupBook::recordNotice(tx, transition.conversationId, made, transition.after, m_ctx.account, now));
                auto history = log->changes();
                std::erase_if(history, [&](const protocol::GroupChange &c) { return c.changeId == made.changeId; });
                history.push_back(made);
                std::vector<PairwiseDelivery> out;
                for (const auto &[account, accountTargets] : targetsByAccount) {
                    PairwiseDelivery delivery;
                    delivery.account = account;
                    delivery.content.messageId = made.changeId;
                    // A new member (and our own devices, one of which may be new)
                    // gets the whole history; the others the change alone.
                    const bool newcomer = !before.isMember(account) || account == m_ctx.account;
                    delivery.content.groupUpdate = protocol::GroupUpdate{group, newcomer ? history : std::vector{made}};
                    LAPIS_TRY(preparePairwise(tx, outgoing, delivery, accountTargets, now));
                    out.push_back(std::move(delivery));
                }
                return out;
            })
            .get());
    if (const auto credentials = m_ctx.relay->credentials()) {
        // Every member's copy at once over one stream, as a message goes.
        transport::BatchSender stream(m_ctx.relay->routes(), *credentials);
        (void)handOver(stream, deliveries);
    }
    return summaryOf(group);
}

Result<GroupSummary> Groups::createGroup(const std::string &name, const std::vector<AccountId> &members)
{
    std::array<std::uint8_t, protocol::GroupId::Size> id{};
    m_ctx.rng.fill(MutableByteView(id));
    return change(protocol::GroupId(id), protocol::GroupChange::Kind::Create, members, name);
}

Result<GroupSummary> Groups::addMembers(const protocol::GroupId &group, const std::vector<AccountId> &members)
{
    return change(group, protocol::GroupChange::Kind::Add, members, {});
}

Result<GroupSummary> Groups::removeMembers(const protocol::GroupId &group, const std::vector<AccountId> &members)
{
    return change(group, protocol::GroupChange::Kind::Remove, members, {});
}

Result<GroupSummary> Groups::promoteMembers(const protocol::GroupId &group, const std::vector<AccountId> &members)
{
    return change(group, protocol::GroupChange::Kind::Promote, members, {});
}

Result<GroupSummary> Groups::renameGroup(const protocol::GroupId &group, const std::string &name)
{
    return change(group, protocol::GroupChange::Kind::Rename, {}, name);
}

Result<GroupSummary> Groups::leaveGroup(const protocol::GroupId &group)
{
    return change(group, protocol::GroupChange::Kind::Leave, {m_ctx.account}, {});
}

Result<std::vector<GroupSummary>> Groups::groups()
{
    LAPIS_TRY_ASSIGN(auto stored,
                     m_ctx.store->transact([](store::Transaction &tx) { return tx.groups().list(); }).get());
    std::vector<GroupSummary> out;
    for (const auto &group : stored)
        out.push_back(summaryFrom(group));
    return out;
}

Result<GroupSummary> Groups::group(const protocol::GroupId &group)
{
    return summaryOf(group);
}

Result<std::vector<MemberReceiptView>> Groups::receipts(const protocol::GroupId &group, const MessageId &id)
{
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<std::vector<MemberReceiptView>> {
            LAPIS_TRY_ASSIGN(const auto stored, tx.groups().find(group));
            LAPIS_TRY_ASSIGN(const auto message, tx.messages().find(id));
            if (!stored || !message || message->conversationId != stored->conversationId
                || message->direction != store::MessageDirection::Outgoing)
                return fail(ErrorCode::NotFound, "No such message of yours in this group");
            LAPIS_TRY_ASSIGN(const auto kept, tx.messages().receipts(id));
            std::vector<MemberReceiptView> out;
            for (const auto &member : stored->members) {
                if (member.account == m_ctx.account)
                    continue;
                MemberReceiptView view{member.account, store::MessageState::Sent, 0};
                for (const auto &receipt : kept)
                    if (receipt.account == member.account)
                        view = {receipt.account, receipt.state, receipt.atMs};
                out.push_back(std::move(view));
            }
            return out;
        })
        .get();
}

} // namespace lapis::engine
