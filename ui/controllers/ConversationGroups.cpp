// SPDX-License-Identifier: GPL-3.0-or-later
// ConversationController in a group's conversation: the header's name and membership, and who
// has each of our messages (receipts per member).
#include "ConversationController.h"
#include "util/ErrorText.h"
#include "worker/EngineWorker.h"

#include <QDateTime>
#include <QLocale>

namespace lapis::ui {

void ConversationController::refreshGroup()
{
    if (!isGroup())
        return;
    const QString peer = m_peer;
    m_worker->run<Result<engine::GroupSummary>>(
        this,
        [peer](EngineWorker::Context &context) -> Result<engine::GroupSummary> {
            LAPIS_TRY(context.requireProfile());
            const auto group = engine::groupOfConversationKey(AccountId(peer.toStdString()));
            if (!group)
                return fail(ErrorCode::NotFound, "No such group");
            return context.engine->group(*group);
        },
        [this, peer](Result<engine::GroupSummary> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            m_groupName = QString::fromStdString(result->name);
            m_groupMemberCount = static_cast<int>(result->members.size());
            m_groupMember = result->isMember;
            emit titleChanged();
            // A group admits only members reached end to end: it is blue, and there is no
            // device list of its own to wait for before files go.
            m_endToEnd = result->endToEnd;
            m_trustKnown = true;
            emit trustChanged();
            m_trustSettled = true;
            if (!m_filesAwaitingTrust.isEmpty())
                sendFiles(std::exchange(m_filesAwaitingTrust, {}));
        });
}

void ConversationController::loadReceipts(const QString &messageId)
{
    const auto group = engine::groupOfConversationKey(AccountId(m_peer.toStdString()));
    auto bytes = fromHex(messageId.toStdString());
    if (!group || !bytes.ok())
        return;
    auto id = MessageId::fromBytes(bytes.value());
    if (!id.ok())
        return;
    const QString peer = m_peer;
    m_worker->run<Result<std::vector<engine::MemberReceiptView>>>(
        this,
        [group = *group,
         id = id.value()](EngineWorker::Context &context) -> Result<std::vector<engine::MemberReceiptView>> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->groupReceipts(group, id);
        },
        [this, peer, messageId](Result<std::vector<engine::MemberReceiptView>> result) {
            if (peer != m_peer)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            QVariantList members;
            for (const auto &receipt : *result) {
                const bool read = receipt.state == store::MessageState::Read;
                const bool delivered = receipt.state == store::MessageState::Delivered;
                members << QVariantMap{
                    {QStringLiteral("account"), QString::fromStdString(receipt.account.value())},
                    {QStringLiteral("state"), read        ? 2
                                              : delivered ? 1
                                                          : 0},
                    {QStringLiteral("stateText"), read        ? tr("Read")
                                                  : delivered ? tr("Delivered")
                                                              : tr("Not yet")},
                    {QStringLiteral("time"), receipt.atMs > 0 ? QLocale().toString(
                                                 QDateTime::fromMSecsSinceEpoch(receipt.atMs), QLocale::ShortFormat)
                                                              : QString()}};
            }
            emit receiptsLoaded(messageId, members);
        });
}

} // namespace lapis::ui
