// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding QML items by objectName in a loaded window, for the UI tests and the UI benchmark.

#include <QDir>
#include <QObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QTest>

namespace lapis::test {

/// The object called `name` under `root`, through QObject children and visual children (a
/// Repeater's or a Loader's items are only visual children), depth first.
inline QObject *findObject(QObject *root, const QString &name)
{
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    if (auto *item = qobject_cast<QQuickItem *>(root))
        for (auto *child : item->childItems())
            if (auto *found = findObject(child, name))
                return found;
    for (auto *child : root->children())
        if (auto *found = findObject(child, name))
            return found;
    return nullptr;
}

inline QQuickItem *findItem(QObject *root, const QString &name)
{
    return qobject_cast<QQuickItem *>(findObject(root, name));
}

inline QQuickItem *findItem(QQuickWindow *window, const QString &name)
{
    return findItem(window->contentItem(), name);
}

/// On screen: visible and with a size (a collapsed or hidden item is not).
inline bool shown(QQuickItem *item)
{
    return item && item->isVisible() && item->width() > 0 && item->height() > 0;
}

/// With LAPIS_SCREENSHOT_DIR set, saves the window as DIR/NAME.png (after a moment for
/// asynchronous images and layouts to settle); false only when saving failed.
inline bool saveScreenshot(QQuickWindow *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("LAPIS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return true;
    QDir().mkpath(dir);
    QTest::qWait(150);
    return window->grabWindow().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace lapis::test
