// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// An encrypted backup of everything in this profile, opened only by a recovery code that is
// shown once and never leaves this computer.
ScrollView {
    id: tab
    objectName: "backupsTab"
    contentWidth: availableWidth
    readonly property var settings: session.settings

    ColumnLayout {
        width: tab.availableWidth
        spacing: Theme.spacing

        Label { text: qsTr("Backups"); font.bold: true }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("A backup holds your account key, contacts, conversations and attachments, encrypted with a recovery code. Keep the file anywhere; keep the code somewhere else.")
        }
        Button {
            objectName: "exportBackupButton"
            text: qsTr("Export a backup…")
            Accessible.name: text
            enabled: !tab.settings.backupRunning
            onClicked: saveDialog.open()
        }
        ProgressBar {
            visible: tab.settings.backupRunning
            value: tab.settings.backupProgress
            Layout.fillWidth: true
            Accessible.name: qsTr("Backup progress")
        }
        ColumnLayout {
            visible: tab.settings.backupRecoveryCode.length > 0
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.warningText
                text: qsTr("Recovery code (shown only now; without it the backup cannot be opened):")
            }
            TextEdit {
                objectName: "recoveryCode"
                text: tab.settings.backupRecoveryCode
                readOnly: true
                selectByMouse: true
                wrapMode: Text.WrapAnywhere
                font.family: "monospace"
                font.pixelSize: 16
                color: Theme.text
                Layout.fillWidth: true
                Accessible.name: qsTr("Recovery code")
            }
            Button {
                text: qsTr("I wrote it down")
                Accessible.name: text
                onClicked: tab.settings.forgetRecoveryCode()
            }
        }
    }
    FileDialog {
        id: saveDialog
        title: qsTr("Save the backup")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "lapisbackup"
        nameFilters: [qsTr("Lapis backups (*.lapisbackup)")]
        onAccepted: tab.settings.exportBackup(selectedFile)
    }
}
