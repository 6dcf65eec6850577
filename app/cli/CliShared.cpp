// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliShared.h"

#include <lapis/common/Bytes.h>
#include <lapis/engine/sending/Sender.h>

#include <QDateTime>

#include <iostream>

namespace lapis::cli {

Result<std::string> needPositional(const CliArguments &args, std::size_t i, const char *what)
{
    if (i >= args.positional.size() || args.positional[i].empty())
        return fail(ErrorCode::InvalidArgument, args.command + " needs " + what);
    return args.positional[i];
}

Result<MessageId> parseMessageId(const std::string &hex)
{
    auto bytes = fromHex(hex);
    if (bytes.ok()) {
        if (auto id = MessageId::fromBytes(*bytes); id.ok())
            return *id;
    }
    return fail(ErrorCode::InvalidArgument, "\"" + hex + "\" is not a message id (32 hex digits, as send prints it)");
}

std::string timeText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate).toStdString();
}

void printSendReport(const engine::SendReport &report, std::ostream &out)
{
    for (const auto &ignored : report.ignoredDevices)
        std::cerr << "warning: device " << ignored.device.value() << " ignored: " << ignored.reason << "\n";
    out << (report.acceptedByRelay ? "sent " : "queued ") << report.id.toHex()
        << (report.endToEnd ? " e2e" : " plaintext")
        << (report.acceptedByRelay ? "" : " (the relay did not answer; kept in the outbox)") << "\n";
}

} // namespace lapis::cli
