// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

#include <QAbstractListModel>
#include <QDate>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace lapis::ui {

class EngineWorker;

/// One conversation's messages, newest first (row 0 is the newest; the view lays rows out bottom
/// to top). Pages of older messages are fetched as the view scrolls up (canFetchMore/fetchMore),
/// newer ones are merged in at the top when they arrive; no row is ever read on the GUI thread.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the conversation")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atBeginning READ atBeginning NOTIFY loadingChanged)
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
        AttachmentPathRole,
        AttachmentIsImageRole,
    };
    Q_ENUM(Role)

    explicit MessageListModel(EngineWorker *worker, QObject *parent = nullptr);

    /// Shows the conversation with `peer` (empty: none), loading its newest page.
    void setPeer(const QString &peer);
    [[nodiscard]] QString peer() const { return m_peer; }
    /// Merges the newest page again (after a send, a new message or a receipt).
    void refreshNewest();
    void setPageSize(int size) { m_pageSize = size; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Fetches the next older page unless one is on its way or none is left.
    Q_INVOKABLE void loadOlder() { fetchMore({}); }

    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool atBeginning() const { return !m_olderCursor && m_loadedOnce; }
    /// The row of a message id (hex), or -1.
    Q_INVOKABLE int rowOf(const QString &messageId) const;
    /// A role of a row by role name, for tests and QML helpers.
    Q_INVOKABLE QVariant get(int row, const QString &roleName) const;

signals:
    void countChanged();
    void loadingChanged();
    /// A page arrived (tests wait on it).
    void pageLoaded();

private:
    struct Row {
        store::StoredMessage message;
        std::vector<engine::AttachmentSummary> attachments;
        QDate day;
    };
    void applyNewest(quint64 generation, engine::MessagePageView view);
    void applyOlder(quint64 generation, engine::MessagePageView view);
    static Row makeRow(store::StoredMessage message, const engine::MessagePageView &view);
    [[nodiscard]] bool showsDay(int row) const;
    [[nodiscard]] QString replyText(const Row &row) const;
    void setLoading(bool loading);

    EngineWorker *m_worker;
    QString m_peer;
    std::vector<Row> m_rows; ///< newest first
    std::optional<store::MessageCursor> m_olderCursor;
    bool m_loadedOnce = false;
    bool m_loading = false;
    bool m_fetchingOlder = false;
    int m_pageSize = 100;
    quint64 m_generation = 0; ///< bumped on setPeer so late pages of another conversation are dropped
};

} // namespace lapis::ui
