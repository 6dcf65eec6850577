// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtTest
import Lapis.Ui

// WCAG AA (4.5:1) for every text colour on the backgrounds it is drawn on, in the light and the
// dark theme: the theme's pairs, the tabs (chosen and not), and every text drawn in a bubble
// (senders' names in a group, in each of their colours, included).
Item {
    width: 600
    height: 1000

    ListModel {
        id: rows
        ListElement { messageId: "a"; text: "end to end"; outgoing: true; endToEnd: true; deliveryState: 3; timeText: "10:00"; dayText: "Today"; showDaySeparator: true; sender: "me"; replyToText: "a quote"; replyToId: "c"; replyAuthor: "bob"; reactionSummary: []; reactions: ""; deleted: false; edited: true; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "b"; text: "the relay can read this"; outgoing: true; endToEnd: false; deliveryState: 2; timeText: "10:01"; dayText: "Today"; showDaySeparator: false; sender: "me"; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: true; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "c"; text: "hello from bob"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:02"; dayText: "Today"; showDaySeparator: false; sender: "bob"; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: true; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "g0"; text: "in a group"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:00"; dayText: "Today"; showDaySeparator: false; sender: "member0"; showSender: true; senderColor: 0; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "g1"; text: "in a group"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:01"; dayText: "Today"; showDaySeparator: false; sender: "member1"; showSender: true; senderColor: 1; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "g2"; text: "in a group"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:02"; dayText: "Today"; showDaySeparator: false; sender: "member2"; showSender: true; senderColor: 2; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "g3"; text: "in a group"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:03"; dayText: "Today"; showDaySeparator: false; sender: "member3"; showSender: true; senderColor: 3; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "g4"; text: "in a group"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:04"; dayText: "Today"; showDaySeparator: false; sender: "member4"; showSender: true; senderColor: 4; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "g5"; text: "in a group"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:05"; dayText: "Today"; showDaySeparator: false; sender: "member5"; showSender: true; senderColor: 5; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
    }

    ListView {
        id: list
        width: parent.width
        height: 900
        model: rows
        delegate: MessageBubble { width: list.width }
    }

    TabBar {
        id: tabs
        y: 920
        width: parent.width
        PageTab { text: "chosen" }
        PageTab { text: "not chosen" }
    }

    TestCase {
        name: "Contrast"
        when: windowShown

        function channel(c) {
            return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)
        }
        function luminance(c) {
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
        }
        function ratio(a, b) {
            const la = luminance(a), lb = luminance(b)
            return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
        }
        // The colour a text item really shows: its colour faded by every opacity above it.
        function shown(item, colour, background) {
            let alpha = colour.a
            for (let p = item; p; p = p.parent)
                alpha *= p.opacity
            return Qt.rgba(alpha * colour.r + (1 - alpha) * background.r,
                           alpha * colour.g + (1 - alpha) * background.g,
                           alpha * colour.b + (1 - alpha) * background.b, 1)
        }
        function expectReadable(what, text, background) {
            const r = ratio(text, background)
            verify(r >= 4.5, what + ": " + text + " on " + background + " is " + r.toFixed(2) + ":1")
        }
        function texts(item, out) {
            if (item.visible && item.text !== undefined && item.color !== undefined && String(item.text).length > 0)
                out.push(item)
            for (let i = 0; i < item.children.length; ++i)
                texts(item.children[i], out)
            return out
        }
        function findByName(item, name) {
            if (item.objectName === name)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findByName(item.children[i], name)
                if (found)
                    return found
            }
            return null
        }

        function checkTheme(name) {
            const pairs = [
                ["text", "window"], ["text", "pane"], ["text", "incomingBubble"], ["text", "selection"],
                ["secondaryText", "window"], ["secondaryText", "pane"], ["secondaryText", "incomingBubble"],
                ["secondaryText", "selection"], ["blueText", "window"], ["blueText", "pane"],
                ["greenText", "window"], ["greenText", "pane"], ["warningText", "warning"],
                ["dangerText", "danger"], ["dangerText", "window"], ["dangerText", "pane"],
                ["onColour", "blue"], ["onColour", "green"], ["onColour", "strong"]
            ]
            for (const [fg, bg] of pairs)
                expectReadable(name + " " + fg + "/" + bg, Theme[fg], Theme[bg])

            tabs.currentIndex = 0
            for (let i = 0; i < 2; ++i) {
                const tab = tabs.itemAt(i)
                expectReadable(name + " tab " + i, tab.contentItem.color, tab.background.color)
            }

            tryVerify(() => list.count === rows.count && list.itemAtIndex(rows.count - 1) !== null)
            for (let row = 0; row < rows.count; ++row) {
                const bubble = list.itemAtIndex(row)
                const body = findByName(bubble, "bubbleBody")
                const found = texts(body, [])
                verify(found.length >= 3, "row " + row + " draws its text, time and marks")
                for (const item of found) {
                    // The quote sits on a 12% black veil over the bubble.
                    let background = body.color
                    for (let p = item; p && p !== body; p = p.parent)
                        if (p.objectName === "replyQuote")
                            background = Qt.tint(body.color, Qt.rgba(0, 0, 0, 0.12))
                    expectReadable(name + " row " + row + " '" + item.text + "'", shown(item, item.color, background),
                                   background)
                }
            }
        }

        function test_lightTheme() {
            session.settings.theme = 1
            verify(!Theme.dark)
            checkTheme("light")
        }
        function test_darkTheme() {
            session.settings.theme = 2
            verify(Theme.dark)
            checkTheme("dark")
            session.settings.theme = 0
        }
    }
}
