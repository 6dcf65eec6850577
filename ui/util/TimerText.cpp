// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimerText.h"

#include <QCoreApplication>

namespace lapis::ui {

QString timerText(int seconds)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("TimerText", text); };
    if (seconds <= 0)
        return QCoreApplication::translate("TimerText", "Off");
    constexpr int minute = 60;
    constexpr int hour = 60 * minute;
    constexpr int day = 24 * hour;
    constexpr int week = 7 * day;
    // One and many spelled out, so the source strings read well without an English translation.
    const auto count = [&](int n, const char *one, const char *many) { return n == 1 ? tr(one) : tr(many).arg(n); };
    if (seconds % week == 0)
        return count(seconds / week, QT_TRANSLATE_NOOP("TimerText", "1 week"),
                     QT_TRANSLATE_NOOP("TimerText", "%1 weeks"));
    if (seconds % day == 0)
        return count(seconds / day, QT_TRANSLATE_NOOP("TimerText", "1 day"), QT_TRANSLATE_NOOP("TimerText", "%1 days"));
    if (seconds % hour == 0)
        return count(seconds / hour, QT_TRANSLATE_NOOP("TimerText", "1 hour"),
                     QT_TRANSLATE_NOOP("TimerText", "%1 hours"));
    if (seconds % minute == 0)
        return count(seconds / minute, QT_TRANSLATE_NOOP("TimerText", "1 minute"),
                     QT_TRANSLATE_NOOP("TimerText", "%1 minutes"));
    return count(seconds, QT_TRANSLATE_NOOP("TimerText", "1 second"), QT_TRANSLATE_NOOP("TimerText", "%1 seconds"));
}

} // namespace lapis::ui
