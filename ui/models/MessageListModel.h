// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

#include <QAbstractListModel>
#include <QDate>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace lapis::ui {

class EngineWorker;

/// One conversation's messages, newest first (row 0 is the newest; the view lays rows out bottom
/// to top). Pages of older messages are fetched as the view scrolls up (canFetchMore/fetchMore),
/// newer ones are merged in at the top when they arrive; no row is ever read on the GUI thread.
///
/// The rows are a window onto the conversation, not all of it: at most windowLimit() rows stay
/// loaded. A page loaded at one end drops as many rows from the far end, which are loaded again
/// when the user scrolls back (loadOlder / loadNewer), so a 100,000-message conversation costs
/// the same memory as a short one. showMessage() opens the window around a message (a search
/// hit); then newer pages are fetched as the user scrolls down (atNewest is false until the
/// newest message is loaded).
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the conversation")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atBeginning READ atBeginning NOTIFY loadingChanged)
    Q_PROPERTY(bool atNewest READ atNewest NOTIFY loadingChanged)
    /// The message a jump landed on (hex id), for a moment; empty otherwise.
    Q_PROPERTY(QString highlightedMessageId READ highlightedMessageId NOTIFY highlightChanged)
public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        TextRole,
        OutgoingRole,
        EndToEndRole,
        StateRole, ///< 0 pending, 1 sent, 2 delivered, 3 read, 4 failed
        SentAtRole,
        TimeTextRole,
        DayTextRole,
        ShowDaySeparatorRole, ///< the first message of its day: the view draws the day above it
        SenderRole,
        ReplyToTextRole,
        ReactionsRole,
        DeletedRole,
        EditedRole,
        AttachmentNameRole,
        AttachmentSizeRole,
        AttachmentIdRole,    ///< the store's id of the first attachment (Open, Save as…, Download)
        AttachmentStateRole, ///< 0 waits for a click, 1 downloading, 2 downloaded, 3 failed
        AttachmentIsImageRole,
        AttachmentImageSourceRole, ///< image://untrusted/attachment/ID once the file is here, else empty
        ReplyToIdRole,             ///< hex id of the message a reply quotes, empty for no reply
        ReplyAuthorRole,           ///< who wrote the quoted message
        ReactionSummaryRole,       ///< [{emoji, count, reactors: [account, ...]}], in order of first use
        IsNoticeRole,              ///< a notice in the conversation (the timer changed), not a message
        CanChangeRole,             ///< our own message, still editable and deletable for everyone (24 h)
        DisappearingRole,          ///< sent under a disappearing timer
        NoticeKindRole,            ///< 0 a message, 1 the timer changed, 2 the group changed
        ShowSenderRole,            ///< in a group, the first of someone else's messages in a row: named
        SenderColorRole,           ///< in a group, which of Theme.senderColors names its sender (0–5)
    };
    Q_ENUM(Role)

    explicit MessageListModel(EngineWorker *worker, QObject *parent = nullptr);

    /// Shows the conversation with `peer` (empty: none), loading its newest page.
    void setPeer(const QString &peer);
    [[nodiscard]] QString peer() const { return m_peer; }
    /// Merges the newest page again (after a send, a new message or a receipt).
    void refreshNewest();
    void setPageSize(int size) { m_pageSize = size; }
    /// The most rows kept loaded (at least three pages).
    void setWindowLimit(int rows) { m_windowLimit = rows; }
    [[nodiscard]] int windowLimit() const { return std::max(m_windowLimit, 3 * m_pageSize); }
    /// How long a jumped-to message stays highlighted.
    void setHighlightDuration(int ms) { m_highlightTimer.setInterval(ms); }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Fetches the next older page unless one is on its way or none is left.
    Q_INVOKABLE void loadOlder() { fetchMore({}); }
    /// Fetches the next newer page when the window does not reach the newest message.
    Q_INVOKABLE void loadNewer();
    /// Shows the message `messageId` (hex) of this conversation: at once when it is loaded,
    /// otherwise by loading a page around it. Then positionRequested(row) and a brief highlight.
    Q_INVOKABLE void showMessage(const QString &messageId);
    /// Goes back to the newest messages (reloading them when the window is elsewhere).
    Q_INVOKABLE void showNewest();
    /// Sets `reactor`'s reaction on the loaded message `messageId` (hex), replacing an earlier
    /// one; an empty `emoji` removes it. For rows outside the newest page, which refreshNewest
    /// does not reload; the store has the reaction already.
    void applyReaction(const QString &messageId, const QString &reactor, const QString &emoji);
    /// The loaded message `messageId` now reads `text` (edited); for rows outside the newest page.
    void applyEdit(const QString &messageId, const QString &text);
    /// The loaded message `messageId` was deleted for everyone: "This message was deleted".
    void applyDeletion(const QString &messageId);
    /// The loaded message `messageId` is gone from this device (deleted for me, or expired).
    void removeMessage(const QString &messageId);
    /// A notice row's text, from the side of `self` (this account): "alice set messages to
    /// disappear after 1 day", "You turned off disappearing messages", "alice added you" (the
    /// conversation list shows it too).
    [[nodiscard]] static QString noticeText(const store::StoredMessage &message, const QString &self);
    /// This account's name (notices say "you").
    void setSelf(const QString &self) { m_self = self; }
    /// The conversation is a group's (its key starts with '#'): senders are named in bubbles.
    [[nodiscard]] bool isGroup() const { return m_peer.startsWith(QLatin1Char('#')); }
    /// Which of the sender colours names `sender` in a group: the same on every device and in
    /// every group, spread over the palette by a hash of the name.
    [[nodiscard]] static int senderColor(const QString &sender);

    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool atBeginning() const { return !m_olderCursor && m_loadedOnce; }
    [[nodiscard]] bool atNewest() const { return m_atNewest; }
    [[nodiscard]] QString highlightedMessageId() const { return m_highlightId; }
    /// The row of a message id (hex), or -1.
    Q_INVOKABLE int rowOf(const QString &messageId) const;
    /// A role of a row by role name, for tests and QML helpers.
    Q_INVOKABLE QVariant get(int row, const QString &roleName) const;

