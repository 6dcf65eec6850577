// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliBackup.h"
#include "CliCommands.h"
#include "CliConversation.h"
#include "CliGroups.h"
#include "CliShared.h"
#include "CliSignIn.h"
#include "CliTestHooks.h"

#include <lapis/decode/DecoderProcess.h>
#include <lapis/engine/Engine.h>
#include <lapis/qr/QrCode.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <ostream>
#include <sstream>

namespace lapis::cli {

namespace {
using engine::Engine;

Result<std::string> readSecretFile(const std::string &path, const char *what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, std::string("Cannot read the ") + what + " file " + path);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (text.empty())
        return fail(ErrorCode::InvalidArgument, std::string("The ") + what + " file " + path + " is empty");
    return text;
}

/// The QR code in an image file, read by the sandboxed lapis-decoder (issue 22): the picture may
/// come from anyone, so neither Qt's image plugins nor ZXing see it in this process.
Result<std::string> readQrImage(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, "Cannot read the image " + path);
    if (static_cast<std::uint64_t>(file.size()) > decode::MaxEncodedBytes)
        return fail(ErrorCode::LimitExceeded, "The image " + path + " is too large to read a QR code from");
    const QByteArray bytes = file.read(static_cast<qint64>(decode::MaxEncodedBytes));
    decode::DecoderProcess decoder(decode::DecoderSettings{});
    auto text = decoder.readQrCode(bytes);
    if (!text.ok())
        return fail(text.error().code, "No QR code could be read from " + path + ": " + text.error().message);
    return text;
}

Result<std::unique_ptr<Engine>> openEngine(const CliArguments &args)
{
    if (!args.profile)
        return fail(ErrorCode::InvalidArgument, "--profile DIR is required");
    engine::ProfileOptions options;
    options.directory = *args.profile;
    if (args.passphraseFile) {
        LAPIS_TRY_ASSIGN(auto passphrase, readSecretFile(*args.passphraseFile, "passphrase"));
        options.passphrase = std::move(passphrase);
    }
    applyTestKdf(options);
    return Engine::open(options);
}

Result<engine::AccountSetup> accountSetup(const CliArguments &args)
{
    engine::AccountSetup setup;
    LAPIS_TRY_ASSIGN(setup.username, needPositional(args, 0, "a user name"));
    LAPIS_TRY_ASSIGN(setup.relayAddress, args.required("--relay"));
    LAPIS_TRY_ASSIGN(auto caFile, args.required("--relay-ca"));
    std::ifstream ca(caFile);
    if (!ca)
        return fail(ErrorCode::Io, "Cannot read the relay certificate " + caFile);
    setup.relayCertificatePem.assign(std::istreambuf_iterator<char>(ca), {});
    LAPIS_TRY_ASSIGN(auto passwordFile, args.required("--password-file"));
    LAPIS_TRY_ASSIGN(setup.password, readSecretFile(passwordFile, "password"));
    setup.plaintextOnly = args.has("--plaintext");
    setup.totpCode = args.option("--totp").value_or("");
    setup.deviceCode = args.option("--device-code").value_or("");
    setup.deviceName =
        args.option("--device-name").value_or(QSysInfo::machineHostName().toStdString() + " (lapis-cli)");
    return setup;
}

const char *stateName(store::MessageState state)
{
    switch (state) {
    case store::MessageState::Pending:
        return "pending";
    case store::MessageState::Sent:
        return "sent";
    case store::MessageState::Delivered:
        return "delivered";
    case store::MessageState::Read:
        return "read";
    case store::MessageState::Failed:
        return "failed";
    }
    return "unknown";
}

/// What receive reports of an attachment: its plaintext's SHA-256, and where --save-dir put it.
struct ReceivedFile {
    std::string sha256;
    std::string path; ///< empty without --save-dir or when it could not be decrypted
};

/// Decrypts each downloaded attachment of `item` once: into a new file in `saveDir` when there is
/// one (a name made safe and unique there), otherwise only through the hash.
std::vector<ReceivedFile> receivedFiles(Engine &engine, const engine::ReceivedItem &item,
                                        const std::optional<std::string> &saveDir)
{
    std::vector<ReceivedFile> files;
    for (const auto id : item.attachmentIds) {
        ReceivedFile file;
        QCryptographicHash sha(QCryptographicHash::Sha256);
        const engine::PlaintextSink hash = [&sha](ByteView plain) -> Result<void> {
            sha.addData(
                QByteArrayView(reinterpret_cast<const char *>(plain.data()), static_cast<qsizetype>(plain.size())));
            return {};
        };
        bool ok = false;
        if (id != 0 && saveDir) {
            auto saved = engine.saveAttachmentIn(id, *saveDir, hash);
            if (saved.ok())
                file.path = saved->string();
            else
                std::cerr << "warning: an attachment was not saved: " << saved.error().message << "\n";
            ok = saved.ok();
        } else if (id != 0) {
            ok = engine.decryptAttachment(id, hash).ok();
        }
        if (ok)
            file.sha256 = sha.result().toHex().toStdString();
        files.push_back(std::move(file));
    }
    return files;
}

