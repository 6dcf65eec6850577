// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine tests that drive whole profiles share: profile options with a fast KDF,
// reading a file (the relay's certificate), and checking a Result with its message.
#pragma once

#include <lapis/engine/Engine.h>

#include <QString>
#include <QTest>

#include <fstream>
#include <iterator>
#include <string>

namespace lapis::engine::test {

inline constexpr const char *TestPassphrase = "store passphrase";

/// A profile in `dir`, its store key from a passphrase under the cheapest Argon2id costs.
inline ProfileOptions profileAt(const QString &dir)
{
    ProfileOptions options;
    options.directory = dir.toStdString();
    options.passphrase = TestPassphrase;
    options.passphraseParams = crypto::Argon2Params::minimumForTests();
    return options;
}

inline std::string fileText(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace lapis::engine::test

/// Fails the test with the error's own message when `expr` (a Result) is an error.
#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOk_ = (expr);                                                                                \
        QVERIFY2(verifyOk_.ok(), verifyOk_.ok() ? "" : verifyOk_.error().message.c_str());                             \
    } while (false)
