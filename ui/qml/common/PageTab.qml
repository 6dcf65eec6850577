// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Lapis.Ui

// A tab of a TabBar that reads as a choice, not as disabled: the chosen one on the window's
// colour with a blue bar, the others in ordinary text on the pane (the Basic style draws them in
// white on light grey).
TabButton {
    id: tab
    Accessible.name: text
    contentItem: Text {
        text: tab.text
        font.pixelSize: tab.font.pixelSize
        font.bold: tab.checked
        color: tab.checked ? Theme.blueText : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitHeight: 40
        color: tab.checked ? Theme.window : (tab.hovered || tab.visualFocus ? Theme.selection : Theme.pane)
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: tab.checked ? 3 : 1
            color: tab.checked ? Theme.blue : Theme.separator
        }
    }
}
