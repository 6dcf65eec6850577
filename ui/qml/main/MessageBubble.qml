// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Lapis.Ui

// One message. Own messages are blue when they went end to end and green when the relay could
// read them; the other side's are grey. A day separator sits above the first message of a day.
Item {
    id: bubble
    objectName: "bubble_" + messageId
    /// A received picture was clicked: the viewer shows it (image://untrusted, decoded sandboxed).
    signal imageOpened(string source)
    /// "Save as…" on an attachment: the conversation asks where (one dialog for all bubbles).
    signal attachmentSaveRequested(var attachmentId, string fileName)
    /// The message a search hit jumped to: marked for a moment.
    property bool highlighted: false
    /// "Delete for everyone" and "Edit history" (the conversation asks and shows, one dialog each).
    signal deleteForEveryoneRequested(string messageId)
    signal editHistoryRequested(string messageId)
    /// "Who has read it" on our message in a group (the conversation shows each member's state).
    signal receiptsRequested(string messageId)
    readonly property color bubbleColor: outgoing ? (endToEnd ? Theme.blue : Theme.green) : Theme.incomingBubble
    readonly property color textColor: outgoing ? "white" : Theme.text
    /// The reactions offered in the context menu.
    readonly property var quickReactions: ["👍", "❤️", "😂", "😮", "😢", "🙏"]
    /// Our own reaction to this message ("" when none).
    readonly property string myReaction: {
        const summary = reactionSummary || []
        for (let i = 0; i < summary.length; ++i)
            if (summary[i].reactors.indexOf(session.account) >= 0)
                return summary[i].emoji
        return ""
    }
    function openMenu() {
        menuLoader.active = true
        menuLoader.item.popup()
    }
    function toggleReaction(emoji) {
        if (emoji === myReaction)
            session.conversation.react(messageId, emoji, true)
        else
            session.conversation.react(messageId, emoji)
    }
    // Sizes are computed one way (text → bubble → row), never from the layout back to the text:
    // no binding loops, so rows keep their height when their data changes.
    readonly property real maxContentWidth: Math.max(80, width * 0.72 - 24)
    readonly property real contentWidth: Math.min(maxContentWidth,
                                                  Math.max(measure.implicitWidth + 2, meta.implicitWidth,
                                                           fileRow.visible ? fileRow.implicitWidth : 0,
                                                           thumbnail.visible ? thumbnail.width : 0,
                                                           senderLabel.visible ? senderLabel.implicitWidth : 0,
                                                           reply.visible ? Math.min(Math.max(replyLabel.implicitWidth, replyAuthorLabel.implicitWidth) + 8, maxContentWidth) : 0))
    implicitHeight: column.height + 4
    height: implicitHeight

    Text {
        id: measure
        visible: false
        text: model.text
        font: bubbleText.font
        textFormat: Text.PlainText
    }

    Column {
        id: column
        width: parent.width
        spacing: 4

        Label {
            objectName: "daySeparator"
            visible: showDaySeparator
            text: dayText
            anchors.horizontalCenter: parent.horizontalCenter
            topPadding: 4
            color: Theme.secondaryText
            font.pixelSize: 11
            padding: 4
            leftPadding: 10
            rightPadding: 10
            background: Rectangle { color: Theme.pane; radius: 10; anchors.topMargin: 4 }
        }

        Row {
            // A notice in the conversation (the disappearing timer changed), not a message.
            objectName: "conversationNotice"
            visible: isNotice
            height: visible ? implicitHeight : 0
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 6
            Accessible.role: Accessible.StaticText
            Accessible.name: model.text
            TimerIcon {
                // The timer's notices; a group's membership notices go without an icon.
                visible: model.noticeKind !== 2
                color: Theme.secondaryText
                anchors.verticalCenter: parent.verticalCenter
            }
            Label {
                text: model.text
                width: Math.min(implicitWidth, bubble.width - 40)
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                font.pixelSize: 12
                topPadding: 4
                bottomPadding: 4
            }
        }

        Item {
            visible: !isNotice
            width: parent.width
            height: visible ? body.height : 0

            Rectangle {
                objectName: "bubbleHighlight"
                anchors.fill: parent
                anchors.margins: -2
                radius: Theme.radius
                color: Theme.selection
                opacity: bubble.highlighted ? 1 : 0
                visible: opacity > 0
                Behavior on opacity { NumberAnimation { duration: 400 } }
            }

            Rectangle {
                id: body
                objectName: "bubbleBody"
                color: bubble.bubbleColor
                radius: Theme.radius
                width: bubble.contentWidth + 24
                height: content.height + 14
                anchors.right: outgoing ? parent.right : undefined
                anchors.left: outgoing ? undefined : parent.left
                Accessible.role: Accessible.StaticText
                Accessible.name: (outgoing ? qsTr("You") : sender) + ": " + model.text + ", " + timeText
                                 + (endToEnd ? "" : ", " + qsTr("not encrypted"))
                                 + (replyToId.length > 0 ? ", " + qsTr("in reply to %1").arg(replyAuthor) : "")
                // Tab reaches a message; the context-menu key or Shift+F10 opens its menu.
                activeFocusOnTab: true
                border.width: activeFocus ? 2 : 0
                border.color: Theme.selection
                Keys.onPressed: function(event) {
                    if (event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
                        bubble.openMenu()
                        event.accepted = true
                    }
                }
                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: bubble.openMenu()
                }

                Column {
                    id: content
                    x: 12
                    y: 7
                    width: bubble.contentWidth
                    spacing: 4

                    Label {
                        // In a group, who wrote it: above the first of someone's messages in a row,
                        // in their colour (never blue or green, which speak of encryption).
                        id: senderLabel
                        objectName: "senderName"
                        visible: model.showSender === true
                        text: sender
                        color: Theme.senderColors[model.senderColor || 0]
                        font.bold: true
                        font.pixelSize: 12
                        elide: Text.ElideRight
                        width: Math.min(implicitWidth, parent.width)
                    }

                    Rectangle {
                        // The quote of a reply: who wrote the answered message and how it began.
                        id: reply
                        objectName: "replyQuote"
                        visible: replyToText.length > 0
                        width: parent.width
                        height: visible ? replyColumn.implicitHeight + 8 : 0
                        color: Qt.rgba(0, 0, 0, 0.12)
                        radius: 6
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("Quote of %1: %2").arg(replyAuthor.length > 0 ? replyAuthor : qsTr("a message"))
                                                                 .arg(replyToText)
                        Rectangle {
                            width: 3
                            height: parent.height
                            radius: 1.5
                            color: bubble.textColor
                            opacity: 0.6
                        }
                        Column {
                            id: replyColumn
                            x: 8
                            y: 4
                            width: parent.width - 12
                            Label {
                                id: replyAuthorLabel
                                objectName: "replyAuthor"
                                visible: replyAuthor.length > 0
                                text: replyAuthor === session.account ? qsTr("You") : replyAuthor
                                color: bubble.textColor
                                font.bold: true
                                font.pixelSize: 11
                            }
                            Label {
                                id: replyLabel
                                objectName: "replyExcerpt"
                                width: parent.width
                                text: replyToText
                                elide: Text.ElideRight
                                maximumLineCount: 2
                                wrapMode: Text.Wrap
                                color: bubble.textColor
                                font.italic: true
                            }
                        }
                    }

                    Image {
                        id: thumbnail
                        objectName: "attachmentThumbnail"
                        // Decoded by lapis-decoder from the engine's encrypted copy (image://untrusted).
                        readonly property bool failed: status === Image.Error
                        visible: attachmentImageSource.length > 0 && !failed
                        source: attachmentImageSource
                        asynchronous: true
                        sourceSize.width: 280
                        fillMode: Image.PreserveAspectFit
                        width: visible ? Math.min(280, bubble.maxContentWidth) : 0
                        height: visible ? Math.min(220, implicitHeight * width / Math.max(1, implicitWidth)) : 0
                        MouseArea {
                            anchors.fill: parent
                            cursorShape: Qt.PointingHandCursor
                            onClicked: bubble.imageOpened(attachmentImageSource)
                        }
                    }
                    Label {
                        // The decoder refused the picture, crashed or hung on it: this one image
                        // is lost, the file itself is still there to save.
                        objectName: "unsafeImagePlaceholder"
                        visible: thumbnail.failed
                        width: Math.min(280, bubble.maxContentWidth)
                        text: qsTr("This image could not be shown safely")
                        color: bubble.textColor
                        font.italic: true
                        wrapMode: Text.Wrap
                    }
                    Row {
                        id: fileRow
                        visible: attachmentName.length > 0 && !thumbnail.visible
                        spacing: 6
                        Rectangle {
                            // A small page: the file icon, drawn (no icon font needed).
                            width: 11
                            height: 14
                            radius: 2
                            color: "transparent"
                            border.color: bubble.textColor
                            border.width: 1.5
                            anchors.verticalCenter: parent.verticalCenter
                        }
                        Label {
                            objectName: "attachmentName"
                            text: attachmentName + (attachmentSize.length > 0 ? " · " + attachmentSize : "")
                            color: bubble.textColor
                            anchors.verticalCenter: parent.verticalCenter
                        }
                        ToolButton {
                            objectName: "attachmentDownload"
                            // Large files (over the size set in Settings) wait for this click.
                            visible: attachmentId > 0 && attachmentState !== 2
                            text: attachmentState === 3 ? qsTr("Retry download") : qsTr("Download")
                            Accessible.name: qsTr("Download %1").arg(attachmentName)
                            onClicked: session.conversation.downloadAttachment(attachmentId)
                        }
                        ToolButton {
                            objectName: "attachmentOpen"
                            visible: attachmentId > 0 && attachmentState === 2
                            text: qsTr("Open")
                            Accessible.name: qsTr("Open %1").arg(attachmentName)
                            onClicked: session.conversation.openAttachment(attachmentId)
                        }
                        ToolButton {
                            objectName: "attachmentSave"
                            visible: attachmentId > 0 && attachmentState === 2
                            text: qsTr("Save as…")
                            Accessible.name: qsTr("Save %1 as").arg(attachmentName)
                            onClicked: bubble.attachmentSaveRequested(attachmentId, attachmentName)
                        }
                    }

                    TextEdit {
                        id: bubbleText
                        objectName: "bubbleText"
                        visible: model.text.length > 0
                        width: parent.width
                        height: visible ? implicitHeight : 0
                        text: model.text
                        readOnly: true
                        selectByMouse: true
                        Keys.onPressed: function(event) {
                            if (event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
                                bubble.openMenu()
                                event.accepted = true
                            }
                        }
                        wrapMode: TextEdit.Wrap
                        color: bubble.textColor
                        selectionColor: outgoing ? "#0b3d91" : Theme.selection
                        font.italic: deleted
                        font.pixelSize: 14
                        textFormat: TextEdit.PlainText
                    }

                    Row {
                        id: meta
                        anchors.right: parent.right
                        spacing: 4
                        Label {
                            objectName: "editedMark"
                            visible: edited && !deleted
                            text: qsTr("edited")
                            color: bubble.textColor
                            font.pixelSize: 10
                            font.underline: editedArea.containsMouse
                            Accessible.role: Accessible.Button
                            Accessible.name: qsTr("Edited: show the edit history")
                            MouseArea {
                                id: editedArea
                                anchors.fill: parent
                                hoverEnabled: true
                                cursorShape: Qt.PointingHandCursor
                                onClicked: bubble.editHistoryRequested(messageId)
                            }
                        }
                        TimerIcon {
                            visible: disappearing
                            width: 9
                            height: 9
                            anchors.verticalCenter: parent.verticalCenter
                            color: bubble.textColor
                            Accessible.name: qsTr("Disappearing message")
                        }
                        Label {
                            visible: !endToEnd
                            text: qsTr("not encrypted")
                            color: bubble.textColor
                            font.pixelSize: 10
                        }
                        Label {
                            text: timeText
                            color: bubble.textColor
                            font.pixelSize: 10
                        }
                        Label {
                            // Sent, delivered, read (and waiting, failed) for our own messages.
                            objectName: "deliveryMark"
                            visible: outgoing
                            font.pixelSize: 10
                            // Read is bold rather than a paler colour: a paler one fails contrast on the bubble.
                            color: bubble.textColor
                            font.bold: deliveryState === 3
                            text: ["…", "✓", "✓✓", "✓✓", "!"][deliveryState]
                            Accessible.name: [qsTr("Waiting to send"), qsTr("Sent"), qsTr("Delivered"), qsTr("Read"),
                                              qsTr("Not sent")][deliveryState]
                            ToolTip.visible: markArea.containsMouse
                            ToolTip.text: Accessible.name
                            MouseArea { id: markArea; anchors.fill: parent; hoverEnabled: true }
                        }
                    }
                }
            }
        }

        Flow {
            // Reactions under the bubble: each emoji once, with how many chose it.
            id: reactionRow
            objectName: "reactionRow"
            visible: reactionRepeater.count > 0
            width: Math.min(parent.width, body.width + 40)
            anchors.right: outgoing ? parent.right : undefined
            layoutDirection: outgoing ? Qt.RightToLeft : Qt.LeftToRight
            spacing: 4
            Repeater {
                id: reactionRepeater
                model: reactionSummary
                delegate: AbstractButton {
                    objectName: "reactionChip"
                    readonly property bool mine: modelData.reactors.indexOf(session.account) >= 0
                    implicitWidth: chipLabel.implicitWidth + 14
                    implicitHeight: chipLabel.implicitHeight + 6
                    Accessible.role: Accessible.Button
                    Accessible.name: qsTr("%1 from %2").arg(modelData.emoji).arg(modelData.reactors.join(", "))
                    ToolTip.visible: hovered
                    ToolTip.text: Accessible.name
                    onClicked: bubble.toggleReaction(modelData.emoji)
                    background: Rectangle {
                        radius: height / 2
                        color: Theme.pane
                        border.width: parent.mine || parent.activeFocus ? 1.5 : 1
                        border.color: parent.mine ? Theme.blue : Theme.separator
                    }
                    contentItem: Label {
                        id: chipLabel
                        text: modelData.count > 1 ? modelData.emoji + " " + modelData.count : modelData.emoji
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        font.pixelSize: 12
                    }
                }
            }
        }
    }

    // Made on first use only: a menu per row would slow every scroll.
    Loader {
        id: menuLoader
        active: false
        sourceComponent: Menu {
            id: menu
            objectName: "messageMenu"
            MenuItem {
                objectName: "replyMenuItem"
                text: qsTr("Reply")
                Accessible.name: qsTr("Reply to this message")
                onTriggered: session.conversation.startReply(messageId)
            }
            MenuSeparator {}
            MenuItem {
                objectName: "editMenuItem"
                visible: canChange && !deleted
                height: visible ? implicitHeight : 0
                text: qsTr("Edit")
                Accessible.name: qsTr("Edit this message")
                onTriggered: session.conversation.startEdit(messageId)
            }
            MenuItem {
                objectName: "editHistoryMenuItem"
                visible: edited && !deleted
                height: visible ? implicitHeight : 0
                text: qsTr("Edit history")
                Accessible.name: qsTr("Show the earlier versions of this message")
                onTriggered: bubble.editHistoryRequested(messageId)
            }
            MenuItem {
                objectName: "receiptsMenuItem"
                visible: outgoing && !isNotice && session.conversation.isGroup
                height: visible ? implicitHeight : 0
                text: qsTr("Who has read it")
                Accessible.name: qsTr("Show who has received and read this message")
                onTriggered: bubble.receiptsRequested(messageId)
            }
            MenuItem {
                objectName: "deleteForMeMenuItem"
                text: qsTr("Delete for me")
                Accessible.name: qsTr("Delete this message from this device")
                onTriggered: session.conversation.deleteForMe(messageId)
            }
            MenuItem {
                objectName: "deleteForEveryoneMenuItem"
                visible: canChange && !deleted
                height: visible ? implicitHeight : 0
                text: qsTr("Delete for everyone")
                Accessible.name: qsTr("Delete this message on every device of both sides")
                onTriggered: bubble.deleteForEveryoneRequested(messageId)
            }
            MenuSeparator {}
            MenuItem {
                objectName: "removeReactionMenuItem"
                visible: bubble.myReaction.length > 0
                height: visible ? implicitHeight : 0
                text: qsTr("Remove my reaction")
                Accessible.name: text
                onTriggered: session.conversation.react(messageId, bubble.myReaction, true)
            }
            Instantiator {
                model: bubble.quickReactions
                delegate: MenuItem {
                    objectName: "reactMenuItem"
                    text: modelData === bubble.myReaction ? qsTr("%1 (yours)").arg(modelData) : modelData
                    Accessible.name: modelData === bubble.myReaction ? qsTr("Remove your reaction %1").arg(modelData)
                                                                     : qsTr("React with %1").arg(modelData)
                    onTriggered: bubble.toggleReaction(modelData)
                }
                // After "Reply", the changes and the second separator.
                onObjectAdded: function(index, object) { menu.insertItem(index + 7, object) }
                onObjectRemoved: function(index, object) { menu.removeItem(object) }
            }
        }
    }
}
