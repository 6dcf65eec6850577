// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRect>

class QWindow;

namespace lapis::ui {

/// Where the main window was and how big it was, kept between runs (QSettings "ui/window*").
namespace WindowPlacement {

/// Puts `window` where it was when last saved, moved onto a screen when the screen it was on is
/// gone. A first run keeps the size QML gave it, centred on the primary screen.
void restore(QWindow &window);

/// Remembers the window's normal (not maximised) geometry and whether it was maximised.
void save(const QWindow &window);

/// `wanted` moved (not resized) so that it lies inside `available` as far as its size allows, its
/// top-left corner (the title bar) always inside.
[[nodiscard]] QRect keptInside(const QRect &wanted, const QRect &available);

} // namespace WindowPlacement
} // namespace lapis::ui
