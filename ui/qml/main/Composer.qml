// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// Writing: Enter sends, Shift+Enter starts a new line, Ctrl+V pastes images and files too.
// Attachment chips show each file's progress with a cancel button.
Rectangle {
    id: composer
    objectName: "composer"
    readonly property var conversation: session.conversation
    color: Theme.window
    implicitHeight: layout.implicitHeight + 16

    function focusInput() { input.forceActiveFocus() }
    function sendNow() {
        if (input.text.trim().length === 0)
            return
        conversation.send(input.text)
        input.text = ""
    }

    Rectangle { anchors.top: parent.top; width: parent.width; height: 1; color: Theme.separator }

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6

        Flow {
            objectName: "attachmentChips"
            Layout.fillWidth: true
            spacing: 6
            visible: chips.count > 0
            Repeater {
                id: chips
                model: conversation.attachments
                delegate: Rectangle {
                    objectName: "attachmentChip"
                    width: 220
                    height: 48
                    radius: 8
                    color: Theme.pane
                    border.color: sendState === 3 ? Theme.dangerText : Theme.separator
                    RowLayout {
                        anchors.fill: parent
                        anchors.margins: 6
                        Image {
                            // A thumbnail of an image being sent.
                            visible: isImage
                            source: isImage ? url : ""
                            asynchronous: true
                            sourceSize.height: 36
                            fillMode: Image.PreserveAspectCrop
                            Layout.preferredWidth: visible ? 36 : 0
                            Layout.preferredHeight: 36
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                text: fileName
                                elide: Text.ElideMiddle
                                Layout.fillWidth: true
                                font.pixelSize: 12
                            }
                            ProgressBar {
                                objectName: "attachmentProgress"
                                visible: sendState === 0 || sendState === 1
                                value: progress
                                Layout.fillWidth: true
                                Accessible.name: qsTr("Sending %1").arg(fileName)
                            }
                            Label {
                                visible: sendState >= 2
                                text: [qsTr("Waiting"), qsTr("Sending"), qsTr("Sent"), qsTr("Failed: %1").arg(error),
                                       qsTr("Cancelled")][sendState]
                                color: sendState === 3 ? Theme.dangerText : Theme.secondaryText
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                                font.pixelSize: 11
                            }
                        }
                        ToolButton {
                            objectName: "cancelAttachment"
                            text: "×"
                            font.pixelSize: 18
                            Accessible.name: sendState <= 1 ? qsTr("Cancel sending %1").arg(fileName)
                                                            : qsTr("Remove %1").arg(fileName)
                            onClicked: {
                                if (sendState <= 1)
                                    conversation.attachments.cancel(index)
                                else
                                    conversation.attachments.clearFinished()
                            }
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            ToolButton {
                objectName: "attachButton"
                text: "+"
                font.pixelSize: 22
                Accessible.name: qsTr("Attach files")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Attach files")
                onClicked: fileDialog.open()
            }
            ScrollView {
                Layout.fillWidth: true
                Layout.maximumHeight: 140
                TextArea {
                    id: input
                    objectName: "composerInput"
                    placeholderText: conversation.endToEnd ? qsTr("Message (end-to-end encrypted)")
                                                           : qsTr("Message (not encrypted)")
                    wrapMode: TextEdit.Wrap
                    Accessible.name: qsTr("Message")
                    Keys.onPressed: function(event) {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                && !(event.modifiers & Qt.ShiftModifier)) {
                            composer.sendNow()
                            event.accepted = true
                        } else if (event.matches(StandardKey.Paste)) {
                            event.accepted = conversation.pasteFromClipboard()
                        }
                    }
                }
            }
            Button {
                objectName: "sendButton"
                text: qsTr("Send")
                highlighted: true
                enabled: input.text.trim().length > 0
                Accessible.name: qsTr("Send message")
                onClicked: composer.sendNow()
            }
        }
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Send files")
        fileMode: FileDialog.OpenFiles
        onAccepted: conversation.sendFiles(selectedFiles)
    }
}
