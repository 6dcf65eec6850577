// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// The relay's certificate: fetched from the relay or read from a file, its SHA-256 fingerprint
// shown for the user to compare with what the relay's operator published, and accepted.
ColumnLayout {
    id: box
    property string relayAddress
    property alias accepted: acceptBox.checked
    spacing: Theme.spacing

    RowLayout {
        Button {
            text: qsTr("Fetch the relay's certificate")
            Accessible.name: text
            enabled: box.relayAddress.length > 0
            onClicked: session.fetchRelayCertificate(box.relayAddress)
        }
        Button {
            text: qsTr("Choose a certificate file…")
            Accessible.name: text
            onClicked: certificateDialog.open()
        }
    }
    Label {
        visible: session.relayCertificateFingerprint.length > 0
        text: qsTr("Certificate (%1), SHA-256 fingerprint:").arg(session.relayCertificateSource)
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        color: Theme.secondaryText
    }
    TextEdit {
        objectName: "certificateFingerprint"
        visible: session.relayCertificateFingerprint.length > 0
        text: session.relayCertificateFingerprint
        readOnly: true
        selectByMouse: true
        wrapMode: Text.WrapAnywhere
        font.family: "monospace"
        color: Theme.text
        Layout.fillWidth: true
        Accessible.name: qsTr("Certificate fingerprint")
    }
    CheckBox {
        id: acceptBox
        visible: session.relayCertificateFingerprint.length > 0
        text: qsTr("I compared this fingerprint and trust this relay")
        Accessible.name: text
    }
    FileDialog {
        id: certificateDialog
        title: qsTr("The relay's certificate")
        nameFilters: [qsTr("Certificates (*.pem *.crt)"), qsTr("All files (*)")]
        onAccepted: session.loadRelayCertificate(selectedFile)
    }
}
