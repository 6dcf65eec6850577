// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupNoticeText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace lapis::ui {

namespace {

/// The sentences' translation context ("GroupNotice" in translations/*.ts).
class GroupNotice {
    Q_DECLARE_TR_FUNCTIONS(GroupNotice)
public:
    static QString say(const engine::GroupNotice &notice, const QString &author, const QString &self);
};

/// The members a change is about, "you" for this account, joined as the language joins a list.
QString whom(const std::vector<AccountId> &members, const QString &self)
{
    QStringList names;
    for (const auto &member : members) {
        const auto name = QString::fromStdString(member.value());
        names << (name == self ? GroupNotice::tr("you") : name);
    }
    return QLocale().createSeparatedList(names);
}

} // namespace

QString groupNoticeText(const engine::GroupNotice &notice, const QString &author, const QString &self)
{
    return GroupNotice::say(notice, author, self);
}

QString GroupNotice::say(const engine::GroupNotice &notice, const QString &author, const QString &self)
{
    using Kind = protocol::GroupChange::Kind;
    const bool ours = author == self;
    const auto name = QString::fromStdString(notice.name);
    const auto members = whom(notice.members, self);
    switch (notice.kind) {
    case Kind::Create:
        return ours ? tr("You created the group “%1”").arg(name) : tr("%1 created the group “%2”").arg(author, name);
    case Kind::Add:
        return ours ? tr("You added %1").arg(members) : tr("%1 added %2").arg(author, members);
    case Kind::Remove:
        return ours ? tr("You removed %1").arg(members) : tr("%1 removed %2").arg(author, members);
    case Kind::Leave:
        return ours ? tr("You left the group") : tr("%1 left the group").arg(author);
    case Kind::Promote:
        return ours ? tr("You made %1 an admin").arg(members) : tr("%1 made %2 an admin").arg(author, members);
    case Kind::Rename:
        return ours ? tr("You renamed the group to “%1”").arg(name)
                    : tr("%1 renamed the group to “%2”").arg(author, name);
    }
    return tr("%1 changed the group").arg(author);
}

} // namespace lapis::ui
