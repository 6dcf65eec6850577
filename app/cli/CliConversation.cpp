// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliConversation.h"
#include "CliShared.h"

#include <lapis/engine/Engine.h>
#include <lapis/protocol/Limits.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <ostream>
#include <sstream>

namespace lapis::cli {

using engine::IncomingEvent;

Result<void> editCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 1, "the id of the message to edit"));
    LAPIS_TRY_ASSIGN(auto text, needPositional(args, 2, "the new text"));
    LAPIS_TRY_ASSIGN(auto id, parseMessageId(hex));
    LAPIS_TRY_ASSIGN(auto report, engine.editMessage(AccountId(user), id, text));
    printSendReport(report, out);
    return {};
}

Result<void> deleteCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
    LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 1, "the id of the message to delete"));
    LAPIS_TRY_ASSIGN(auto id, parseMessageId(hex));
    if (!args.has("--for-everyone")) {
        LAPIS_TRY(engine.deleteForMe(AccountId(user), id));
        out << "deleted " << id.toHex() << "\n";
        return {};
    }
    LAPIS_TRY_ASSIGN(auto report, engine.deleteForEveryone(AccountId(user), id));
    printSendReport(report, out);
    return {};
}

Result<void> disappearingCommand(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
    LAPIS_TRY_ASSIGN(auto value, needPositional(args, 1, "a number of seconds, or off"));
    std::uint32_t seconds = 0;
    if (value != "off") {
        std::istringstream in(value);
        if (!(in >> seconds) || !in.eof() || seconds == 0 || seconds > protocol::MaxExpireTimerSeconds)
            return fail(ErrorCode::InvalidArgument, "\"" + value + "\" is not a timer: give seconds from 1 to "
                                                        + std::to_string(protocol::MaxExpireTimerSeconds)
                                                        + " (four weeks), or off");
    }
    LAPIS_TRY_ASSIGN(auto report, engine.setDisappearingTimer(AccountId(user), seconds));
    out << "timer " << (seconds == 0 ? std::string("off") : std::to_string(seconds)) << "\n";
    printSendReport(report, out);
    return {};
}

bool isPrintedEvent(const engine::ReceivedItem &item)
{
    switch (item.event.kind) {
    case IncomingEvent::Kind::Edit:
    case IncomingEvent::Kind::Delete:
    case IncomingEvent::Kind::TimerChanged:
    case IncomingEvent::Kind::Typing:
    case IncomingEvent::Kind::Expired:
        return true;
    default:
        return false;
    }
}

void printEvent(const engine::ReceivedItem &item, std::ostream &out)
{
    const auto &e = item.event;
    QJsonObject o;
    switch (e.kind) {
    case IncomingEvent::Kind::Edit:
        o["event"] = "edited";
        o["id"] = QString::fromStdString(e.messageId.toHex());
        o["text"] = QString::fromStdString(e.text);
        break;
    case IncomingEvent::Kind::Delete:
        o["event"] = "deleted";
        o["id"] = QString::fromStdString(e.messageId.toHex());
        break;
    case IncomingEvent::Kind::TimerChanged:
        o["event"] = "timer";
        o["seconds"] = static_cast<qint64>(e.expireTimerSeconds);
        break;
    case IncomingEvent::Kind::Typing:
        o["event"] = "typing";
        o["started"] = e.typingStarted;
        break;
    case IncomingEvent::Kind::Expired:
        o["event"] = "expired";
        o["id"] = QString::fromStdString(e.messageId.toHex());
        break;
    default:
        return;
    }
    o["from"] = QString::fromStdString(e.from.value());
    o["peer"] = QString::fromStdString(e.conversationPeer.value());
    out << QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() << "\n";
}

} // namespace lapis::cli
