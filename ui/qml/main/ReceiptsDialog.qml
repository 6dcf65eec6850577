// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// Who of a group's members has our message, and who has read it (with read receipts on their
// side; otherwise a read shows as delivered).
Dialog {
    id: dialog
    objectName: "receiptsDialog"
    property var members: []
    /// The message whose receipts the user asked for (its answer opens the dialog).
    property string requestedFor: ""
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(420, parent ? parent.width - 40 : 420)
    modal: true
    title: qsTr("Who has read it")
    standardButtons: Dialog.Close

    function show(list) {
        members = list
        open()
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            objectName: "receiptsSummary"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Read by %1 of %2").arg(dialog.members.filter(m => m.state === 2).length)
                                          .arg(dialog.members.length)
        }
        Repeater {
            model: dialog.members
            delegate: RowLayout {
                objectName: "receipt_" + modelData.account
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: modelData.account + ": " + modelData.stateText
                                 + (modelData.time.length > 0 ? ", " + modelData.time : "")
                Label { text: modelData.account; Layout.fillWidth: true; elide: Text.ElideRight }
                Label {
                    objectName: "receiptState"
                    text: modelData.stateText + (modelData.time.length > 0 ? " · " + modelData.time : "")
                    color: modelData.state === 2 ? Theme.blueText : Theme.secondaryText
                }
            }
        }
    }
}
