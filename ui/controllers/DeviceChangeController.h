// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "worker/EngineWorker.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace lapis::engine {
struct DeviceChange;
}

namespace lapis::ui {

/// Devices added to or removed from the account (issue 16 item 9): each one is told in a notice
/// when it arrives, as Apple and Google tell of a new sign-in, and kept for Settings → Devices.
/// A device added with a stolen password is the owner's first sign that the password is known.
class DeviceChangeController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    Q_PROPERTY(QVariantList history READ history NOTIFY historyChanged)
    Q_PROPERTY(QVariantMap latest READ latest NOTIFY latestChanged)
public:
    explicit DeviceChangeController(EngineWorker *worker, QObject *parent = nullptr);

    /// Newest first: {deviceId, deviceName, added, time}.
    [[nodiscard]] QVariantList history() const { return m_history; }
    /// The change that arrived while the app was running, until the user dismisses its notice
    /// (an empty map when there is none).
    [[nodiscard]] QVariantMap latest() const { return m_latest; }

    /// Starts listening once a profile with an account is open, and loads what is kept.
    void watch();
    Q_INVOKABLE void dismiss();

signals:
    void historyChanged();
    void latestChanged();

private:
    void onChange(const engine::DeviceChange &change);
    void load();

    EngineWorker *m_worker;
    QVariantList m_history;
    QVariantMap m_latest;
};

} // namespace lapis::ui
