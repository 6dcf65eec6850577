// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Lapis.Ui

// The message bubble as the conversation draws it: blue for our end-to-end messages, green for
// our plaintext ones, grey for theirs; the day separator only where the model says so; the
// delivery marks.
Item {
    width: 600
    height: 400

    ListModel {
        id: rows
        ListElement { messageId: "a"; text: "end to end"; outgoing: true; endToEnd: true; deliveryState: 3; timeText: "10:00"; dayText: "Today"; showDaySeparator: true; sender: "me"; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "b"; text: "the relay can read this"; outgoing: true; endToEnd: false; deliveryState: 1; timeText: "10:01"; dayText: "Today"; showDaySeparator: false; sender: "me"; replyToText: ""; replyToId: ""; replyAuthor: ""; reactionSummary: []; reactions: ""; deleted: false; edited: false; attachmentName: ""; attachmentSize: ""; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
        ListElement { messageId: "c"; text: "hello from bob"; outgoing: false; endToEnd: true; deliveryState: 3; timeText: "10:02"; dayText: "Today"; showDaySeparator: false; sender: "bob"; replyToText: "end to end"; replyToId: "a"; replyAuthor: "alice"; reactionSummary: []; reactions: "👍"; deleted: false; edited: false; attachmentName: "notes.txt"; attachmentSize: "1 KB"; attachmentId: 0; attachmentState: 0; attachmentIsImage: false; attachmentImageSource: "" }
    }

    ListView {
        id: list
        anchors.fill: parent
        model: rows
        delegate: MessageBubble { width: list.width }
    }

    TestCase {
        name: "Bubbles"
        when: windowShown

        function bubble(i) {
            const item = list.itemAtIndex(i)
            verify(item !== null, "row " + i + " is drawn")
            return item
        }
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

        function test_colours() {
            tryVerify(() => list.count === 3 && list.itemAtIndex(2) !== null)
            verify(Qt.colorEqual(bubble(0).bubbleColor, Theme.blue))
            verify(Qt.colorEqual(bubble(1).bubbleColor, Theme.green))
            verify(Qt.colorEqual(bubble(2).bubbleColor, Theme.incomingBubble))
            verify(Qt.colorEqual(child(bubble(0), "bubbleBody").color, Theme.blue))
        }

        function test_sides() {
            const own = child(bubble(0), "bubbleBody")
            const theirs = child(bubble(2), "bubbleBody")
            verify(own.mapToItem(list, 0, 0).x > list.width / 2 - 1, "own messages on the right")
            compare(theirs.mapToItem(list, 0, 0).x, 0, "theirs on the left")
            verify(own.width < list.width * 0.8)
        }

        function test_daySeparatorAndMarks() {
            verify(child(bubble(0), "daySeparator").visible)
            verify(!child(bubble(1), "daySeparator").visible)
            compare(child(bubble(0), "deliveryMark").text, "✓✓")
            compare(child(bubble(1), "deliveryMark").text, "✓")
            verify(!child(bubble(2), "deliveryMark").visible)
            compare(child(bubble(2), "attachmentName").text, "notes.txt · 1 KB")
        }

        function test_replyShowsItsQuote() {
            const quote = child(bubble(2), "replyQuote")
            verify(quote.visible)
            compare(child(quote, "replyExcerpt").text, "end to end")
            compare(child(quote, "replyAuthor").text, "alice")
            verify(!child(bubble(0), "replyQuote").visible)
            verify(!child(bubble(2), "reactionRow").visible)
            // Tab reaches a message (for its context menu by keyboard).
            verify(child(bubble(0), "bubbleBody").activeFocusOnTab)
        }

        function test_textIsSelectable() {
            const text = child(bubble(0), "bubbleText")
            verify(text.selectByMouse)
            verify(text.readOnly)
            compare(text.text, "end to end")
        }
    }
}
