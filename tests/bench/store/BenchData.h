// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The benchmark's synthetic messages, shared by lapis-bench-store and the plain SQLite baseline
// so that both insert exactly the same rows. Header-only and free of Lapis dependencies: the
// baseline must not link anything that pulls in SQLCipher.

#include <array>
#include <cstdint>
#include <string>

namespace lapis::bench {

/// The pragmas both sides run, besides the store's cipher settings: the store's own choices.
inline constexpr const char *SharedPragmas = "PRAGMA journal_mode = WAL;"
                                             "PRAGMA synchronous = FULL;"
                                             "PRAGMA foreign_keys = ON;"
                                             "PRAGMA secure_delete = ON;"
                                             "PRAGMA temp_store = MEMORY;"
                                             "PRAGMA cache_size = -65536;";

/// The store's message INSERT (MessageRepository::insert), for the baseline.
inline constexpr const char *InsertMessage =
    "INSERT INTO messages(id, conversation_id, sender_account_id, sender_device_id, direction, body, sent_at, "
    "received_at, state, end_to_end, edited_at, deleted, reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// MessageRepository::insert indexes each message for search with this, right after InsertMessage.
inline constexpr const char *InsertSearchRow = "INSERT INTO message_search(rowid, body) VALUES (?, ?)";

inline std::uint64_t splitMix(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

inline constexpr std::uint32_t VocabularySize = 4096;

/// Word `i` of the vocabulary: three syllables, all distinct ("kalomi", "tenrasun", ...).
inline std::string word(std::uint32_t i)
{
    static const char *const syllables[16] = {"ka",  "lo",  "mi", "ten", "ra",  "sun", "vo", "pel",
                                              "dri", "nax", "qu", "zo",  "bel", "tor", "fi", "gan"};
    i %= VocabularySize;
    return std::string(syllables[i & 15]) + syllables[(i >> 4) & 15] + syllables[(i >> 8) & 15];
}

struct Message {
    std::array<std::uint8_t, 16> id{};
    std::int64_t conversation = 0; ///< 1-based, as the rows the bench creates
    std::int64_t sentAtMs = 0;
    bool outgoing = false;
    std::string text;
};

/// Message number `index` (0-based), the same on every call.
inline Message message(std::uint64_t index, std::uint32_t conversations)
{
    std::uint64_t state = index * 0x2545f4914f6cdd1dull + 1;
    Message m;
    for (std::size_t i = 0; i < 16; i += 8) {
        const std::uint64_t r = splitMix(state);
        for (std::size_t j = 0; j < 8; ++j)
            m.id[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
    }
    m.conversation = static_cast<std::int64_t>(splitMix(state) % conversations) + 1;
    m.sentAtMs = 1'700'000'000'000 + static_cast<std::int64_t>(index) * 1000;
    m.outgoing = (splitMix(state) & 1) != 0;
    const std::uint64_t words = 5 + splitMix(state) % 10;
    for (std::uint64_t w = 0; w < words; ++w) {
        if (w)
            m.text += ' ';
        m.text += word(static_cast<std::uint32_t>(splitMix(state) % VocabularySize));
    }
    return m;
}

} // namespace lapis::bench
