// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationListModel.h"
#include "MessageListModel.h"
#include "worker/EngineWorker.h"

#include <QDateTime>
#include <QLocale>

namespace lapis::ui {

ConversationListModel::ConversationListModel(EngineWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{}

void ConversationListModel::reload()
{
    // Bursts of incoming messages collapse into one reload in flight and at most one after it.
    if (m_reloading) {
        m_reloadAgain = true;
        return;
    }
    m_reloading = true;
    m_worker->run<Result<std::vector<engine::ConversationSummary>>>(
        this,
        [](EngineWorker::Context &context) -> Result<std::vector<engine::ConversationSummary>> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->conversations();
        },
        [this](Result<std::vector<engine::ConversationSummary>> result) {
            m_reloading = false;
            if (result.ok())
                setSummaries(std::move(result).value());
            if (m_reloadAgain) {
                m_reloadAgain = false;
                reload();
            }
        });
}

void ConversationListModel::setSummaries(std::vector<engine::ConversationSummary> summaries)
{
    const int before = totalUnread();
    bool samePeers = summaries.size() == m_rows.size();
    for (std::size_t i = 0; samePeers && i < summaries.size(); ++i)
        samePeers = summaries[i].conversation.peer == m_rows[i].conversation.peer;
    if (samePeers) {
        // Same order: update in place so the view keeps its current item and scroll position.
        m_rows = std::move(summaries);
        if (!m_rows.empty())
            emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1));
    } else {
        beginResetModel();
        m_rows = std::move(summaries);
        endResetModel();
        emit countChanged();
    }
    m_loaded = true;
    if (before != totalUnread())
        emit totalUnreadChanged();
    emit reloaded();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_rows[static_cast<std::size_t>(index.row())];
    const auto &c = row.conversation;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return QString::fromStdString(c.title.empty() ? c.peer.value() : c.title);
    case PeerRole:
        return QString::fromStdString(c.peer.value());
    case LastMessageRole: {
        if (!row.lastMessage)
            return QString();
        if (row.lastMessage->kind != store::MessageKind::Text)
            return MessageListModel::noticeText(*row.lastMessage, m_self);
        QString text;
        if (row.lastMessage->deleted)
            text = tr("This message was deleted");
        else if (row.lastMessage->text.empty())
            text = tr("Attachment");
        else
            text = QString::fromStdString(row.lastMessage->text).section(QLatin1Char('\n'), 0, 0);
        // In a group, whose it was: "bob: see you there", "You: on my way".
        if (!row.isGroup)
            return text;
        if (row.lastMessage->direction == store::MessageDirection::Outgoing)
            return tr("You: %1").arg(text);
        return tr("%1: %2").arg(QString::fromStdString(row.lastMessage->sender.value()), text);
    }
    case LastActivityRole:
        return QDateTime::fromMSecsSinceEpoch(c.lastActivityAtMs);
    case LastActivityTextRole: {
        const auto when = QDateTime::fromMSecsSinceEpoch(c.lastActivityAtMs);
        if (when.date() == QDate::currentDate())
            return QLocale().toString(when.time(), QLocale::ShortFormat);
        return QLocale().toString(when.date(), QLocale::ShortFormat);
    }
    case UnreadCountRole:
        return c.unreadCount;
    case EndToEndRole:
        return row.endToEnd;
    case VerifiedRole:
        return row.verification == store::VerificationState::Verified;
    case KeyChangedRole:
        return row.verification == store::VerificationState::KeyChanged;
    case IsGroupRole:
        return row.isGroup;
    case MemberCountRole:
        return static_cast<int>(row.groupMembers);
    case GroupMemberRole:
        return row.groupMember;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {
        {PeerRole, "peer"},
        {TitleRole, "title"},
        {LastMessageRole, "lastMessage"},
        {LastActivityRole, "lastActivity"},
        {LastActivityTextRole, "lastActivityText"},
        {UnreadCountRole, "unreadCount"},
        {EndToEndRole, "endToEnd"},
        {VerifiedRole, "verified"},
        {KeyChangedRole, "keyChanged"},
        {IsGroupRole, "isGroup"},
        {MemberCountRole, "memberCount"},
        {GroupMemberRole, "groupMember"},
    };
}

int ConversationListModel::totalUnread() const
{
    int total = 0;
    for (const auto &row : m_rows)
        total += row.conversation.unreadCount;
    return total;
}

int ConversationListModel::rowOfPeer(const QString &peer) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (QString::fromStdString(m_rows[i].conversation.peer.value()) == peer)
            return static_cast<int>(i);
    return -1;
}

QString ConversationListModel::peerOfConversation(qint64 conversationId) const
{
    for (const auto &row : m_rows)
        if (row.conversation.id == conversationId)
            return QString::fromStdString(row.conversation.peer.value());
    return {};
}

QString ConversationListModel::titleOfConversation(qint64 conversationId) const
{
    for (const auto &row : m_rows)
        if (row.conversation.id == conversationId)
            return QString::fromStdString(row.conversation.title.empty() ? row.conversation.peer.value()
                                                                         : row.conversation.title);
    return {};
}

QVariant ConversationListModel::get(int row, const QString &roleName) const
{
    const auto names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        if (QString::fromLatin1(it.value()) == roleName)
            return data(index(row, 0), it.key());
    return {};
}

} // namespace lapis::ui
