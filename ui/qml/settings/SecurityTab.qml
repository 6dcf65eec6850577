// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// Two-factor sign-in (otpauth QR and a confirmation code) and how the message store is protected.
ScrollView {
    id: tab
    objectName: "securityTab"
    contentWidth: availableWidth
    readonly property var settings: session.settings

    ColumnLayout {
        width: tab.availableWidth
        spacing: Theme.spacing

        Label { text: qsTr("Two-factor sign-in"); font.bold: true }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: tab.settings.totpEnabled
                  ? qsTr("On: signing in on a new device needs a code from your authenticator app.")
                  : qsTr("Off: a password alone signs in a new device. Turn it on to also need a code from an authenticator app.")
        }
        Button {
            objectName: "enableTotpButton"
            visible: !tab.settings.totpEnabled && tab.settings.totpUri.length === 0
            text: qsTr("Turn on two-factor sign-in")
            Accessible.name: text
            enabled: !tab.settings.busy
            onClicked: tab.settings.enableTotp()
        }
        ColumnLayout {
            visible: tab.settings.totpUri.length > 0
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Scan this code with your authenticator app, then type the code it shows.")
            }
            Rectangle {
                color: "white"
                Layout.preferredWidth: 200
                Layout.preferredHeight: 200
                Image {
                    objectName: "totpQr"
                    anchors.fill: parent
                    asynchronous: true
                    smooth: false
                    cache: false
                    sourceSize: Qt.size(200, 200)
                    source: tab.settings.totpUri.length > 0 ? "image://qr/" + encodeURIComponent(tab.settings.totpUri) : ""
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("QR code for the authenticator app")
                }
            }
            TextField {
                text: tab.settings.totpUri
                readOnly: true
                selectByMouse: true
                Layout.fillWidth: true
                Accessible.name: qsTr("Authenticator link")
            }
            RowLayout {
                TextField {
                    id: confirmCode
                    objectName: "totpConfirmCode"
                    placeholderText: qsTr("6-digit code")
                    inputMethodHints: Qt.ImhDigitsOnly
                    Accessible.name: qsTr("Code from the authenticator app")
                    onAccepted: tab.settings.confirmTotp(text)
                }
                Button {
                    text: qsTr("Confirm")
                    Accessible.name: qsTr("Confirm the code")
                    enabled: confirmCode.text.length >= 6 && !tab.settings.busy
                    onClicked: tab.settings.confirmTotp(confirmCode.text)
                }
            }
        }
        RowLayout {
            visible: tab.settings.totpEnabled
            TextField {
                id: disableCode
                placeholderText: qsTr("Current code")
                inputMethodHints: Qt.ImhDigitsOnly
                Accessible.name: qsTr("Current code to turn two-factor sign-in off")
            }
            Button {
                text: qsTr("Turn off")
                Accessible.name: qsTr("Turn two-factor sign-in off")
                enabled: disableCode.text.length >= 6 && !tab.settings.busy
                onClicked: tab.settings.disableTotp(disableCode.text)
            }
        }

        // The account's password at the relay (not the passphrase of this computer's store).
        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.separator }
        Label { text: qsTr("Account password"); font.bold: true }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("The password that signs in new devices. Changing it needs the current one, and the authenticator code when two-factor sign-in is on.")
        }
        GridLayout {
            objectName: "accountPasswordForm"
            columns: 2
            Layout.fillWidth: true
            Label { text: qsTr("Current password") }
            TextField {
                id: oldAccountPassword
                objectName: "oldAccountPassword"
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("Current account password")
            }
            Label { text: qsTr("New password") }
            TextField {
                id: newAccountPassword
                objectName: "newAccountPassword"
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("New account password")
            }
            Label { text: qsTr("Authenticator code"); visible: tab.settings.totpEnabled }
            TextField {
                id: passwordTotp
                objectName: "accountPasswordTotp"
                visible: tab.settings.totpEnabled
                placeholderText: qsTr("6-digit code")
                inputMethodHints: Qt.ImhDigitsOnly
                Accessible.name: qsTr("Code from the authenticator app, to change the account password")
            }
            Item { width: 1 }
            Button {
                objectName: "changeAccountPasswordButton"
                text: qsTr("Change account password")
                Accessible.name: text
                enabled: oldAccountPassword.text.length > 0 && newAccountPassword.text.length > 0
                         && (!tab.settings.totpEnabled || passwordTotp.text.length >= 6) && !tab.settings.busy
                onClicked: {
                    tab.settings.changeAccountPassword(oldAccountPassword.text, newAccountPassword.text,
                                                       passwordTotp.text)
                    oldAccountPassword.text = ""
                    newAccountPassword.text = ""
                    passwordTotp.text = ""
                }
            }
        }

        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.separator }
        Label { text: qsTr("Message store on this computer"); font.bold: true }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: tab.settings.usesPassphrase
                  ? qsTr("Protected by your passphrase: Lapis asks for it when it starts.")
                  : qsTr("Protected by a key in the system keychain: it opens when you log in to this computer.")
        }
        GridLayout {
            visible: tab.settings.usesPassphrase
            columns: 2
            Layout.fillWidth: true
            Label { text: qsTr("Current passphrase") }
            TextField {
                id: oldPassphrase
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("Current passphrase")
            }
            Label { text: qsTr("New passphrase") }
            TextField {
                id: newPassphrase
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("New passphrase")
            }
            Item { width: 1 }
            Button {
                text: qsTr("Change passphrase")
                Accessible.name: text
                enabled: oldPassphrase.text.length > 0 && newPassphrase.text.length > 0 && !tab.settings.busy
                onClicked: {
                    tab.settings.changePassphrase(oldPassphrase.text, newPassphrase.text)
                    oldPassphrase.text = ""
                    newPassphrase.text = ""
                }
            }
        }

        // Switching the protection: the key moves between the keychain and the passphrase file.
        Label {
            text: tab.settings.usesPassphrase ? qsTr("Use the system keychain instead")
                                              : qsTr("Use a passphrase instead")
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: tab.settings.usesPassphrase
                  ? qsTr("The key moves into the system keychain and the passphrase is no longer asked for. Confirm with your current passphrase.")
                  : qsTr("The key is taken out of the system keychain and locked with a passphrase that Lapis asks for when it starts. Without it your messages cannot be opened.")
        }
        GridLayout {
            objectName: "usePassphraseForm"
            visible: !tab.settings.usesPassphrase
            columns: 2
            Layout.fillWidth: true
            Label { text: qsTr("New passphrase") }
            TextField {
                id: chosenPassphrase
                objectName: "chosenPassphrase"
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("New passphrase")
            }
            Label { text: qsTr("Repeat it") }
            TextField {
                id: repeatedPassphrase
                objectName: "repeatedPassphrase"
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("Repeat the new passphrase")
            }
            Item { width: 1 }
            Button {
                objectName: "usePassphraseButton"
                text: qsTr("Protect with this passphrase")
                Accessible.name: text
                enabled: chosenPassphrase.text.length > 0 && repeatedPassphrase.text.length > 0 && !tab.settings.busy
                onClicked: {
                    tab.settings.protectWithPassphrase(chosenPassphrase.text, repeatedPassphrase.text)
                    chosenPassphrase.text = ""
                    repeatedPassphrase.text = ""
                }
            }
        }
        GridLayout {
            objectName: "useKeychainForm"
            visible: tab.settings.usesPassphrase
            columns: 2
            Layout.fillWidth: true
            Label { text: qsTr("Current passphrase") }
            TextField {
                id: confirmingPassphrase
                objectName: "confirmingPassphrase"
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("Current passphrase, to move the key into the keychain")
            }
            Item { width: 1 }
            Button {
                objectName: "useKeychainButton"
                text: qsTr("Use the system keychain")
                Accessible.name: text
                enabled: confirmingPassphrase.text.length > 0 && !tab.settings.busy
                onClicked: {
                    tab.settings.protectWithKeychain(confirmingPassphrase.text)
                    confirmingPassphrase.text = ""
                }
            }
        }
        RowLayout {
            visible: tab.settings.busy
            BusyIndicator { objectName: "protectionBusy"; running: tab.settings.busy }
            Label { text: qsTr("Working…") }
        }
    }
}
