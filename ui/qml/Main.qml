// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1024
    height: 700
    minimumWidth: 640
    minimumHeight: 480
    visible: true
    title: session.account.length > 0 ? qsTr("Lapis — %1").arg(session.account) : qsTr("Lapis")
    color: Theme.window

    // Arabic (and any right-to-left language) mirrors the whole layout.
    LayoutMirroring.enabled: shell.rightToLeft
    LayoutMirroring.childrenInherit: true

    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.dark ? "#2c2c2e" : "#ffffff"
    palette.text: Theme.text
    palette.button: Theme.dark ? "#3a3a3c" : "#e9e9eb"
    palette.buttonText: Theme.text
    palette.highlight: Theme.blue
    palette.highlightedText: "#ffffff"
    palette.placeholderText: Theme.secondaryText
    palette.mid: Theme.separator
    palette.light: Theme.pane
    palette.dark: Theme.separator

    Loader {
        id: screen
        objectName: "screenLoader"
        anchors.fill: parent
        sourceComponent: {
            switch (session.state) {
            case SessionController.FirstRun: return firstRun
            case SessionController.Locked: return unlock
            case SessionController.Linking: return linking
            case SessionController.Ready: return main
            default: return starting
            }
        }
    }

    Component { id: firstRun; FirstRunPage {} }
    Component { id: unlock; UnlockPage {} }
    Component { id: linking; LinkWaitingPage {} }
    Component { id: main; MainPage {} }
    Component {
        id: starting
        Item {
            BusyIndicator {
                anchors.centerIn: parent
                running: true
                Accessible.name: qsTr("Opening")
            }
        }
    }

    // A new device signs in with this account's password: the user reads it the code, or denies it.
    Dialog {
        id: signInDialog
        objectName: "signInDialog"
        readonly property var request: session.signInRequests.length > 0 ? session.signInRequests[0] : null
        // Opened and closed from here (not a visible binding, which closing would break).
        onRequestChanged: request !== null ? open() : close()
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(460, window.width - 40)
        modal: true
        closePolicy: Popup.NoAutoClose
        title: qsTr("A new device wants to sign in")
        ColumnLayout {
            width: signInDialog.availableWidth
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: signInDialog.request
                      ? qsTr("\"%1\" is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.").arg(signInDialog.request.deviceName)
                      : ""
            }
            Label {
                objectName: "signInCode"
                text: signInDialog.request ? signInDialog.request.code : ""
                font.pixelSize: 30
                font.bold: true
                font.family: "monospace"
                Layout.alignment: Qt.AlignHCenter
                Accessible.name: qsTr("Sign-in code %1").arg(text)
            }
        }
        standardButtons: Dialog.Close | Dialog.Discard
        Component.onCompleted: {
            const deny = standardButton(Dialog.Discard)
            deny.text = Qt.binding(function() { return qsTr("Deny") })
            deny.objectName = "denySignInButton"
            deny.Accessible.name = Qt.binding(function() { return qsTr("Deny the sign-in") })
        }
        onDiscarded: session.denySignIn(request.id)
        onRejected: if (request) session.dismissSignIn(request.id)
    }

    // Signed in by password alone (no other device could confirm it): suggest a second factor.
    Dialog {
        id: twoFactorDialog
        objectName: "twoFactorRecommendation"
        readonly property bool wanted: session.recommendTwoFactor && session.state === SessionController.Ready
        onWantedChanged: wanted ? open() : close()
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(460, window.width - 40)
        modal: true
        title: qsTr("Protect your account with two-factor sign-in")
        Label {
            width: twoFactorDialog.availableWidth
            wrapMode: Text.Wrap
            text: qsTr("You signed in with your password alone. Turn on two-factor sign-in in Settings → Security, so that a password on its own is not enough to sign in to your account.")
        }
        standardButtons: Dialog.Ok
        onClosed: session.dismissTwoFactorRecommendation()
    }

    Shortcut {
        sequence: StandardKey.Quit
        onActivated: Qt.quit()
    }
}
