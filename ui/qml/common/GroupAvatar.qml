// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Lapis.Ui

// A group's avatar: the same blue or green circle as a contact's, with two people drawn in it
// instead of an initial, so a group is told apart from a person at a glance.
Rectangle {
    id: avatar
    property bool endToEnd: true
    implicitWidth: 40
    implicitHeight: 40
    radius: width / 2
    color: endToEnd ? Theme.blue : Theme.green
    clip: true
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Group")

    // The one behind.
    Rectangle {
        x: avatar.width * 0.2; y: avatar.height * 0.2
        width: avatar.width * 0.22; height: width; radius: width / 2
        color: Theme.onColour
        opacity: 0.75
    }
    Rectangle {
        x: avatar.width * 0.1; y: avatar.height * 0.46
        width: avatar.width * 0.42; height: avatar.height * 0.3; radius: height / 2
        color: Theme.onColour
        opacity: 0.75
    }
    // The one in front.
    Rectangle {
        x: avatar.width * 0.47; y: avatar.height * 0.26
        width: avatar.width * 0.26; height: width; radius: width / 2
        color: Theme.onColour
    }
    Rectangle {
        x: avatar.width * 0.36; y: avatar.height * 0.56
        width: avatar.width * 0.48; height: avatar.height * 0.34; radius: height / 2
        color: Theme.onColour
    }
}
