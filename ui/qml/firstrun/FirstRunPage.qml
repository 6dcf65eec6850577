// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// First run: create an account on a relay, link this computer to an existing account, or sign
// in to one with its password (and the code its other devices show); or restore a backup.
Page {
    id: page
    objectName: "firstRunPage"
    background: Rectangle { color: Theme.window }

    /// The user chose to restore a backup instead (Main.qml shows RestorePage).
    signal restoreRequested()

    readonly property bool canCreate: !session.busy && certificate.accepted && username.text.length > 0 && password.text.length > 0
    readonly property bool canSignIn: canCreate && (!session.signInNeedsCode || signInCode.text.trim().length === 6)

    // Enter in any field does what the visible button does.
    function submit() {
        if (tabs.currentIndex === 0 && canCreate)
            session.createAccount(relay.text, username.text, password.text, passphrase.text)
        else if (tabs.currentIndex === 1 && !session.busy && certificate.accepted)
            session.linkToAccount(relay.text, passphrase.text)
        else if (tabs.currentIndex === 2 && canSignIn)
            session.signIn(relay.text, username.text, password.text, passphrase.text, deviceNameField.text,
                           session.signInNeedsCode ? signInCode.text.trim() : "")
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(560, parent.width - 48)
            x: (parent.width - width) / 2
            // Compact enough that every way in, with its button, fits a 1280×800 screen unscrolled.
            spacing: Theme.spacing

            Item { Layout.preferredHeight: 4 }
            Label {
                text: qsTr("Welcome to Lapis")
                font.pixelSize: 24
                font.bold: true
            }
            Label {
                text: qsTr("Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                color: Theme.secondaryText
            }

            // The third way in: everything comes back from an encrypted backup file.
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: qsTr("Have a backup of your messages?")
                    color: Theme.secondaryText
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "restoreChoiceButton"
                    text: qsTr("Restore from a backup")
                    enabled: !session.busy
                    Accessible.name: text
                    Accessible.description: qsTr("Bring back your account and conversations from an encrypted backup file")
                    onClicked: page.restoreRequested()
                }
            }
            TabBar {
                id: tabs
                objectName: "firstRunTabs"
                Layout.fillWidth: true
                PageTab { text: qsTr("Create an account") }
                PageTab { text: qsTr("Link to an existing account") }
                PageTab { objectName: "signInTab"; text: qsTr("Sign in with password") }
            }

            Label { text: qsTr("Relay (host:port; several relays: separated by commas)") }
            TextField {
                id: relay
                objectName: "relayField"
                Layout.fillWidth: true
                text: session.defaultRelay
                placeholderText: qsTr("relay.example.org:7443")
                Accessible.name: qsTr("Relay address")
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhUrlCharactersOnly
                onAccepted: page.submit()
            }
            CertificateBox {
                id: certificate
                relayAddress: relay.text
                Layout.fillWidth: true
            }

            GridLayout {
                columns: 2
                visible: tabs.currentIndex === 0 || tabs.currentIndex === 2
                Layout.fillWidth: true
                Label { text: qsTr("User name") }
                TextField {
                    id: username
                    objectName: "usernameField"
                    Layout.fillWidth: true
                    Accessible.name: qsTr("User name")
                    inputMethodHints: Qt.ImhNoAutoUppercase
                    onAccepted: page.submit()
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: password
                    objectName: "passwordField"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    Accessible.name: qsTr("Password")
                    onAccepted: page.submit()
                }
                Label { text: qsTr("Device name"); visible: tabs.currentIndex === 2 }
                TextField {
                    id: deviceNameField
                    objectName: "deviceNameField"
                    visible: tabs.currentIndex === 2
                    Layout.fillWidth: true
                    placeholderText: qsTr("This computer")
                    Accessible.name: qsTr("Device name")
                    onAccepted: page.submit()
                }
            }

            ColumnLayout {
                objectName: "signInCodeBox"
                visible: tabs.currentIndex === 2 && session.signInNeedsCode
                Layout.fillWidth: true
                Label {
                    objectName: "signInCodeHint"
                    text: qsTr("Open Lapis on one of your other devices: it shows a six-digit sign-in code for this device.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                TextField {
                    id: signInCode
                    objectName: "signInCodeField"
                    Layout.preferredWidth: 160
                    maximumLength: 6
                    placeholderText: qsTr("123456")
                    font.family: "monospace"
                    font.pixelSize: 20
                    inputMethodHints: Qt.ImhDigitsOnly
                    validator: RegularExpressionValidator { regularExpression: /[0-9]{0,6}/ }
                    Accessible.name: qsTr("Six-digit sign-in code")
                    onAccepted: page.submit()
                }
            }

            StoreProtectionField {
                id: passphrase
                fieldObjectName: "passphraseField"
                Layout.fillWidth: true
                onAccepted: page.submit()
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
                    enabled: page.canCreate
                    Accessible.name: text
                    onClicked: page.submit()
                }
                Button {
                    objectName: "linkButton"
                    visible: tabs.currentIndex === 1
                    text: qsTr("Show the link code")
                    highlighted: true
                    enabled: !session.busy && certificate.accepted
                    Accessible.name: text
                    onClicked: page.submit()
                }
                Button {
                    objectName: "signInButton"
                    visible: tabs.currentIndex === 2
                    text: qsTr("Sign in")
                    highlighted: true
                    enabled: page.canSignIn
                    Accessible.name: text
                    onClicked: page.submit()
                }
            }
            Item { Layout.preferredHeight: 24 }
        }
    }
}
