// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// A group's info: its name (admins rename it), its members with their verification state and
// the admins marked, adding and removing people, making someone an admin, and leaving. Every
// change goes end to end to every member's devices, which check it as this one does.
Dialog {
    id: dialog
    objectName: "groupInfoDialog"
    readonly property var groups: session.groups
    /// The member whose menu is open.
    property string menuFor: ""
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(520, parent ? parent.width - 40 : 520)
    height: Math.min(implicitHeight, parent ? parent.height - 40 : implicitHeight)
    modal: true
    title: qsTr("Group info")
    standardButtons: Dialog.Close

    onAboutToShow: {
        groups.clearError()
        nameEdit.text = groups.name
        adding.visible = false
    }
    Connections {
        target: dialog.groups
        function onGroupChanged() { if (!nameEdit.activeFocus) nameEdit.text = dialog.groups.name }
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacing

        RowLayout {
            spacing: 12
            Layout.fillWidth: true
            GroupAvatar {
                endToEnd: dialog.groups.endToEnd
                Layout.preferredWidth: 48
                Layout.preferredHeight: 48
            }
            ColumnLayout {
                spacing: 2
                Layout.fillWidth: true
                RowLayout {
                    Layout.fillWidth: true
                    TextField {
                        id: nameEdit
                        objectName: "groupNameEdit"
                        Layout.fillWidth: true
                        readOnly: !dialog.groups.isAdmin
                        font.bold: true
                        Accessible.name: dialog.groups.isAdmin ? qsTr("Group name (Enter renames it)") : qsTr("Group name")
                        onAccepted: dialog.groups.rename(text)
                    }
                    Button {
                        objectName: "renameGroupButton"
                        visible: dialog.groups.isAdmin && nameEdit.text.trim() !== dialog.groups.name
                        text: qsTr("Rename")
                        onClicked: dialog.groups.rename(nameEdit.text)
                    }
                }
                Label {
                    objectName: "groupEncryption"
                    text: dialog.groups.endToEnd ? qsTr("End-to-end encrypted: the relay sees neither this group nor who is in it")
                                                 : qsTr("Not encrypted: the relay can read this group's messages")
                    color: dialog.groups.endToEnd ? Theme.blueText : Theme.greenText
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }

        Label {
            objectName: "memberCountLabel"
            text: qsTr("%n member(s)", "", dialog.groups.memberCount)
            font.bold: true
        }
        ListView {
            id: memberList
            objectName: "groupMembers"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 260)
            clip: true
            model: dialog.groups.members
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Members")
            delegate: ItemDelegate {
                id: memberRow
                objectName: "member_" + modelData.account
                width: ListView.view.width
                Accessible.name: (modelData.self ? qsTr("You") : modelData.account)
                                 + (modelData.admin ? ", " + qsTr("admin") : "")
                                 + (modelData.verified ? ", " + qsTr("verified") : "")
                                 + (modelData.keyChanged ? ", " + qsTr("safety number changed") : "")
                contentItem: RowLayout {
                    spacing: Theme.spacing
                    Label {
                        text: modelData.self ? qsTr("You") : modelData.account
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "memberVerified"
                        visible: modelData.verified || modelData.keyChanged
                        text: modelData.keyChanged ? qsTr("Safety number changed") : qsTr("✓ Verified")
                        color: modelData.keyChanged ? Theme.dangerText : Theme.blueText
                        font.pixelSize: 11
                    }
                    Label {
                        objectName: "adminMark"
                        visible: modelData.admin
                        text: qsTr("Admin")
                        color: Theme.secondaryText
                        font.pixelSize: 11
                        padding: 2
                        leftPadding: 6
                        rightPadding: 6
                        background: Rectangle { color: Theme.pane; radius: 8; border.color: Theme.separator }
                    }
                    ToolButton {
                        objectName: "memberMenuButton"
                        visible: dialog.groups.isAdmin && !modelData.self
                        text: "⋯"
                        Accessible.name: qsTr("Actions for %1").arg(modelData.account)
                        onClicked: memberMenu.popup()
                    }
                }
                Menu {
                    id: memberMenu
                    objectName: "memberMenu"
                    MenuItem {
                        objectName: "promoteMenuItem"
                        text: qsTr("Make admin")
                        visible: !modelData.admin
                        height: visible ? implicitHeight : 0
                        onTriggered: dialog.groups.promoteMember(modelData.account)
                    }
                    MenuItem {
                        objectName: "removeMenuItem"
                        text: qsTr("Remove from group")
                        onTriggered: dialog.groups.removeMember(modelData.account)
                    }
                }
            }
        }

        Button {
            objectName: "addMembersButton"
            visible: dialog.groups.isAdmin && !adding.visible
            text: qsTr("Add members…")
            onClicked: {
                dialog.groups.loadCandidates()
                addPicker.clear()
                adding.visible = true
            }
        }
        ColumnLayout {
            id: adding
            objectName: "addMembersPanel"
            visible: false
            Layout.fillWidth: true
            MemberPicker {
                id: addPicker
                objectName: "addMembersPicker"
                Layout.fillWidth: true
                candidates: dialog.groups.candidates
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                text: qsTr("New members read what is sent from now on, never what was sent before.")
            }
            RowLayout {
                Button {
                    objectName: "confirmAddButton"
                    text: qsTr("Add")
                    highlighted: true
                    enabled: addPicker.selected.length > 0 && !dialog.groups.busy
                    onClicked: {
                        dialog.groups.addMembers(addPicker.selected)
                        adding.visible = false
                    }
                }
                Button {
                    text: qsTr("Cancel")
                    onClicked: adding.visible = false
                }
            }
        }

        ErrorLabel {
            objectName: "groupError"
            Layout.fillWidth: true
            text: dialog.groups.errorText
        }

        Button {
            objectName: "leaveGroupButton"
            visible: dialog.groups.isMember
            text: qsTr("Leave group")
            palette.buttonText: Theme.dangerText
            onClicked: leaveConfirmation.open()
        }
        Label {
            objectName: "notAMemberLabel"
            visible: !dialog.groups.isMember && dialog.groups.conversationKey.length > 0
            text: qsTr("You are no longer a member of this group.")
            color: Theme.secondaryText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    Dialog {
        id: leaveConfirmation
        objectName: "leaveConfirmation"
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Leave “%1”?").arg(dialog.groups.name)
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("You will no longer get this group's messages. The conversation stays on this device.")
        }
        footer: DialogButtonBox {
            standardButtons: DialogButtonBox.Cancel
            Button {
                objectName: "confirmLeaveButton"
                text: qsTr("Leave")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
        }
        onAccepted: dialog.groups.leave()
    }
}
