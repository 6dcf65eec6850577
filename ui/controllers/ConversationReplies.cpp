// SPDX-License-Identifier: GPL-3.0-or-later
// ConversationController: the quote bar of a reply, and reactions.
#include "ConversationController.h"
#include "util/ErrorText.h"
#include "worker/EngineWorker.h"

#include <memory>

namespace lapis::ui {

namespace {
/// As much of the quoted text as the quote bar shows (the engine cuts the sent excerpt itself).
constexpr int QuoteBarChars = 200;
} // namespace

void ConversationController::startReply(const QString &messageId)
{
    const int row = m_messages.rowOf(messageId);
    if (row < 0)
        return;
    m_replyToId = messageId;
    m_replyToAuthor = m_messages.get(row, QStringLiteral("sender")).toString();
    m_replyToText = m_messages.get(row, QStringLiteral("text")).toString().left(QuoteBarChars);
    if (m_replyToText.isEmpty())
        m_replyToText = m_messages.get(row, QStringLiteral("attachmentName")).toString();
    emit replyChanged();
}

void ConversationController::cancelReply()
{
    if (m_replyToId.isEmpty())
        return;
    m_replyToId.clear();
    m_replyToAuthor.clear();
    m_replyToText.clear();
    emit replyChanged();
}

void ConversationController::react(const QString &messageId, const QString &emoji, bool remove, bool allowPlaintext)
{
    if (m_peer.isEmpty() || messageId.isEmpty() || (emoji.isEmpty() && !remove))
        return;
    if (m_keyChanged) {
        setError(tr("The safety number changed. Compare it and accept the new key before sending."));
        return;
    }
    if (m_downgraded && !allowPlaintext) {
        emit plaintextReactionConfirmationNeeded(messageId, emoji, remove);
        return;
    }
    const QString peer = m_peer;
    const AccountId to(peer.toStdString());
    // Filled on the worker thread, read in the reply (which runs after it): who "we" are.
    auto self = std::make_shared<QString>();
    m_worker->run<Result<engine::SendReport>>(
        this,
        [to, id = messageId.toStdString(), emoji = emoji.toStdString(), remove, allowPlaintext,
         self](EngineWorker::Context &context) -> Result<engine::SendReport> {
            LAPIS_TRY(context.requireProfile());
            *self = QString::fromStdString(context.engine->account().value());
            LAPIS_TRY_ASSIGN(auto bytes, fromHex(id));
            LAPIS_TRY_ASSIGN(auto target, MessageId::fromBytes(bytes));
            return context.engine->sendReaction(to, target, emoji, remove, allowPlaintext);
        },
        [this, peer, messageId, emoji, remove, self](Result<engine::SendReport> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                const auto &error = result.error();
                if (error.code == ErrorCode::PermissionDenied && error.reason != ErrorReason::AccountKeyChanged
                    && !isGroup()) {
                    // The contact lost its end-to-end devices since the trust was last looked at.
                    m_downgraded = true;
                    emit trustChanged();
                    emit plaintextReactionConfirmationNeeded(messageId, emoji, remove);
                    return;
                }
                setError(errorSentence(error));
                return;
            }
            setError({});
            // Stored already; the row may be older than the page refreshNewest merges.
            m_messages.applyReaction(messageId, *self, remove ? QString() : emoji);
            m_messages.refreshNewest();
            emit reacted(messageId);
        });
}

} // namespace lapis::ui
