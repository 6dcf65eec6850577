// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

// Colours and sizes. Blue means end to end, green means the relay can read it: the same two
// colours everywhere (bubbles, list marks, header).
QtObject {
    readonly property bool dark: shell.dark
    readonly property color blue: "#1f6fe5"
    readonly property color green: "#2b9348"
    readonly property color warning: dark ? "#5c4a12" : "#fff3cd"
    readonly property color warningText: dark ? "#ffe8a3" : "#5c4300"
    readonly property color danger: dark ? "#5a1d1d" : "#fde2e1"
    readonly property color dangerText: dark ? "#ffb4ab" : "#8c1d18"
    readonly property color window: dark ? "#1c1c1e" : "#ffffff"
    readonly property color pane: dark ? "#2c2c2e" : "#f4f5f7"
    readonly property color text: dark ? "#f2f2f7" : "#1c1c1e"
    readonly property color secondaryText: dark ? "#a1a1aa" : "#6b6b73"
    readonly property color incomingBubble: dark ? "#3a3a3c" : "#e9e9eb"
    readonly property color separator: dark ? "#3a3a3c" : "#dcdce0"
    readonly property color selection: dark ? "#33415c" : "#dbe7fb"
    readonly property int spacing: 8
    readonly property int radius: 16
}