signals:
    void countChanged();
    void loadingChanged();
    /// A page arrived (tests wait on it).
    void pageLoaded();
    /// The view should bring `row` into sight (after showMessage or showNewest).
    void positionRequested(int row);
    void highlightChanged();

private:
    struct Row {
        store::StoredMessage message;
        std::vector<engine::AttachmentSummary> attachments;
        QDate day;
    };
    void applyNewest(quint64 generation, engine::MessagePageView view);
    void applyOlder(quint64 generation, engine::MessagePageView view);
    void applyNewer(engine::MessagePageView view);
    void applyAround(const QString &messageId, engine::MessagePageView view);
    /// Empties the model and forgets every page in flight.
    void resetRows();
    /// Drops rows beyond the window at the newest end (after an older page) or the oldest end.
    void trimNewestEnd();
    void trimOldestEnd();
    void setHighlight(const QString &messageId);
    static Row makeRow(store::StoredMessage message, const engine::MessagePageView &view);
    [[nodiscard]] bool showsDay(int row) const;
    [[nodiscard]] QString replyText(const Row &row) const;
    /// The roles a group's conversation adds (MessageListChanges.cpp).
    [[nodiscard]] QVariant groupData(int row, int role) const;

    void setLoading(bool loading);

    EngineWorker *m_worker;
    QString m_peer;
    QString m_self;
    std::vector<Row> m_rows; ///< newest first
    std::optional<store::MessageCursor> m_olderCursor;
    bool m_loadedOnce = false;
    bool m_loading = false;
    bool m_fetchingOlder = false;
    bool m_fetchingNewer = false;
    bool m_loadingAround = false;
    bool m_atNewest = true; ///< row 0 is the conversation's newest message
    int m_pageSize = 100;
    int m_windowLimit = 3000;
    QString m_highlightId;
    QTimer m_highlightTimer;
    quint64 m_generation = 0; ///< bumped on setPeer so late pages of another conversation are dropped
};

} // namespace lapis::ui
