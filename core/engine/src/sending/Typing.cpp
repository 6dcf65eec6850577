// SPDX-License-Identifier: GPL-3.0-or-later
// Typing indicators: a control content without a message row, like a receipt.
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/groups/Groups.h>
#include <lapis/engine/sending/Sender.h>

namespace lapis::engine {

Result<void> Sender::sendTyping(const AccountId &to, bool started)
{
    // Typing in a group would travel in the group's chain, which carries messages only so far.
    if (!m_ctx.typingIndicators.load() || groupOfConversationKey(to))
        return {};
    LAPIS_TRY(m_ctx.checkCanSend());
    std::vector<RejectedDevice> ignored;
    LAPIS_TRY_ASSIGN(auto targets, m_directory.targetsFor(to, false, ignored, false));
    if (targets.route != Route::EndToEnd || targets.recipientDevices.empty())
        return {};
    protocol::Content content;
    content.messageId = protocol::newContentMessageId(m_ctx.nowMs(), m_ctx.rng);
    content.typing = protocol::Typing{started, static_cast<std::uint64_t>(m_ctx.nowMs())};
    OutgoingMessages outgoing(m_ctx.selfAddress(), m_ctx.identity.get(), m_ctx.rng);
    const auto now = m_ctx.nowMs();
    LAPIS_TRY_ASSIGN(auto envelopes, m_ctx.store
                                         ->transact([&](store::Transaction &tx) {
                                             return outgoing.prepareControl(tx, to, content, targets, now);
                                         })
                                         .get());
    LAPIS_TRY(deliver(to, envelopes, false));
    return {};
}

} // namespace lapis::engine
