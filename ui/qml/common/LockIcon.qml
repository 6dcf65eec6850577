// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

// A padlock drawn with rectangles (no icon font needed): closed for end to end, open otherwise.
Item {
    id: lock
    property bool closed: true
    property color color: "black"
    implicitWidth: 14
    implicitHeight: 18
    Accessible.role: Accessible.Graphic
    Accessible.name: closed ? qsTr("Closed lock") : qsTr("Open lock")

    Rectangle {
        // The shackle; lifted and shifted when open.
        width: parent.width * 0.64
        height: parent.height * 0.6
        x: (parent.width - width) / 2 + (lock.closed ? 0 : parent.width * 0.32)
        y: lock.closed ? 0 : -parent.height * 0.12
        radius: width / 2
        color: "transparent"
        border.color: lock.color
        border.width: 2
    }
    Rectangle {
        width: parent.width
        height: parent.height * 0.55
        anchors.bottom: parent.bottom
        radius: 2
        color: lock.color
    }
}
