// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Checking a lapis::Result (or a lapis-cli run) in a Qt test, with the error's own message on
// failure. Every macro evaluates its argument once.
#include <QTest>

/// Fails the test with the error's message when `expr` (a Result) is an error.
#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOk_ = (expr);                                                                                \
        QVERIFY2(verifyOk_.ok(), verifyOk_.ok() ? "" : verifyOk_.error().message.c_str());                             \
    } while (false)

/// Declares `var` holding the Result of `expr`, failing the test with its message on an error.
#define TRY_OK(var, expr)                                                                                              \
    auto var = (expr);                                                                                                 \
    QVERIFY2(var.ok(), var.ok() ? "" : var.error().message.c_str())

/// Fails the test unless `expr` (a Result) is an error with the code `errorCode`.
#define EXPECT_ERROR(expr, errorCode)                                                                                  \
    do {                                                                                                               \
        auto r_ = (expr);                                                                                              \
        QVERIFY2(!r_.ok(), "expected a failure");                                                                      \
        QVERIFY2(r_.error().code == (errorCode), r_.error().message.c_str());                                          \
    } while (false)

/// Checks that a lapis-cli run (a lapis::test::CliRun, lapis/testsupport/CliRunner.h) exited 0,
/// showing its output otherwise.
#define VERIFY_RUN(expr)                                                                                               \
    do {                                                                                                               \
        const ::lapis::test::CliRun verifiedRun_ = (expr);                                                             \
        QVERIFY2(verifiedRun_.exitCode == 0, qPrintable(::lapis::test::describe(verifiedRun_)));                       \
    } while (false)
