// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceListModel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace lapis::ui {

DeviceListModel::DeviceListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void DeviceListModel::setDevices(std::vector<engine::DeviceSummary> devices, quint32 thisDevice)
{
    // This device first, the others by link date.
    std::stable_sort(devices.begin(), devices.end(), [thisDevice](const auto &a, const auto &b) {
        if ((a.deviceId == thisDevice) != (b.deviceId == thisDevice))
            return a.deviceId == thisDevice;
        return a.createdMs < b.createdMs;
    });
    beginResetModel();
    m_devices = std::move(devices);
    m_thisDevice = thisDevice;
    endResetModel();
    emit countChanged();
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_devices.size());
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &d = m_devices[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return d.name.empty() ? tr("Device %1").arg(d.deviceId) : QString::fromStdString(d.name);
    case DeviceIdRole:
        return d.deviceId;
    case LinkedAtRole:
        return QDateTime::fromMSecsSinceEpoch(d.createdMs);
    case LinkedAtTextRole:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(d.createdMs), QLocale::ShortFormat);
    case EndToEndRole:
        return d.hasKeys;
    case ThisDeviceRole:
        return d.deviceId == m_thisDevice;
    default:
        return {};
    }
}

QHash<int, QByteArray> DeviceListModel::roleNames() const
{
    return {{DeviceIdRole, "deviceId"},         {NameRole, "name"},         {LinkedAtRole, "linkedAt"},
            {LinkedAtTextRole, "linkedAtText"}, {EndToEndRole, "endToEnd"}, {ThisDeviceRole, "thisDevice"}};
}

} // namespace lapis::ui
