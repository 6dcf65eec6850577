// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowPlacement.h"

#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QWindow>

#include <algorithm>

namespace lapis::ui::WindowPlacement {

namespace {
const QString geometryKey = QStringLiteral("ui/windowGeometry");
const QString maximizedKey = QStringLiteral("ui/windowMaximized");

QRect availableFor(const QRect &rect)
{
    const QScreen *screen = QGuiApplication::screenAt(rect.center());
    if (!screen)
        screen = QGuiApplication::screenAt(rect.topLeft());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect();
}
} // namespace

QRect keptInside(const QRect &wanted, const QRect &available)
{
    if (available.isEmpty())
        return wanted;
    QRect out = wanted;
    // Right and bottom first, then left and top: a window larger than the screen keeps its title
    // bar (top-left) on the screen rather than its bottom-right corner.
    if (out.right() > available.right())
        out.moveRight(available.right());
    if (out.bottom() > available.bottom())
        out.moveBottom(available.bottom());
    if (out.left() < available.left())
        out.moveLeft(available.left());
    if (out.top() < available.top())
        out.moveTop(available.top());
    return out;
}

void restore(QWindow &window)
{
    const QSettings settings;
    const QRect saved = settings.value(geometryKey).toRect();
    if (saved.isValid() && saved.width() >= window.minimumWidth() && saved.height() >= window.minimumHeight()) {
        window.setGeometry(keptInside(saved, availableFor(saved)));
    } else {
        const QRect available = availableFor(window.geometry());
        QRect centred(QPoint(), window.size());
        if (!available.isEmpty())
            centred.moveCenter(available.center());
        window.setGeometry(keptInside(centred, available));
    }
    if (settings.value(maximizedKey, false).toBool())
        window.showMaximized();
}

void save(const QWindow &window)
{
    QSettings settings;
    const bool maximized = window.windowStates() & Qt::WindowMaximized;
    settings.setValue(maximizedKey, maximized);
    // A maximised window's geometry is the screen's: keep the last normal one for un-maximising.
    if (!maximized && !(window.windowStates() & Qt::WindowMinimized))
        settings.setValue(geometryKey, window.geometry());
}

} // namespace lapis::ui::WindowPlacement
