// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-store: bulk inserts against plain SQLite, the newest page of a conversation, and a
// one-word search, on N messages (default 1,000,000) across C conversations (default 1,000).
//
// Usage: lapis-bench-store [--messages N] [--conversations C] [--batch B] [--dir FOLDER]
// Ends with three TARGET lines (see the issue); FIGURE lines above them give the raw numbers.
#include "BenchData.h"
#include "Database.h"

#include <lapis/store/Store.h>

#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace lapis;
using namespace lapis::store;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::uint64_t messages = 1'000'000;
    std::uint32_t conversations = 1000;
    std::uint64_t batch = 1000;
    std::string dir;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

[[noreturn]] void die(const std::string &what, const Error &e)
{
    std::fprintf(stderr, "lapis-bench-store: %s: %s\n", what.c_str(), e.message.c_str());
    std::exit(1);
}

std::unique_ptr<Store> openStore(const std::filesystem::path &profile, const SecureBytes &key, OpenMode mode)
{
    StoreOptions o;
    o.profileDir = profile;
    auto store = Store::open(o, key.clone(), mode).get();
    if (!store.ok())
        die("open", store.error());
    return std::move(store).value();
}

// The store's schema as SQL, minus what SQLite creates by itself (FTS shadow tables, autoindexes).
std::string dumpSchema(const std::filesystem::path &database, const SecureBytes &key)
{
    auto db = Database::open(database, key.view(), false);
    if (!db.ok())
        die("schema", db.error());
    auto stmt = (*db)->prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                               "AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
    if (!stmt.ok())
        die("schema", stmt.error());
    std::vector<std::string> virtualTables;
    std::string schema;
    while (*stmt->step()) {
        const std::string type = stmt->text(0);
        const std::string name = stmt->text(1);
        const std::string sql = stmt->text(2);
        const bool shadow = type == "table"
                            && std::any_of(virtualTables.begin(), virtualTables.end(),
                                           [&](const std::string &v) { return name.rfind(v + "_", 0) == 0; });
        if (shadow)
            continue;
        if (sql.rfind("CREATE VIRTUAL TABLE", 0) == 0)
            virtualTables.push_back(name);
        schema += sql + ";\n";
    }
    return schema;
}

double runBaseline(const Options &o, const std::filesystem::path &work, const std::string &schema, std::string &version)
{
    const auto schemaPath = work / "schema.sql";
    std::ofstream(schemaPath) << schema;
    const auto dbPath = work / "baseline.db";
    const std::string command = std::string("'") + LAPIS_BENCH_BASELINE + "' '" + schemaPath.string() + "' '"
                                + dbPath.string() + "' " + std::to_string(o.messages) + " "
                                + std::to_string(o.conversations) + " " + std::to_string(o.batch);
    FILE *child = ::popen(command.c_str(), "r");
    if (!child)
        die("baseline", fail(ErrorCode::Io, "cannot start the baseline"));
    double rate = 0;
    char line[256];
    while (std::fgets(line, sizeof line, child)) {
        char value[128] = {};
        if (std::sscanf(line, "inserts_per_second %lf", &rate) == 1)
            continue;
        if (std::sscanf(line, "sqlite_version %127s", value) == 1)
            version = value;
    }
    if (::pclose(child) != 0 || rate <= 0)
        die("baseline", fail(ErrorCode::Internal, "the baseline failed"));
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(dbPath.string() + suffix, ec);
    return rate;
}

StoredMessage toStored(const bench::Message &m)
{
    StoredMessage s;
    s.id = MessageId(m.id);
    s.conversationId = m.conversation;
    s.sender = AccountId(m.outgoing ? "me" : "peer" + std::to_string(m.conversation));
    s.senderDevice = DeviceId(1);
    s.direction = m.outgoing ? MessageDirection::Outgoing : MessageDirection::Incoming;
    s.text = m.text;
    s.sentAtMs = m.sentAtMs;
    if (!m.outgoing)
        s.receivedAtMs = m.sentAtMs + 5;
    s.state = MessageState::Delivered;
    s.endToEnd = true;
    return s;
}

double latestPageMs(Store &store, std::uint32_t conversations, int rounds, std::mt19937 &rng)
{
    std::vector<double> times;
    std::uniform_int_distribution<std::int64_t> pick(1, conversations);
    for (int i = 0; i < rounds; ++i) {
        const std::int64_t conversation = pick(rng);
        const auto start = Clock::now();
        auto page =
            store.transact([conversation](Transaction &tx) { return tx.messages().page(conversation, 50); }).get();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!page.ok())
            die("page", page.error());
    }
    return median(times);
}

