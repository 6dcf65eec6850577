// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// Writing: Enter sends, Shift+Enter starts a new line, Ctrl+V pastes images and files too.
// Attachment chips show each file's progress with a cancel button. While replying, a quote bar
// above the field shows the answered message; × or Esc cancels the reply. While editing, an edit
// bar shows it, the field holds the message's text, and Enter saves the new text.
Rectangle {
    id: composer
    objectName: "composer"
    readonly property var conversation: session.conversation
    color: Theme.window
    implicitHeight: layout.implicitHeight + 16

    function focusInput() { input.forceActiveFocus() }
    readonly property bool editing: conversation.editingId.length > 0
    function sendNow() {
        if (input.text.trim().length === 0)
            return
        if (composer.editing)
            conversation.saveEdit(input.text)
        else
            conversation.send(input.text)
        input.text = ""
    }
    function stopEditing() {
        conversation.cancelEdit()
        input.text = ""
        composer.focusInput()
    }

    Rectangle { anchors.top: parent.top; width: parent.width; height: 1; color: Theme.separator }

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6

        Rectangle {
            id: quoteBar
            objectName: "quoteBar"
            visible: conversation.replyToId.length > 0
            Layout.fillWidth: true
            implicitHeight: quoteRow.implicitHeight + 8
            radius: 6
            color: Theme.pane
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Replying to %1: %2").arg(conversation.replyToAuthor).arg(conversation.replyToText)
            Rectangle { width: 3; height: parent.height; radius: 1.5; color: Theme.blue }
            RowLayout {
                id: quoteRow
                anchors.fill: parent
                anchors.leftMargin: 10
                anchors.rightMargin: 2
                anchors.topMargin: 4
                anchors.bottomMargin: 4
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        text: qsTr("Replying to %1").arg(conversation.replyToAuthor === session.account
                                                             ? qsTr("yourself") : conversation.replyToAuthor)
                        font.bold: true
                        font.pixelSize: 11
                        color: Theme.secondaryText
                    }
                    Label {
                        objectName: "quoteBarText"
                        text: conversation.replyToText
                        elide: Text.ElideRight
                        maximumLineCount: 1
                        Layout.fillWidth: true
                    }
                }
                ToolButton {
                    objectName: "cancelReplyButton"
                    text: "×"
                    font.pixelSize: 18
                    Accessible.name: qsTr("Cancel the reply")
                    ToolTip.visible: hovered
                    ToolTip.text: Accessible.name
                    onClicked: {
                        conversation.cancelReply()
                        composer.focusInput()
                    }
                }
            }
        }

        Rectangle {
            id: editBar
            objectName: "editBar"
            visible: composer.editing
            Layout.fillWidth: true
            implicitHeight: editRow.implicitHeight + 8
            radius: 6
            color: Theme.pane
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Editing your message: %1").arg(conversation.editingText)
            Rectangle { width: 3; height: parent.height; radius: 1.5; color: Theme.blue }
            RowLayout {
                id: editRow
                anchors.fill: parent
                anchors.leftMargin: 10
                anchors.rightMargin: 2
                anchors.topMargin: 4
                anchors.bottomMargin: 4
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        text: qsTr("Editing your message")
                        font.bold: true
                        font.pixelSize: 11
                        color: Theme.secondaryText
                    }
                    Label {
                        text: conversation.editingText
                        elide: Text.ElideRight
                        maximumLineCount: 1
                        Layout.fillWidth: true
                    }
                }
                ToolButton {
                    objectName: "cancelEditButton"
                    text: "×"
                    font.pixelSize: 18
                    Accessible.name: qsTr("Cancel the edit")
                    ToolTip.visible: hovered
                    ToolTip.text: Accessible.name
                    onClicked: composer.stopEditing()
                }
            }
        }

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
                            // A thumbnail of an image being sent, decoded by the sandboxed decoder.
                            visible: isImage && status !== Image.Error
                            source: isImage ? "image://untrusted/file/" + encodeURIComponent(url.toString()) : ""
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
                    Accessible.name: composer.editing ? qsTr("New text of the message") : qsTr("Message")
                    // "typing…" for the contact, throttled by the conversation (not while editing).
                    onTextChanged: if (!composer.editing) conversation.composerEdited(text)
                    Keys.onPressed: function(event) {
                        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                && !(event.modifiers & Qt.ShiftModifier)) {
                            composer.sendNow()
                            event.accepted = true
                        } else if (event.key === Qt.Key_Escape && composer.editing) {
                            composer.stopEditing()
                            event.accepted = true
                        } else if (event.key === Qt.Key_Escape && conversation.replyToId.length > 0) {
                            conversation.cancelReply()
                            event.accepted = true
                        } else if (event.matches(StandardKey.Paste)) {
                            event.accepted = conversation.pasteFromClipboard()
                        }
                    }
                }
            }
            Button {
                objectName: "sendButton"
                text: composer.editing ? qsTr("Save") : qsTr("Send")
                highlighted: true
                enabled: input.text.trim().length > 0
                Accessible.name: composer.editing ? qsTr("Save the edited message") : qsTr("Send message")
                onClicked: composer.sendNow()
            }
        }
    }

    // "Reply" in a message's menu: the quote bar appears and the field takes the keyboard.
    Connections {
        target: conversation
        function onReplyChanged() {
            if (conversation.replyToId.length > 0)
                composer.focusInput()
        }
        // "Edit" in a message's menu: the field holds the text to change.
        function onEditingChanged() {
            if (composer.editing) {
                input.text = conversation.editingText
                input.cursorPosition = input.text.length
                composer.focusInput()
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
