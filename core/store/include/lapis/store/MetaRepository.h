// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <optional>
#include <string>
#include <string_view>

namespace lapis::store {

class Database;

/// Small named values of the profile that belong to no aggregate (e.g. a sign-in waiting for its
/// code). Kept in the encrypted store like everything else, never in side files.
class MetaRepository {
public:
    explicit MetaRepository(Database &db)
        : m_db(db)
    {}

    Result<std::optional<std::string>> get(std::string_view key);
    Result<void> set(std::string_view key, std::string_view value);
    Result<void> remove(std::string_view key);

private:
    Database &m_db;
};

} // namespace lapis::store
