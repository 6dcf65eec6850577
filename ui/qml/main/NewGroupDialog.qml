// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// "New group": a name and the people in it. Only people reached end to end can be chosen: the
// relay never learns of the group, its name or who is in it.
Dialog {
    id: dialog
    objectName: "newGroupDialog"
    readonly property var groups: session.groups
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(440, parent ? parent.width - 40 : 440)
    modal: true
    title: qsTr("New group")

    onAboutToShow: {
        groups.clearError()
        groups.load("")
        groups.loadCandidates()
        nameField.text = ""
        picker.clear()
        nameField.forceActiveFocus()
    }
    function create() {
        groups.createGroup(nameField.text, picker.selected)
    }
    Connections {
        target: dialog.groups
        function onCreated() { dialog.close() }
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacing

        TextField {
            id: nameField
            objectName: "groupNameField"
            Layout.fillWidth: true
            placeholderText: qsTr("Group name")
            Accessible.name: qsTr("Group name")
            maximumLength: 64
        }
        Label {
            text: qsTr("Members")
            font.bold: true
        }
        MemberPicker {
            id: picker
            objectName: "newGroupMembers"
            Layout.fillWidth: true
            candidates: dialog.groups.candidates
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.blueText
            text: qsTr("End-to-end encrypted: the relay sees neither the group's name nor who is in it.")
        }
        ErrorLabel {
            objectName: "newGroupError"
            Layout.fillWidth: true
            text: dialog.groups.errorText
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "createGroupButton"
            text: dialog.groups.busy ? qsTr("Creating…") : qsTr("Create group")
            enabled: !dialog.groups.busy && nameField.text.trim().length > 0 && picker.selected.length > 0
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.create()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
