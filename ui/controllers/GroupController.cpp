// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupController.h"
#include "util/ErrorText.h"
#include "worker/EngineWorker.h"

#include <lapis/engine/Engine.h>

#include <set>

namespace lapis::ui {

namespace {

/// The group a conversation key names, or NotFound.
Result<protocol::GroupId> groupOf(const QString &conversationKey)
{
    if (auto group = engine::groupOfConversationKey(AccountId(conversationKey.toStdString())))
        return *group;
    return fail(ErrorCode::NotFound, "No such group");
}

std::vector<AccountId> accountsOf(const QStringList &names)
{
    std::vector<AccountId> out;
    for (const auto &name : names)
        out.emplace_back(name.trimmed().toStdString());
    return out;
}

/// A group and its members as the panel lists them, read on the worker.
struct GroupView {
    engine::GroupSummary group;
    QVariantList members;
};

Result<GroupView> viewOf(engine::Engine &engine, engine::GroupSummary group, const QString &self)
{
    GroupView view;
    for (const auto &member : group.members) {
        const auto account = QString::fromStdString(member.account.value());
        const bool isSelf = account == self;
        bool verified = false;
        bool keyChanged = false;
        if (!isSelf) {
            // What the store holds: the panel never waits on the relay.
            LAPIS_TRY_ASSIGN(const auto trust, engine.contactTrust(member.account, false));
            verified = trust.verified;
            keyChanged = trust.keyChanged;
        }
        view.members.append(QVariantMap{{QStringLiteral("account"), account},
                                        {QStringLiteral("admin"), member.admin},
                                        {QStringLiteral("self"), isSelf},
                                        {QStringLiteral("verified"), verified},
                                        {QStringLiteral("keyChanged"), keyChanged}});
    }
    view.group = std::move(group);
    return view;
}

} // namespace

GroupController::GroupController(EngineWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{}

void GroupController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void GroupController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    emit errorTextChanged();
}

void GroupController::clearError()
{
    setError({});
}

void GroupController::show(const engine::GroupSummary &group, QVariantList members)
{
    m_key = QString::fromStdString(group.conversationKey.value());
    m_name = QString::fromStdString(group.name);
    m_members = std::move(members);
    m_isMember = group.isMember;
    m_isAdmin = false;
    for (const auto &member : group.members)
        if (group.isMember && QString::fromStdString(member.account.value()) == m_self)
            m_isAdmin = member.admin;
    m_endToEnd = group.endToEnd;
    emit groupChanged();
}

void GroupController::load(const QString &conversationKey)
{
    const auto generation = ++m_generation;
    if (conversationKey.isEmpty()) {
        m_key.clear();
        m_name.clear();
        m_members.clear();
        m_isMember = m_isAdmin = false;
        emit groupChanged();
        return;
    }
    const QString self = m_self;
    m_worker->run<Result<GroupView>>(
        this,
        [conversationKey, self](EngineWorker::Context &context) -> Result<GroupView> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(const auto id, groupOf(conversationKey));
            LAPIS_TRY_ASSIGN(auto group, context.engine->group(id));
            return viewOf(*context.engine, std::move(group), self);
        },
        [this, generation](Result<GroupView> result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            show(result->group, std::move(result->members));
        });
}

void GroupController::loadCandidates()
{
    const QString self = m_self;
    m_worker->run<Result<QStringList>>(
        this,
        [](EngineWorker::Context &context) -> Result<QStringList> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(const auto conversations, context.engine->conversations());
            QStringList out;
            for (const auto &summary : conversations)
                if (!summary.isGroup && summary.endToEnd)
                    out << QString::fromStdString(summary.conversation.peer.value());
            out.sort();
            return out;
        },
        [this](Result<QStringList> result) {
            if (!result.ok())
                return;
            QStringList candidates;
            std::set<QString> members;
            for (const auto &member : std::as_const(m_members))
                members.insert(member.toMap().value(QStringLiteral("account")).toString());
            for (const auto &peer : result.value())
                if (!members.contains(peer) && peer != m_self)
                    candidates << peer;
            m_candidates = candidates;
            emit candidatesChanged();
        });
}

void GroupController::createGroup(const QString &name, const QStringList &members)
{
    const auto trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        setError(tr("Give the group a name."));
        return;
    }
    if (members.isEmpty()) {
        setError(tr("Choose at least one person for the group."));
        return;
    }
    setError({});
    setBusy(true);
    const QString self = m_self;
    const auto generation = ++m_generation;
    m_worker->run<Result<GroupView>>(
        this,
        [trimmed, members, self](EngineWorker::Context &context) -> Result<GroupView> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(auto group, context.engine->createGroup(trimmed.toStdString(), accountsOf(members)));
            return viewOf(*context.engine, std::move(group), self);
        },
        [this, generation](Result<GroupView> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            if (generation == m_generation)
                show(result->group, std::move(result->members));
            const auto key = QString::fromStdString(result->group.conversationKey.value());
            emit created(key);
            emit changed(key);
        });
}

void GroupController::applyChange(Change change)
{
    if (m_key.isEmpty())
        return;
    setError({});
    setBusy(true);
    const QString self = m_self;
    const QString key = m_key;
    const auto generation = m_generation;
    m_worker->run<Result<GroupView>>(
        this,
        [change = std::move(change), self](EngineWorker::Context &context) -> Result<GroupView> {
            LAPIS_TRY(context.requireProfile());
            LAPIS_TRY_ASSIGN(auto group, change(*context.engine));
            return viewOf(*context.engine, std::move(group), self);
        },
        [this, generation, key](Result<GroupView> result) {
            setBusy(false);
            if (!result.ok()) {
                setError(errorSentence(result.error()));
                return;
            }
            if (generation == m_generation)
                show(result->group, std::move(result->members));
            emit changed(key);
        });
}

void GroupController::changeMembers(const QStringList &members, MemberChange change)
{
    auto id = groupOf(m_key);
    if (members.isEmpty() || !id.ok())
        return;
    applyChange([group = *id, accounts = accountsOf(members), change](engine::Engine &engine) {
        return (engine.*change)(group, accounts);
    });
}

void GroupController::addMembers(const QStringList &members)
{
    changeMembers(members, &engine::Engine::addGroupMembers);
}

void GroupController::removeMember(const QString &account)
{
    changeMembers({account}, &engine::Engine::removeGroupMembers);
}

void GroupController::promoteMember(const QString &account)
{
    changeMembers({account}, &engine::Engine::promoteGroupMembers);
}

void GroupController::rename(const QString &name)
{
    const auto trimmed = name.trimmed();
    auto id = groupOf(m_key);
    if (!id.ok() || trimmed == m_name)
        return;
    if (trimmed.isEmpty()) {
        setError(tr("Give the group a name."));
        return;
    }
    applyChange([group = *id, newName = trimmed.toStdString()](engine::Engine &engine) {
        return engine.renameGroup(group, newName);
    });
}

void GroupController::leave()
{
    auto id = groupOf(m_key);
    if (!id.ok())
        return;
    applyChange([group = *id](engine::Engine &engine) { return engine.leaveGroup(group); });
}

} // namespace lapis::ui
