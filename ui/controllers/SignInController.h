// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "worker/EngineWorker.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace lapis::engine {
struct SignInRequest;
}

namespace lapis::ui {

/// The trusted device's side of two-factor sign-in: new devices' pending requests (the code to
/// read to them, or Deny), and every sign-in approved or denied, shown when it happens and kept
/// for Settings → Devices.
class SignInController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    Q_PROPERTY(QVariantList requests READ requests NOTIFY requestsChanged)
    Q_PROPERTY(QVariantList history READ history NOTIFY historyChanged)
    Q_PROPERTY(QVariantMap latestOutcome READ latestOutcome NOTIFY latestOutcomeChanged)
public:
    explicit SignInController(EngineWorker *worker, QObject *parent = nullptr);

    /// Pending requests: {id, code, deviceName, time}; the first one is shown in a dialog.
    [[nodiscard]] QVariantList requests() const { return m_requests; }
    /// Decided sign-ins, newest first: {id, deviceName, approved, time}.
    [[nodiscard]] QVariantList history() const { return m_history; }
    /// The sign-in decided while the app was running, until the user dismisses its notice
    /// (an empty map when there is none).
    [[nodiscard]] QVariantMap latestOutcome() const { return m_latestOutcome; }

    /// Starts listening once a profile with an account is open, and loads what is pending and kept.
    void watch();

    Q_INVOKABLE void deny(const QString &id);
    /// Hides a request from the dialog (it stays pending on the relay until it expires).
    Q_INVOKABLE void dismiss(const QString &id);
    Q_INVOKABLE void dismissOutcome();

signals:
    void requestsChanged();
    void historyChanged();
    void latestOutcomeChanged();
    /// A new device asks to sign in (the tray notifies when the window is not active).
    void requestArrived(const QString &deviceName);
    /// A sign-in was approved (by its code or TOTP) or denied while the app was running.
    void decided(const QString &deviceName, bool approved);
    void failed(const QString &message);

private:
    void onEvent(const engine::SignInRequest &request);
    void takePending(const std::vector<engine::SignInRequest> &pending);
    void loadHistory();
    void showRequest(const QVariantMap &row);

    EngineWorker *m_worker;
    QVariantList m_requests;
    QVariantList m_history;
    QVariantMap m_latestOutcome;
};

} // namespace lapis::ui
