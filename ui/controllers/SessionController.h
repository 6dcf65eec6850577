// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/ConversationController.h"
#include "controllers/DeviceChangeController.h"
#include "controllers/GroupController.h"
#include "controllers/SettingsController.h"
#include "controllers/SignInController.h"
#include "models/ConversationListModel.h"
#include "util/CameraScanner.h"
#include "worker/EngineWorker.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <string>

namespace lapis::ui {

/// How the app opens its profile (from the command line, the environment or a test).
struct SessionOptions {
    QString profileDir;
    /// Opens a passphrase-protected profile without asking (tests, the benchmark).
    std::optional<std::string> passphrase;
    /// The cheapest passphrase KDF for new profiles (test suites only).
    bool fastKdf = false;
    /// The relay the first-run screen offers (HOST:PORT) and its certificate file.
    QString defaultRelay;
    QString defaultRelayCertificate;
};

/// The app's root: which screen shows (first run, unlock, linking, main), creating or linking the
/// account, unlocking, search, and the models and controllers of the main window.
class SessionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString busyText READ busyText NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(QString account READ account NOTIFY accountChanged)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(QString defaultRelay READ defaultRelay CONSTANT)
    Q_PROPERTY(QString relayCertificatePem READ relayCertificatePem NOTIFY relayCertificateChanged)
    Q_PROPERTY(QString relayCertificateFingerprint READ relayCertificateFingerprint NOTIFY relayCertificateChanged)
    Q_PROPERTY(QString relayCertificateSource READ relayCertificateSource NOTIFY relayCertificateChanged)
    Q_PROPERTY(QString linkUri READ linkUri NOTIFY linkChanged)
    Q_PROPERTY(QString linkComparisonCode READ linkComparisonCode NOTIFY linkChanged)
    Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchResultsChanged)
    Q_PROPERTY(bool signInNeedsCode READ signInNeedsCode NOTIFY signInChanged)
    Q_PROPERTY(bool signInDenied READ signInDenied NOTIFY signInChanged)
    Q_PROPERTY(bool recommendTwoFactor READ recommendTwoFactor NOTIFY signInChanged)
    Q_PROPERTY(double restoreProgress READ restoreProgress NOTIFY restoreProgressChanged)
    /// Contacts in whose name the relay tried to deliver an unencrypted message (refused, issue
    /// 16 item 1), and contacts from whom a message could not be read (dropped, item 19): each
    /// conversation shows a banner until dismissed.
    Q_PROPERTY(QStringList forgedPlaintextPeers READ forgedPlaintextPeers NOTIFY relayNoticesChanged)
    Q_PROPERTY(QStringList unreadablePeers READ unreadablePeers NOTIFY relayNoticesChanged)
    Q_PROPERTY(lapis::ui::ConversationListModel *conversations READ conversations CONSTANT)
    Q_PROPERTY(lapis::ui::ConversationController *conversation READ conversation CONSTANT)
    /// The group info panel and the "New group" dialog.
    Q_PROPERTY(lapis::ui::GroupController *groups READ groups CONSTANT)
    Q_PROPERTY(lapis::ui::SettingsController *settings READ settings CONSTANT)
    Q_PROPERTY(lapis::ui::SignInController *signIns READ signIns CONSTANT)
    Q_PROPERTY(lapis::ui::DeviceChangeController *deviceChanges READ deviceChanges CONSTANT)
    Q_PROPERTY(lapis::ui::CameraScanner *camera READ camera CONSTANT)
