// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

ScrollView {
    id: tab
    objectName: "appearanceTab"
    contentWidth: availableWidth
    readonly property var settings: session.settings

    ColumnLayout {
        width: tab.availableWidth
        spacing: Theme.spacing

        Label { text: qsTr("Theme"); font.bold: true }
        ButtonGroup { id: themeGroup }
        RadioButton {
            text: qsTr("Follow the system")
            checked: tab.settings.theme === SettingsController.FollowSystem
            ButtonGroup.group: themeGroup
            onClicked: tab.settings.theme = SettingsController.FollowSystem
        }
        RadioButton {
            text: qsTr("Light")
            checked: tab.settings.theme === SettingsController.Light
            ButtonGroup.group: themeGroup
            onClicked: tab.settings.theme = SettingsController.Light
        }
        RadioButton {
            text: qsTr("Dark")
            checked: tab.settings.theme === SettingsController.Dark
            ButtonGroup.group: themeGroup
            onClicked: tab.settings.theme = SettingsController.Dark
        }

        Label { text: qsTr("Language"); font.bold: true }
        ComboBox {
            id: language
            objectName: "languageBox"
            model: shell.languages()
            textRole: "name"
            valueRole: "code"
            Layout.preferredWidth: 260
            Accessible.name: qsTr("Language")
            Component.onCompleted: currentIndex = indexOfValue(tab.settings.language)
            onActivated: tab.settings.language = currentValue
        }

        Label { text: qsTr("Notifications"); font.bold: true }
        Switch {
            text: qsTr("Show the message text in notifications")
            checked: tab.settings.notificationPreviews
            Accessible.name: text
            onToggled: tab.settings.notificationPreviews = checked
        }

        Label { text: qsTr("Attachments"); font.bold: true }
        RowLayout {
            Label { text: qsTr("Download received files up to") }
            SpinBox {
                objectName: "autoDownloadLimit"
                from: 0
                to: 2048
                editable: true
                value: tab.settings.autoDownloadMiB
                Accessible.name: qsTr("Largest file downloaded without asking, in MiB")
                onValueModified: tab.settings.autoDownloadMiB = value
            }
            Label { text: qsTr("MiB without asking; larger ones wait for a click") }
        }
    }
}
