// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliArguments.h"

namespace lapis::cli {

namespace {
/// Options that stand alone (no value), for every command.
const std::set<std::string> Flags = {"--plaintext", "--allow-plaintext", "--json",   "--reactions",   "--help",
                                     "--version",   "--remove",          "--events", "--for-everyone"};
/// Options with a value that a command may take.
const std::set<std::string> ValueOptions = {"--relay",
                                            "--relay-ca",
                                            "--password-file",
                                            "--totp",
                                            "--qr-png",
                                            "--code",
                                            "--timeout",
                                            "--count",
                                            "--limit",
                                            "--qr-image",
                                            "--device-code",
                                            "--device-name",
                                            "--recovery-code",
                                            "--reply-to",
                                            "--recovery-code-file",
                                            "--new-password-file",
                                            "--save-dir"};
} // namespace

std::optional<std::string> CliArguments::option(const std::string &name) const
{
    const auto it = options.find(name);
    return it == options.end() ? std::nullopt : std::optional(it->second);
}

Result<std::string> CliArguments::required(const std::string &name) const
{
    if (auto value = option(name))
        return *value;
    return fail(ErrorCode::InvalidArgument, command + " needs " + name);
}

Result<CliArguments> CliArguments::parse(const std::vector<std::string> &args)
{
    CliArguments out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const auto takeValue = [&]() -> Result<std::string> {
            if (i + 1 >= args.size())
                return fail(ErrorCode::InvalidArgument, arg + " needs a value");
            return args[++i];
        };
        if (arg == "--profile") {
            LAPIS_TRY_ASSIGN(out.profile, takeValue());
        } else if (arg == "--passphrase-file") {
            LAPIS_TRY_ASSIGN(out.passphraseFile, takeValue());
        } else if (Flags.count(arg)) {
            out.flags.insert(arg);
        } else if (ValueOptions.count(arg)) {
            LAPIS_TRY_ASSIGN(out.options[arg], takeValue());
        } else if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
            return fail(ErrorCode::InvalidArgument, "Unknown option " + arg + " (see lapis-cli --help)");
        } else if (out.command.empty()) {
            out.command = arg;
        } else {
            out.positional.push_back(arg);
        }
    }
    if (out.command.empty() && !out.has("--help") && !out.has("--version"))
        return fail(ErrorCode::InvalidArgument, "No command given (see lapis-cli --help)");
    return out;
}

