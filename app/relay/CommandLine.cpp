// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <charconv>

namespace lapis::relay {

namespace {

Error usageError(const std::string &message)
{
    return fail(ErrorCode::InvalidArgument, message);
}

template<typename T>
bool parseNumber(const std::string &text, T &out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

/// RATE/BURST, e.g. "5/10".
Result<std::pair<double, double>> parseRate(const std::string &text)
{
    const auto slash = text.find('/');
    double rate = 0;
    double burst = 0;
    if (slash == std::string::npos || !parseNumber(text.substr(0, slash), rate)
        || !parseNumber(text.substr(slash + 1), burst) || rate <= 0 || burst < 1)
        return usageError("A rate is RATE/BURST with RATE > 0 and BURST >= 1, e.g. 50/200");
    return std::pair{rate, burst};
}

} // namespace

std::string usage()
{
    return "Usage:\n"
           "  lapis-relay --data DIR [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]\n"
           "  lapis-relay --data DIR admin reset-account USER\n"
           "  lapis-relay --version | --help\n"
           "\n"
           "The Lapis relay: accounts, device directory, prekeys, mailboxes, attachments and the\n"
           "device-link channel, over gRPC with TLS. It stores only what it cannot read.\n"
           "\n"
           "  --data DIR            data folder (DIR/relay.db, DIR/blobs, DIR/tls)\n"
           "  --listen HOST:PORT    address to listen on (default 127.0.0.1:7443; port 0 picks one)\n"
           "  --tls-cert FILE       PEM certificate chain; with --tls-key. Without both, a self-signed\n"
           "  --tls-key FILE        P-256 certificate is made at DIR/tls/{cert,key}.pem and reused\n"
           "  admin reset-account USER\n"
           "                        remove USER's devices, keys and mailboxes (works while the relay runs)\n"
           "\n"
           "Tuning (optional):\n"
           "  --max-attachment-bytes N   largest attachment accepted (default 2147483648)\n"
           "  --rate-account R/B         per-account requests per second / burst (default 50/200)\n"
           "  --rate-connection R/B      per-connection requests per second / burst (default 100/400)\n"
           "  --link-ttl SECONDS         lifetime of link addresses and tokens (default 600)\n"
           "  --sign-in-ttl SECONDS      how long a sign-in code from a trusted device is valid (default 600)\n"
           "  --rate-sign-in R/B         new sign-in requests per account per second / burst (default 0.0167/5)\n"
           "Test only (never in production):\n"
           "  --argon2-test-params       minimal Argon2id costs, so test suites run fast\n";
}

Result<std::pair<std::string, int>> parseHostPort(const std::string &text)
{
    std::string host;
    std::string portText;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find("]:");
        if (close == std::string::npos)
            return usageError("--listen takes HOST:PORT or [IPv6]:PORT");
        host = text.substr(1, close - 1);
        portText = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string::npos || text.find(':') != colon)
            return usageError("--listen takes HOST:PORT or [IPv6]:PORT");
        host = text.substr(0, colon);
        portText = text.substr(colon + 1);
    }
    int port = -1;
    if (host.empty() || !parseNumber(portText, port) || port < 0 || port > 65535)
        return usageError("--listen takes HOST:PORT with a port from 0 to 65535");
    return std::pair{host, port};
}

Result<Command> parseCommandLine(const std::vector<std::string> &args)
{
    Command command;
    RelayConfig &c = command.config;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size())
                return usageError(arg + " needs a value");
            return args[++i];
        };
        if (arg == "--help" || arg == "-h") {
            command.kind = Command::Kind::Help;
            return command;
        }
        if (arg == "--version") {
            command.kind = Command::Kind::Version;
            return command;
        }
        if (arg == "--data") {
            LAPIS_TRY_ASSIGN(c.dataDir, value());
        } else if (arg == "--listen") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            LAPIS_TRY_ASSIGN(auto hostPort, parseHostPort(text));
            c.listenHost = hostPort.first;
            c.listenPort = hostPort.second;
        } else if (arg == "--tls-cert") {
            LAPIS_TRY_ASSIGN(c.tlsCertFile, value());
        } else if (arg == "--tls-key") {
            LAPIS_TRY_ASSIGN(c.tlsKeyFile, value());
        } else if (arg == "--max-attachment-bytes") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            if (!parseNumber(text, c.maxAttachmentBytes) || c.maxAttachmentBytes == 0)
                return usageError("--max-attachment-bytes takes a positive number");
        } else if (arg == "--rate-account" || arg == "--rate-connection") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            LAPIS_TRY_ASSIGN(auto rate, parseRate(text));
            (arg == "--rate-account" ? c.accountRatePerSecond : c.connectionRatePerSecond) = rate.first;
            (arg == "--rate-account" ? c.accountBurst : c.connectionBurst) = rate.second;
        } else if (arg == "--link-ttl") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            long seconds = 0;
            if (!parseNumber(text, seconds) || seconds < 1 || seconds > 86400)
                return usageError("--link-ttl takes 1 to 86400 seconds");
            c.linkTtl = std::chrono::seconds(seconds);
        } else if (arg == "--sign-in-ttl") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            long seconds = 0;
            if (!parseNumber(text, seconds) || seconds < 1 || seconds > 86400)
                return usageError("--sign-in-ttl takes 1 to 86400 seconds");
            c.signInTtl = std::chrono::seconds(seconds);
        } else if (arg == "--rate-sign-in") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            LAPIS_TRY_ASSIGN(auto rate, parseRate(text));
            c.signInRatePerSecond = rate.first;
            c.signInBurst = rate.second;
        } else if (arg == "--argon2-test-params") {
            c.argon2 = crypto::Argon2Params::minimumForTests();
        } else if (arg.rfind("--", 0) == 0) {
            return usageError("Unknown option " + arg);
        } else {
            positional.push_back(arg);
        }
    }
    if (c.dataDir.empty())
        return usageError("--data DIR is required");
    if (c.tlsCertFile.empty() != c.tlsKeyFile.empty())
        return usageError("--tls-cert and --tls-key go together");
    if (positional.empty())
        return command;
    if (positional.size() == 3 && positional[0] == "admin" && positional[1] == "reset-account") {
        command.kind = Command::Kind::ResetAccount;
        command.username = positional[2];
        return command;
    }
    return usageError("Unknown command; the only one is: admin reset-account USER");
}

} // namespace lapis::relay
