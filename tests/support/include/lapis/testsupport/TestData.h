// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <QJsonObject>
#include <QString>

namespace lapis::test {

/// The shared test vector folder (../shared/testvectors beside the checkout), as CMake found it.
QString testVectorsDir();
/// The source and build roots, for tests that need fixtures or built programs.
QString sourceDir();
QString binaryDir();

/// Reads a JSON file under the test vector folder. A missing or unparsable file fails the
/// calling test (QFAIL-style, through qFatal's test-log message), never skips it.
QJsonObject loadJson(const QString &relativePath);

/// Hex field of a JSON object as bytes; fails the test on invalid hex.
Bytes hexField(const QJsonObject &object, const char *name);

} // namespace lapis::test
