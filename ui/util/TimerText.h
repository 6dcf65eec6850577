// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace lapis::ui {

/// A disappearing-message timer as people say it: "30 seconds", "1 day", "4 weeks"; "Off" for 0.
QString timerText(int seconds);

} // namespace lapis::ui
