// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Lapis.Ui

Label {
    visible: text.length > 0
    wrapMode: Text.Wrap
    color: Theme.dangerText
    Accessible.role: Accessible.AlertMessage
}
