// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/DeviceListModel.h"

#include <lapis/engine/profile/Privacy.h>

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace lapis::engine {
class Engine;
}

namespace lapis::ui {

class EngineWorker;

/// Settings: devices (list, link a new one by its QR, remove), two-factor sign-in, store
/// protection, language, theme and notification previews.
class SettingsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    Q_PROPERTY(lapis::ui::DeviceListModel *devices READ devices CONSTANT)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusTextChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString pendingLinkUri READ pendingLinkUri NOTIFY pendingLinkChanged)
    Q_PROPERTY(QString pendingLinkCode READ pendingLinkCode NOTIFY pendingLinkChanged)
    Q_PROPERTY(QString totpUri READ totpUri NOTIFY totpChanged)
    Q_PROPERTY(bool totpEnabled READ totpEnabled NOTIFY totpChanged)
    Q_PROPERTY(bool usesPassphrase READ usesPassphrase NOTIFY usesPassphraseChanged)
    Q_PROPERTY(double backupProgress READ backupProgress NOTIFY backupChanged)
    Q_PROPERTY(bool backupRunning READ backupRunning NOTIFY backupChanged)
    Q_PROPERTY(QString backupRecoveryCode READ backupRecoveryCode NOTIFY backupChanged)
    Q_PROPERTY(int theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool notificationPreviews READ notificationPreviews WRITE setNotificationPreviews NOTIFY
                   notificationPreviewsChanged)
    Q_PROPERTY(int autoDownloadMiB READ autoDownloadMiB WRITE setAutoDownloadMiB NOTIFY autoDownloadMiBChanged)
    /// Settings → Privacy, kept in the profile: off means neither sent nor shown.
    Q_PROPERTY(bool typingIndicators READ typingIndicators WRITE setTypingIndicators NOTIFY privacyChanged)
    Q_PROPERTY(bool readReceipts READ readReceipts WRITE setReadReceipts NOTIFY privacyChanged)
public:
    enum Theme { FollowSystem = 0, Light = 1, Dark = 2 };
    Q_ENUM(Theme)

    explicit SettingsController(EngineWorker *worker, QObject *parent = nullptr);

    void setAccount(const QString &account);

    [[nodiscard]] DeviceListModel *devices() { return &m_devices; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString statusText() const { return m_statusText; }
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString pendingLinkUri() const { return m_pendingLinkUri; }
    [[nodiscard]] QString pendingLinkCode() const { return m_pendingLinkCode; }
    [[nodiscard]] QString totpUri() const { return m_totpUri; }
    [[nodiscard]] bool totpEnabled() const { return m_totpEnabled; }
    [[nodiscard]] bool usesPassphrase() const { return m_usesPassphrase; }
    [[nodiscard]] double backupProgress() const { return m_backupProgress; }
    [[nodiscard]] bool backupRunning() const { return m_backupRunning; }
    [[nodiscard]] QString backupRecoveryCode() const { return m_backupCode; }
    [[nodiscard]] int theme() const { return m_theme; }
    void setTheme(int theme);
    /// "" follows the system; otherwise en, de, es or ar.
    [[nodiscard]] QString language() const { return m_language; }
    void setLanguage(const QString &language);
    [[nodiscard]] bool notificationPreviews() const { return m_previews; }
    void setNotificationPreviews(bool previews);
    /// Received attachments up to this many MiB download on arrival; larger ones wait for a click.
    [[nodiscard]] int autoDownloadMiB() const { return m_autoDownloadMiB; }
    void setAutoDownloadMiB(int mebibytes);
    [[nodiscard]] bool typingIndicators() const { return m_privacy.typingIndicators; }
    void setTypingIndicators(bool on);
    [[nodiscard]] bool readReceipts() const { return m_privacy.readReceipts; }
    void setReadReceipts(bool on);

    Q_INVOKABLE void refreshDevices();
    Q_INVOKABLE void removeDevice(int deviceId);
    /// Link a new device: from the link text (pasted or typed), shows the comparison code.
    Q_INVOKABLE void readLink(const QString &text);
    /// Link a new device: from an image of its QR code (a file, a dropped screenshot).
    Q_INVOKABLE void readLinkImage(const QUrl &file);
    /// Link a new device: from image data (pasted).
    Q_INVOKABLE void readLinkImageData(const QVariant &image);
    /// Link a new device: the clipboard's link text or image.
    Q_INVOKABLE void readLinkFromClipboard();
    /// Approves the pending link once the user saw the same code on both screens.
    Q_INVOKABLE void approveLink();
    Q_INVOKABLE void cancelLink();
    Q_INVOKABLE void enableTotp();
    Q_INVOKABLE void confirmTotp(const QString &code);
    Q_INVOKABLE void disableTotp(const QString &code);
    Q_INVOKABLE void changePassphrase(const QString &oldPassphrase, const QString &newPassphrase);
    /// A new account password at the relay (the old one again; `totpCode` when TOTP is on).
    Q_INVOKABLE void changeAccountPassword(const QString &oldPassword, const QString &newPassword,
                                           const QString &totpCode);
    /// Keychain → passphrase: the store key is wrapped under `passphrase` (typed twice, both must
    /// match) and removed from the keychain. The KDF runs on the worker; busy meanwhile.
    Q_INVOKABLE void protectWithPassphrase(const QString &passphrase, const QString &repeated);
    /// Passphrase → keychain, confirmed with the current passphrase. Where no keychain answers,
    /// nothing changes and errorText says why.
    Q_INVOKABLE void protectWithKeychain(const QString &currentPassphrase);
    /// Whether a camera is present (Qt Multimedia); without one, codes are read from images.
    Q_INVOKABLE bool hasCamera() const;
    Q_INVOKABLE void clearMessages();
    /// Writes an encrypted backup of this profile to `file`; the recovery code that opens it is
    /// shown once (backupRecoveryCode).
    Q_INVOKABLE void exportBackup(const QUrl &file);
    Q_INVOKABLE void forgetRecoveryCode();

signals:
    void errorTextChanged();
    void statusTextChanged();
    void busyChanged();
    void pendingLinkChanged();
    void totpChanged();
    void usesPassphraseChanged();
    void themeChanged();
    void languageChanged();
    void notificationPreviewsChanged();
    void autoDownloadMiBChanged();
    void privacyChanged();
    void linkApproved();
    void backupChanged();

private:
    void loadPrivacy();
    void storePrivacy(engine::PrivacySettings settings);
    void setError(const QString &text);
    void setStatus(const QString &text);
    void setBusy(bool busy);
    /// Hands the size limit to the engine (now, or once one is open: the worker's context keeps it).
    void applyAutoDownloadLimit();
    void decodeLinkImage(std::function<Result<std::string>()> decode);
    /// Runs a change of the store's protection on the worker, then reads usesPassphrase again.
    void switchProtection(std::function<Result<void>(engine::Engine &)> change, const QString &done);

    EngineWorker *m_worker;
    DeviceListModel m_devices;
    QString m_account;
    QString m_errorText;
    QString m_statusText;
    bool m_busy = false;
    QString m_pendingLinkUri;
    QString m_pendingLinkCode;
    QString m_totpUri;
    bool m_totpEnabled = false;
    bool m_usesPassphrase = false;
    double m_backupProgress = 0;
    bool m_backupRunning = false;
    QString m_backupCode;
    int m_theme = FollowSystem;
    QString m_language;
    int m_autoDownloadMiB = 100;
    engine::PrivacySettings m_privacy;
    bool m_previews = true;
};

} // namespace lapis::ui
