// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// This device and the others; link a new one by reading its code (image, drop, paste) and
// comparing the code both screens show.
ScrollView {
    id: tab
    objectName: "devicesTab"
    contentWidth: availableWidth
    readonly property var settings: session.settings

    ColumnLayout {
        width: tab.availableWidth
        spacing: Theme.spacing

        Label { text: qsTr("Your devices"); font.bold: true }
        Repeater {
            model: tab.settings.devices
            delegate: RowLayout {
                Layout.fillWidth: true
                Label {
                    text: name + (thisDevice ? " " + qsTr("(this device)") : "")
                    font.bold: thisDevice
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("linked %1").arg(linkedAtText)
                    color: Theme.secondaryText
                }
                Button {
                    visible: !thisDevice
                    text: qsTr("Remove")
                    Accessible.name: qsTr("Remove %1").arg(name)
                    onClicked: tab.settings.removeDevice(deviceId)
                }
            }
        }

        // Every sign-in to the account that this device was told of, approved or denied.
        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.separator }
        Label { text: qsTr("Recent sign-ins"); font.bold: true }
        Label {
            visible: session.signIns.history.length === 0
            text: qsTr("No sign-ins to your account since this device joined it.")
            color: Theme.secondaryText
        }
        Repeater {
            objectName: "signInHistory"
            model: session.signIns.history
            delegate: Label {
                required property var modelData
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                readonly property string when: modelData.time ? modelData.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
                text: modelData.approved ? qsTr("%1: \"%2\" signed in").arg(when).arg(modelData.deviceName)
                                         : qsTr("%1: the sign-in of \"%2\" was denied").arg(when).arg(modelData.deviceName)
                color: modelData.approved ? Theme.text : Theme.secondaryText
                Accessible.name: text
            }
        }

        // Every device that joined or left the account since this device joined it.
        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.separator }
        Label { text: qsTr("Device changes"); font.bold: true }
        Label {
            visible: session.deviceChanges.history.length === 0
            text: qsTr("No device has joined or left your account since this device joined it.")
            color: Theme.secondaryText
        }
        Repeater {
            objectName: "deviceChangeHistory"
            model: session.deviceChanges.history
            delegate: Label {
                required property var modelData
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                readonly property string when: modelData.time ? modelData.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
                text: modelData.added ? qsTr("%1: \"%2\" (device %3) was added").arg(when).arg(modelData.deviceName).arg(modelData.deviceId)
                                      : qsTr("%1: \"%2\" (device %3) was removed").arg(when).arg(modelData.deviceName).arg(modelData.deviceId)
                color: Theme.text
                Accessible.name: text
            }
        }

        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.separator }
        Label { text: qsTr("Link a new device"); font.bold: true }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("On the new device choose \"Link to an existing account\". Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.")
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: linkField
                objectName: "linkInput"
                Layout.fillWidth: true
                placeholderText: qsTr("lapis-link:…")
                Accessible.name: qsTr("Link of the new device")
                onAccepted: tab.settings.readLink(text)
            }
            Button {
                text: qsTr("Read")
                Accessible.name: qsTr("Read the link")
                onClicked: tab.settings.readLink(linkField.text)
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Button {
                text: qsTr("Choose an image of the code…")
                Accessible.name: text
                onClicked: codeImage.open()
            }
            Button {
                text: qsTr("Paste")
                Accessible.name: qsTr("Paste the link or an image of the code")
                onClicked: tab.settings.readLinkFromClipboard()
            }
            Button {
                // Qt Multimedia, when this computer has a camera; images otherwise.
                id: linkScanButton
                property bool mine: false
                visible: session.camera.available
                text: session.camera.scanning && mine ? qsTr("Stop the camera") : qsTr("Scan with the camera")
                Accessible.name: text
                onClicked: {
                    if (session.camera.scanning) {
                        session.camera.stop()
                    } else {
                        mine = true
                        session.camera.start()
                    }
                }
                Connections {
                    target: session.camera
                    function onDecoded(text) {
                        if (parent.mine)
                            tab.settings.readLink(text)
                        parent.mine = false
                    }
                }
            }
        }
        // What the camera sees while it looks for the code.
        CameraPreview {
            objectName: "linkCameraPreview"
            scanner: session.camera
            visible: session.camera.scanning && linkScanButton.mine
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? 240 : 0
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("Camera preview: hold the code in front of the camera")
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            radius: 8
            color: linkDrop.containsDrag ? Theme.selection : "transparent"
            border.color: Theme.separator
            Label {
                anchors.centerIn: parent
                text: qsTr("Drop a screenshot of the new device's code here")
                color: Theme.secondaryText
            }
            DropArea {
                id: linkDrop
                objectName: "linkDropArea"
                anchors.fill: parent
                onDropped: function(event) {
                    if (event.hasUrls && event.urls.length > 0)
                        tab.settings.readLinkImage(event.urls[0])
                    else if (event.hasText)
                        tab.settings.readLink(event.text)
                    event.accept()
                }
            }
        }
        ColumnLayout {
            objectName: "pendingLink"
            visible: tab.settings.pendingLinkCode.length > 0
            Layout.fillWidth: true
            Label { text: qsTr("The new device must show this code:") }
            Label {
                objectName: "pendingLinkCode"
                text: tab.settings.pendingLinkCode
                font.pixelSize: 28
                font.bold: true
                font.family: "monospace"
            }
            RowLayout {
                Button {
                    objectName: "approveLinkButton"
                    text: qsTr("The codes match: link it")
                    highlighted: true
                    enabled: !tab.settings.busy
                    Accessible.name: text
                    onClicked: tab.settings.approveLink()
                }
                Button {
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel linking")
                    onClicked: tab.settings.cancelLink()
                }
                BusyIndicator { running: tab.settings.busy; visible: running }
            }
        }
    }
    FileDialog {
        id: codeImage
        title: qsTr("An image of the new device's code")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.bmp *.gif)")]
        onAccepted: tab.settings.readLinkImage(selectedFile)
    }
}
