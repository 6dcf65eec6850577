// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Lapis.Ui

// A received or sent image at full size.
Popup {
    id: viewer
    objectName: "imageViewer"
    property url source
    function show(url) { source = url; open() }
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? parent.width * 0.9 : 600
    height: parent ? parent.height * 0.9 : 400
    modal: true
    background: Rectangle { color: "#e0000000"; radius: 8 }
    Image {
        anchors.fill: parent
        anchors.margins: 12
        source: viewer.source
        asynchronous: true
        fillMode: Image.PreserveAspectFit
    }
    RoundButton {
        anchors.top: parent.top
        anchors.right: parent.right
        text: "×"
        Accessible.name: qsTr("Close the image")
        onClicked: viewer.close()
    }
    RoundButton {
        anchors.bottom: parent.bottom
        anchors.right: parent.right
        text: qsTr("Open")
        Accessible.name: qsTr("Open with the system's viewer")
        onClicked: Qt.openUrlExternally(viewer.source)
    }
}
