// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// Settings → Privacy: what others learn of what you do. Off means neither sent nor shown.
ScrollView {
    id: tab
    objectName: "privacyTab"
    contentWidth: availableWidth
    readonly property var settings: session.settings

    ColumnLayout {
        width: tab.availableWidth
        spacing: Theme.spacing

        Switch {
            objectName: "typingIndicatorsSwitch"
            text: qsTr("Typing indicators")
            checked: tab.settings.typingIndicators
            onToggled: tab.settings.typingIndicators = checked
            Accessible.name: text
        }
        Label {
            text: qsTr("When off, nobody sees when you are typing, and you do not see when others are.")
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            Layout.fillWidth: true
        }
        Switch {
            objectName: "readReceiptsSwitch"
            text: qsTr("Read receipts")
            checked: tab.settings.readReceipts
            onToggled: tab.settings.readReceipts = checked
            Accessible.name: text
        }
        Label {
            text: qsTr("When off, nobody learns that you read their messages, and you do not see when others read yours.")
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
