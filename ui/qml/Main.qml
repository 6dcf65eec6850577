// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    // Fits a 1280×800 screen with a panel and a title bar; WindowPlacement keeps the user's size.
    width: 1024
    height: 720
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
    palette.highlightedText: Theme.onColour
    // Basic draws highlighted buttons, checked switches and progress in dark with brightText on it.
    palette.brightText: Theme.onColour
    palette.placeholderText: Theme.secondaryText
    palette.mid: Theme.separator
    palette.light: Theme.pane
    palette.dark: Theme.strong

    Loader {
        id: screen
        objectName: "screenLoader"
        anchors.fill: parent
        sourceComponent: {
            switch (session.state) {
            case SessionController.FirstRun: return window.restoringBackup ? restore : firstRun
            case SessionController.Locked: return unlock
            case SessionController.Linking: return linking
            case SessionController.Ready: return main
            default: return starting
            }
        }
    }

    // First run: the ways in, or the page that restores a backup instead.
    property bool restoringBackup: false
    Component {
        id: firstRun
        FirstRunPage {
            onRestoreRequested: {
                session.clearError()
                window.restoringBackup = true
            }
        }
    }
    Component {
        id: restore
        RestorePage {
            onBackRequested: {
                session.clearError()
                window.restoringBackup = false
            }
        }
    }
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
        readonly property var request: session.signIns.requests.length > 0 ? session.signIns.requests[0] : null
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
                      ? qsTr("Sign-in request from \"%1\", %2. It is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.")
                            .arg(signInDialog.request.deviceName)
                            .arg(signInDialog.request.time ? signInDialog.request.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : "")
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
        onDiscarded: session.signIns.deny(request.id)
        onRejected: if (request) session.signIns.dismiss(request.id)
    }

    // Every sign-in decided while the app runs is told afterwards, approved or denied (like
    // Apple's "new sign-in" notice); Settings → Devices keeps the list.
    Dialog {
        id: signInOutcomeDialog
        objectName: "signInOutcomeDialog"
        readonly property var outcome: session.signIns.latestOutcome
        readonly property bool wanted: outcome.deviceName !== undefined && !signInDialog.visible
        onWantedChanged: wanted ? open() : close()
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(460, window.width - 40)
        modal: false
        title: outcome.approved ? qsTr("New sign-in to your account") : qsTr("Sign-in denied")
        Label {
            objectName: "signInOutcomeText"
            width: signInOutcomeDialog.availableWidth
            wrapMode: Text.Wrap
            readonly property string when: signInOutcomeDialog.outcome.time
                                           ? signInOutcomeDialog.outcome.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
            text: signInOutcomeDialog.outcome.approved
                  ? qsTr("\"%1\" signed in to your account, %2. If that was not you, remove it in Settings → Devices and change your password.").arg(signInOutcomeDialog.outcome.deviceName).arg(when)
                  : qsTr("The sign-in of \"%1\" was denied, %2. It was not added to your account.").arg(signInOutcomeDialog.outcome.deviceName).arg(when)
        }
        standardButtons: Dialog.Ok
        onClosed: session.signIns.dismissOutcome()
    }

    // A device joined or left the account (issue 16 item 9): told at once, whoever did it, so that
    // a device added with a stolen password never goes unnoticed. Settings → Devices keeps the list.
    Dialog {
        id: deviceChangeDialog
        objectName: "deviceChangeDialog"
        readonly property var change: session.deviceChanges.latest
        readonly property bool wanted: change.deviceName !== undefined
        onWantedChanged: wanted ? open() : close()
        parent: Overlay.overlay
        // Near the top, so that it never hides a sign-in dialog shown at the same time.
        x: Math.round((parent.width - width) / 2)
        y: 24
        width: Math.min(460, window.width - 40)
        modal: false
        title: change.added ? qsTr("A device was added to your account") : qsTr("A device was removed from your account")
        Label {
            objectName: "deviceChangeText"
            width: deviceChangeDialog.availableWidth
            wrapMode: Text.Wrap
            readonly property string when: deviceChangeDialog.change.time
                                           ? deviceChangeDialog.change.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
            text: deviceChangeDialog.change.added
                  ? qsTr("\"%1\" (device %2) joined your account, %3. If that was not you, remove it in Settings → Devices and change your password.").arg(deviceChangeDialog.change.deviceName).arg(deviceChangeDialog.change.deviceId).arg(when)
                  : qsTr("\"%1\" (device %2) was removed from your account, %3. It no longer receives your messages.").arg(deviceChangeDialog.change.deviceName).arg(deviceChangeDialog.change.deviceId).arg(when)
            Accessible.name: text
        }
        standardButtons: Dialog.Ok
        onClosed: session.deviceChanges.dismiss()
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
