// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Lapis.Ui

// One message. Own messages are blue when they went end to end and green when the relay could
// read them; the other side's are grey. A day separator sits above the first message of a day.
Item {
    id: bubble
    objectName: "bubble_" + messageId
    signal imageOpened(url source)
    readonly property color bubbleColor: outgoing ? (endToEnd ? Theme.blue : Theme.green) : Theme.incomingBubble
    readonly property color textColor: outgoing ? "white" : Theme.text
    // Sizes are computed one way (text → bubble → row), never from the layout back to the text:
    // no binding loops, so rows keep their height when their data changes.
    readonly property real maxContentWidth: Math.max(80, width * 0.72 - 24)
    readonly property real contentWidth: Math.min(maxContentWidth,
                                                  Math.max(measure.implicitWidth + 2, meta.implicitWidth,
                                                           fileRow.visible ? fileRow.implicitWidth : 0,
                                                           thumbnail.visible ? thumbnail.width : 0,
                                                           reply.visible ? Math.min(replyLabel.implicitWidth + 8, maxContentWidth) : 0))
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

        Item {
            width: parent.width
            height: body.height

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

                Column {
                    id: content
                    x: 12
                    y: 7
                    width: bubble.contentWidth
                    spacing: 4

                    Rectangle {
                        id: reply
                        visible: replyToText.length > 0
                        width: parent.width
                        height: visible ? replyLabel.implicitHeight + 8 : 0
                        color: Qt.rgba(0, 0, 0, 0.12)
                        radius: 6
                        Label {
                            id: replyLabel
                            anchors.fill: parent
                            anchors.margins: 4
                            text: replyToText
                            elide: Text.ElideRight
                            color: bubble.textColor
                            font.italic: true
                        }
                    }

                    Image {
                        id: thumbnail
                        objectName: "attachmentThumbnail"
                        visible: attachmentIsImage && attachmentUrl.toString().length > 0
                        source: visible ? attachmentUrl : ""
                        asynchronous: true
                        sourceSize.width: 280
                        fillMode: Image.PreserveAspectFit
                        width: visible ? Math.min(280, bubble.maxContentWidth) : 0
                        height: visible ? Math.min(220, implicitHeight * width / Math.max(1, implicitWidth)) : 0
                        MouseArea {
                            anchors.fill: parent
                            cursorShape: Qt.PointingHandCursor
                            onClicked: bubble.imageOpened(attachmentUrl)
                        }
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
                            visible: attachmentUrl.toString().length > 0
                            text: qsTr("Open")
                            Accessible.name: qsTr("Open %1").arg(attachmentName)
                            onClicked: Qt.openUrlExternally(attachmentUrl)
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
                            visible: reactions.length > 0
                            text: reactions
                        }
                        Label {
                            visible: edited
                            text: qsTr("edited")
                            color: bubble.textColor
                            opacity: 0.7
                            font.pixelSize: 10
                        }
                        Label {
                            visible: !endToEnd
                            text: qsTr("not encrypted")
                            color: bubble.textColor
                            opacity: 0.8
                            font.pixelSize: 10
                        }
                        Label {
                            text: timeText
                            color: bubble.textColor
                            opacity: 0.7
                            font.pixelSize: 10
                        }
                        Label {
                            // Sent, delivered, read (and waiting, failed) for our own messages.
                            objectName: "deliveryMark"
                            visible: outgoing
                            font.pixelSize: 10
                            color: deliveryState === 3 ? "#bfe3ff" : bubble.textColor
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
    }
}
