// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace lapis::ui {

class EngineWorker;

/// The conversation list: most recent first, with the last message, the unread count and the
/// blue (end to end) or green (plaintext) mark; groups with their member count. Reloaded from the engine on the worker
/// thread.
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY reloaded)
public:
    enum Role {
        PeerRole = Qt::UserRole + 1,
        TitleRole,
        LastMessageRole,
        LastActivityRole,
        LastActivityTextRole,
        UnreadCountRole,
        EndToEndRole,
        VerifiedRole,
        KeyChangedRole,
        IsGroupRole,     ///< a group's conversation (its peer is '#' and the group id)
        MemberCountRole, ///< a group's members, this account included
        GroupMemberRole, ///< this account is a member of the group now
    };
    Q_ENUM(Role)

    explicit ConversationListModel(EngineWorker *worker, QObject *parent = nullptr);

    /// Asks the engine for the list again; rows are replaced when it answers.
    Q_INVOKABLE void reload();
    /// Replaces the rows (the worker's answer; public for tests that feed summaries directly).
    void setSummaries(std::vector<engine::ConversationSummary> summaries);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int totalUnread() const;
    [[nodiscard]] bool loaded() const { return m_loaded; }
    Q_INVOKABLE int rowOfPeer(const QString &peer) const;
    /// The peer of a conversation id (search results carry ids), or empty.
    [[nodiscard]] QString peerOfConversation(qint64 conversationId) const;
    /// What the list calls it: the contact, or the group's name.
    [[nodiscard]] QString titleOfConversation(qint64 conversationId) const;
    Q_INVOKABLE QVariant get(int row, const QString &roleName) const;
    /// This account's name (notices in the last-message line say "you").
    void setSelf(const QString &self) { m_self = self; }

signals:
    void countChanged();
    void totalUnreadChanged();
    void reloaded();

private:
    EngineWorker *m_worker;
    QString m_self;
    std::vector<engine::ConversationSummary> m_rows;
    bool m_loaded = false;
    bool m_reloading = false;
    bool m_reloadAgain = false;
};

} // namespace lapis::ui