double searchMs(Store &store, int rounds, std::mt19937 &rng, std::size_t &hits)
{
    std::vector<double> times;
    std::uniform_int_distribution<std::uint32_t> pick(0, bench::VocabularySize - 1);
    for (int i = 0; i < rounds; ++i) {
        const std::string word = bench::word(pick(rng));
        const auto start = Clock::now();
        auto found = store.transact([word](Transaction &tx) { return tx.messages().search(word, 50); }).get();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!found.ok())
            die("search", found.error());
        hits += found->size();
    }
    return median(times);
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--messages"))
            o.messages = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--conversations"))
            o.conversations = static_cast<std::uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
        else if (!std::strcmp(argv[i], "--batch"))
            o.batch = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--dir"))
            o.dir = argv[i + 1];
    }
    QTemporaryDir temp(o.dir.empty() ? QDir::tempPath() + "/lapis-bench-store-XXXXXX"
                                     : QString::fromStdString(o.dir) + "/lapis-bench-store-XXXXXX");
    temp.setAutoRemove(qEnvironmentVariableIsEmpty("LAPIS_BENCH_KEEP"));
    const std::filesystem::path work = temp.path().toStdString();
    const std::filesystem::path profile = work / "profile";
    std::printf("lapis-bench-store: %llu messages, %u conversations, batches of %llu\n",
                static_cast<unsigned long long>(o.messages), o.conversations, static_cast<unsigned long long>(o.batch));
    std::fflush(stdout);

    const SecureBytes key = Store::generateKey();
    {
        auto store = openStore(profile, key, OpenMode::CreateIfMissing);
        auto made = store
                        ->transact([&](Transaction &tx) -> Result<void> {
                            for (std::uint32_t c = 1; c <= o.conversations; ++c) {
                                const std::string peer = "peer" + std::to_string(c);
                                LAPIS_TRY(tx.conversations().findOrCreate(AccountId(peer), peer, 1));
                            }
                            return {};
                        })
                        .get();
        if (!made.ok())
            die("conversations", made.error());
    }

    std::string sqliteVersion;
    const double baselineRate = runBaseline(o, work, dumpSchema(StorePaths(profile).database, key), sqliteVersion);
    std::printf("FIGURE store_sqlite_baseline_inserts_per_s %.0f (SQLite %s, separate process)\n", baselineRate,
                sqliteVersion.c_str());
    std::fflush(stdout);

    auto store = openStore(profile, key, OpenMode::OpenExisting);
    const auto start = Clock::now();
    for (std::uint64_t done = 0; done < o.messages;) {
        const std::uint64_t end = std::min(o.messages, done + o.batch);
        auto inserted = store
                            ->transact([done, end, &o](Transaction &tx) -> Result<void> {
                                auto messages = tx.messages();
                                for (std::uint64_t i = done; i < end; ++i)
                                    LAPIS_TRY(messages.insert(toStored(bench::message(i, o.conversations))));
                                return {};
                            })
                            .get();
        if (!inserted.ok())
            die("insert", inserted.error());
        done = end;
    }
    // Stored messages are indexed for search in bulk afterwards (Engine::listen does it while the
    // relay is quiet, 2,000 a transaction); timed here, as the baseline indexes every row it inserts.
    for (;;) {
        auto indexed = store->transact([](Transaction &tx) { return tx.messages().indexSearchBacklog(2000); }).get();
        if (!indexed.ok())
            die("index", indexed.error());
        if (*indexed == 0)
            break;
    }
    const double storeRate =
        static_cast<double>(o.messages) / std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("FIGURE store_inserts_per_s %.0f (SQLCipher, search engine %s, indexed in bulk)\n", storeRate,
                store->searchEngine().c_str());

    std::mt19937 rng(42);
    const double latestWarm = latestPageMs(*store, o.conversations, 1000, rng);
    std::size_t hits = 0;
    const double searchWarm = searchMs(*store, 50, rng, hits);
    std::printf("FIGURE store_search_results_per_query %.1f\n", static_cast<double>(hits) / 50);

    // After reopening, nothing is in SQLite's page cache (the OS may still cache the file).
    store.reset();
    store = openStore(profile, key, OpenMode::OpenExisting);
    std::printf("FIGURE store_latest50_page_after_reopen_ms %.3f\n", latestPageMs(*store, o.conversations, 200, rng));
    hits = 0;
    std::printf("FIGURE store_search_after_reopen_ms %.3f\n", searchMs(*store, 20, rng, hits));
    std::error_code ec;
    std::printf("FIGURE store_database_mb %.1f\n",
                static_cast<double>(std::filesystem::file_size(StorePaths(profile).database, ec)) / 1e6);
    store.reset();

    std::printf("TARGET store_insert_vs_sqlite %.2f >= 0.70 ratio\n", storeRate / baselineRate);
    std::printf("TARGET store_latest50_page_ms %.3f < 0.5 ms\n", latestWarm);
    std::printf("TARGET store_search_ms %.3f < 30 ms\n", searchWarm);
    return 0;
}
