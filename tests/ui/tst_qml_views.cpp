// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test over the app's own QML types (module Lapis.Ui): the QML test files in qml/.
#include "app/UiShell.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQuickTest/quicktest.h>

void qml_register_types_Lapis_Ui();

/// Gives the QML tests what the app gives its window: the module, the Basic style and the
/// `shell` and `session` context properties (a session that never opens its empty profile).
class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        static volatile auto keep = &qml_register_types_Lapis_Ui;
        (void)keep;
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        // Settings the tests change (the theme) go to a throwaway folder, not the user's.
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        lapis::ui::SessionOptions options;
        options.profileDir = m_profile.path();
        m_shell = std::make_unique<lapis::ui::UiShell>(std::move(options));
        engine->rootContext()->setContextProperty(QStringLiteral("shell"), m_shell.get());
        engine->rootContext()->setContextProperty(QStringLiteral("session"), m_shell->session());
    }
    void cleanupTestCase() { m_shell.reset(); }

private:
    QTemporaryDir m_config;
    QTemporaryDir m_profile;
    std::unique_ptr<lapis::ui::UiShell> m_shell;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml_views, Setup)

#include "tst_qml_views.moc"
