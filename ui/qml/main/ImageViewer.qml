// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Lapis.Ui

// A received or sent image at full size.
Popup {
    id: viewer
    objectName: "imageViewer"
    property string source ///< image://untrusted/...: decoded by the sandboxed decoder
    property url file      ///< the file itself, when there is one to open
    function show(imageSource, fileUrl) { source = imageSource; file = fileUrl || ""; open() }
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? parent.width * 0.9 : 600
    height: parent ? parent.height * 0.9 : 400
    modal: true
    background: Rectangle { color: "#e0000000"; radius: 8 }
    Image {
        id: picture
        anchors.fill: parent
        anchors.margins: 12
        source: viewer.source
        asynchronous: true
        fillMode: Image.PreserveAspectFit
        sourceSize.width: Math.max(1, width)
        sourceSize.height: Math.max(1, height)
    }
    Label {
        anchors.centerIn: parent
        visible: picture.status === Image.Error
        text: qsTr("This image could not be shown safely")
        color: "white"
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
        visible: viewer.file.toString().length > 0
        text: qsTr("Open")
        Accessible.name: qsTr("Open with the system's viewer")
        onClicked: Qt.openUrlExternally(viewer.file)
    }
}
