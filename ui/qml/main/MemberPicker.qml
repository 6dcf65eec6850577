// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Lapis.Ui

// Choosing people for a group: the contacts reached end to end as check boxes, and a field for
// anyone else by user name (the engine checks that they are reached end to end).
ColumnLayout {
    id: picker
    /// Whom the list offers (user names).
    property var candidates: []
    /// Whom the user chose.
    property var selected: []
    spacing: 4

    function clear() {
        selected = []
        typed.text = ""
        extra.clear()
    }
    function toggle(name, on) {
        const next = selected.filter(n => n !== name)
        if (on)
            next.push(name)
        selected = next
    }
    function addTyped() {
        const name = typed.text.trim().toLowerCase()
        if (name.length === 0)
            return
        if (picker.candidates.indexOf(name) < 0) {
            let known = false
            for (let i = 0; i < extra.count; ++i)
                known = known || extra.get(i).name === name
            if (!known)
                extra.append({ name: name })
        }
        toggle(name, true)
        typed.text = ""
    }

    ListModel { id: extra }

    ListView {
        id: list
        objectName: "memberCandidates"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(contentHeight, 220)
        clip: true
        Accessible.role: Accessible.List
        Accessible.name: qsTr("People to choose")
        model: picker.candidates.concat(Array.from({ length: extra.count }, (_, i) => extra.get(i).name))
        delegate: CheckDelegate {
            objectName: "candidate_" + modelData
            width: ListView.view.width
            text: modelData
            checked: picker.selected.indexOf(modelData) >= 0
            onToggled: picker.toggle(modelData, checked)
        }
    }
    Label {
        visible: list.count === 0
        text: qsTr("No contacts reached end to end yet. Type a user name below.")
        color: Theme.secondaryText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    TextField {
        id: typed
        objectName: "memberNameField"
        Layout.fillWidth: true
        placeholderText: qsTr("Add someone by user name, then Enter")
        Accessible.name: qsTr("Add someone by user name")
        inputMethodHints: Qt.ImhNoAutoUppercase
        onAccepted: picker.addTyped()
    }
}
