// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Lapis.Ui

// The first-run restore page by keyboard alone: where the focus starts, the tab order, Restore
// enabled only with a file and a code, Enter restoring (here a missing file: the session's error
// comes back from the worker and the page stays usable).
Item {
    width: 800
    height: 700

    RestorePage {
        id: page
        anchors.fill: parent
    }

    TestCase {
        name: "RestorePage"
        when: windowShown

        function child(item, name) {
            if (item.objectName === name)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = child(item.children[i], name)
                if (found)
                    return found
            }
            return null
        }

        function test_keyboard() {
            const choose = child(page, "restoreChooseButton")
            const code = child(page, "restoreCodeField")
            const passphrase = child(page, "restorePassphraseField")
            const back = child(page, "restoreBackButton")
            const restore = child(page, "restoreButton")
            verify(choose && code && passphrase && back && restore)
            tryVerify(() => choose.activeFocus, 2000, "the file chooser has the focus first")
            verify(!restore.enabled, "nothing to restore yet")

            keyClick(Qt.Key_Tab)
            verify(code.activeFocus, "Tab: the recovery code")
            keyClick(Qt.Key_Tab)
            verify(passphrase.activeFocus, "Tab: the store passphrase")
            keyClick(Qt.Key_Tab)
            verify(back.activeFocus, "Tab: Back")
            keyClick(Qt.Key_Tab)
            verify(!restore.enabled && !restore.activeFocus, "a disabled Restore is skipped")

            page.chooseFile("file:///nonexistent/folder/old-laptop.lapisbackup")
            compare(child(page, "restoreFileName").text, "old-laptop.lapisbackup")
            verify(code.activeFocus, "a chosen file moves on to the code")
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_B)
            compare(code.text, "ab")
            verify(restore.enabled)
            compare(session.errorText, "")
            keyClick(Qt.Key_Return)
            tryVerify(() => session.errorText.indexOf("Cannot read the backup file") >= 0, 5000, session.errorText)
            tryVerify(() => !session.busy, 5000)
            compare(child(page, "restoreError").text, session.errorText)
            verify(restore.enabled, "the page stays usable to try again")
            compare(session.state, SessionController.Starting)
        }
    }
}
