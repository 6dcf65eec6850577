// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <string>
#include <vector>

namespace lapis::test {

/// What one lapis-cli run did.
struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
    [[nodiscard]] QStringList lines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    /// Each stdout line parsed as a JSON object (receive --json).
    [[nodiscard]] std::vector<QJsonObject> json() const;
};

/// One person's lapis-cli profile: a folder and a passphrase file, used for every command.
class CliProfile {
public:
    CliProfile(QString binary, QString relayAddress, QString relayCa);
    /// lapis-cli --profile DIR --passphrase-file F ARGS...
    CliRun run(const QStringList &args, int timeoutMs = 120000) const;
    /// register NAME with a password file.
    CliRun registerAs(const QString &name, bool plaintextOnly = false);
    [[nodiscard]] QString dir() const { return m_dir.path(); }
    [[nodiscard]] QString passphraseFile() const { return m_secrets.filePath(QStringLiteral("passphrase")); }
    [[nodiscard]] QString passwordFile() const { return m_secrets.filePath(QStringLiteral("password")); }
    [[nodiscard]] const QString &name() const { return m_name; }

private:
    QString m_binary;
    QString m_relay;
    QString m_ca;
    QTemporaryDir m_dir;
    QTemporaryDir m_secrets;
    QString m_name;
};

/// Exit code and both outputs of a run, for failure messages.
QString describe(const CliRun &run);
/// A whole file as bytes (empty when unreadable).
std::string readFile(const QString &path);

} // namespace lapis::test

/// Checks that a run exited 0, showing its output otherwise. Evaluates its argument once: it is
/// often a whole lapis-cli run.
#define VERIFY_RUN(expr)                                                                                               \
    do {                                                                                                               \
        const ::lapis::test::CliRun verifiedRun_ = (expr);                                                             \
        QVERIFY2(verifiedRun_.exitCode == 0, qPrintable(::lapis::test::describe(verifiedRun_)));                       \
    } while (false)
