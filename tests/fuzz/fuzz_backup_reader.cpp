// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a backup file as BackupReader reads it (header, key-derivation costs, record
// lengths, the secretstream) and every record it yields as a restore stores it, into a real
// SQLCipher store whose transaction is rolled back after each input. A backup comes from a file
// someone hands over with its code; nothing in it may crash the reader or the restore. The same
// records are also fed in the clear, so that mutations reach the record handling behind the
// encryption. Built like fuzz_envelope.cpp; see tests/fuzz/README.md.

#include "BackupFile.h"
#include "BackupRecords.h"
#include "FuzzSeeds.h"

#include <lapis/crypto/Random.h>
#include <lapis/store/Store.h>

#include <google/protobuf/stubs/logging.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace lapis;
using namespace lapis::engine;

namespace {

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "fuzz set-up failed: %s\n", what);
    std::abort();
}

backup::Record contactRecord()
{
    backup::Record r;
    auto *c = r.mutable_contact();
    c->set_account_id("bob");
    c->set_display_name("Bob");
    c->set_pinned_account_key(std::string(32, '\x42'));
    c->set_verification(2);
    c->set_ever_had_end_to_end(true);
    c->add_devices()->set_device_id(1);
    return r;
}

backup::Record conversationRecord()
{
    backup::Record r;
    auto *c = r.mutable_conversation();
    c->set_peer("bob");
    c->set_title("Bob");
    c->set_created_at_ms(1'800'000'000'000);
    c->set_last_activity_at_ms(1'800'000'000'500);
    return r;
}

backup::Record messageRecord(int i)
{
    backup::Record r;
    auto *m = r.mutable_message();
    m->set_conversation_peer("bob");
    m->set_id(std::string(15, '\x01') + static_cast<char>(i));
    m->set_sender(i % 2 ? "alice" : "bob");
    m->set_sender_device(1);
    m->set_outgoing(i % 2 == 1);
    m->set_text("message " + std::to_string(i));
    m->set_sent_at_ms(1'800'000'000'000 + i);
    m->set_state(2);
    m->set_end_to_end(true);
    if (i == 2) {
        m->set_reply_to(std::string(15, '\x01') + '\x01');
        m->set_reply_author("alice");
        m->set_reply_excerpt("message 1");
        auto *reaction = m->add_reactions();
        reaction->set_reactor("alice");
        reaction->set_emoji("👍");
    }
    return r;
}

struct World {
    crypto::DeterministicRandom rng{99};
    std::string code = generateRecoveryCode(rng);
    std::filesystem::path dir;
    std::unique_ptr<store::Store> store;
    std::vector<Bytes> seeds;

    World()
    {
        google::protobuf::SetLogHandler(nullptr);
        dir = std::filesystem::temp_directory_path() / ("lapis-fuzz-backup-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        store::StoreOptions options{dir, crypto::Argon2Params::minimumForTests()};
        auto opened = store::Store::open(options, store::Store::generateKey(), store::OpenMode::CreateIfMissing).get();
        if (!opened.ok())
            die(opened.error().message.c_str());
        store = std::move(opened).value();

        std::vector<backup::Record> records{contactRecord(), conversationRecord()};
        for (int i = 0; i < 3; ++i)
            records.push_back(messageRecord(i));
        std::ostringstream out;
        auto writer = BackupWriter::start(out, code, crypto::Argon2Params::minimumForTests(), rng);
        if (!writer.ok())
            die("writer");
        for (const auto &r : records)
            if (!writer->write(r).ok())
                die("write");
        backup::Record end;
        end.mutable_end();
        if (!writer->finish(end).ok())
            die("finish");
        const auto file = out.str();
        seeds.emplace_back(file.begin(), file.end());
        for (const auto &r : records) {
            const auto plain = r.SerializeAsString();
            seeds.emplace_back(plain.begin(), plain.end());
        }
    }
    ~World() { std::filesystem::remove_all(dir); }
};

World &world()
{
    static World w;
    return w;
}

/// Stores `records` as a restore does, then rolls everything back: every input meets the same store.
void restore(const std::vector<backup::Record> &records)
{
    (void)world()
        .store
        ->transact([&](store::Transaction &tx) -> Result<void> {
            std::map<std::string, std::int64_t> conversations;
            for (const auto &record : records)
                if (!restoreRecord(tx, record, conversations, 1'800'000'000'000).ok())
                    break;
            return fail(ErrorCode::Cancelled, "rolled back after every input");
        })
        .get();
}

/// The header's Argon2id costs as the minimum when they are within what the reader accepts, so
/// that a mutation costs microseconds, not a quarter of a second; costs beyond the reader's
/// limits stay, for the reader to refuse.
Bytes withCheapCosts(ByteView input)
{
    Bytes bytes(input.begin(), input.end());
    if (bytes.size() < 22)
        return bytes;
    std::uint64_t ops = 0, mem = 0;
    for (std::size_t i = 10; i < 14; ++i)
        ops = (ops << 8) | bytes[i];
    for (std::size_t i = 14; i < 22; ++i)
        mem = (mem << 8) | bytes[i];
    if (ops > backupfile::MaxOpsLimit || mem > backupfile::MaxMemLimit)
        return bytes;
    const auto cheap = crypto::Argon2Params::minimumForTests();
    for (int i = 0; i < 4; ++i)
        bytes[static_cast<std::size_t>(13 - i)] = static_cast<std::uint8_t>(cheap.opsLimit >> (8 * i));
    for (int i = 0; i < 8; ++i)
        bytes[static_cast<std::size_t>(21 - i)] = static_cast<std::uint8_t>(cheap.memLimitBytes >> (8 * i));
    return bytes;
}

} // namespace

std::vector<Bytes> lapisFuzzSeeds()
{
    return world().seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &w = world();
    const auto file = withCheapCosts(ByteView(data, size));
    std::istringstream in(std::string(file.begin(), file.end()));
    if (auto reader = BackupReader::open(in, w.code); reader.ok()) {
        std::vector<backup::Record> records;
        while (!reader->finished() && records.size() < 64) {
            auto record = reader->next();
            if (!record.ok())
                break;
            records.push_back(std::move(record).value());
        }
        restore(records);
    }
    // The bytes as one record in the clear.
    backup::Record record;
    if (record.ParseFromArray(data, static_cast<int>(size)))
        restore({conversationRecord(), record});
    return 0;
}
