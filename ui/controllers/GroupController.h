// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Ids.h>
#include <lapis/common/Result.h>

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace lapis::engine {
class Engine;
struct GroupSummary;
} // namespace lapis::engine

namespace lapis::ui {

class EngineWorker;

/// A group's info panel and the "New group" dialog: the group as this device holds it (its
/// members with their verification state, admins marked) and the changes a member makes (an
/// admin adds, removes, promotes and renames; anyone leaves). Every call runs on the worker; the
/// engine checks each change as every member's device will, so a refused one changes nothing.
class GroupController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the session")
    /// The group's conversation key ('#' and the id in hex; empty: no group shown).
    Q_PROPERTY(QString conversationKey READ conversationKey NOTIFY groupChanged)
    Q_PROPERTY(QString name READ name NOTIFY groupChanged)
    /// [{account, admin, self, verified, keyChanged}], sorted by account.
    Q_PROPERTY(QVariantList members READ members NOTIFY groupChanged)
    Q_PROPERTY(int memberCount READ memberCount NOTIFY groupChanged)
    Q_PROPERTY(bool isMember READ isMember NOTIFY groupChanged)
    Q_PROPERTY(bool isAdmin READ isAdmin NOTIFY groupChanged)
    /// Every member is reached end to end (a group admits no other member so far).
    Q_PROPERTY(bool endToEnd READ endToEnd NOTIFY groupChanged)
    /// Contacts reached end to end who are not members: whom "New group" and "Add" offer.
    Q_PROPERTY(QStringList candidates READ candidates NOTIFY candidatesChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
public:
    explicit GroupController(EngineWorker *worker, QObject *parent = nullptr);

    [[nodiscard]] QString conversationKey() const { return m_key; }
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QVariantList members() const { return m_members; }
    [[nodiscard]] int memberCount() const { return static_cast<int>(m_members.size()); }
    [[nodiscard]] bool isMember() const { return m_isMember; }
    [[nodiscard]] bool isAdmin() const { return m_isAdmin; }
    [[nodiscard]] bool endToEnd() const { return m_endToEnd; }
    [[nodiscard]] QStringList candidates() const { return m_candidates; }
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    /// This account's name (marks "you" among the members).
    void setSelf(const QString &self) { m_self = self; }

    /// Shows the group of the conversation `conversationKey` (empty: none).
    Q_INVOKABLE void load(const QString &conversationKey);
    /// Reads the shown group again (after a change arrived).
    Q_INVOKABLE void reload() { load(m_key); }
    /// Asks for the contacts that could join (candidates).
    Q_INVOKABLE void loadCandidates();
    /// A new group named `name` of this account (its first admin) and `members`; created(key)
    /// answers.
    Q_INVOKABLE void createGroup(const QString &name, const QStringList &members);
    Q_INVOKABLE void addMembers(const QStringList &members);
    Q_INVOKABLE void removeMember(const QString &account);
    Q_INVOKABLE void promoteMember(const QString &account);
    Q_INVOKABLE void rename(const QString &name);
    /// This account leaves; the conversation stays, read-only.
    Q_INVOKABLE void leave();
    Q_INVOKABLE void clearError();

signals:
    void groupChanged();
    void candidatesChanged();
    void busyChanged();
    void errorTextChanged();
    void created(const QString &conversationKey);
    /// A change made here took effect and went out (the conversation and the list reload).
    void changed(const QString &conversationKey);

private:
    using Change = std::function<Result<engine::GroupSummary>(engine::Engine &)>;
    /// Runs `change` on the worker for the shown group, then shows the result (or the error).
    void applyChange(Change change);
    /// An Engine call on a group's members (a group id is a MessageId).
    using MemberChange = Result<engine::GroupSummary> (engine::Engine::*)(const MessageId &,
                                                                          const std::vector<AccountId> &);
    /// Adds, removes or promotes `members` of the shown group.
    void changeMembers(const QStringList &members, MemberChange change);
    void show(const engine::GroupSummary &group, QVariantList members);
    void setBusy(bool busy);
    void setError(const QString &text);

    EngineWorker *m_worker;
    QString m_self;
    QString m_key;
    QString m_name;
    QVariantList m_members;
    bool m_isMember = false;
    bool m_isAdmin = false;
    bool m_endToEnd = true;
    QStringList m_candidates;
    bool m_busy = false;
    QString m_errorText;
    quint64 m_generation = 0; ///< bumped on load() so a late answer about another group is dropped
};

} // namespace lapis::ui
