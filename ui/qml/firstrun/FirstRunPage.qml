// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// First run: create an account on a relay, or link this computer to an existing account.
Page {
    id: page
    objectName: "firstRunPage"
    background: Rectangle { color: Theme.window }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(560, parent.width - 48)
            x: (parent.width - width) / 2
            spacing: Theme.spacing * 1.5

            Item { Layout.preferredHeight: 24 }
            Label {
                text: qsTr("Welcome to Lapis")
                font.pixelSize: 28
                font.bold: true
            }
            Label {
                text: qsTr("Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                color: Theme.secondaryText
            }

            TabBar {
                id: tabs
                Layout.fillWidth: true
                TabButton { text: qsTr("Create an account"); Accessible.name: text }
                TabButton { text: qsTr("Link to an existing account"); Accessible.name: text }
            }

            Label { text: qsTr("Relay (host:port)") }
            TextField {
                id: relay
                objectName: "relayField"
                Layout.fillWidth: true
                text: session.defaultRelay
                placeholderText: qsTr("relay.example.org:7443")
                Accessible.name: qsTr("Relay address")
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhUrlCharactersOnly
            }
            CertificateBox {
                id: certificate
                relayAddress: relay.text
                Layout.fillWidth: true
            }

            GridLayout {
                columns: 2
                visible: tabs.currentIndex === 0
                Layout.fillWidth: true
                Label { text: qsTr("User name") }
                TextField {
                    id: username
                    objectName: "usernameField"
                    Layout.fillWidth: true
                    Accessible.name: qsTr("User name")
                    inputMethodHints: Qt.ImhNoAutoUppercase
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: password
                    objectName: "passwordField"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    Accessible.name: qsTr("Password")
                }
            }

            Label {
                text: qsTr("Passphrase for this computer's message store (leave empty to keep the key in the system keychain)")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            TextField {
                id: passphrase
                objectName: "passphraseField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                Accessible.name: qsTr("Store passphrase")
            }

            ErrorLabel {
                objectName: "firstRunError"
                text: session.errorText
                Layout.fillWidth: true
            }
            RowLayout {
                BusyIndicator {
                    running: session.busy
                    visible: session.busy
                    Layout.preferredHeight: 32
                    Layout.preferredWidth: 32
                }
                Label { text: session.busyText; visible: session.busy }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "createButton"
                    visible: tabs.currentIndex === 0
                    text: qsTr("Create account")
                    highlighted: true
                    enabled: !session.busy && certificate.accepted && username.text.length > 0 && password.text.length > 0
                    Accessible.name: text
                    onClicked: session.createAccount(relay.text, username.text, password.text, passphrase.text)
                }
                Button {
                    objectName: "linkButton"
                    visible: tabs.currentIndex === 1
                    text: qsTr("Show the link code")
                    highlighted: true
                    enabled: !session.busy && certificate.accepted
                    Accessible.name: text
                    onClicked: session.linkToAccount(relay.text, passphrase.text)
                }
            }
            Item { Layout.preferredHeight: 24 }
        }
    }
}
