// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app in-process with a new account, for the UI suites that start from one.
#pragma once

#include "app/UiShell.h"

#include <lapis/testsupport/RelayProcess.h>

#include <QTest>

#include <memory>

namespace lapis::test {

/// The desktop app (offscreen) on a new profile in `profileDir`, with the account `name` created
/// on `relay` through the first-run screen's calls; null, with a warning, when that fails.
inline std::unique_ptr<ui::UiShell> desktopWithNewAccount(const RelayProcess &relay, const QString &profileDir,
                                                          const QString &name)
{
    ui::SessionOptions options;
    options.profileDir = profileDir;
    options.fastKdf = true;
    options.defaultRelay = relay.address();
    options.defaultRelayCertificate = relay.certificatePath();
    auto shell = std::make_unique<ui::UiShell>(std::move(options));
    auto *session = shell->load() ? shell->session() : nullptr;
    using State = ui::SessionController::State;
    if (!session || !QTest::qWaitFor([&] { return session->state() == State::FirstRun; }, 10000)
        || !QTest::qWaitFor([&] { return !session->relayCertificateFingerprint().isEmpty(); }, 5000)) {
        qWarning("the desktop app did not reach its first-run screen");
        return nullptr;
    }
    session->createAccount(relay.address(), name, QStringLiteral("relay password 123"),
                           name + QStringLiteral(" passphrase"));
    if (!QTest::qWaitFor([&] { return session->state() == State::Ready; }, 30000)) {
        qWarning("creating the account %s failed", qPrintable(name));
        return nullptr;
    }
    return shell;
}

} // namespace lapis::test
