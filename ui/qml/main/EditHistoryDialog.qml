// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// The earlier texts of an edited message, oldest first, each with when it was written.
Dialog {
    id: dialog
    objectName: "editHistoryDialog"
    property var versions: []
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(460, parent ? parent.width - 40 : 460)
    modal: true
    title: qsTr("Edit history")
    standardButtons: Dialog.Close

    function show(list) {
        versions = list
        open()
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            visible: dialog.versions.length === 0
            text: qsTr("No earlier versions are kept on this device.")
            color: Theme.secondaryText
        }
        Repeater {
            model: dialog.versions
            delegate: ColumnLayout {
                objectName: "editHistoryEntry"
                Layout.fillWidth: true
                spacing: 2
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("%1, written %2").arg(modelData.text).arg(modelData.time)
                Label {
                    text: modelData.time
                    color: Theme.secondaryText
                    font.pixelSize: 11
                }
                Label {
                    text: modelData.text
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }
}
