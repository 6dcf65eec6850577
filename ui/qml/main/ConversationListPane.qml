// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// Conversations with unread counts, last message and the blue or green mark; search over all
// messages; files dropped onto a contact are sent to that contact.
Rectangle {
    id: pane
    color: Theme.pane
    signal settingsRequested()
    signal newGroupRequested()

    function focusSearch() { search.forceActiveFocus() }
    function focusNewConversation() { newConversation.forceActiveFocus() }
    // Opens the conversation of a search hit at that message.
    function openHit(index) {
        const hit = session.searchResults[index]
        if (!hit || hit.peer.length === 0)
            return
        session.conversation.openAt(hit.peer, hit.messageId)
        search.text = ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: session.account
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Rectangle {
                width: 10; height: 10; radius: 5
                color: session.online ? Theme.green : Theme.secondaryText
                Accessible.role: Accessible.Indicator
                Accessible.name: session.online ? qsTr("Connected to the relay") : qsTr("Not connected to the relay")
                ToolTip.visible: onlineArea.containsMouse
                ToolTip.text: Accessible.name
                MouseArea { id: onlineArea; anchors.fill: parent; hoverEnabled: true }
            }
            ToolButton {
                objectName: "settingsButton"
                text: "⚙"
                font.pixelSize: 18
                Accessible.name: qsTr("Settings")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Settings (Ctrl+,)")
                onClicked: pane.settingsRequested()
            }
        }
        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search all messages")
            Accessible.name: qsTr("Search all messages")
            onTextChanged: session.search(text)
            Keys.onEscapePressed: text = ""
            // Enter opens the selected hit (the first one unless the user moved down the list).
            onAccepted: if (searchResults.count > 0) pane.openHit(Math.max(searchResults.currentIndex, 0))
            Keys.onDownPressed: {
                if (searchResults.count > 0) {
                    searchResults.currentIndex = 0
                    searchResults.forceActiveFocus()
                }
            }
        }
        TextField {
            id: newConversation
            objectName: "newConversationField"
            Layout.fillWidth: true
            visible: search.text.length === 0
            placeholderText: qsTr("New conversation: user name, then Enter")
            Accessible.name: qsTr("Start a conversation with a user name")
            inputMethodHints: Qt.ImhNoAutoUppercase
            onAccepted: {
                if (text.trim().length > 0) {
                    session.openConversation(text.trim())
                    text = ""
                }
            }
        }

        Button {
            objectName: "newGroupButton"
            Layout.fillWidth: true
            visible: search.text.length === 0
            flat: true
            text: qsTr("New group…")
            Accessible.name: qsTr("New group")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("New group (Ctrl+Shift+N)")
            onClicked: pane.newGroupRequested()
        }

        ListView {
            id: searchResults
            objectName: "searchResults"
            visible: search.text.length > 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: session.searchResults
            keyNavigationEnabled: true
            Accessible.name: qsTr("Messages found")
            Keys.onReturnPressed: pane.openHit(currentIndex)
            Keys.onEnterPressed: pane.openHit(currentIndex)
            Keys.onEscapePressed: search.text = ""
            delegate: ItemDelegate {
                objectName: "searchHit_" + index
                width: ListView.view.width
                highlighted: ListView.isCurrentItem && searchResults.activeFocus
                Accessible.name: modelData.title + ": " + modelData.text
                contentItem: ColumnLayout {
                    Label { text: modelData.title; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                    Label {
                        text: modelData.text
                        elide: Text.ElideRight
                        maximumLineCount: 2
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                    }
                }
                onClicked: pane.openHit(index)
            }
            Label {
                anchors.centerIn: parent
                visible: searchResults.count === 0
                text: qsTr("No messages found")
                color: Theme.secondaryText
            }
        }

        ListView {
            id: list
            objectName: "conversationList"
            visible: search.text.length === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: session.conversations
            keyNavigationEnabled: true
            Accessible.name: qsTr("Conversations")
            delegate: ItemDelegate {
                id: row
                objectName: "conversation_" + peer
                width: ListView.view.width
                height: 64
                highlighted: peer === session.conversation.peer
                Accessible.name: (isGroup ? qsTr("%1, group of %2, %3 unread, %4").arg(title).arg(memberCount)
                                          : qsTr("%1, %2 unread, %3").arg(title))
                                 .arg(unreadCount)
                                 .arg(endToEnd ? qsTr("end-to-end encrypted") : qsTr("not encrypted"))
                background: Rectangle {
                    color: row.highlighted ? Theme.selection : (drop.containsDrag ? Theme.selection : "transparent")
                    radius: 8
                }
                contentItem: RowLayout {
                    spacing: Theme.spacing
                    GroupAvatar {
                        objectName: "groupMark"
                        visible: isGroup
                        endToEnd: model.endToEnd
                        Layout.preferredWidth: 40
                        Layout.preferredHeight: 40
                    }
                    Rectangle {
                        // The blue or green mark: the avatar's colour.
                        objectName: "conversationMark"
                        visible: !isGroup
                        Layout.preferredWidth: 40
                        Layout.preferredHeight: 40
                        radius: 20
                        color: endToEnd ? Theme.blue : Theme.green
                        Label {
                            anchors.centerIn: parent
                            text: title.length > 0 ? title.charAt(0).toUpperCase() : "?"
                            color: "white"
                            font.bold: true
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        RowLayout {
                            Label {
                                text: title
                                font.bold: unreadCount > 0
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                visible: verified
                                text: "✓"
                                color: Theme.blueText
                                Accessible.name: qsTr("Verified")
                            }
                            Label { text: lastActivityText; color: Theme.secondaryText; font.pixelSize: 11 }
                        }
                        RowLayout {
                            Label {
                                text: keyChanged ? qsTr("Safety number changed") : lastMessage
                                color: keyChanged ? Theme.dangerText : Theme.secondaryText
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Rectangle {
                                objectName: "unreadBadge"
                                visible: unreadCount > 0
                                color: endToEnd ? Theme.blue : Theme.green
                                radius: 9
                                Layout.preferredHeight: 18
                                Layout.preferredWidth: Math.max(18, unreadLabel.implicitWidth + 10)
                                Label {
                                    id: unreadLabel
                                    anchors.centerIn: parent
                                    text: unreadCount
                                    color: "white"
                                    font.pixelSize: 11
                                    font.bold: true
                                }
                            }
                        }
                    }
                }
                onClicked: session.openConversation(peer)
                DropArea {
                    id: drop
                    anchors.fill: parent
                    onDropped: function(event) {
                        session.openConversation(peer)
                        if (event.hasUrls)
                            session.conversation.sendFiles(event.urls)
                        event.accept()
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - 24
                visible: list.count === 0 && session.conversations.loaded
                text: qsTr("No conversations yet. Type a user name above to start one.")
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                color: Theme.secondaryText
            }
        }
    }
}
