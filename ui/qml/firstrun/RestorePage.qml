// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// First run, third way in: restore an encrypted backup (chosen or dropped here) with the recovery
// code its export showed. This computer becomes a new device of the account; the key derivation
// and the import run on the engine's worker while the progress bar moves.
Page {
    id: page
    objectName: "restorePage"
    background: Rectangle { color: Theme.window }

    /// The backup file, from the dialog or a drop.
    property url fileUrl
    readonly property string fileName: {
        const path = fileUrl.toString()
        return path.length > 0 ? decodeURIComponent(path.substring(path.lastIndexOf("/") + 1)) : ""
    }
    readonly property bool canRestore: !session.busy && fileName.length > 0 && recoveryCode.text.trim().length > 0

    /// Back to the other first-run choices.
    signal backRequested()

    // Enter in any field does what the Restore button does.
    function submit() {
        if (canRestore)
            session.restoreBackup(fileUrl, recoveryCode.text, passphrase.text)
    }
    function chooseFile(url) {
        fileUrl = url
        session.clearError()
        recoveryCode.forceActiveFocus()
    }

    Component.onCompleted: chooseButton.forceActiveFocus()

    DropArea {
        id: drop
        objectName: "restoreDropArea"
        anchors.fill: parent
        enabled: !session.busy
        keys: ["text/uri-list"]
        onDropped: function(event) {
            for (const url of event.urls) {
                if (url.toString().startsWith("file:")) {
                    page.chooseFile(url)
                    event.accept(Qt.CopyAction)
                    return
                }
            }
        }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(560, parent.width - 48)
            x: (parent.width - width) / 2
            spacing: Theme.spacing * 1.5

            Item { Layout.preferredHeight: 24 }
            Label {
                text: qsTr("Restore from a backup")
                font.pixelSize: 28
                font.bold: true
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Label {
                text: qsTr("Choose the backup file (or drop it here) and type the recovery code that was shown when the backup was made. This computer becomes a new device of your account, with your contacts, conversations and attachments.")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                color: Theme.secondaryText
            }

            Rectangle {
                objectName: "restoreDropZone"
                Layout.fillWidth: true
                Layout.preferredHeight: fileRow.implicitHeight + 2 * Theme.spacing
                radius: 6
                color: drop.containsDrag ? Theme.pane : "transparent"
                border.color: drop.containsDrag ? Theme.blue : Theme.separator
                border.width: drop.containsDrag ? 2 : 1

                RowLayout {
                    id: fileRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    Label {
                        objectName: "restoreFileName"
                        text: page.fileName.length > 0 ? page.fileName : qsTr("No backup file chosen: drop one here or choose it.")
                        color: page.fileName.length > 0 ? Theme.text : Theme.secondaryText
                        elide: Text.ElideMiddle
                        Layout.fillWidth: true
                        Accessible.name: page.fileName.length > 0 ? qsTr("Backup file %1").arg(page.fileName)
                                                                  : qsTr("No backup file chosen")
                    }
                    Button {
                        id: chooseButton
                        objectName: "restoreChooseButton"
                        text: qsTr("Choose the backup file…")
                        enabled: !session.busy
                        Accessible.name: text
                        onClicked: openDialog.open()
                    }
                }
            }

            Label { text: qsTr("Recovery code") }
            TextField {
                id: recoveryCode
                objectName: "restoreCodeField"
                Layout.fillWidth: true
                enabled: !session.busy
                placeholderText: qsTr("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345")
                font.family: "monospace"
                inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                Accessible.name: qsTr("Recovery code")
                Accessible.description: qsTr("Six groups of five letters and digits; spaces and dashes do not matter")
                onAccepted: page.submit()
            }

            StoreProtectionField {
                id: passphrase
                fieldObjectName: "restorePassphraseField"
                Layout.fillWidth: true
                onAccepted: page.submit()
            }

            ErrorLabel {
                objectName: "restoreError"
                text: session.errorText
                Layout.fillWidth: true
            }
            ColumnLayout {
                visible: session.busy
                Layout.fillWidth: true
                ProgressBar {
                    objectName: "restoreProgress"
                    // The key derivation has no steps to show; the records do.
                    indeterminate: session.restoreProgress <= 0
                    value: session.restoreProgress
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Restore progress")
                }
                Label {
                    text: session.busyText
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    color: Theme.secondaryText
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "restoreBackButton"
                    text: qsTr("Back")
                    enabled: !session.busy
                    Accessible.name: qsTr("Back to the other ways to start")
                    onClicked: page.backRequested()
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "restoreButton"
                    text: qsTr("Restore")
                    highlighted: true
                    enabled: page.canRestore
                    Accessible.name: qsTr("Restore the backup")
                    onClicked: page.submit()
                }
            }
            Item { Layout.preferredHeight: 24 }
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Choose the backup to restore")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Lapis backups (*.lapisbackup)"), qsTr("All files (*)")]
        onAccepted: page.chooseFile(selectedFile)
    }
}
