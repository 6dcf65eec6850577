// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// How this computer's message store is protected, asked wherever a profile is made (a new
// account, linking, signing in, restoring a backup): a passphrase, or, left empty, a key kept in
// the system keychain.
ColumnLayout {
    id: box
    property alias text: field.text
    property alias fieldObjectName: field.objectName
    signal accepted()

    Label {
        text: qsTr("Passphrase for this computer's message store (leave empty to keep the key in the system keychain)")
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    TextField {
        id: field
        Layout.fillWidth: true
        echoMode: TextInput.Password
        enabled: !session.busy
        Accessible.name: qsTr("Store passphrase")
        Accessible.description: qsTr("Leave empty to keep the key in the system keychain")
        onAccepted: box.accepted()
    }
}
