// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// The main window: conversations on one side, the open conversation on the other.
Page {
    id: page
    objectName: "mainPage"
    background: Rectangle { color: Theme.window }

    function openSettings() { settingsDialog.open() }
    function openContactInfo() {
        if (session.conversation.peer.length === 0)
            return
        if (session.conversation.isGroup) {
            session.groups.load(session.conversation.peer)
            groupInfo.open()
            return
        }
        session.conversation.loadSafetyNumber()
        contactInfo.open()
    }
    function openNewGroup() { newGroup.open() }

    // A row layout rather than a SplitView: layouts follow LayoutMirroring, so right-to-left
    // languages get the list on the right.
    RowLayout {
        anchors.fill: parent
        spacing: 0

        ConversationListPane {
            id: listPane
            objectName: "conversationListPane"
            Layout.preferredWidth: Math.max(240, Math.min(340, page.width * 0.32))
            Layout.fillHeight: true
            onSettingsRequested: page.openSettings()
            onNewGroupRequested: page.openNewGroup()
        }
        Rectangle { Layout.fillHeight: true; Layout.preferredWidth: 1; color: Theme.separator }
        ConversationPane {
            id: conversationPane
            Layout.fillWidth: true
            Layout.fillHeight: true
            onContactInfoRequested: page.openContactInfo()
        }
    }

    ContactInfoDialog { id: contactInfo }
    GroupInfoDialog { id: groupInfo }
    NewGroupDialog { id: newGroup }
    SettingsDialog { id: settingsDialog }

    Shortcut { sequence: "Ctrl+F"; onActivated: listPane.focusSearch() }
    Shortcut { sequence: "Ctrl+N"; onActivated: listPane.focusNewConversation() }
    Shortcut { sequence: "Ctrl+Shift+N"; onActivated: page.openNewGroup() }
    Shortcut { sequence: "Ctrl+,"; onActivated: page.openSettings() }
    Shortcut { sequence: "Ctrl+I"; onActivated: page.openContactInfo() }
    Shortcut { sequence: "Ctrl+L"; onActivated: conversationPane.focusComposer() }
}
