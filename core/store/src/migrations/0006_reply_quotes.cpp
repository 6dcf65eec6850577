// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 6: a reply keeps the quote it carried (the quoted message's author and an excerpt).
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0006ReplyQuotes(Database &db)
{
    // Stored as received rather than looked up from reply_to: the quoted message may be one this
    // device never had (older than a link or a restore) or one deleted since. Older replies
    // (reply_to without a quote) keep NULL here.
    return db.exec(R"sql(
ALTER TABLE messages ADD COLUMN reply_author TEXT;
ALTER TABLE messages ADD COLUMN reply_excerpt TEXT;
)sql");
}

} // namespace lapis::store
