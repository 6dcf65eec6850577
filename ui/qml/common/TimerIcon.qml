// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// A clock face drawn with rectangles (no emoji font needed): disappearing messages.
Item {
    id: icon
    property color color: "black"
    implicitWidth: 12
    implicitHeight: 12
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Disappearing messages")

    Rectangle {
        anchors.fill: parent
        radius: width / 2
        color: "transparent"
        border.color: icon.color
        border.width: Math.max(1, icon.width / 8)
    }
    Rectangle {
        // The minute hand, straight up from the centre.
        width: Math.max(1, icon.width / 8)
        height: icon.height * 0.36
        x: (icon.width - width) / 2
        y: icon.height / 2 - height
        color: icon.color
    }
    Rectangle {
        // The hour hand, to the right.
        width: icon.width * 0.28
        height: Math.max(1, icon.width / 8)
        x: icon.width / 2
        y: (icon.height - height) / 2
        color: icon.color
    }
}
