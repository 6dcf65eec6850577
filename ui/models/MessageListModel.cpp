// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageListModel.h"
#include "worker/EngineWorker.h"

#include <QDateTime>
#include <QLocale>

#include <unordered_map>

namespace lapis::ui {

namespace {
bool isImageName(const std::string &mime, const std::string &name)
{
    if (mime.rfind("image/", 0) == 0)
        return true;
    const auto lower = QString::fromStdString(name).toLower();
    for (const char *ext : {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"})
        if (lower.endsWith(QLatin1String(ext)))
            return true;
    return false;
}
} // namespace

MessageListModel::MessageListModel(EngineWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
    m_highlightTimer.setSingleShot(true);
    m_highlightTimer.setInterval(2500);
    connect(&m_highlightTimer, &QTimer::timeout, this, [this] { setHighlight({}); });
}

void MessageListModel::resetRows()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_olderCursor.reset();
    m_loadedOnce = false;
    m_fetchingOlder = false;
    m_fetchingNewer = false;
    m_loadingAround = false;
    m_atNewest = true;
    endResetModel();
    emit countChanged();
    emit loadingChanged(); // atNewest and atBeginning
}

void MessageListModel::setPeer(const QString &peer)
{
    m_peer = peer;
    resetRows();
    setHighlight({});
    if (!peer.isEmpty())
        refreshNewest();
    else
        setLoading(false);
}

void MessageListModel::setHighlight(const QString &messageId)
{
    if (messageId.isEmpty())
        m_highlightTimer.stop();
    else
        m_highlightTimer.start();
    if (m_highlightId == messageId)
        return;
    m_highlightId = messageId;
    emit highlightChanged();
}

void MessageListModel::showMessage(const QString &messageId)
{
    if (m_peer.isEmpty() || messageId.isEmpty())
        return;
    if (const int row = rowOf(messageId); row >= 0) {
        setHighlight(messageId);
        emit positionRequested(row);
        return;
    }
    auto bytes = fromHex(messageId.toStdString());
    if (!bytes.ok())
        return;
    auto id = MessageId::fromBytes(bytes.value());
    if (!id.ok())
        return;
    resetRows();
    m_loadingAround = true;
    setLoading(true);
    const auto generation = m_generation;
    const AccountId peer(m_peer.toStdString());
    const int limit = m_pageSize;
    m_worker->run<Result<engine::MessagePageView>>(
        this,
        [peer, limit, message = id.value()](EngineWorker::Context &context) -> Result<engine::MessagePageView> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->messagePageAround(peer, message, limit);
        },
        [this, generation, messageId](Result<engine::MessagePageView> result) {
            if (generation != m_generation)
                return;
            m_loadingAround = false;
            if (!result.ok()) {
                // The message is gone (deleted, another conversation): show the newest instead.
                refreshNewest();
                return;
            }
            applyAround(messageId, std::move(result).value());
            setLoading(false);
            emit pageLoaded();
        });
}

void MessageListModel::applyAround(const QString &messageId, engine::MessagePageView view)
{
    auto &messages = view.page.messages;
    m_loadedOnce = true;
    m_olderCursor = view.page.next;
    m_atNewest = !view.hasNewer;
    if (!messages.empty()) {
        beginInsertRows({}, 0, static_cast<int>(messages.size()) - 1);
        m_rows.reserve(messages.size());
        for (auto &message : messages)
            m_rows.push_back(makeRow(std::move(message), view));
        endInsertRows();
        emit countChanged();
    }
    emit loadingChanged();
    const int row = rowOf(messageId);
    if (row >= 0) {
        setHighlight(messageId);
        emit positionRequested(row);
    }
}

void MessageListModel::showNewest()
{
    if (m_peer.isEmpty())
        return;
    if (m_atNewest && m_loadedOnce) {
        emit positionRequested(0);
        return;
    }
    resetRows();
    refreshNewest();
}

void MessageListModel::refreshNewest()
{
    // While a jump loads its page, the newest page would land in the wrong place.
    if (m_peer.isEmpty() || m_loadingAround)
        return;
    setLoading(true);
    const auto generation = m_generation;
    const AccountId peer(m_peer.toStdString());
    const int limit = m_pageSize;
    m_worker->run<Result<engine::MessagePageView>>(
        this,
        [peer, limit](EngineWorker::Context &context) -> Result<engine::MessagePageView> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->messagePage(peer, limit, std::nullopt);
        },
        [this, generation](Result<engine::MessagePageView> result) {
            if (generation != m_generation)
                return;
            if (result.ok())
                applyNewest(generation, std::move(result).value());
            setLoading(m_fetchingOlder || m_fetchingNewer);
            emit pageLoaded();
        });
}

