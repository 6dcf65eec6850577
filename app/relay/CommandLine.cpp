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

enum class LimitParse { NotALimit, Ok, Bad };

const char *limitUsage(const std::string &flag)
{
    if (flag.rfind("--rate-", 0) == 0)
        return "RATE/BURST with RATE > 0 and BURST >= 1";
    if (flag == "--send-stall-timeout")
        return "1 to 3600 seconds";
    return "a positive number";
}

/// The resource limits of issue 16, each RATE/BURST or a positive count.
template<typename Next>
LimitParse parseLimit(const std::string &flag, Next &next, RelayConfig &c)
{
    struct RateFlag {
        const char *name;
        double *rate;
        double *burst;
    };
    const RateFlag rates[] = {{"--rate-address", &c.addressRatePerSecond, &c.addressBurst},
                              {"--rate-register", &c.registerRatePerSecond, &c.registerBurst},
                              {"--rate-link-address", &c.linkAddressRatePerSecond, &c.linkAddressBurst},
                              {"--rate-prekey-caller", &c.preKeyCallerRatePerSecond, &c.preKeyCallerBurst},
                              {"--rate-prekey-target", &c.preKeyTargetRatePerSecond, &c.preKeyTargetBurst}};
    for (const auto &r : rates) {
        if (flag != r.name)
            continue;
        auto text = next();
        auto rate = text.ok() ? parseRate(*text) : Result<std::pair<double, double>>(text.error());
        if (!rate.ok())
            return LimitParse::Bad;
        *r.rate = rate->first;
        *r.burst = rate->second;
        return LimitParse::Ok;
    }
    std::uint64_t n = 0;
    auto count = [&]() {
        auto text = next();
        return text.ok() && parseNumber(*text, n) && n > 0;
    };
    if (flag == "--password-hash-workers" || flag == "--password-hash-queue") {
        // A queue of 0 is allowed: every call beyond the running hashes is refused at once.
        auto text = next();
        if (!text.ok() || !parseNumber(*text, n) || (flag == "--password-hash-workers" && n == 0) || n > 1024)
            return LimitParse::Bad;
        (flag == "--password-hash-workers" ? c.passwordHashWorkers : c.passwordHashQueue) = n;
        return LimitParse::Ok;
    }
    if (flag == "--memory-quota-mb") {
        if (!count() || n > (1u << 20))
            return LimitParse::Bad;
        c.memoryQuotaBytes = static_cast<std::size_t>(n) << 20;
        return LimitParse::Ok;
    }
    if (flag == "--max-streams-per-connection") {
        if (!count() || n > 100'000)
            return LimitParse::Bad;
        c.maxStreamsPerConnection = static_cast<int>(n);
        return LimitParse::Ok;
    }
    if (flag == "--send-in-flight") {
        if (!count() || n > 1'000'000)
            return LimitParse::Bad;
        c.sendInFlight = n;
        return LimitParse::Ok;
    }
    if (flag == "--send-stall-timeout") {
        if (!count() || n > 3600)
            return LimitParse::Bad;
        c.sendStallTimeout = std::chrono::seconds(n);
        return LimitParse::Ok;
    }
    if (flag == "--mailbox-max") {
        if (!count() || n > 100'000'000)
            return LimitParse::Bad;
        c.mailboxLimit = static_cast<std::size_t>(n);
        return LimitParse::Ok;
    }
    if (flag == "--blob-quota-mb") {
        if (!count() || n > (std::uint64_t(1) << 30))
            return LimitParse::Bad;
        c.blobQuotaBytes = n << 20;
        return LimitParse::Ok;
    }
    if (flag == "--link-bundle-memory-mb") {
        if (!count() || n > (1u << 20))
            return LimitParse::Bad;
        c.linkBundleBytes = static_cast<std::size_t>(n) << 20;
        return LimitParse::Ok;
    }
    if (flag == "--sign-in-wrong-codes") {
        if (!count() || n > 1'000'000)
            return LimitParse::Bad;
        c.signInWrongCodesPerDay = static_cast<int>(n);
        return LimitParse::Ok;
    }
    return LimitParse::NotALimit;
}

} // namespace

