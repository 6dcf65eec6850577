// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// One conversation: the header says whether it is end to end, banners explain a downgrade or a
// changed key, the messages page in as the user scrolls, and the composer sends.
Item {
    id: pane
    signal contactInfoRequested()
    readonly property var conversation: session.conversation
    readonly property bool hasPeer: conversation.peer.length > 0

    function focusComposer() { composer.focusInput() }

    Label {
        anchors.centerIn: parent
        visible: !pane.hasPeer
        text: qsTr("Choose a conversation, or start one with a user name.")
        color: Theme.secondaryText
    }

    ColumnLayout {
        anchors.fill: parent
        visible: pane.hasPeer
        spacing: 0

        // Header: who, and whether the relay can read it.
        Rectangle {
            objectName: "conversationHeader"
            Layout.fillWidth: true
            Layout.preferredHeight: 60
            color: Theme.window
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 16
                anchors.rightMargin: 8
                spacing: 12
                GroupAvatar {
                    objectName: "headerGroupAvatar"
                    visible: conversation.isGroup
                    endToEnd: conversation.endToEnd
                    Layout.preferredWidth: 36
                    Layout.preferredHeight: 36
                }
                LockIcon {
                    objectName: "headerLock"
                    closed: conversation.endToEnd
                    color: conversation.endToEnd ? Theme.blue : Theme.green
                    Layout.preferredWidth: 14
                    Layout.preferredHeight: 18
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    RowLayout {
                        Label {
                            objectName: "headerTitle"
                            text: conversation.title
                            font.bold: true
                            font.pixelSize: 16
                        }
                        Label {
                            objectName: "verifiedMark"
                            text: conversation.verified ? qsTr("✓ Verified") : qsTr("Not verified")
                            color: conversation.verified ? Theme.blueText : Theme.secondaryText
                            font.pixelSize: 11
                            visible: !conversation.isGroup && (conversation.endToEnd || conversation.keyChanged)
                        }
                    }
                    Label {
                        objectName: "encryptionStatus"
                        text: conversation.isGroup && !conversation.groupMember ? qsTr("You are no longer a member of this group")
                              : conversation.isGroup && conversation.endToEnd ? qsTr("%n member(s) · End-to-end encrypted", "", conversation.groupMemberCount)
                              : conversation.isGroup ? qsTr("%n member(s) · Not encrypted: the relay can read this group", "", conversation.groupMemberCount)
                              : !conversation.endToEnd ? qsTr("Not encrypted: the relay can read these messages")
                              : conversation.postQuantum ? qsTr("End-to-end encrypted, post-quantum")
                              : qsTr("End-to-end encrypted")
                        color: conversation.endToEnd ? Theme.blueText : Theme.greenText
                        font.pixelSize: 12
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        visible: !conversation.peerTyping
                    }
                    Label {
                        // Replaces the encryption line while the contact types; the lock stays.
                        objectName: "typingIndicator"
                        visible: conversation.peerTyping
                        text: qsTr("%1 is typing…").arg(conversation.peer)
                        color: Theme.secondaryText
                        font.pixelSize: 12
                        font.italic: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                }
                ToolButton {
                    // The disappearing timer: shown when on, and a menu to set it.
                    objectName: "disappearingButton"
                    visible: !conversation.isGroup || conversation.groupMember
                    text: conversation.disappearingText
                    font.pixelSize: 12
                    contentItem: Row {
                        spacing: 4
                        TimerIcon {
                            width: 14
                            height: 14
                            anchors.verticalCenter: parent.verticalCenter
                            color: conversation.disappearingSeconds > 0 ? Theme.blueText : Theme.secondaryText
                        }
                        Label {
                            visible: conversation.disappearingSeconds > 0
                            text: conversation.disappearingText
                            color: Theme.blueText
                            font.pixelSize: 12
                            anchors.verticalCenter: parent.verticalCenter
                        }
                    }
                    Accessible.name: conversation.disappearingSeconds > 0
                                     ? qsTr("Messages disappear after %1. Change").arg(conversation.disappearingText)
                                     : qsTr("Disappearing messages: off. Change")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Disappearing messages")
                    onClicked: timerMenu.popup()
                    Menu {
                        id: timerMenu
                        objectName: "disappearingMenu"
                        title: qsTr("Disappearing messages")
                        Instantiator {
                            model: pane.hasPeer ? conversation.disappearingChoices() : []
                            delegate: MenuItem {
                                objectName: "disappearingChoice"
                                text: modelData.text
                                checkable: true
                                checked: modelData.seconds === conversation.disappearingSeconds
                                Accessible.name: modelData.seconds === 0 ? qsTr("Turn disappearing messages off")
                                                                         : qsTr("Disappear after %1").arg(modelData.text)
                                onTriggered: conversation.setDisappearing(modelData.seconds)
                            }
                            onObjectAdded: function(index, object) { timerMenu.insertItem(index, object) }
                            onObjectRemoved: function(index, object) { timerMenu.removeItem(object) }
                        }
                    }
                }
                ToolButton {
                    objectName: "contactInfoButton"
                    contentItem: Rectangle {
                        implicitWidth: 22
                        implicitHeight: 22
                        radius: 11
                        color: "transparent"
                        border.color: Theme.blueText
                        border.width: 2
                        Label {
                            anchors.centerIn: parent
                            text: "i"
                            font.bold: true
                            color: Theme.blueText
                        }
                    }
                    Accessible.name: conversation.isGroup ? qsTr("Group info and members")
                                                          : qsTr("Contact info and safety number")
                    ToolTip.visible: hovered
                    ToolTip.text: conversation.isGroup ? qsTr("Group info (Ctrl+I)") : qsTr("Contact info (Ctrl+I)")
                    onClicked: pane.contactInfoRequested()
                }
            }
            Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.separator }
        }

        // The contact had end-to-end devices and has none now.
        Rectangle {
            objectName: "downgradeBanner"
            visible: conversation.downgraded && !conversation.keyChanged
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? downgradeText.implicitHeight + 20 : 0
            color: Theme.warning
            Accessible.role: Accessible.AlertMessage
            Accessible.name: downgradeText.text
            Label {
                id: downgradeText
                anchors.fill: parent
                anchors.margins: 10
                wrapMode: Text.Wrap
                color: Theme.warningText
                text: qsTr("%1 has no end-to-end encrypted device any more (a new installation, or the account was reset). Messages you send now are not encrypted: the relay can read them. You will be asked before each one.").arg(conversation.peer)
            }
        }

        // The relay tried to pass an unencrypted message off as this contact's (refused), or a
        // message from them could not be read (dropped). Nothing of it was stored.
        Rectangle {
            id: relayNotice
            objectName: "relayNoticeBanner"
            readonly property bool forged: session.forgedPlaintextPeers.indexOf(conversation.peer) >= 0
            readonly property bool unreadable: session.unreadablePeers.indexOf(conversation.peer) >= 0
            visible: pane.hasPeer && (forged || unreadable)
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? relayNoticeRow.implicitHeight + 20 : 0
            color: Theme.warning
            Accessible.role: Accessible.AlertMessage
            Accessible.name: relayNoticeText.text
            RowLayout {
                id: relayNoticeRow
                anchors.fill: parent
                anchors.margins: 10
                Label {
                    id: relayNoticeText
                    objectName: "relayNoticeText"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.warningText
                    text: (relayNotice.forged
                           ? qsTr("The relay tried to deliver an unencrypted message in %1's name. %1 uses end-to-end encryption, so it did not come from them: it was refused and not shown.").arg(conversation.peer)
                           : "")
                          + (relayNotice.forged && relayNotice.unreadable ? " " : "")
                          + (relayNotice.unreadable
                             ? qsTr("A message from %1 could not be read (damaged or forged on the way) and was dropped.").arg(conversation.peer)
                             : "")
                }
                Button {
                    text: qsTr("Dismiss")
                    Accessible.name: qsTr("Dismiss the relay notice")
                    onClicked: session.dismissRelayNotices(conversation.peer)
                }
            }
        }

        ErrorLabel {
            objectName: "conversationError"
            text: conversation.errorText
            Layout.fillWidth: true
            Layout.margins: visible ? 8 : 0
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: messageList
                objectName: "messageList"
                anchors.fill: parent
                anchors.margins: 4
                clip: true
                // Newest at the bottom; older pages are appended at the top as the user scrolls.
                verticalLayoutDirection: ListView.BottomToTop
                model: conversation.messages
                spacing: 2
                cacheBuffer: 800
                reuseItems: true
                boundsBehavior: Flickable.StopAtBounds
                Accessible.name: qsTr("Messages")
                ScrollBar.vertical: ScrollBar {}
                delegate: MessageBubble {
                    width: messageList.width - 12
                    highlighted: messageId === conversation.messages.highlightedMessageId
                    onImageOpened: function(source) { viewer.show(source) }
                    onDeleteForEveryoneRequested: function(messageId) {
                        deleteConfirm.messageId = messageId
                        deleteConfirm.open()
                    }
                    onEditHistoryRequested: function(messageId) { conversation.loadEditHistory(messageId) }
                    onReceiptsRequested: function(messageId) {
                        receiptsDialog.requestedFor = messageId
                        conversation.loadReceipts(messageId)
                    }
                    onAttachmentSaveRequested: function(attachmentId, fileName) {
                        saveDialog.attachmentId = attachmentId
                        // The sender's name is only a suggestion, never a path: its last part, no leading dot.
                        const safe = fileName.replace(/^.*[\\\/]/, "").replace(/^[.\s]+/, "") || "attachment"
                        saveDialog.selectedFile = saveDialog.currentFolder + "/" + safe
                        saveDialog.open()
                    }
                }
                onCountChanged: {
                    if (count > 0 && count - indexAt(0, contentY) < 40)
                        conversation.messages.loadOlder()
                    pageInNewer()
                }
                onContentYChanged: {
                    // Page in older messages before the user reaches the top.
                    const top = indexAt(width / 2, contentY + 4)
                    if (top >= 0 && top > count - 40)
                        conversation.messages.loadOlder()
                    pageInNewer()
                }
                // After a jump to an older message, newer pages come in as the user nears the bottom.
                function pageInNewer() {
                    if (conversation.messages.atNewest)
                        return
                    const bottom = indexAt(width / 2, contentY + height - 4)
                    if (bottom >= 0 && bottom < 40)
                        conversation.messages.loadNewer()
                }
                Connections {
                    // What one sends while reading far back shows up at once: back to the newest.
                    target: conversation
                    function onSent() {
                        if (!conversation.messages.atNewest)
                            conversation.messages.showNewest()
                    }
                }
                Connections {
                    target: conversation.messages
                    function onPositionRequested(row) {
                        messageList.positionViewAtIndex(row, ListView.Center)
                        // Again once the rows around it have their real heights.
                        Qt.callLater(function() {
                            if (row < messageList.count)
                                messageList.positionViewAtIndex(row, ListView.Center)
                        })
                    }
                }
            }

            RoundButton {
                objectName: "jumpToNewestButton"
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 16
                visible: pane.hasPeer && !conversation.messages.atNewest
                text: "↓"
                Accessible.name: qsTr("Jump to the newest messages")
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: conversation.messages.showNewest()
            }

            DropArea {
                id: dropArea
                objectName: "conversationDropArea"
                anchors.fill: parent
                enabled: pane.hasPeer && !conversation.keyChanged
                keys: ["text/uri-list", "text/plain", "image/png", "image/jpeg", "application/x-qt-image"]
                onDropped: function(event) {
                    const files = []
                    const links = []
                    for (const url of event.urls) {
                        if (url.toString().startsWith("file:"))
                            files.push(url)
                        else
                            links.push(url.toString())
                    }
                    if (files.length > 0)
                        conversation.sendFiles(files)
                    else if (event.formats.indexOf("image/png") >= 0)
                        conversation.sendImageBytes(event.getDataAsArrayBuffer("image/png"))
                    else if (links.length > 0)
                        conversation.send(links.join("\n"))
                    else if (event.hasText)
                        conversation.send(event.text)
                    event.accept(Qt.CopyAction)
                }
                Rectangle {
                    anchors.fill: parent
                    visible: dropArea.containsDrag
                    color: Theme.selection
                    opacity: 0.85
                    border.color: Theme.blue
                    border.width: 2
                    radius: 12
                    Label {
                        anchors.centerIn: parent
                        text: qsTr("Drop to send to %1").arg(conversation.peer)
                        font.pixelSize: 18
                    }
                }
            }
        }

        // The contact's account key changed: nothing is sent until the user accepts it.
        Rectangle {
            objectName: "keyChangedBlock"
            visible: conversation.keyChanged
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? keyChangedColumn.implicitHeight + 24 : 0
            color: Theme.danger
            ColumnLayout {
                id: keyChangedColumn
                anchors.fill: parent
                anchors.margins: 12
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.dangerText
                    text: qsTr("The safety number with %1 changed: their account key is not the one you had. This happens when they reinstall, but it could also be someone else. Nothing is sent until you compare the new safety number and accept it.").arg(conversation.peer)
                }
                RowLayout {
                    Button {
                        text: qsTr("Show the safety number")
                        Accessible.name: text
                        onClicked: pane.contactInfoRequested()
                    }
                    Button {
                        objectName: "acceptKeyButton"
                        text: qsTr("Accept the new key")
                        Accessible.name: text
                        onClicked: conversation.acceptNewKey()
                    }
                }
            }
        }

        Composer {
            id: composer
            Layout.fillWidth: true
            visible: !conversation.keyChanged && (!conversation.isGroup || conversation.groupMember)
        }
        Label {
            // A group this account left or was removed from: its history stays, read-only.
            objectName: "leftGroupNotice"
            visible: conversation.isGroup && !conversation.groupMember && conversation.title.length > 0
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            padding: 12
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            text: qsTr("You can no longer send messages to this group.")
        }
    }

    ImageViewer { id: viewer }
    EditHistoryDialog { id: editHistory }
    ReceiptsDialog { id: receiptsDialog }

    Dialog {
        id: deleteConfirm
        objectName: "deleteForEveryoneConfirm"
        property string messageId
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: 440
        modal: true
        title: qsTr("Delete for everyone?")
        contentItem: Label {
            wrapMode: Text.Wrap
            text: qsTr("The message is erased on your devices and on %1's. \"This message was deleted\" stays in its place.").arg(conversation.peer)
        }
        standardButtons: Dialog.Yes | Dialog.No
        Component.onCompleted: {
            standardButton(Dialog.Yes).text = Qt.binding(function() { return qsTr("Delete for everyone") })
            standardButton(Dialog.No).text = Qt.binding(function() { return qsTr("Keep it") })
        }
        onAccepted: conversation.deleteForEveryone(messageId)
    }

    FileDialog {
        id: saveDialog
        property var attachmentId: 0
        title: qsTr("Save attachment as")
        fileMode: FileDialog.SaveFile
        onAccepted: conversation.saveAttachment(attachmentId, selectedFile)
    }

    Dialog {
        id: plaintextConfirm
        objectName: "plaintextConfirm"
        property string pendingText
        property var pendingFiles: []
        property var pendingReaction: null
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: 440
        modal: true
        title: qsTr("Send without encryption?")
        contentItem: Label {
            wrapMode: Text.Wrap
            text: qsTr("%1 has no end-to-end encrypted device. If you send this, the relay can read it.").arg(conversation.peer)
        }
        // Standard buttons with our own words (a custom footer box loops on its size in Qt 6.4).
        standardButtons: Dialog.Yes | Dialog.No
        Component.onCompleted: {
            standardButton(Dialog.Yes).text = Qt.binding(function() { return qsTr("Send unencrypted") })
            standardButton(Dialog.No).text = Qt.binding(function() { return qsTr("Don't send") })
        }
        onAccepted: {
            if (pendingReaction)
                conversation.react(pendingReaction.id, pendingReaction.emoji, pendingReaction.remove, true)
            else if (pendingFiles.length > 0)
                conversation.sendFiles(pendingFiles, true)
            else
                conversation.send(pendingText, true)
            pendingText = ""
            pendingFiles = []
            pendingReaction = null
        }
        onRejected: { pendingText = ""; pendingFiles = []; pendingReaction = null }
    }
    Connections {
        target: conversation
        function onEditHistoryLoaded(messageId, versions) { editHistory.show(versions) }
        function onReceiptsLoaded(messageId, members) {
            // Only the answer the user asked for opens the dialog (others refresh nothing here).
            if (messageId === receiptsDialog.requestedFor) {
                receiptsDialog.requestedFor = ""
                receiptsDialog.show(members)
            }
        }
        function onPlaintextConfirmationNeeded(text) {
            plaintextConfirm.pendingText = text
            plaintextConfirm.pendingFiles = []
            plaintextConfirm.pendingReaction = null
            plaintextConfirm.open()
        }
        function onPlaintextFilesConfirmationNeeded(urls) {
            plaintextConfirm.pendingText = ""
            plaintextConfirm.pendingFiles = urls
            plaintextConfirm.pendingReaction = null
            plaintextConfirm.open()
        }
        function onPlaintextReactionConfirmationNeeded(messageId, emoji, remove) {
            plaintextConfirm.pendingText = ""
            plaintextConfirm.pendingFiles = []
            plaintextConfirm.pendingReaction = { id: messageId, emoji: emoji, remove: remove }
            plaintextConfirm.open()
        }
    }
}