/// Whether printReceived() writes a line on stdout for `item` (what receive --count counts).
bool printsLine(const engine::ReceivedItem &item, bool json, bool reactions, bool events)
{
    const auto kind = item.event.kind;
    return kind == engine::IncomingEvent::Kind::Message || kind == engine::IncomingEvent::Kind::SyncedMessage
           || (json && reactions && kind == engine::IncomingEvent::Kind::Reaction)
           || (json && events && (isPrintedEvent(item) || isGroupEvent(item)));
}

void printReceived(const engine::ReceivedItem &item, const std::vector<ReceivedFile> &files, bool json, bool reactions,
                   bool events, std::ostream &out)
{
    const auto &e = item.event;
    if (json && events && isPrintedEvent(item)) {
        // Only when asked for (--json --events): without it, one object per message as before.
        printEvent(item, out);
        return;
    }
    if (json && events && isGroupEvent(item)) {
        printGroupEvent(item, out);
        return;
    }
    if (e.kind == engine::IncomingEvent::Kind::GroupRefused)
        std::cerr << "warning: a change to group " << (e.group ? e.group->toHex() : std::string()) << " by "
                  << e.from.value() << " was refused: " << e.text << "\n";
    // Warnings go to stderr in both formats: stdout stays one line (or object) per message.
    if (e.kind == engine::IncomingEvent::Kind::PlaintextRefused) {
        std::cerr << "warning: the relay tried to deliver an unencrypted message in the name of " << e.from.value()
                  << " (device " << e.fromDevice.value()
                  << "), who uses end-to-end encryption; it was refused and not stored\n";
        return;
    }
    if (e.kind == engine::IncomingEvent::Kind::Unreadable) {
        std::cerr << "warning: a message from " << e.from.value() << "." << e.fromDevice.value()
                  << " could not be read and was dropped: " << e.text << "\n";
        return;
    }
    if (json && reactions && e.kind == engine::IncomingEvent::Kind::Reaction) {
        // Only when asked for (--json --reactions): receive --json is one object per message, and
        // scripts that count or dedupe those must not meet a reaction's line.
        QJsonObject o;
        o["id"] = QString::fromStdString(e.messageId.toHex()); // the message reacted to
        o["from"] = QString::fromStdString(e.from.value());
        o["device"] = static_cast<qint64>(e.fromDevice.value());
        o["e2e"] = e.endToEnd;
        o["text"] = QString();
        QJsonObject r;
        r["emoji"] = QString::fromStdString(e.text);
        r["remove"] = e.text.empty();
        o["reaction"] = r;
        out << QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() << "\n";
        return;
    }
    if (e.kind != engine::IncomingEvent::Kind::Message && e.kind != engine::IncomingEvent::Kind::SyncedMessage)
        return; // receipts, typing and changes update the store; scripts read messages
    if (json) {
        QJsonObject o;
        o["id"] = QString::fromStdString(e.messageId.toHex());
        o["from"] = QString::fromStdString(e.from.value());
        o["device"] = static_cast<qint64>(e.fromDevice.value());
        o["e2e"] = e.endToEnd;
        o["text"] = QString::fromStdString(e.text);
        if (e.group)
            o["group"] = QString::fromStdString(e.group->toHex());
        else if (e.kind == engine::IncomingEvent::Kind::SyncedMessage)
            o["to"] = QString::fromStdString(e.conversationPeer.value());
        if (e.quote) {
            QJsonObject q;
            q["id"] = QString::fromStdString(e.quote->target.toHex());
            q["author"] = QString::fromStdString(e.quote->author.value());
            q["excerpt"] = QString::fromStdString(e.quote->excerpt);
            o["reply_to"] = q;
        }
        for (std::size_t i = 0; i < e.attachments.size(); ++i) {
            QJsonObject a;
            a["name"] = QString::fromStdString(e.attachments[i].fileName);
            a["size"] = static_cast<qint64>(e.attachments[i].size);
            a["sha256"] = QString::fromStdString(i < files.size() ? files[i].sha256 : std::string());
            if (i < files.size() && !files[i].path.empty())
                a["path"] = QString::fromStdString(files[i].path);
            if (i == 0)
                o["attachment"] = a;
        }
        out << QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() << "\n";
        return;
    }
    out << e.from.value() << "." << e.fromDevice.value() << (e.endToEnd ? " [e2e] " : " [plaintext] ");
    if (e.group)
        out << "(group " << e.group->toHex() << ") ";
    else if (e.kind == engine::IncomingEvent::Kind::SyncedMessage)
        out << "(to " << e.conversationPeer.value() << ") ";
    out << e.text;
    for (std::size_t i = 0; i < e.attachments.size(); ++i)
        out << " [attachment " << e.attachments[i].fileName << " " << e.attachments[i].size << " bytes"
            << (i < files.size() && !files[i].path.empty() ? " -> " + files[i].path : std::string()) << "]";
    if (e.quote)
        out << " (reply to " << e.quote->target.toHex() << ")";
    out << "\n";
}

