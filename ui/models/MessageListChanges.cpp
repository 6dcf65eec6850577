// SPDX-License-Identifier: GPL-3.0-or-later
// MessageListModel: edits, deletions and notices applied to loaded rows.
#include "MessageListModel.h"
#include "util/TimerText.h"

namespace lapis::ui {

QString MessageListModel::noticeText(const store::StoredMessage &m)
{
    const bool ours = m.direction == store::MessageDirection::Outgoing;
    const auto who = QString::fromStdString(m.sender.value());
    if (m.expireTimerSeconds == 0)
        return ours ? tr("You turned off disappearing messages") : tr("%1 turned off disappearing messages").arg(who);
    const auto after = timerText(static_cast<int>(m.expireTimerSeconds));
    return ours ? tr("You set messages to disappear after %1").arg(after)
                : tr("%1 set messages to disappear after %2").arg(who, after);
}

void MessageListModel::applyEdit(const QString &messageId, const QString &text)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    auto &m = m_rows[static_cast<std::size_t>(row)].message;
    m.text = text.toStdString();
    m.editedAtMs = QDateTime::currentMSecsSinceEpoch();
    const auto changed = index(row, 0);
    emit dataChanged(changed, changed, {TextRole, Qt::DisplayRole, EditedRole});
}

void MessageListModel::applyDeletion(const QString &messageId)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    auto &r = m_rows[static_cast<std::size_t>(row)];
    r.message.text.clear();
    r.message.deleted = true;
    r.message.editedAtMs.reset();
    r.message.reactions.clear();
    r.attachments.clear();
    const auto changed = index(row, 0);
    emit dataChanged(changed, changed);
}

void MessageListModel::removeMessage(const QString &messageId)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    emit countChanged();
    // The newer neighbour now follows another row: it may start a day.
    if (row > 0) {
        const auto newer = index(row - 1, 0);
        emit dataChanged(newer, newer, {ShowDaySeparatorRole});
    }
}

} // namespace lapis::ui
