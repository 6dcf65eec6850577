// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Lapis.Ui

// The safety number with a contact, in 12 groups and as a QR code. Verify by comparing the
// numbers, or by reading the other side's code from an image (a file, a dropped screenshot).
Dialog {
    id: dialog
    objectName: "contactInfoDialog"
    readonly property var conversation: session.conversation
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(560, parent ? parent.width - 40 : 560)
    modal: true
    title: qsTr("Safety number with %1").arg(conversation.peer)
    standardButtons: Dialog.Close
    property string resultText

    Connections {
        target: dialog.conversation
        function onVerificationFinished(matched, message) { dialog.resultText = message }
    }
    onOpened: resultText = ""

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("If these numbers are the same on %1's screen, nobody is in the middle of your conversation.").arg(conversation.peer)
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            Grid {
                objectName: "safetyNumberGrid"
                columns: 4
                rowSpacing: 6
                columnSpacing: 12
                LayoutMirroring.enabled: false // digits read left to right in every language
                Repeater {
                    model: conversation.safetyNumberGroups
                    Label {
                        text: modelData
                        font.family: "monospace"
                        font.pixelSize: 18
                    }
                }
            }
            Rectangle {
                color: "white"
                Layout.preferredWidth: 180
                Layout.preferredHeight: 180
                visible: conversation.safetyNumber.length > 0
                Image {
                    objectName: "safetyNumberQr"
                    anchors.fill: parent
                    asynchronous: true
                    smooth: false
                    cache: false
                    sourceSize: Qt.size(180, 180)
                    source: conversation.safetyNumber.length > 0
                            ? "image://qr/" + encodeURIComponent(conversation.safetyNumber) : ""
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("QR code of the safety number")
                }
            }
        }
        Label {
            objectName: "verifiedState"
            text: conversation.verified ? qsTr("✓ You verified %1.").arg(conversation.peer)
                                        : qsTr("%1 is not verified yet.").arg(conversation.peer)
            color: conversation.verified ? Theme.blueText : Theme.secondaryText
        }
        Label {
            objectName: "sessionKind"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            visible: conversation.endToEnd
            text: conversation.postQuantum
                  ? qsTr("Your sessions with %1 are post-quantum: their keys mix ML-KEM-768 into X25519, so traffic recorded today stays secret from a future quantum computer.").arg(conversation.peer)
                  : qsTr("Your sessions with %1 are not post-quantum yet (X25519 only).").arg(conversation.peer)
            color: Theme.secondaryText
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Button {
                text: qsTr("The numbers match")
                Accessible.name: qsTr("Mark as verified: the numbers match")
                enabled: conversation.safetyNumber.length > 0 && !conversation.verified
                onClicked: conversation.verifyScanned(conversation.safetyNumber)
            }
            Button {
                text: qsTr("Read their code from an image…")
                Accessible.name: text
                onClicked: imageDialog.open()
            }
            Button {
                // Qt Multimedia, when this computer has a camera; images otherwise.
                id: verifyScanButton
                property bool mine: false
                visible: session.camera.available
                text: session.camera.scanning && mine ? qsTr("Stop the camera") : qsTr("Scan with the camera")
                Accessible.name: text
                onClicked: {
                    if (session.camera.scanning) {
                        session.camera.stop()
                    } else {
                        mine = true
                        session.camera.start()
                    }
                }
                Connections {
                    target: session.camera
                    function onDecoded(text) {
                        if (parent.mine)
                            dialog.conversation.verifyScanned(text)
                        parent.mine = false
                    }
                }
            }
        }
        // What the camera sees while it looks for the code.
        CameraPreview {
            objectName: "verifyCameraPreview"
            scanner: session.camera
            visible: session.camera.scanning && verifyScanButton.mine
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? 240 : 0
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("Camera preview: hold the code in front of the camera")
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            radius: 8
            color: verifyDrop.containsDrag ? Theme.selection : "transparent"
            border.color: Theme.separator
            Label {
                anchors.centerIn: parent
                text: qsTr("…or drop a screenshot of their code here")
                color: Theme.secondaryText
            }
            DropArea {
                id: verifyDrop
                anchors.fill: parent
                onDropped: function(event) {
                    if (event.hasUrls && event.urls.length > 0)
                        conversation.verifyFromImage(event.urls[0])
                    event.accept()
                }
            }
        }
        Label {
            objectName: "verificationResult"
            visible: dialog.resultText.length > 0
            text: dialog.resultText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    FileDialog {
        id: imageDialog
        title: qsTr("An image of their safety number code")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.bmp *.gif)")]
        onAccepted: conversation.verifyFromImage(selectedFile)
    }
}