using Handler = std::function<Result<void>(Engine &, const CliArguments &, std::ostream &)>;

const std::map<std::string, Handler> &handlers()
{
    static const std::map<std::string, Handler> table{
        {"register",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto setup, accountSetup(args));
             LAPIS_TRY(engine.registerAccount(setup));
             out << "registered " << engine.account().value() << (setup.plaintextOnly ? " (plaintext only)" : "")
                 << "\n";
             return {};
         }},
        {"login",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto setup, accountSetup(args));
             LAPIS_TRY(engine.login(setup));
             out << "logged in as " << engine.account().value() << "\n";
             return printLoginNotes(engine, setup, out);
         }},
        {"sign-in-requests", signInRequests},
        {"sign-in-deny", signInDeny},
        {"sign-ins", signIns},
        {"device-changes", deviceChanges},
        {"remove-device",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto id, needPositional(args, 0, "the id of a device of this account (see devices)"));
             std::uint32_t device = 0;
             std::istringstream in(id);
             if (!(in >> device) || !in.eof() || device == 0)
                 return fail(ErrorCode::InvalidArgument,
                             "\"" + id + "\" is not a device id (a number, as devices prints it)");
             LAPIS_TRY(engine.removeDevice(DeviceId(device)));
             out << "removed device " << device << "\n";
             return {};
         }},
        {"link-request",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto relay, args.required("--relay"));
             LAPIS_TRY_ASSIGN(auto caFile, args.required("--relay-ca"));
             std::ifstream ca(caFile);
             if (!ca)
                 return fail(ErrorCode::Io, "Cannot read the relay certificate " + caFile);
             const std::string pem((std::istreambuf_iterator<char>(ca)), {});
             LAPIS_TRY_ASSIGN(auto pending, engine.requestLink(relay, pem));
             const auto uri = pending.uri.toString();
             if (auto png = args.option("--qr-png"))
                 LAPIS_TRY(qr::writePng(uri, QString::fromStdString(*png)));
             // Printed and flushed at once: the approving side reads these lines while we wait.
             out << uri << "\n"
                 << "code: " << pending.comparisonCode << std::endl;
             const auto name =
                 args.option("--device-name").value_or(QSysInfo::machineHostName().toStdString() + " (lapis-cli)");
             LAPIS_TRY(engine.completeLink(pending, name));
             out << "linked as " << engine.account().value() << "\n";
             return {};
         }},
        {"link-approve",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             std::string text;
             if (auto image = args.option("--qr-image")) {
                 LAPIS_TRY_ASSIGN(text, readQrImage(*image));
             } else {
                 LAPIS_TRY_ASSIGN(text, needPositional(args, 0, "the link URI or --qr-image FILE"));
             }
             LAPIS_TRY_ASSIGN(auto uri, engine::LinkUri::parse(text));
             out << "code: " << Engine::comparisonCode(uri) << std::endl;
             LAPIS_TRY(engine.approveLink(uri, args.option("--code")));
             out << "approved\n";
             return {};
         }},
        {"totp-enable",
         [](Engine &engine, const CliArguments &, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto uri, engine.enableTotp());
             out << uri << "\n";
             return {};
         }},
        {"totp-confirm",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto code, needPositional(args, 0, "the code from the authenticator app"));
             LAPIS_TRY(engine.confirmTotp(code));
             out << "two-factor sign-in enabled\n";
             return {};
         }},
        {"password-change",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto oldFile, args.required("--password-file"));
             LAPIS_TRY_ASSIGN(auto newFile, args.required("--new-password-file"));
             LAPIS_TRY_ASSIGN(auto oldPassword, readSecretFile(oldFile, "password"));
             LAPIS_TRY_ASSIGN(auto newPassword, readSecretFile(newFile, "new password"));
             LAPIS_TRY(engine.changeAccountPassword(oldPassword, newPassword, args.option("--totp").value_or("")));
             out << "password changed\n";
             return {};
         }},
        {"sign-in-allow",
         [](Engine &engine, const CliArguments &, std::ostream &out) -> Result<void> {
             LAPIS_TRY(engine.allowSignIns());
             out << "sign-ins by code allowed again\n";
             return {};
         }},
        {"send",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a recipient"));
             LAPIS_TRY_ASSIGN(auto text, needPositional(args, 1, "the text to send"));
             if (auto replyTo = args.option("--reply-to")) {
                 LAPIS_TRY_ASSIGN(auto quoted, parseMessageId(*replyTo));
                 LAPIS_TRY_ASSIGN(auto report,
                                  engine.sendReply(AccountId(user), quoted, text, args.has("--allow-plaintext")));
                 printSendReport(report, out);
                 return {};
             }
             LAPIS_TRY_ASSIGN(auto report, engine.sendText(AccountId(user), text, args.has("--allow-plaintext")));
             printSendReport(report, out);
             return {};
         }},
        {"react",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
             LAPIS_TRY_ASSIGN(auto hex, needPositional(args, 1, "the id of the message to react to"));
             LAPIS_TRY_ASSIGN(auto target, parseMessageId(hex));
             const bool remove = args.has("--remove");
             std::string emoji;
             if (!remove) {
                 LAPIS_TRY_ASSIGN(emoji, needPositional(args, 2, "an emoji"));
             }
             LAPIS_TRY_ASSIGN(auto report, engine.sendReaction(AccountId(user), target, emoji, remove,
                                                               args.has("--allow-plaintext")));
             printSendReport(report, out);
             return {};
         }},
        {"send-lines",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a recipient"));
             LAPIS_TRY_ASSIGN(auto path, needPositional(args, 1, "a file with one message per line"));
             std::ifstream in(path, std::ios::binary);
             if (!in)
                 return fail(ErrorCode::NotFound, "Cannot read " + path);
             std::vector<std::string> texts;
             for (std::string line; std::getline(in, line);) {
                 if (!line.empty() && line.back() == '\r')
                     line.pop_back();
                 if (!line.empty())
                     texts.push_back(std::move(line));
             }
             if (texts.empty())
                 return fail(ErrorCode::InvalidArgument, path + " has no line to send");
             LAPIS_TRY_ASSIGN(auto reports, engine.sendTexts(AccountId(user), texts, args.has("--allow-plaintext")));
             for (std::size_t i = 0; i < reports.size(); ++i) {
                 if (i > 0)
                     reports[i].ignoredDevices.clear(); // the same devices for every line: warned once
                 printSendReport(reports[i], out);
             }
             return {};
         }},
        {"send-file",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a recipient"));
             LAPIS_TRY_ASSIGN(auto path, needPositional(args, 1, "the file to send"));
             LAPIS_TRY_ASSIGN(auto report, engine.sendFile(AccountId(user), path, args.has("--allow-plaintext")));
             printSendReport(report, out);
             return {};
         }},
        {"receive",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             double seconds = 5;
             if (auto t = args.option("--timeout")) {
                 std::istringstream in(*t);
                 if (!(in >> seconds) || seconds < 0)
                     return fail(ErrorCode::InvalidArgument, "--timeout takes a number of seconds");
             }
             const auto saveDir = args.option("--save-dir");
             if (saveDir && !std::filesystem::is_directory(*saveDir))
                 return fail(ErrorCode::InvalidArgument, "--save-dir needs an existing folder: " + *saveDir);
             // Nobody clicks "download" here: every attachment is fetched, up to the relay's limit.
             engine.setAutoDownloadLimit(engine::MaxAttachmentSize);
             // On stderr, as the other warnings: stdout stays one line (or object) per message.
             engine.setDeviceChangeListener(
                 [](const engine::DeviceChange &c) { printDeviceChangeNotice(c, std::cerr); });
             const bool json = args.has("--json");
             const bool reactions = args.has("--reactions");
             const bool events = args.has("--events");
             const auto wait = std::chrono::milliseconds(static_cast<long>(seconds * 1000));
             std::vector<engine::ReceivedItem> items;
             if (auto c = args.option("--count")) {
                 std::istringstream in(*c);
                 long count = 0;
                 if (!(in >> count) || count < 0 || !in.eof())
                     return fail(ErrorCode::InvalidArgument, "--count takes a number of messages (0 or more)");
                 // --timeout is then the deadline of the whole wait, not an idle time.
                 LAPIS_TRY_ASSIGN(items, engine.receive(wait, [&](const std::vector<engine::ReceivedItem> &so_far) {
                     return std::count_if(so_far.begin(), so_far.end(),
                                          [&](const auto &item) { return printsLine(item, json, reactions, events); })
                            >= count;
                 }));
             } else {
                 LAPIS_TRY_ASSIGN(items, engine.receive(wait));
             }
             for (const auto &item : items)
                 printReceived(item, receivedFiles(engine, item, saveDir), json, reactions, events, out);
             return {};
         }},
        {"history",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
             int limit = 50;
             if (auto l = args.option("--limit")) {
                 std::istringstream in(*l);
                 if (!(in >> limit) || limit <= 0)
                     return fail(ErrorCode::InvalidArgument, "--limit takes a positive number");
             }
             LAPIS_TRY_ASSIGN(auto messages, engine.history(AccountId(user), limit));
             for (const auto &m : messages) {
                 out << timeText(m.sentAtMs) << " " << m.sender.value() << (m.endToEnd ? " [e2e] " : " [plaintext] ");
                 if (m.kind == store::MessageKind::TimerChanged)
                     out << "(timer "
                         << (m.expireTimerSeconds ? std::to_string(m.expireTimerSeconds) : std::string("off")) << ")";
                 else
                     out << (m.deleted ? "(deleted)" : m.text) << (m.editedAtMs && !m.deleted ? " (edited)" : "");
                 out << " (" << stateName(m.state) << ")";
                 // Appended only to replies and to messages with reactions: other lines stay as they were.
                 if (m.replyTo)
                     out << " (reply to " << m.replyTo->toHex() << ")";
                 if (!m.reactions.empty()) {
                     out << " [reactions:";
                     for (const auto &r : m.reactions)
                         out << " " << r.emoji << " " << r.reactor.value();
                     out << "]";
                 }
                 out << "\n";
             }
             return {};
         }},
        {"search",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto text, needPositional(args, 0, "the text to look for"));
             LAPIS_TRY_ASSIGN(auto messages, engine.search(text));
             for (const auto &m : messages)
                 out << timeText(m.sentAtMs) << " " << m.sender.value() << ": " << m.text << "\n";
             return {};
         }},
        {"devices",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             std::optional<AccountId> account;
             if (!args.positional.empty())
                 account = AccountId(args.positional[0]);
             LAPIS_TRY_ASSIGN(auto devices, engine.devices(account));
             for (const auto &d : devices)
                 out << d.deviceId << " " << (d.name.empty() ? "-" : d.name) << " " << timeText(d.createdMs)
                     << (d.hasKeys ? " e2e" : " plaintext") << (d.postQuantum ? " pq" : " classical") << "\n";
             return {};
         }},
        {"accept-key",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
             LAPIS_TRY_ASSIGN(auto number, engine.acceptNewAccountKey(AccountId(user)));
             out << number << "\n";
             return {};
         }},
        {"mark-read",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
             LAPIS_TRY_ASSIGN(auto count, engine.markRead(AccountId(user)));
             out << "marked " << count << " read\n";
             return {};
         }},
        {"backup-export", backupExport},
        {"edit", editCommand},
        {"delete", deleteCommand},
        {"disappearing", disappearingCommand},
        {"group-create", groupCreateCommand},
        {"group-send", groupSendCommand},
        {"group-send-file", groupSendFileCommand},
        {"group-receipts", groupReceiptsCommand},
        {"group-add", groupChangeCommand},
        {"group-remove", groupChangeCommand},
        {"group-promote", groupChangeCommand},
        {"group-rename", groupChangeCommand},
        {"group-leave", groupChangeCommand},
        {"groups", groupsCommand},
        {"group-members", groupMembersCommand},
        {"group-history", groupHistoryCommand},
        {"safety-number",
         [](Engine &engine, const CliArguments &args, std::ostream &out) -> Result<void> {
             LAPIS_TRY_ASSIGN(auto user, needPositional(args, 0, "a contact"));
             LAPIS_TRY_ASSIGN(auto number, engine.safetyNumber(AccountId(user)));
             out << number << "\n";
             return {};
         }},
    };
    return table;
}
} // namespace

Result<void> runCommand(const CliArguments &args, std::ostream &out)
{
    if (args.command == "backup-import")
        return backupImport(args, out); // the target profile must not be opened (created) first
    const auto it = handlers().find(args.command);
    if (it == handlers().end())
        return fail(ErrorCode::InvalidArgument, "Unknown command " + args.command + " (see lapis-cli --help)");
    LAPIS_TRY_ASSIGN(auto engine, openEngine(args));
    return it->second(*engine, args, out);
}

} // namespace lapis::cli