std::string usage()
{
    return "Usage:\n"
           "  lapis-relay --data DIR [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]\n"
           "              [--database postgresql://...] [--blobs DIR]\n"
           "  lapis-relay --data DIR admin reset-account USER\n"
           "  lapis-relay --data DIR admin migrate-to postgresql://...\n"
           "  lapis-relay --version | --help\n"
           "\n"
           "The Lapis relay: accounts, device directory, prekeys, mailboxes, attachments and the\n"
           "device-link channel, over gRPC with TLS. It stores only what it cannot read.\n"
           "\n"
           "  --data DIR            data folder (DIR/relay.db, DIR/blobs, DIR/tls)\n"
           "  --database URI        keep everything in PostgreSQL (a libpq URI) instead of DIR/relay.db;\n"
           "                        several relays may share one database (README \"Running several relays\")\n"
           "  --blobs DIR           attachment folder (default DIR/blobs); shared by relays on one database\n"
           "  --listen HOST:PORT    address to listen on (default 127.0.0.1:7443; port 0 picks one)\n"
           "  --tls-cert FILE       PEM certificate chain; with --tls-key. Without both, a self-signed\n"
           "  --tls-key FILE        P-256 certificate is made at DIR/tls/{cert,key}.pem and reused\n"
           "  admin reset-account USER\n"
           "                        remove USER's devices, keys and mailboxes (works while the relay runs)\n"
           "  admin migrate-to URI  copy DIR/relay.db into an empty PostgreSQL database (stop the relay\n"
           "                        first; then run it with --database URI on the same DIR)\n"
           "\n"
           "Tuning (optional):\n"
           "  --max-attachment-bytes N   largest attachment accepted (default 2147483648)\n"
           "  --rate-account R/B         per-account requests per second / burst (default 50/200)\n"
           "  --rate-connection R/B      per-connection requests per second / burst (default 100/400)\n"
           "  --stream-poll-ms N         an open stream looks at its mailbox at least this often (1000)\n"
           "  --link-ttl SECONDS         lifetime of link addresses and tokens (default 600)\n"
           "  --sign-in-ttl SECONDS      how long a sign-in code from a trusted device is valid (default 600)\n"
           "  --rate-sign-in R/B         new sign-in requests per account per second / burst (default 0.0167/5)\n"
           "Limits (README \"Security\"; defaults in brackets):\n"
           "  --rate-address R/B         anonymous calls per source address (20/200)\n"
           "  --rate-register R/B        registrations per source address (0.0278/100)\n"
           "  --rate-link-address R/B    link addresses per source address (0.5/30)\n"
           "  --password-hash-workers N  password hashes at once (one per core)\n"
           "  --password-hash-queue N    calls waiting for a password hash (4)\n"
           "  --memory-quota-mb N        memory for gRPC buffers (1024)\n"
           "  --max-streams-per-connection N  calls open at once on one connection (100)\n"
           "  --send-in-flight N         send requests read ahead of their answers per stream (4096)\n"
           "  --send-stall-timeout SECONDS  a sender that reads no answers this long is cut off (30)\n"
           "  --rate-prekey-caller R/B   one-time prekeys handed to one account (1/100)\n"
           "  --rate-prekey-target R/B   one-time prekeys handed out of one account (0.2/100)\n"
           "  --sign-in-wrong-codes N    wrong sign-in codes per account per day before a lock (20)\n"
           "  --mailbox-max N            envelopes one device's mailbox holds (50000)\n"
           "  --blob-quota-mb N          attachment megabytes one account keeps on the relay (10240)\n"
           "  --link-bundle-memory-mb N  link bundles held in memory until fetched, in all (256)\n"
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
        } else if (arg == "--database") {
            LAPIS_TRY_ASSIGN(c.databaseUri, value());
            if (c.databaseUri.empty())
                return usageError("--database takes a PostgreSQL connection URI, e.g. postgresql://relay@db/lapis");
        } else if (arg == "--blobs") {
            LAPIS_TRY_ASSIGN(c.blobsDir, value());
            if (c.blobsDir.empty())
                return usageError("--blobs takes a folder");
        } else if (arg == "--stream-poll-ms") {
            LAPIS_TRY_ASSIGN(std::string text, value());
            long ms = 0;
            if (!parseNumber(text, ms) || ms < 10 || ms > 600'000)
                return usageError("--stream-poll-ms takes 10 to 600000 milliseconds");
            c.streamPoll = std::chrono::milliseconds(ms);
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
        } else if (auto limit = parseLimit(arg, value, c); limit != LimitParse::NotALimit) {
            if (limit == LimitParse::Bad)
                return usageError(arg + " takes " + limitUsage(arg));
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
    if (positional.size() == 3 && positional[0] == "admin" && positional[1] == "migrate-to" && !positional[2].empty()) {
        command.kind = Command::Kind::MigrateTo;
        command.target = positional[2];
        return command;
    }
    return usageError("Unknown command; the commands are: admin reset-account USER, admin migrate-to URI");
}

} // namespace lapis::relay
