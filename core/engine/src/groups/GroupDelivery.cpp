// SPDX-License-Identifier: GPL-3.0-or-later
// Where group traffic goes: each member account's certified devices (ours: our other devices),
// and pairwise contents handed to the relay with a fresh encryption when its device list changed.
#include "GroupDelivery.h"

#include <lapis/common/Log.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/engine/sending/Sender.h>

#include <algorithm>

namespace lapis::engine {

Result<void> preparePairwise(store::Transaction &tx, OutgoingMessages &outgoing, PairwiseDelivery &delivery,
                             const SendTargets &targets, std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(delivery.envelopes,
                     outgoing.prepareControl(tx, delivery.account, delivery.content, targets, nowMs));
    LAPIS_TRY(tx.outbox().removeForMessageTo(delivery.content.messageId, delivery.account));
    return OutgoingMessages::enqueue(tx, delivery.content.messageId, delivery.envelopes, nowMs);
}

Result<SendTargets> Groups::targetsOf(const AccountId &account)
{
    std::vector<RejectedDevice> ignored;
    LAPIS_TRY_ASSIGN(auto targets, m_directory.targetsFor(account, false, ignored, false));
    if (targets.route != Route::EndToEnd)
        return fail(ErrorCode::PermissionDenied,
                    account.value() + " is not reached end to end any more; nothing was sent to the group");
    if (account == m_ctx.account) {
        // Our own account: its other devices.
        std::erase(targets.recipientDevices, m_ctx.deviceId);
        targets.bundles.erase(m_ctx.selfAddress());
    }
    return targets;
}

Result<std::map<AccountId, SendTargets>> Groups::targetsFor(const std::vector<AccountId> &accounts)
{
    std::map<AccountId, SendTargets> out;
    for (const auto &account : accounts) {
        if (out.contains(account))
            continue;
        LAPIS_TRY_ASSIGN(auto targets, targetsOf(account));
        out.emplace(account, std::move(targets));
    }
    return out;
}

Result<bool> Groups::deliverPairwise(PairwiseDelivery &delivery)
{
    for (int attempt = 0; attempt < DeviceDirectory::MaxAttempts; ++attempt) {
        if (delivery.envelopes.empty())
            return true; // our own account without another device
        auto accepted = m_sender.deliver(delivery.account, delivery.envelopes, false);
        if (!accepted.ok()) {
            qCInfo(lcEngine) << "Group traffic kept in the outbox:" << accepted.error().message.c_str();
            return false;
        }
        if (*accepted) {
            LAPIS_TRY(m_ctx.store
                          ->transact([&](store::Transaction &tx) {
                              return tx.outbox().removeForMessageTo(delivery.content.messageId, delivery.account);
                          })
                          .get());
            return true;
        }
        // The account's devices changed: encrypted anew for the devices listed now.
        LAPIS_TRY_ASSIGN(auto targets, targetsOf(delivery.account));
        OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
        const auto now = m_ctx.nowMs();
        LAPIS_TRY(m_ctx.store
                      ->transact(
                          [&](store::Transaction &tx) { return preparePairwise(tx, outgoing, delivery, targets, now); })
                      .get());
    }
    return fail(ErrorCode::Unavailable,
                "The relay's device list for " + delivery.account.value() + " kept changing; try again");
}

} // namespace lapis::engine
