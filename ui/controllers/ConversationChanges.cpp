// SPDX-License-Identifier: GPL-3.0-or-later
// ConversationController: editing and deleting messages, the disappearing timer, and typing.
#include "ConversationController.h"
#include "util/ErrorText.h"
#include "util/TimerText.h"
#include "worker/EngineWorker.h"

#include <QDateTime>
#include <QLocale>

namespace lapis::ui {

namespace {
/// "typing" is sent again at most this often while the user keeps typing.
constexpr qint64 TypingRepeatMs = 5000;

Result<MessageId> messageIdFromHex(const std::string &hex)
{
    LAPIS_TRY_ASSIGN(auto bytes, fromHex(hex));
    return MessageId::fromBytes(bytes);
}
} // namespace

QString ConversationController::disappearingText() const
{
    return m_disappearingSeconds > 0 ? timerText(m_disappearingSeconds) : QString();
}

void ConversationController::startEdit(const QString &messageId)
{
    const int row = m_messages.rowOf(messageId);
    if (row < 0 || !m_messages.get(row, QStringLiteral("canChange")).toBool())
        return;
    cancelReply();
    m_editingId = messageId;
    m_editingText = m_messages.get(row, QStringLiteral("text")).toString();
    emit editingChanged();
}

void ConversationController::cancelEdit()
{
    if (m_editingId.isEmpty())
        return;
    m_editingId.clear();
    m_editingText.clear();
    emit editingChanged();
}

void ConversationController::saveEdit(const QString &rawText)
{
    const QString text = rawText.trimmed();
    if (m_editingId.isEmpty() || m_peer.isEmpty() || text.isEmpty())
        return;
    const QString peer = m_peer;
    const QString id = m_editingId;
    cancelEdit();
    if (m_typingSentAtMs != 0)
        sendTyping(false);
    m_worker->run<Result<engine::SendReport>>(
        this,
        [to = AccountId(peer.toStdString()), hex = id.toStdString(),
         text = text.toStdString()](EngineWorker::Context &context) -> Result<engine::SendReport> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(auto target, messageIdFromHex(hex));
            return context.engine->editMessage(to, target, text);
        },
        [this, peer, id, text](Result<engine::SendReport> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            setError({});
            m_messages.applyEdit(id, text);
            m_messages.refreshNewest();
            emit messageChanged(id);
        });
}

void ConversationController::deleteForMe(const QString &messageId)
{
    if (m_peer.isEmpty())
        return;
    const QString peer = m_peer;
    if (m_editingId == messageId)
        cancelEdit();
    m_worker->run<Result<void>>(
        this,
        [to = AccountId(peer.toStdString()),
         hex = messageId.toStdString()](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(auto target, messageIdFromHex(hex));
            return context.engine->deleteForMe(to, target);
        },
        [this, peer, messageId](Result<void> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            m_messages.removeMessage(messageId);
            emit conversationChanged();
            emit messageChanged(messageId);
        });
}

void ConversationController::deleteForEveryone(const QString &messageId)
{
    if (m_peer.isEmpty())
        return;
    const QString peer = m_peer;
    if (m_editingId == messageId)
        cancelEdit();
    m_worker->run<Result<engine::SendReport>>(
        this,
        [to = AccountId(peer.toStdString()),
         hex = messageId.toStdString()](EngineWorker::Context &context) -> Result<engine::SendReport> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(auto target, messageIdFromHex(hex));
            return context.engine->deleteForEveryone(to, target);
        },
        [this, peer, messageId](Result<engine::SendReport> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            setError({});
            m_messages.applyDeletion(messageId);
            m_messages.refreshNewest();
            emit conversationChanged();
            emit messageChanged(messageId);
        });
}

void ConversationController::loadEditHistory(const QString &messageId)
{
    if (m_peer.isEmpty())
        return;
    const QString peer = m_peer;
    m_worker->run<Result<std::vector<store::MessageVersion>>>(
        this,
        [to = AccountId(peer.toStdString()),
         hex = messageId.toStdString()](EngineWorker::Context &context) -> Result<std::vector<store::MessageVersion>> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(auto target, messageIdFromHex(hex));
            return context.engine->editHistory(to, target);
        },
        [this, peer, messageId](Result<std::vector<store::MessageVersion>> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            QVariantList versions;
            for (const auto &v : *result)
                versions << QVariantMap{
                    {QStringLiteral("text"), QString::fromStdString(v.text)},
                    {QStringLiteral("time"),
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(v.writtenAtMs), QLocale::ShortFormat)}};
            emit editHistoryLoaded(messageId, versions);
        });
}

QVariantList ConversationController::disappearingChoices() const
{
    QVariantList out;
    out << QVariantMap{{QStringLiteral("seconds"), 0}, {QStringLiteral("text"), timerText(0)}};
    for (const auto seconds : engine::OfferedExpireTimers)
        out << QVariantMap{{QStringLiteral("seconds"), static_cast<int>(seconds)},
                           {QStringLiteral("text"), timerText(static_cast<int>(seconds))}};
    return out;
}

void ConversationController::setDisappearing(int seconds)
{
    if (m_peer.isEmpty() || seconds < 0)
        return;
    const QString peer = m_peer;
    m_worker->run<Result<engine::SendReport>>(
        this,
        [to = AccountId(peer.toStdString()), seconds](EngineWorker::Context &context) -> Result<engine::SendReport> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->setDisappearingTimer(to, static_cast<std::uint32_t>(seconds));
        },
        [this, peer, seconds](Result<engine::SendReport> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            setError({});
            setDisappearingSeconds(seconds);
            m_messages.refreshNewest();
            emit conversationChanged();
        });
}

void ConversationController::loadDisappearing()
{
    const QString peer = m_peer;
    m_worker->run<Result<std::uint32_t>>(
        this,
        [to = AccountId(peer.toStdString())](EngineWorker::Context &context) -> Result<std::uint32_t> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->disappearingTimer(to);
        },
        [this, peer](Result<std::uint32_t> result) {
            if (peer == m_peer && result.ok())
                setDisappearingSeconds(static_cast<int>(*result));
        });
}

void ConversationController::setDisappearingSeconds(int seconds)
{
    if (m_disappearingSeconds == seconds)
        return;
    m_disappearingSeconds = seconds;
    emit disappearingChanged();
}

void ConversationController::setPeerTyping(bool typing)
{
    if (typing)
        m_peerTypingTimeout.start();
    else
        m_peerTypingTimeout.stop();
    if (m_peerTyping == typing)
        return;
    m_peerTyping = typing;
    emit peerTypingChanged();
}

void ConversationController::composerEdited(const QString &text)
{
    if (m_peer.isEmpty() || !m_endToEnd)
        return;
    if (text.trimmed().isEmpty()) {
        if (m_typingSentAtMs != 0)
            sendTyping(false);
        return;
    }
    m_typingPause.start();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_typingSentAtMs == 0 || now - m_typingSentAtMs >= TypingRepeatMs)
        sendTyping(true);
}

void ConversationController::sendTyping(bool started)
{
    m_typingSentAtMs = started ? QDateTime::currentMSecsSinceEpoch() : 0;
    if (!started)
        m_typingPause.stop();
    if (m_peer.isEmpty() || isGroup()) // not carried in groups yet
        return;
    // Best effort, like the engine's: a lost notice only means a late or missing "typing…".
    m_worker->run<Result<void>>(
        this,
        [to = AccountId(m_peer.toStdString()), started](EngineWorker::Context &context) -> Result<void> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->sendTyping(to, started);
        },
        [](Result<void>) {});
}

} // namespace lapis::ui
