// SPDX-License-Identifier: GPL-3.0-or-later
// MessageListModel: edits, deletions and notices applied to loaded rows.
#include "MessageListModel.h"
#include "util/GroupNoticeText.h"
#include "util/TimerText.h"

namespace lapis::ui {

QString MessageListModel::noticeText(const store::StoredMessage &m, const QString &self)
{
    const bool ours = m.direction == store::MessageDirection::Outgoing;
    const auto who = QString::fromStdString(m.sender.value());
    if (m.kind == store::MessageKind::GroupChanged) {
        const auto notice = engine::decodeGroupNotice(m.text);
        return notice ? groupNoticeText(*notice, who, self) : tr("%1 changed the group").arg(who);
    }
    if (m.expireTimerSeconds == 0)
        return ours ? tr("You turned off disappearing messages") : tr("%1 turned off disappearing messages").arg(who);
    const auto after = timerText(static_cast<int>(m.expireTimerSeconds));
    return ours ? tr("You set messages to disappear after %1").arg(after)
                : tr("%1 set messages to disappear after %2").arg(who, after);
}

int MessageListModel::senderColor(const QString &sender)
{
    // FNV-1a over the name: stable across runs and devices (qHash is seeded per process).
    std::uint32_t hash = 2166136261U;
    for (const char byte : sender.toUtf8()) {
        hash ^= static_cast<std::uint8_t>(byte);
        hash *= 16777619U;
    }
    return static_cast<int>(hash % 6);
}

QVariant MessageListModel::groupData(int row, int role) const
{
    const auto &m = m_rows[static_cast<std::size_t>(row)].message;
    switch (role) {
    case NoticeKindRole:
        return static_cast<int>(m.kind);
    case ShowSenderRole: {
        if (!isGroup() || m.kind != store::MessageKind::Text || m.direction == store::MessageDirection::Outgoing)
            return false;
        // Rows are newest first: the one above on screen is the next row.
        const auto older = static_cast<std::size_t>(row) + 1;
        if (older >= m_rows.size() || showsDay(row))
            return true;
        const auto &above = m_rows[older].message;
        return above.kind != store::MessageKind::Text || !(above.sender == m.sender);
    }
    case SenderColorRole:
        return senderColor(QString::fromStdString(m.sender.value()));
    default:
        return {};
    }
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
