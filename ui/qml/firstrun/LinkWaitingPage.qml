// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// A new device waiting to be linked: the QR code and link for the other device to read, and
// the comparison code both screens must show.
Page {
    objectName: "linkWaitingPage"
    background: Rectangle { color: Theme.window }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(520, parent.width - 48)
        spacing: Theme.spacing * 1.5

        Label {
            text: qsTr("Link this computer")
            font.pixelSize: 24
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("On your other device, open Settings → Devices → Link a new device and scan this code (or paste the link).")
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Rectangle {
            color: "white"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 300
            Layout.preferredHeight: 300
            Image {
                id: qrImage
                objectName: "linkQr"
                anchors.fill: parent
                asynchronous: true
                cache: false
                smooth: false
                fillMode: Image.PreserveAspectFit
                sourceSize: Qt.size(300, 300)
                source: session.linkUri.length > 0 ? "image://qr/" + encodeURIComponent(session.linkUri) : ""
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("QR code of the link")
            }
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: linkText
                objectName: "linkText"
                text: session.linkUri
                readOnly: true
                selectByMouse: true
                Layout.fillWidth: true
                Accessible.name: qsTr("Link")
            }
            Button {
                text: qsTr("Copy")
                Accessible.name: qsTr("Copy the link")
                onClicked: { linkText.selectAll(); linkText.copy(); linkText.deselect() }
            }
        }
        Label {
            text: qsTr("Both screens must show this code:")
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            objectName: "linkComparisonCode"
            text: session.linkComparisonCode
            font.pixelSize: 32
            font.family: "monospace"
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
            Accessible.name: qsTr("Comparison code %1").arg(text)
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            BusyIndicator { running: true; Layout.preferredWidth: 28; Layout.preferredHeight: 28 }
            Label { text: qsTr("Waiting for approval on your other device…") }
        }
    }
}
