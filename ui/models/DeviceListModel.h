// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/devices/Devices.h>

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace lapis::ui {

/// The account's devices: this one and the others, with names and link dates.
class DeviceListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the settings")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        DeviceIdRole = Qt::UserRole + 1,
        NameRole,
        LinkedAtRole,
        LinkedAtTextRole,
        EndToEndRole,
        ThisDeviceRole
    };
    Q_ENUM(Role)

    explicit DeviceListModel(QObject *parent = nullptr);

    void setDevices(std::vector<engine::DeviceSummary> devices, quint32 thisDevice);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    std::vector<engine::DeviceSummary> m_devices;
    quint32 m_thisDevice = 0;
};

} // namespace lapis::ui
