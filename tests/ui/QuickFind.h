// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding QML items by objectName in a loaded window, for the UI tests and the UI benchmark.

#include <QObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>

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

} // namespace lapis::test
