// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliGroups.h"
#include "CliShared.h"

#include <lapis/engine/Engine.h>
#include <lapis/engine/groups/GroupNotice.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <iostream>
#include <ostream>
#include <sstream>

namespace lapis::cli {

namespace {

using engine::IncomingEvent;
using Kind = protocol::GroupChange::Kind;

Result<protocol::GroupId> parseGroupId(const std::string &hex)
{
    auto id = parseMessageId(hex);
    if (!id.ok())
        return fail(ErrorCode::InvalidArgument, "\"" + hex
                                                    + "\" is not a group id (32 hex digits, as group-create "
                                                      "and groups print it)");
    return *id;
}

std::vector<AccountId> accountsFrom(const CliArguments &args, std::size_t first)
{
    std::vector<AccountId> out;
    for (std::size_t i = first; i < args.positional.size(); ++i)
        out.emplace_back(args.positional[i]);
    return out;
}

const char *eventName(Kind kind)
{
    switch (kind) {
    case Kind::Create:
        return "created";
    case Kind::Add:
        return "added";
    case Kind::Remove:
        return "removed";
    case Kind::Leave:
        return "left";
    case Kind::Promote:
        return "promoted";
    case Kind::Rename:
        return "renamed";
    }
    return "changed";
}

/// A membership notice in a group's history: "(created Crew with bob, carol)", "(added dave)",
/// "(renamed Crew)", "(left)".
std::string noticeText(const std::string &text)
{
    const auto notice = engine::decodeGroupNotice(text);
    if (!notice)
        return "(changed the group)";
    std::string out = std::string("(") + eventName(notice->kind);
    if (!notice->name.empty())
        out += " " + notice->name;
    for (std::size_t i = 0; i < notice->members.size(); ++i)
        out += (i == 0 ? (notice->name.empty() ? " " : " with ") : ", ") + notice->members[i].value();
    return out + ")";
}

} // namespace

Result<void> groupCreateCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto name, needPositional(args, 0, "a group name"));
    LAPIS_TRY(needPositional(args, 1, "at least one member"));
    LAPIS_TRY_ASSIGN(auto group, engine.createGroup(name, accountsFrom(args, 1)));
    out << "group " << group.id.toHex() << "\n";
    return {};
}

Result<void> groupSendCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 0, "a group id"));
    LAPIS_TRY_ASSIGN(auto group, parseGroupId(hex));
    LAPIS_TRY_ASSIGN(auto text, needPositional(args, 1, "the text to send"));
    std::optional<MessageId> replyTo;
    if (auto quoted = args.option("--reply-to")) {
        LAPIS_TRY_ASSIGN(replyTo, parseMessageId(*quoted));
    }
    // --allow-plaintext is taken for the fixed interface; a group admits only members reached end
    // to end so far, so it changes nothing yet.
    LAPIS_TRY_ASSIGN(auto report, engine.sendGroupText(group, text, replyTo));
    for (const auto &account : report.waiting)
        std::cerr << "warning: not yet taken by the relay for " << account.value() << "; kept in the outbox\n";
    out << (report.acceptedByRelay ? "sent " : "queued ") << report.id.toHex() << " e2e\n";
    return {};
}

Result<void> groupSendFileCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 0, "a group id"));
    LAPIS_TRY_ASSIGN(auto group, parseGroupId(hex));
    LAPIS_TRY_ASSIGN(auto path, needPositional(args, 1, "the file to send"));
    // Encrypted and uploaded once; the one group message carries its pointer to every member.
    // --allow-plaintext: as group-send.
    LAPIS_TRY_ASSIGN(auto report, engine.sendFile(engine::groupConversationKey(group), path, false));
    out << (report.acceptedByRelay ? "sent " : "queued ") << report.id.toHex() << " e2e\n";
    return {};
}

