// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-group [--members N] [--messages M]
// The sender's cost of one message to a group of N members (100; one device each) next to one
// 1:1 message, through the real lapis-relay, in the same run: wall time from the call until the
// relay has durably stored the message for every recipient device (the send returns then), the
// median of M sends of each (20). Both in steady state: the sessions exist and, for the group,
// every member device already holds the sender's chain (the first message hands it out and is
// not counted). Also the relay's CPU time per group message, and the bytes its database holds
// per group message (mailbox payloads and shared payloads, read from DIR/relay.db beside the
// relay) with how many copies of the ciphertext that is. A member reads the last group message,
// so that what is timed is what arrives.
#include "BenchPlumbing.h"

#include <lapis/crypto/PasswordHash.h>
#include <lapis/engine/Engine.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <sqlite3.h> // SQLCipher's, as the engine links it: with no key it reads a plain file

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace lapis;
using namespace lapis::bench;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr char Passphrase[] = "bench passphrase";
constexpr char Password[] = "bench password";

engine::ProfileOptions profileOptions(const fs::path &dir)
{
    engine::ProfileOptions options;
    options.directory = dir;
    options.passphrase = Passphrase;
    options.passphraseParams = crypto::Argon2Params::minimumForTests();
    return options;
}

Result<std::unique_ptr<engine::Engine>> registered(const fs::path &dir, const std::string &username,
                                                   const std::string &address, const std::string &pem)
{
    LAPIS_TRY_ASSIGN(auto eng, engine::Engine::open(profileOptions(dir)));
    engine::AccountSetup setup;
    setup.username = username;
    setup.relayAddress = address;
    setup.relayCertificatePem = pem;
    setup.password = Password;
    setup.deviceName = "bench";
    LAPIS_TRY(eng->registerAccount(setup));
    return eng;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// One number from the relay's database (-1 when it cannot be read).
std::int64_t queryNumber(const std::string &path, const char *sql)
{
    sqlite3 *db = nullptr;
    std::int64_t value = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *q = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
            value = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return value;
}

/// The payload bytes the relay holds: its mailboxes' own and the shared ones they reference.
std::int64_t storedBytes(const std::string &path)
{
    return queryNumber(path, "SELECT COALESCE(sum(length(payload)), 0) FROM mailbox")
           + queryNumber(path, "SELECT COALESCE(sum(length(payload)), 0) FROM shared_payloads");
}

int failWith(const char *what, const Error &error)
{
    std::fprintf(stderr, "%s: %s\n", what, error.message.c_str());
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int memberCount = 100;
    int messages = 20;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--members") == 0)
            memberCount = std::max(2, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--messages") == 0)
            messages = std::max(1, std::atoi(argv[++i]));
    }

    // A hundred registrations from one address and a burst of prekey fetches: the limits a real
    // deployment sets against floods would refuse the set-up.
    const QString unlimited = QStringLiteral("1000000/1000000");
    test::RelayProcess relay(QStringLiteral(LAPIS_RELAY_BINARY),
                             {QStringLiteral("--rate-account"), unlimited, QStringLiteral("--rate-connection"),
                              unlimited, QStringLiteral("--rate-address"), unlimited, QStringLiteral("--rate-register"),
                              unlimited, QStringLiteral("--rate-prekey-caller"), unlimited,
                              QStringLiteral("--rate-prekey-target"), unlimited});
    if (!relay.start()) {
        std::fprintf(stderr, "lapis-relay did not start\n");
        return 1;
    }
    QFile certificate(relay.certificatePath());
    if (!certificate.open(QIODevice::ReadOnly))
        return 1;
    const std::string pem = certificate.readAll().toStdString();
    const std::string address = relay.address().toStdString();
    const CpuClock clock{relay.processId()};

    QTemporaryDir profiles;
    const fs::path root(profiles.path().toStdString());
    auto sender = registered(root / "sender", "group-sender", address, pem);
    if (!sender.ok())
        return failWith("register", sender.error());
    std::vector<std::unique_ptr<engine::Engine>> members;
    std::vector<AccountId> accounts;
    for (int i = 0; i < memberCount; ++i) {
        const std::string name = "member" + std::to_string(i);
        auto member = registered(root / name, name, address, pem);
        if (!member.ok())
            return failWith("register", member.error());
        accounts.push_back((*member)->account());
        members.push_back(std::move(*member));
    }
    auto &alice = **sender;
    auto &peer = *members.front();

    // 1:1: a session both ways first.
    if (auto warm = alice.sendText(peer.account(), "warm-up", false); !warm.ok())
        return failWith("warm-up", warm.error());
    (void)peer.receive(std::chrono::seconds(10), [](const auto &items) { return !items.empty(); });
    if (auto back = peer.sendText(alice.account(), "warm-up", false); !back.ok())
        return failWith("warm-up", back.error());
    (void)alice.receive(std::chrono::seconds(10), [](const auto &items) { return !items.empty(); });

    auto group = alice.createGroup("bench", accounts);
    if (!group.ok())
        return failWith("create", group.error());
    // The first message sets up every session and hands the chain out: not counted.
    if (auto first = alice.sendGroupText(group->id, "first"); !first.ok() || !first->acceptedByRelay)
        return failWith("first group message",
                        first.ok() ? Error{ErrorCode::Unavailable, "not accepted"} : first.error());

    std::vector<double> direct;
    std::vector<double> grouped;
    double relayCpu = 0;
    const std::string database = relay.dataDir().toStdString() + "/relay.db";
    std::int64_t groupBytesStored = 0;
    for (int i = 0; i < messages; ++i) {
        auto start = Clock::now();
        auto one = alice.sendText(peer.account(), "direct " + std::to_string(i), false);
        direct.push_back(millisecondsSince(start));
        if (!one.ok() || !one->acceptedByRelay)
            return failWith("direct", one.ok() ? Error{ErrorCode::Unavailable, "not accepted"} : one.error());
        const auto bytesBefore = storedBytes(database);
        const auto before = clock.now();
        start = Clock::now();
        auto many = alice.sendGroupText(group->id, "group " + std::to_string(i));
        grouped.push_back(millisecondsSince(start));
        const auto after = clock.now();
        groupBytesStored += storedBytes(database) - bytesBefore;
        relayCpu += after.second - before.second;
        if (!many.ok() || !many->acceptedByRelay)
            return failWith("group", many.ok() ? Error{ErrorCode::Unavailable, "not accepted"} : many.error());
        if (many->devices != static_cast<std::size_t>(memberCount))
            return failWith("group", Error{ErrorCode::Unavailable, "sent to fewer devices than members"});
    }

    // What was timed arrives: the last member reads the last group message.
    const std::string last = "group " + std::to_string(messages - 1);
    auto got = members.back()->receive(std::chrono::seconds(60), [&](const std::vector<engine::ReceivedItem> &items) {
        return std::any_of(items.begin(), items.end(), [&](const auto &item) { return item.event.text == last; });
    });
    if (!got.ok() || std::none_of(got->begin(), got->end(), [&](const auto &item) { return item.event.text == last; }))
        return failWith("receive",
                        got.ok() ? Error{ErrorCode::NotFound, "the last group message did not arrive"} : got.error());

    const double groupMs = median(grouped);
    const double directMs = median(direct);
    std::printf("TARGET group%d_send_vs_direct %.3f <= 3.0 ratio\n", memberCount, groupMs / std::max(directMs, 1e-6));
    std::printf("FIGURE group%d_send_ms %.3f\n", memberCount, groupMs);
    std::printf("FIGURE direct_send_ms %.3f\n", directMs);
    std::printf("FIGURE relay_cpu_ms_per_group_message %.3f\n", relayCpu * 1000.0 / messages);
    // The ciphertext of one group message, as the relay keeps it (every one is padded alike).
    const auto ciphertext = queryNumber(database, "SELECT max(length(payload)) FROM shared_payloads");
    std::printf("FIGURE relay_stored_bytes_per_group_message %.0f\n", double(groupBytesStored) / messages);
    std::printf("FIGURE relay_stored_copies_per_group_message %.2f\n",
                ciphertext > 0 ? double(groupBytesStored) / messages / double(ciphertext) : 0.0);
    return 0;
}
