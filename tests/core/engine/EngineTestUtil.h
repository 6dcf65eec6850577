// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine tests that drive whole profiles share: profile options with a fast KDF,
// reading a file (the relay's certificate), registering an account, and checking a Result with
// its message.
#pragma once

#include <lapis/engine/Engine.h>

#include <QString>
#include <QTest>

#include <fstream>
#include <iterator>
#include <memory>
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

/// A new profile at `options` with the account `username` registered on the relay at `address`
/// (its certificate in `certificatePath`); null, with a warning, when that fails.
inline std::unique_ptr<Engine> registeredEngine(const ProfileOptions &options, const std::string &username,
                                                const QString &address, const QString &certificatePath)
{
    auto opened = Engine::open(options);
    if (!opened.ok())
        return nullptr;
    AccountSetup setup;
    setup.username = username;
    setup.relayAddress = address.toStdString();
    setup.relayCertificatePem = fileText(certificatePath);
    setup.password = "a long enough password";
    setup.deviceName = "test";
    if (auto r = (*opened)->registerAccount(setup); !r.ok()) {
        qWarning("register %s: %s", username.c_str(), r.error().message.c_str());
        return nullptr;
    }
    return std::move(*opened);
}

} // namespace lapis::engine::test

/// Fails the test with the error's own message when `expr` (a Result) is an error.
#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOk_ = (expr);                                                                                \
        QVERIFY2(verifyOk_.ok(), verifyOk_.ok() ? "" : verifyOk_.error().message.c_str());                             \
    } while (false)
