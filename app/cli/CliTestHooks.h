// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/Engine.h>

#include <QtGlobal>

namespace lapis::cli {

/// In lapis-cli-test only (the test suites' build of this program, never installed):
/// LAPIS_TEST_FAST_KDF in the environment gives profiles created now the cheapest Argon2id costs.
/// In lapis-cli it does nothing, so that no environment weakens a shipped binary's key file.
inline void applyTestKdf([[maybe_unused]] engine::ProfileOptions &options)
{
#ifdef LAPIS_CLI_TEST_BUILD
    if (qEnvironmentVariableIsSet("LAPIS_TEST_FAST_KDF"))
        options.passphraseParams = crypto::Argon2Params::minimumForTests();
#endif
}

} // namespace lapis::cli