Result<void> groupChangeCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 0, "a group id"));
    LAPIS_TRY_ASSIGN(auto group, parseGroupId(hex));
    Result<engine::GroupSummary> changed = fail(ErrorCode::InvalidArgument, "Unknown group command");
    if (args.command == "group-leave") {
        changed = engine.leaveGroup(group);
    } else if (args.command == "group-rename") {
        LAPIS_TRY_ASSIGN(auto name, needPositional(args, 1, "the new name"));
        changed = engine.renameGroup(group, name);
    } else {
        LAPIS_TRY(needPositional(args, 1, "at least one member"));
        const auto accounts = accountsFrom(args, 1);
        if (args.command == "group-add")
            changed = engine.addGroupMembers(group, accounts);
        else if (args.command == "group-remove")
            changed = engine.removeGroupMembers(group, accounts);
        else if (args.command == "group-promote")
            changed = engine.promoteGroupMembers(group, accounts);
    }
    if (!changed.ok())
        return std::move(changed).error();
    out << "group " << changed->id.toHex() << " version " << changed->version << "\n";
    return {};
}

Result<void> groupsCommand(engine::Engine &engine, const CliArguments &, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto groups, engine.groups());
    for (const auto &group : groups)
        out << group.id.toHex() << "\t" << group.name << "\t" << group.members.size() << "\t"
            << (group.endToEnd ? "e2e" : "plaintext") << "\n";
    return {};
}

Result<void> groupMembersCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 0, "a group id"));
    LAPIS_TRY_ASSIGN(auto id, parseGroupId(hex));
    LAPIS_TRY_ASSIGN(auto group, engine.group(id));
    for (const auto &member : group.members)
        out << member.account.value() << "\t" << (member.admin ? "admin" : "member") << "\n";
    return {};
}

Result<void> groupReceiptsCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 0, "a group id"));
    LAPIS_TRY_ASSIGN(auto group, parseGroupId(hex));
    LAPIS_TRY_ASSIGN(auto messageHex, needPositional(args, 1, "a message id"));
    LAPIS_TRY_ASSIGN(auto id, parseMessageId(messageHex));
    LAPIS_TRY_ASSIGN(auto receipts, engine.groupReceipts(group, id));
    for (const auto &receipt : receipts)
        out << receipt.account.value() << "\t"
            << (receipt.state == store::MessageState::Read        ? "read"
                : receipt.state == store::MessageState::Delivered ? "delivered"
                                                                  : "sent")
            << "\n";
    return {};
}

Result<void> groupHistoryCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 0, "a group id"));
    LAPIS_TRY_ASSIGN(auto id, parseGroupId(hex));
    int limit = 50;
    if (auto l = args.option("--limit")) {
        std::istringstream in(*l);
        if (!(in >> limit) || limit <= 0)
            return fail(ErrorCode::InvalidArgument, "--limit takes a positive number");
    }
    LAPIS_TRY_ASSIGN(auto group, engine.group(id));
    LAPIS_TRY_ASSIGN(auto messages, engine.history(group.conversationKey, limit));
    for (const auto &m : messages) {
        out << timeText(m.sentAtMs) << " " << m.sender.value() << " [e2e] ";
        if (m.kind == store::MessageKind::GroupChanged)
            out << noticeText(m.text);
        else
            out << (m.deleted ? "(deleted)" : m.text);
        out << (m.replyTo ? " (reply to " + m.replyTo->toHex() + ")" : std::string()) << "\n";
    }
    return {};
}

bool isGroupEvent(const engine::ReceivedItem &item)
{
    return item.event.kind == IncomingEvent::Kind::GroupChanged || item.event.kind == IncomingEvent::Kind::GroupRefused;
}

void printGroupEvent(const engine::ReceivedItem &item, std::ostream &out)
{
    const auto &e = item.event;
    if (!e.group)
        return;
    QJsonObject o;
    if (e.kind == IncomingEvent::Kind::GroupRefused) {
        o["event"] = "refused";
        o["reason"] = QString::fromStdString(e.text);
    } else {
        o["event"] = eventName(e.groupChange.value_or(Kind::Add));
    }
    o["group"] = QString::fromStdString(e.group->toHex());
    o["by"] = QString::fromStdString(e.from.value());
    QJsonArray members;
    for (const auto &member : e.groupMembers)
        members.append(QString::fromStdString(member.value()));
    o["members"] = members;
    out << QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() << "\n";
}

} // namespace lapis::cli
