// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// The store is protected by a passphrase: ask for it; the key derivation runs on the worker
// while a progress indication shows.
Page {
    objectName: "unlockPage"
    background: Rectangle { color: Theme.window }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(400, parent.width - 48)
        spacing: Theme.spacing * 1.5

        LockIcon {
            closed: true
            color: Theme.blue
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 28
            Layout.preferredHeight: 36
        }
        Label {
            text: qsTr("Unlock Lapis")
            font.pixelSize: 24
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        TextField {
            id: passphrase
            objectName: "unlockPassphrase"
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
            Layout.fillWidth: true
            enabled: !session.busy
            focus: true
            Accessible.name: qsTr("Passphrase")
            onAccepted: session.unlock(text)
        }
        Button {
            text: qsTr("Unlock")
            highlighted: true
            enabled: !session.busy && passphrase.text.length > 0
            Layout.fillWidth: true
            Accessible.name: text
            onClicked: session.unlock(passphrase.text)
        }
        ProgressBar {
            objectName: "unlockProgress"
            indeterminate: true
            visible: session.busy
            Layout.fillWidth: true
        }
        Label {
            text: session.busyText
            visible: session.busy
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            color: Theme.secondaryText
        }
        ErrorLabel {
            text: session.errorText
            Layout.fillWidth: true
        }
    }
}
