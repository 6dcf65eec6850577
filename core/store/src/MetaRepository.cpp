// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <lapis/store/MetaRepository.h>

namespace lapis::store {

Result<std::optional<std::string>> MetaRepository::get(std::string_view key)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("SELECT value FROM store_meta WHERE key = ?"));
    stmt.bindAll(key);
    LAPIS_TRY_ASSIGN(const bool row, stmt.step());
    if (!row)
        return std::optional<std::string>();
    return std::optional(stmt.text(0));
}

Result<void> MetaRepository::set(std::string_view key, std::string_view value)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("INSERT OR REPLACE INTO store_meta(key, value) VALUES (?, ?)"));
    stmt.bindAll(key, value);
    return stmt.run();
}

Result<void> MetaRepository::remove(std::string_view key)
{
    LAPIS_TRY_ASSIGN(auto stmt, m_db.prepare("DELETE FROM store_meta WHERE key = ?"));
    stmt.bindAll(key);
    return stmt.run();
}

} // namespace lapis::store
