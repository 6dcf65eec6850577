// SPDX-License-Identifier: GPL-3.0-or-later
// Plain SQLite (libsqlite3 only, never SQLCipher): the same schema, pragmas and rows as the store,
// inserted in the same batches. Prints "inserts_per_second <n>" for lapis-bench-store.
//
// Usage: lapis-bench-store-sqlite-baseline SCHEMA_FILE DB_FILE MESSAGES CONVERSATIONS BATCH
#include "BenchData.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "baseline: %s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s SCHEMA_FILE DB_FILE MESSAGES CONVERSATIONS BATCH\n", argv[0]);
        return 2;
    }
    std::ifstream schemaFile(argv[1]);
    std::stringstream schema;
    schema << schemaFile.rdbuf();
    const auto messages = std::strtoull(argv[3], nullptr, 10);
    const auto conversations = static_cast<std::uint32_t>(std::strtoul(argv[4], nullptr, 10));
    const auto batch = std::strtoull(argv[5], nullptr, 10);

    sqlite3 *db = nullptr;
    check(db, sqlite3_open(argv[2], &db), "open");
    check(db, sqlite3_exec(db, "PRAGMA page_size = 4096;", nullptr, nullptr, nullptr), "page size");
    check(db, sqlite3_exec(db, lapis::bench::SharedPragmas, nullptr, nullptr, nullptr), "pragmas");
    check(db, sqlite3_exec(db, schema.str().c_str(), nullptr, nullptr, nullptr), "schema");

    check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    sqlite3_stmt *conv = nullptr;
    check(db,
          sqlite3_prepare_v2(db,
                             "INSERT INTO conversations(peer_account_id, title, created_at, last_activity_at) "
                             "VALUES (?, ?, 1, 1)",
                             -1, &conv, nullptr),
          "prepare");
    for (std::uint32_t c = 1; c <= conversations; ++c) {
        const std::string peer = "peer" + std::to_string(c);
        sqlite3_bind_text(conv, 1, peer.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(conv, 2, peer.c_str(), -1, SQLITE_TRANSIENT);
        check(db, sqlite3_step(conv), "conversation");
        sqlite3_reset(conv);
    }
    sqlite3_finalize(conv);
    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");

    sqlite3_stmt *insert = nullptr;
    check(db, sqlite3_prepare_v2(db, lapis::bench::InsertMessage, -1, &insert, nullptr), "prepare insert");
    sqlite3_stmt *index = nullptr;
    check(db, sqlite3_prepare_v2(db, lapis::bench::InsertSearchRow, -1, &index, nullptr), "prepare index");
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t done = 0; done < messages;) {
        check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
        for (std::uint64_t end = std::min(messages, done + batch); done < end; ++done) {
            const auto m = lapis::bench::message(done, conversations);
            const std::string sender = m.outgoing ? "me" : "peer" + std::to_string(m.conversation);
            sqlite3_bind_blob(insert, 1, m.id.data(), 16, SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 2, m.conversation);
            sqlite3_bind_text(insert, 3, sender.c_str(), static_cast<int>(sender.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 4, 1);
            sqlite3_bind_int64(insert, 5, m.outgoing ? 1 : 0);
            sqlite3_bind_text(insert, 6, m.text.c_str(), static_cast<int>(m.text.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 7, m.sentAtMs);
            if (m.outgoing)
                sqlite3_bind_null(insert, 8);
            else
                sqlite3_bind_int64(insert, 8, m.sentAtMs + 5);
            sqlite3_bind_int64(insert, 9, 2);
            sqlite3_bind_int64(insert, 10, 1);
            sqlite3_bind_null(insert, 11);
            sqlite3_bind_int64(insert, 12, 0);
            sqlite3_bind_null(insert, 13);
            check(db, sqlite3_step(insert), "insert");
            sqlite3_reset(insert);
            sqlite3_clear_bindings(insert);
            sqlite3_bind_int64(index, 1, sqlite3_last_insert_rowid(db));
            sqlite3_bind_text(index, 2, m.text.c_str(), static_cast<int>(m.text.size()), SQLITE_TRANSIENT);
            check(db, sqlite3_step(index), "index");
            sqlite3_reset(index);
        }
        check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sqlite3_finalize(insert);
    sqlite3_finalize(index);
    sqlite3_close(db);
    std::printf("sqlite_version %s\n", sqlite3_libversion());
    std::printf("inserts_per_second %.1f\n", static_cast<double>(messages) / seconds);
    return 0;
}
