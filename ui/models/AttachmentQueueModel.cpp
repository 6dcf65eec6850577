// SPDX-License-Identifier: GPL-3.0-or-later
#include "AttachmentQueueModel.h"

#include <QFileInfo>

namespace lapis::ui {

AttachmentQueueModel::AttachmentQueueModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int AttachmentQueueModel::add(const QUrl &url)
{
    Item item;
    item.id = m_nextId++;
    item.url = url;
    item.fileName = url.isLocalFile() ? QFileInfo(url.toLocalFile()).fileName() : url.fileName();
    const int row = static_cast<int>(m_items.size());
    beginInsertRows({}, row, row);
    m_items.push_back(std::move(item));
    endInsertRows();
    emit countChanged();
    return m_items.back().id;
}

int AttachmentQueueModel::addData(const QByteArray &data, const QString &fileName)
{
    Item item;
    item.id = m_nextId++;
    item.data = data;
    item.fileName = fileName;
    const int row = static_cast<int>(m_items.size());
    beginInsertRows({}, row, row);
    m_items.push_back(std::move(item));
    endInsertRows();
    emit countChanged();
    return m_items.back().id;
}

int AttachmentQueueModel::rowOfId(int id) const
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const AttachmentQueueModel::Item *AttachmentQueueModel::item(int id) const
{
    const int row = rowOfId(id);
    return row < 0 ? nullptr : &m_items[static_cast<std::size_t>(row)];
}

int AttachmentQueueModel::nextQueued() const
{
    for (const auto &item : m_items)
        if (item.state == State::Queued)
            return item.id;
    return 0;
}

void AttachmentQueueModel::setProgress(int id, double progress)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    auto &item = m_items[static_cast<std::size_t>(row)];
    item.progress = progress;
    if (item.state == State::Queued)
        item.state = State::Sending;
    emit dataChanged(index(row), index(row), {ProgressRole, StateRole});
}

void AttachmentQueueModel::setState(int id, State state, const QString &error)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    auto &item = m_items[static_cast<std::size_t>(row)];
    item.state = state;
    item.error = error;
    if (state == State::Sent)
        item.progress = 1;
    emit dataChanged(index(row), index(row));
}

void AttachmentQueueModel::cancel(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    auto &item = m_items[static_cast<std::size_t>(row)];
    if (item.state != State::Queued && item.state != State::Sending)
        return;
    item.cancelled->store(true);
    item.state = State::Cancelled;
    emit dataChanged(index(row), index(row));
}

void AttachmentQueueModel::clearFinished()
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        const auto state = m_items[static_cast<std::size_t>(row)].state;
        if (state == State::Queued || state == State::Sending)
            continue;
        beginRemoveRows({}, row, row);
        m_items.erase(m_items.begin() + row);
        endRemoveRows();
    }
    emit countChanged();
}

int AttachmentQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant AttachmentQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &item = m_items[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case FileNameRole:
        return item.fileName;
    case ProgressRole:
        return item.progress;
    case StateRole:
        return static_cast<int>(item.state);
    case ErrorRole:
        return item.error;
    case IsImageRole: {
        const auto lower = item.fileName.toLower();
        return lower.endsWith(QLatin1String(".png")) || lower.endsWith(QLatin1String(".jpg"))
               || lower.endsWith(QLatin1String(".jpeg")) || lower.endsWith(QLatin1String(".gif"))
               || lower.endsWith(QLatin1String(".webp"));
    }
    case UrlRole:
        return item.url;
    default:
        return {};
    }
}

QHash<int, QByteArray> AttachmentQueueModel::roleNames() const
{
    return {{FileNameRole, "fileName"}, {ProgressRole, "progress"}, {StateRole, "sendState"},
            {ErrorRole, "error"},       {IsImageRole, "isImage"},   {UrlRole, "url"}};
}

QVariant AttachmentQueueModel::get(int row, const QString &roleName) const
{
    const auto names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        if (QString::fromLatin1(it.value()) == roleName)
            return data(index(row, 0), it.key());
    return {};
}

} // namespace lapis::ui