MessageListModel::Row MessageListModel::makeRow(store::StoredMessage message, const engine::MessagePageView &view)
{
    Row row;
    const auto found = view.attachments.find(message.id.toHex());
    if (found != view.attachments.end())
        row.attachments = found->second;
    row.day = QDateTime::fromMSecsSinceEpoch(message.sentAtMs).date();
    row.message = std::move(message);
    return row;
}

void MessageListModel::applyNewest(quint64 generation, engine::MessagePageView view)
{
    if (generation != m_generation)
        return;
    auto &messages = view.page.messages;

    if (!m_loadedOnce) {
        m_loadedOnce = true;
        m_atNewest = true;
        if (messages.empty()) {
            emit loadingChanged();
            return;
        }
        beginInsertRows({}, 0, static_cast<int>(messages.size()) - 1);
        m_rows.reserve(messages.size());
        for (auto &message : messages)
            m_rows.push_back(makeRow(std::move(message), view));
        m_olderCursor = view.page.next;
        endInsertRows();
        emit countChanged();
        return;
    }
    // Merge: rows we have get their new state, reactions and text; newer ones go on top.
    std::unordered_map<std::string, int> known;
    for (int i = 0; i < static_cast<int>(m_rows.size()) && i < static_cast<int>(messages.size()) * 2 + 50; ++i)
        known.emplace(m_rows[static_cast<std::size_t>(i)].message.id.toHex(), i);
    std::vector<Row> fresh;
    for (auto &message : messages) {
        const auto it = known.find(message.id.toHex());
        if (it == known.end()) {
            // Away from the newest end the new ones come with the next newer page instead.
            if (!m_atNewest)
                continue;
            if (m_rows.empty() || message.sentAtMs > m_rows.front().message.sentAtMs
                || (message.sentAtMs == m_rows.front().message.sentAtMs
                    && message.sequence > m_rows.front().message.sequence))
                fresh.push_back(makeRow(std::move(message), view));
            continue;
        }
        auto &row = m_rows[static_cast<std::size_t>(it->second)];
        row = makeRow(std::move(message), view);
        const auto index = createIndex(it->second, 0);
        emit dataChanged(index, index);
    }
    if (fresh.empty())
        return;
    beginInsertRows({}, 0, static_cast<int>(fresh.size()) - 1);
    m_rows.insert(m_rows.begin(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
    endInsertRows();
    // The previous newest row may have lost its day separator to a newer message of the same day.
    const auto shifted = createIndex(static_cast<int>(fresh.size()), 0);
    if (shifted.isValid() && static_cast<std::size_t>(shifted.row()) < m_rows.size())
        emit dataChanged(shifted, shifted, {ShowDaySeparatorRole});
    emit countChanged();
    trimOldestEnd();
}

void MessageListModel::trimNewestEnd()
{
    const auto limit = static_cast<std::size_t>(windowLimit());
    if (m_rows.size() <= limit)
        return;
    const int excess = static_cast<int>(m_rows.size() - limit);
    // Rows newer than the window are dropped; loadNewer brings them back from the new front.
    beginRemoveRows({}, 0, excess - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
    m_atNewest = false;
    endRemoveRows();
    emit countChanged();
    emit loadingChanged();
}

void MessageListModel::trimOldestEnd()
{
    const auto limit = static_cast<std::size_t>(windowLimit());
    if (m_rows.size() <= limit)
        return;
    const int first = static_cast<int>(limit);
    beginRemoveRows({}, first, static_cast<int>(m_rows.size()) - 1);
    m_rows.erase(m_rows.begin() + first, m_rows.end());
    // The oldest row left is where fetchMore goes on.
    m_olderCursor = store::MessageCursor{m_rows.back().message.sentAtMs, m_rows.back().message.sequence};
    endRemoveRows();
    const auto oldest = createIndex(first - 1, 0);
    emit dataChanged(oldest, oldest, {ShowDaySeparatorRole});
    emit countChanged();
    emit loadingChanged();
}

void MessageListModel::loadNewer()
{
    if (m_peer.isEmpty() || !m_loadedOnce || m_atNewest || m_fetchingNewer || m_rows.empty())
        return;
    m_fetchingNewer = true;
    setLoading(true);
    const auto generation = m_generation;
    const AccountId peer(m_peer.toStdString());
    const store::MessageCursor cursor{m_rows.front().message.sentAtMs, m_rows.front().message.sequence};
    const auto anchor = m_rows.front().message.id;
    const int limit = m_pageSize;
    m_worker->run<Result<engine::MessagePageView>>(
        this,
        [peer, limit, cursor](EngineWorker::Context &context) -> Result<engine::MessagePageView> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->messagePageAfter(peer, limit, cursor);
        },
        [this, generation, anchor](Result<engine::MessagePageView> result) {
            if (generation != m_generation)
                return;
            m_fetchingNewer = false;
            // The window moved meanwhile (rows dropped at this end): this page no longer joins on.
            if (result.ok() && !m_rows.empty() && m_rows.front().message.id == anchor)
                applyNewer(std::move(result).value());
            setLoading(m_fetchingOlder);
            emit pageLoaded();
        });
}

void MessageListModel::applyNewer(engine::MessagePageView view)
{
    auto &messages = view.page.messages;
    std::vector<Row> fresh;
    fresh.reserve(messages.size());
    const auto &front = m_rows.front().message;
    for (auto &message : messages)
        if (message.sentAtMs > front.sentAtMs
            || (message.sentAtMs == front.sentAtMs && message.sequence > front.sequence))
            fresh.push_back(makeRow(std::move(message), view));
    m_atNewest = !view.hasNewer;
    if (!fresh.empty()) {
        beginInsertRows({}, 0, static_cast<int>(fresh.size()) - 1);
        m_rows.insert(m_rows.begin(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
        endInsertRows();
        emit countChanged();
    }
    emit loadingChanged();
    trimOldestEnd();
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loadedOnce && m_olderCursor.has_value() && !m_fetchingOlder && !m_loadingAround;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetchingOlder = true;
    setLoading(true);
    const auto generation = m_generation;
    const AccountId peer(m_peer.toStdString());
    const auto cursor = m_olderCursor;
    const int limit = m_pageSize;
    m_worker->run<Result<engine::MessagePageView>>(
        this,
        [peer, limit, cursor](EngineWorker::Context &context) -> Result<engine::MessagePageView> {
            LAPIS_TRY(context.requireProfile());
            return context.engine->messagePage(peer, limit, cursor);
        },
        [this, generation, cursor](Result<engine::MessagePageView> result) {
            if (generation != m_generation)
                return;
            m_fetchingOlder = false;
            // The window moved meanwhile (rows dropped at this end): this page no longer joins on.
            const bool joins = m_olderCursor && cursor && m_olderCursor->sentAtMs == cursor->sentAtMs
                               && m_olderCursor->sequence == cursor->sequence;
            if (result.ok() && joins)
                applyOlder(generation, std::move(result).value());
            setLoading(m_fetchingNewer);
            emit pageLoaded();
        });
}

void MessageListModel::applyOlder(quint64 generation, engine::MessagePageView view)
{
    if (generation != m_generation)
        return;
    m_olderCursor = view.page.next;
    auto &messages = view.page.messages;
    if (messages.empty()) {
        emit loadingChanged();
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(messages.size()) - 1);
    for (auto &message : messages)
        m_rows.push_back(makeRow(std::move(message), view));
    endInsertRows();
    if (first > 0) {
        const auto previousOldest = createIndex(first - 1, 0);
        emit dataChanged(previousOldest, previousOldest, {ShowDaySeparatorRole});
    }
    emit countChanged();
    trimNewestEnd();
}

void MessageListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

bool MessageListModel::showsDay(int row) const
{
    const auto next = static_cast<std::size_t>(row) + 1; // the older neighbour
    if (next >= m_rows.size())
        return true;
    return m_rows[next].day != m_rows[static_cast<std::size_t>(row)].day;
}

QString MessageListModel::replyText(const Row &row) const
{
    if (!row.message.replyTo)
        return {};
    // The excerpt the reply carried; the quoted message may not be loaded, or not on this device.
    if (!row.message.replyExcerpt.empty())
        return QString::fromStdString(row.message.replyExcerpt);
    for (const auto &other : m_rows)
        if (other.message.id == *row.message.replyTo)
            return QString::fromStdString(other.message.text);
    return tr("an earlier message");
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_rows[static_cast<std::size_t>(index.row())];
    const auto &m = row.message;
    const bool hasAttachment = !row.attachments.empty();
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        if (m.kind != store::MessageKind::Text)
            return noticeText(m, m_self);
        return m.deleted ? tr("This message was deleted") : QString::fromStdString(m.text);
    case IsNoticeRole:
        return m.kind != store::MessageKind::Text;
    case CanChangeRole:
        return m.direction == store::MessageDirection::Outgoing && m.kind == store::MessageKind::Text && !m.deleted
               && QDateTime::currentMSecsSinceEpoch() - m.sentAtMs < engine::MessageChangeWindowMs;
    case DisappearingRole:
        return m.kind == store::MessageKind::Text && m.expireTimerSeconds > 0;
    case MessageIdRole:
        return QString::fromStdString(m.id.toHex());
    case OutgoingRole:
        return m.direction == store::MessageDirection::Outgoing;
    case EndToEndRole:
        return m.endToEnd;
    case StateRole:
        return static_cast<int>(m.state);
    case SentAtRole:
        return QDateTime::fromMSecsSinceEpoch(m.sentAtMs);
    case TimeTextRole:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.sentAtMs).time(), QLocale::ShortFormat);
    case DayTextRole: {
        const auto today = QDate::currentDate();
        if (row.day == today)
            return tr("Today");
        if (row.day == today.addDays(-1))
            return tr("Yesterday");
        return QLocale().toString(row.day, QLocale::LongFormat);
    }
    case ShowDaySeparatorRole:
        return showsDay(index.row());
    case SenderRole:
        return QString::fromStdString(m.sender.value());
    case ReplyToTextRole:
        return replyText(row);
    case ReactionsRole: {
        QString out;
        for (const auto &reaction : m.reactions)
            out += QString::fromStdString(reaction.emoji);
        return out;
    }
    case DeletedRole:
        return m.deleted;
    case EditedRole:
        return m.editedAtMs.has_value();
    case AttachmentNameRole:
        return hasAttachment ? QString::fromStdString(row.attachments.front().fileName) : QString();
    case AttachmentSizeRole:
        return hasAttachment ? QLocale().formattedDataSize(static_cast<qint64>(row.attachments.front().size))
                             : QString();
    case AttachmentIdRole:
        return hasAttachment ? static_cast<qint64>(row.attachments.front().id) : qint64(0);
    case AttachmentStateRole:
        return hasAttachment ? static_cast<int>(row.attachments.front().state) : 0;
    case AttachmentIsImageRole:
        return hasAttachment && isImageName(row.attachments.front().mimeType, row.attachments.front().fileName);
    case AttachmentImageSourceRole: {
        // Shown from the engine's encrypted copy, decoded by lapis-decoder (UntrustedImageProvider).
        if (!hasAttachment || !isImageName(row.attachments.front().mimeType, row.attachments.front().fileName)
            || row.attachments.front().state != store::AttachmentState::Available)
            return QString();
        return QStringLiteral("image://untrusted/attachment/%1").arg(row.attachments.front().id);
    }
    case ReplyToIdRole:
        return m.replyTo ? QString::fromStdString(m.replyTo->toHex()) : QString();
    case ReplyAuthorRole:
        return QString::fromStdString(m.replyAuthor.value());
    case ReactionSummaryRole: {
        // One entry per emoji with its count and who chose it, in the order it was first used.
        QVariantList out;
        for (const auto &reaction : m.reactions) {
            const auto emoji = QString::fromStdString(reaction.emoji);
            auto found = std::find_if(out.begin(), out.end(), [&](const QVariant &v) {
                return v.toMap().value(QStringLiteral("emoji")).toString() == emoji;
            });
            if (found == out.end()) {
                out.append(QVariantMap{{QStringLiteral("emoji"), emoji},
                                       {QStringLiteral("count"), 0},
                                       {QStringLiteral("reactors"), QStringList()}});
                found = std::prev(out.end());
            }
            auto entry = found->toMap();
            entry[QStringLiteral("count")] = entry.value(QStringLiteral("count")).toInt() + 1;
            entry[QStringLiteral("reactors")] = entry.value(QStringLiteral("reactors")).toStringList()
                                                << QString::fromStdString(reaction.reactor.value());
            *found = entry;
        }
        return out;
    }
    case NoticeKindRole:
    case ShowSenderRole:
    case SenderColorRole:
        return groupData(index.row(), role);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"},
        {TextRole, "text"},
        {OutgoingRole, "outgoing"},
        {EndToEndRole, "endToEnd"},
        {StateRole, "deliveryState"},
        {SentAtRole, "sentAt"},
        {TimeTextRole, "timeText"},
        {DayTextRole, "dayText"},
        {ShowDaySeparatorRole, "showDaySeparator"},
        {SenderRole, "sender"},
        {ReplyToTextRole, "replyToText"},
        {ReactionsRole, "reactions"},
        {DeletedRole, "deleted"},
        {EditedRole, "edited"},
        {AttachmentNameRole, "attachmentName"},
        {AttachmentSizeRole, "attachmentSize"},
        {AttachmentIdRole, "attachmentId"},
        {AttachmentStateRole, "attachmentState"},
        {AttachmentIsImageRole, "attachmentIsImage"},
        {AttachmentImageSourceRole, "attachmentImageSource"},
        {ReplyToIdRole, "replyToId"},
        {ReplyAuthorRole, "replyAuthor"},
        {ReactionSummaryRole, "reactionSummary"},
        {IsNoticeRole, "isNotice"},
        {CanChangeRole, "canChange"},
        {DisappearingRole, "disappearing"},
        {NoticeKindRole, "noticeKind"},
        {ShowSenderRole, "showSender"},
        {SenderColorRole, "senderColor"},
    };
}

void MessageListModel::applyReaction(const QString &messageId, const QString &reactor, const QString &emoji)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    auto &reactions = m_rows[static_cast<std::size_t>(row)].message.reactions;
    const AccountId who(reactor.toStdString());
    std::erase_if(reactions, [&](const store::Reaction &r) { return r.reactor == who; });
    if (!emoji.isEmpty())
        reactions.push_back(store::Reaction{who, emoji.toStdString(), QDateTime::currentMSecsSinceEpoch()});
    const auto changed = index(row, 0);
    emit dataChanged(changed, changed, {ReactionsRole, ReactionSummaryRole});
}

int MessageListModel::rowOf(const QString &messageId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (QString::fromStdString(m_rows[i].message.id.toHex()) == messageId)
            return static_cast<int>(i);
    return -1;
}

QVariant MessageListModel::get(int row, const QString &roleName) const
{
    const auto names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        if (QString::fromLatin1(it.value()) == roleName)
            return data(index(row, 0), it.key());
    return {};
}

} // namespace lapis::ui
