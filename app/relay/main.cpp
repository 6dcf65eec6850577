// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-relay: parses the command line, then serves until SIGTERM, or runs an admin command.
#include "CommandLine.h"
#include "MigrateToPostgres.h"
#include "OpenStorage.h"
#include "RelayServer.h"

#include <lapis/common/Allocator.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/proto/Validation.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>

using namespace lapis;
using namespace lapis::relay;

namespace {

int resetAccount(const Command &command)
{
    if (auto valid = proto::validateUsername(command.username); !valid.ok()) {
        std::cerr << "lapis-relay: " << valid.error().message << "\n";
        return 2;
    }
    // The same file in WAL mode as the running relay: SQLite's locking makes this safe, and the
    // relay notices the removed devices at their next call (open streams within seconds).
    auto storage = openRelayStorage(command.config.dataDir, command.config.databaseUri);
    if (!storage.ok()) {
        std::cerr << "lapis-relay: " << storage.error().message << "\n";
        return 1;
    }
    auto removed = (*storage)->resetAccount(command.username);
    if (!removed.ok()) {
        std::cerr << "lapis-relay: reset-account " << command.username << ": " << removed.error().message << "\n";
        return 1;
    }
    std::cout << "reset-account " << command.username << ": removed " << *removed << " devices with their keys and "
              << "mailboxes\n";
    std::cout << "reset-account " << command.username << ": TOTP turned off and pending sign-ins cleared; the "
              << "password stays\n";
    return 0;
}

int migrateTo(const Command &command)
{
    auto counts = migrateToPostgres(command.config.dataDir + "/relay.db", command.target);
    if (!counts.ok()) {
        std::cerr << "lapis-relay: migrate-to: " << counts.error().message << "\n";
        return 1;
    }
    std::cout << "migrate-to: copied " << counts->accounts << " accounts, " << counts->devices << " devices, "
              << counts->mailboxItems << " mailbox items and " << counts->blobs << " attachments (" << counts->rows
              << " rows); attachment files stay in " << command.config.blobFolder() << "\n";
    std::cout << "migrate-to: run the relay with --database and the same --data; " << command.config.dataDir
              << "/relay.db is left as it was\n";
    return 0;
}

int serve(const Command &command)
{
    // Signals are taken by sigwait below, never by an arbitrary gRPC thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto relay = RelayServer::start(command.config);
    if (!relay.ok()) {
        std::cerr << "lapis-relay: " << relay.error().message << "\n";
        return 1;
    }
    std::cout << "lapis-relay listening on " << (*relay)->listenAddress() << std::endl;
    int signal = 0;
    sigwait(&signals, &signal);
    std::cerr << "lapis-relay: stopping\n";
    (*relay)->shutdown();
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    lapis::keepTransferBuffersInHeap();
    if (!crypto::initialise()) {
        std::cerr << "lapis-relay: libsodium cannot start\n";
        return 1;
    }
    auto command = parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (!command.ok()) {
        std::cerr << "lapis-relay: " << command.error().message << "\nTry 'lapis-relay --help'.\n";
        return 2;
    }
    switch (command->kind) {
    case Command::Kind::Help:
        std::cout << usage();
        return 0;
    case Command::Kind::Version:
        std::cout << "lapis-relay " << LAPIS_VERSION << "\n";
        return 0;
    case Command::Kind::ResetAccount:
        return resetAccount(*command);
    case Command::Kind::MigrateTo:
        return migrateTo(*command);
    case Command::Kind::Serve:
        break;
    }
    return serve(*command);
}