public:
    enum class State { Starting, FirstRun, Locked, Linking, Ready };
    Q_ENUM(State)

    explicit SessionController(SessionOptions options, QObject *parent = nullptr);
    ~SessionController() override;

    /// Looks at the profile folder (on the worker) and picks the first screen.
    void start();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool busy() const { return !m_busyText.isEmpty(); }
    [[nodiscard]] QString busyText() const { return m_busyText; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString account() const { return m_account; }
    [[nodiscard]] bool online() const { return m_online; }
    [[nodiscard]] QString defaultRelay() const { return m_options.defaultRelay; }
    [[nodiscard]] QString relayCertificatePem() const { return m_certificatePem; }
    [[nodiscard]] QString relayCertificateFingerprint() const { return m_certificateFingerprint; }
    [[nodiscard]] QString relayCertificateSource() const { return m_certificateSource; }
    [[nodiscard]] QString linkUri() const { return m_linkUri; }
    [[nodiscard]] QString linkComparisonCode() const { return m_linkCode; }
    [[nodiscard]] QVariantList searchResults() const { return m_searchResults; }
    /// A password sign-in waits for the six-digit code another device of the account shows.
    [[nodiscard]] bool signInNeedsCode() const { return m_signInNeedsCode; }
    /// The account's other device denied the last sign-in.
    [[nodiscard]] bool signInDenied() const { return m_signInDenied; }
    /// Signed in by password alone (the account had no other device): suggest two-factor sign-in.
    [[nodiscard]] bool recommendTwoFactor() const { return m_recommendTwoFactor; }
    /// How far a running restore is, 0..1; 0 while the recovery code's key derivation runs.
    [[nodiscard]] double restoreProgress() const { return m_restoreProgress; }
    [[nodiscard]] QStringList forgedPlaintextPeers() const { return m_forgedPlaintextPeers; }
    [[nodiscard]] QStringList unreadablePeers() const { return m_unreadablePeers; }
    [[nodiscard]] ConversationListModel *conversations() { return &m_conversations; }
    [[nodiscard]] ConversationController *conversation() { return &m_conversation; }
    [[nodiscard]] GroupController *groups() { return &m_groups; }
    [[nodiscard]] SettingsController *settings() { return &m_settings; }
    /// This device's side of other devices' sign-ins: their requests and outcomes.
    [[nodiscard]] SignInController *signIns() { return &m_signIns; }
    [[nodiscard]] DeviceChangeController *deviceChanges() { return &m_deviceChanges; }
    [[nodiscard]] CameraScanner *camera() { return &m_camera; }
    [[nodiscard]] EngineWorker *worker() { return &m_worker; }

    /// Reads a relay certificate (PEM) from a file and shows its SHA-256 fingerprint.
    Q_INVOKABLE void loadRelayCertificate(const QUrl &file);
    /// Asks the relay at HOST:PORT for its certificate over TLS, to show its fingerprint for the
    /// user to accept (trust on first use of the relay).
    Q_INVOKABLE void fetchRelayCertificate(const QString &relayList);
    /// First run: creates the account on the relay. An empty `passphrase` keeps the store key in
    /// the OS keychain.
    Q_INVOKABLE void createAccount(const QString &relayAddress, const QString &username, const QString &password,
                                   const QString &passphrase);
    /// First run: links this computer to an existing account (shows the link QR and code, waits).
    Q_INVOKABLE void linkToAccount(const QString &relayAddress, const QString &passphrase);
    /// First run: signs this computer in to an existing account by its password. When the
    /// account has other devices the first call ends with signInNeedsCode; calling again with the
    /// code they show completes it, then linking (approved on the other device) brings the keys.
    Q_INVOKABLE void signIn(const QString &relayAddress, const QString &username, const QString &password,
                            const QString &passphrase, const QString &deviceName, const QString &code);
    /// First run: restores an encrypted backup (`file`, opened by the recovery code the export
    /// showed, with or without its dashes) into this empty profile as a new device of the
    /// account, then opens it. An empty `passphrase` keeps the store key in the OS keychain. A
    /// wrong code, a damaged file or an unreachable relay is an error, and the profile folder is
    /// left as it was.
    Q_INVOKABLE void restoreBackup(const QUrl &file, const QString &recoveryCode, const QString &passphrase);
    Q_INVOKABLE void dismissTwoFactorRecommendation();
    Q_INVOKABLE void unlock(const QString &passphrase);
    Q_INVOKABLE void search(const QString &text);
    Q_INVOKABLE void openConversation(const QString &peer);
    Q_INVOKABLE void clearError();
    /// The user read the relay notices of the conversation with `peer`.
    Q_INVOKABLE void dismissRelayNotices(const QString &peer);

signals:
    void stateChanged();
    void busyChanged();
    void errorTextChanged();
    void accountChanged();
    void onlineChanged();
    void relayCertificateChanged();
    void linkChanged();
    void searchResultsChanged();
    void signInChanged();
    void restoreProgressChanged();
    void relayNoticesChanged();
    /// A message arrived (the tray and notifications listen). `text` is empty when the message has none.
    void messageArrived(const QString &peer, const QString &from, const QString &text);

private:
    engine::ProfileOptions profileOptions(const std::optional<std::string> &passphrase) const;
    void setState(State state);
    void setBusy(const QString &text);
    void setError(const QString &text);
    void setCertificate(const QByteArray &pem, const QString &source);
    void opened(const QString &account, bool hasAccount, bool awaitingKeys = false);
    /// Shows the link QR and waits for another device to approve; empty `relay` and `pem` for a
    /// device signed in by a code (the relay it signed in to).
    void startLinking(const std::string &relay, const std::string &pem, const engine::ProfileOptions &options);
    void onIncoming(const IncomingUpdate &update);
    void setSignInState(bool needsCode, bool denied, bool recommendTwoFactor);
    void setRestoreProgress(double progress);

    SessionOptions m_options;
    EngineWorker m_worker;
    ConversationListModel m_conversations;
    ConversationController m_conversation;
    GroupController m_groups;
    SettingsController m_settings;
    SignInController m_signIns;
    DeviceChangeController m_deviceChanges;
    CameraScanner m_camera;
    State m_state = State::Starting;
    QString m_busyText;
    QString m_errorText;
    QString m_account;
    bool m_online = false;
    QString m_certificatePem;
    QString m_certificateFingerprint;
    QString m_certificateSource;
    QString m_linkUri;
    QString m_linkCode;
    QVariantList m_searchResults;
    quint64 m_searchGeneration = 0;
    bool m_signInNeedsCode = false;
    bool m_signInDenied = false;
    bool m_recommendTwoFactor = false;
    double m_restoreProgress = 0;
    QStringList m_forgedPlaintextPeers;
    QStringList m_unreadablePeers;
};

} // namespace lapis::ui
