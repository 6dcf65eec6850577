// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQuick

// Colours and sizes. Blue means end to end, green means the relay can read it: the same two
// colours everywhere (bubbles, list marks, header). Every text colour below meets WCAG AA (4.5:1)
// on every background it is drawn on, in both themes; tests/ui/qml/tst_contrast.qml checks the
// pairs.
QtObject {
    readonly property bool dark: shell.dark
    // Fills: bubbles, avatars, badges, with white text on them.
    readonly property color blue: "#1a62cc"
    readonly property color green: "#23803d"
    // The same two meanings as text on the window, the panes and the bubbles.
    readonly property color blueText: dark ? "#8ab8ff" : "#1a62cc"
    readonly property color greenText: dark ? "#7ad492" : "#1f7536"
    readonly property color onColour: "#ffffff"
    readonly property color warning: dark ? "#5c4a12" : "#fff3cd"
    readonly property color warningText: dark ? "#ffe8a3" : "#5c4300"
    readonly property color danger: dark ? "#5a1d1d" : "#fde2e1"
    readonly property color dangerText: dark ? "#ffb4ab" : "#8c1d18"
    readonly property color window: dark ? "#1c1c1e" : "#ffffff"
    readonly property color pane: dark ? "#2c2c2e" : "#f4f5f7"
    readonly property color text: dark ? "#f2f2f7" : "#1c1c1e"
    readonly property color secondaryText: dark ? "#b4b4bc" : "#5c5c64"
    readonly property color incomingBubble: dark ? "#3a3a3c" : "#e9e9eb"
    readonly property color separator: dark ? "#3a3a3c" : "#dcdce0"
    readonly property color selection: dark ? "#33415c" : "#dbe7fb"
    // Highlighted buttons and the controls' strong accents (white text on it).
    readonly property color strong: dark ? "#636366" : "#48484a"
    // Senders' names in a group's bubbles (MessageListModel's SenderColorRole picks one): neither
    // blue nor green, which mean end to end and readable by the relay.
    readonly property var senderColors: dark ? ["#ffb4ab", "#ffc58a", "#d7b8ff", "#ffafd7", "#e0c3a8", "#f0d878"]
                                             : ["#a3241b", "#8f4500", "#6b3fa0", "#a01f63", "#6d4c41", "#75590a"]
    readonly property int spacing: 8
    readonly property int radius: 16
}
