// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/SessionController.h"

#include <QObject>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTranslator>

#include <memory>

namespace lapis::ui {

/// The QML side of the app in one object: the session, the QML engine with the main window, the
/// language (translations, right-to-left) and the theme. Used by the desktop app, the UI tests
/// and the UI benchmark alike.
class UiShell : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool dark READ dark NOTIFY darkChanged)
    Q_PROPERTY(bool rightToLeft READ rightToLeft NOTIFY languageApplied)
    Q_PROPERTY(QString languageName READ languageName NOTIFY languageApplied)
public:
    explicit UiShell(SessionOptions options, QObject *parent = nullptr);
    ~UiShell() override;

    /// Loads the main window and starts the session. False (with the QML errors logged) when the
    /// QML does not load.
    bool load();

    [[nodiscard]] SessionController *session() { return m_session.get(); }
    [[nodiscard]] QQmlApplicationEngine *engine() { return m_engine.get(); }
    [[nodiscard]] QQuickWindow *window() const;

    [[nodiscard]] bool dark() const;
    [[nodiscard]] bool rightToLeft() const { return m_rightToLeft; }
    [[nodiscard]] QString languageName() const { return m_languageName; }

    /// The languages the app ships, for the settings' switch (code → native name).
    Q_INVOKABLE QVariantList languages() const;

signals:
    void darkChanged();
    void languageApplied();

private:
    void applyLanguage();

    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QTranslator m_translator;
    bool m_translatorInstalled = false;
    bool m_rightToLeft = false;
    QString m_languageName = QStringLiteral("en");
};

} // namespace lapis::ui
