// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

Dialog {
    id: dialog
    objectName: "settingsDialog"
    property alias currentTab: tabs.currentIndex
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(640, parent ? parent.width - 40 : 640)
    height: Math.min(600, parent ? parent.height - 40 : 600)
    modal: true
    title: qsTr("Settings")
    standardButtons: Dialog.Close
    onOpened: {
        session.settings.clearMessages()
        session.settings.refreshDevices()
    }

    ColumnLayout {
        anchors.fill: parent
        TabBar {
            id: tabs
            Layout.fillWidth: true
            PageTab { text: qsTr("Devices") }
            PageTab { text: qsTr("Security") }
            PageTab { text: qsTr("Privacy"); objectName: "privacyTabButton" }
            PageTab { text: qsTr("Appearance") }
            PageTab { text: qsTr("Backups") }
        }
        ErrorLabel {
            objectName: "settingsError"
            text: session.settings.errorText
            Layout.fillWidth: true
        }
        Label {
            visible: session.settings.statusText.length > 0
            text: session.settings.statusText
            color: Theme.blueText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true
            DevicesTab {}
            SecurityTab {}
            PrivacyTab {}
            AppearanceTab {}
            BackupsTab {}
        }
    }
}