std::string usage()
{
    return "Usage: lapis-cli --profile DIR [--passphrase-file FILE] COMMAND ...\n"
           "  register USER --relay HOST:PORT --relay-ca FILE --password-file FILE [--plaintext]\n"
           "  login USER --relay HOST:PORT --relay-ca FILE --password-file FILE [--device-code CODE] [--totp CODE]\n"
           "  sign-in-requests                pending sign-ins of this account: ID CODE DEVICE-NAME TIME\n"
           "  sign-in-deny ID                 refuse a pending sign-in\n"
           "  sign-ins                        decided sign-ins seen by receive: ID OUTCOME TIME DEVICE-NAME\n"
           "  device-changes                  devices added/removed, seen by receive: added|removed ID TIME NAME\n"
           "  remove-device DEVICE-ID         remove a device of this account (see devices)\n"
           "  link-request --relay HOST:PORT --relay-ca FILE [--qr-png FILE]\n"
           "                                  --relay also takes several relays of one deployment\n"
           "                                  (one certificate): HOST:PORT,HOST:PORT; the first that\n"
           "                                  answers is used, the next when it goes away\n"
           "  link-approve URI [--code CODE]\n"
           "  link-approve --qr-image FILE [--code CODE]\n"
           "  totp-enable\n"
           "  totp-confirm CODE\n"
           "  password-change --password-file OLD --new-password-file NEW [--totp CODE]\n"
           "                                  a new account password (the old one again, and TOTP if on)\n"
           "  sign-in-allow                   lift the lock that too many wrong sign-in codes caused\n"
           "  send USER TEXT [--allow-plaintext] [--reply-to MESSAGE-ID]\n"
           "                                  --reply-to quotes that message (its hex id, as send and\n"
           "                                  receive --json print it) of the conversation with USER\n"
           "  react USER MESSAGE-ID EMOJI [--remove] [--allow-plaintext]\n"
           "                                  react to a message with USER (replaces your earlier\n"
           "                                  reaction to it); --remove withdraws it (EMOJI may be -)\n"
           "  send-lines USER FILE [--allow-plaintext]\n"
           "                                  each non-empty line of FILE is one message, sent in order\n"
           "                                  as one burst; prints a line per message as send does\n"
           "  send-file USER PATH [--allow-plaintext]\n"
           "  edit USER MESSAGE-ID TEXT       your message's new text (within 24 hours of sending)\n"
           "  delete USER MESSAGE-ID [--for-everyone]\n"
           "                                  from this device; --for-everyone: your message, within\n"
           "                                  24 hours, on every device of both sides\n"
           "  disappearing USER SECONDS|off   messages sent from now on disappear after SECONDS (at\n"
           "                                  most 2419200, four weeks), counted from sending for the\n"
           "                                  sender and from reading for the recipient\n"
           "  receive [--timeout SECONDS] [--count N] [--json [--reactions] [--events]] [--save-dir DIR]\n"
           "                                  waits until nothing new came for --timeout (5) seconds;\n"
           "                                  with --count, returns once everything waiting at the relay\n"
           "                                  and N messages (lines) arrived, --timeout then being the\n"
           "                                  deadline of the whole wait\n"
           "                                  attachments stay encrypted in the profile; with --save-dir\n"
           "                                  each is decrypted into DIR under a safe, unique name\n"
           "                                  --events adds objects for edits, deletes, timer changes,\n"
           "                                  typing and expiry: {\"event\":\"edited\",\"id\":...,\"text\":...}\n"
           "                                  and group changes: {\"event\":\"added\",\"group\":...,\"by\":...,\n"
           "                                  \"members\":[...]} (created, added, removed, left, renamed,\n"
           "                                  promoted; refused, with a reason); a group message has a\n"
           "                                  \"group\" key\n"
           "  history USER [--limit N]\n"
           "  search TEXT\n"
           "  group-create NAME USER...       a group of you (its admin) and USERs: group GROUP-ID\n"
           "  group-send GROUP-ID TEXT [--reply-to ID] [--allow-plaintext]\n"
           "  group-send-file GROUP-ID PATH [--allow-plaintext]\n"
           "  group-add GROUP-ID USER...      (admins) a new member reads from now on, never before\n"
           "  group-remove GROUP-ID USER...   (admins) a removed member reads nothing sent after\n"
           "  group-promote GROUP-ID USER...  (admins) make members admins\n"
           "  group-rename GROUP-ID NAME      (admins)\n"
           "  group-leave GROUP-ID\n"
           "                                  each change prints: group GROUP-ID version N\n"
           "  groups                          GROUP-ID<TAB>NAME<TAB>MEMBERS (how many)<TAB>e2e|plaintext\n"
           "  group-members GROUP-ID          USER<TAB>admin|member\n"
           "  group-history GROUP-ID [--limit N]\n"
           "  group-receipts GROUP-ID MESSAGE-ID  who has your message: USER<TAB>sent|delivered|read\n"
           "  devices [USER]                  ID NAME CREATED e2e|plaintext pq|classical (pq: PQXDH)\n"
           "  safety-number USER\n"
           "  accept-key USER                 accept USER's new account key (after comparing)\n"
           "  mark-read USER                  mark USER's messages read and send read receipts\n"
           "  backup-export FILE              write an encrypted backup; prints the recovery code last\n"
           "  backup-import FILE --recovery-code CODE   restore into an empty --profile folder\n"
           "  backup-import FILE --recovery-code-file F the code read from file F (- for standard input),\n"
           "                                  out of sight of other users' process lists\n"
           "  --version | --help\n"
           "\n"
           "Lapis's engine without a window, for scripts and bots. Exits 0 on success; otherwise\n"
           "prints one line with the reason on standard error. Never waits for keyboard input.\n"
           "Without --passphrase-file the profile's key is kept in the OS keychain.\n";
}

} // namespace lapis::cli
