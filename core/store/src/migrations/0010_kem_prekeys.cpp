// SPDX-License-Identifier: GPL-3.0-or-later
// Schema 10: this device's ML-KEM-768 prekeys (PQXDH, issue 21).
#include "../Database.h"
#include "../Migrations.h"

namespace lapis::store {

Result<void> migration0010KemPreKeys(Database &db)
{
    // One row per key, its record (public and secret halves, signature) opaque to the store like
    // the X25519 prekeys'. The last-resort flag and creation time are columns so that rotation
    // and the "this device has ML-KEM prekeys" check read no secret. An existing profile has
    // none; it makes and publishes them at its next start.
    return db.exec(R"sql(
CREATE TABLE kem_prekeys (
    prekey_id   INTEGER PRIMARY KEY,
    record      BLOB NOT NULL,
    last_resort INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
)sql");
}

} // namespace lapis::store
