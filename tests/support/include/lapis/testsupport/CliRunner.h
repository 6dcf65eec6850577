// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// lapis-cli runs for the tests: one person's profile (CliProfile), and the relay with Alice and
// Bob registered on it that most lapis-cli tests start from (CliTestCase).
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/testsupport/Verify.h>

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
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
    /// The build's lapis-cli-test (a test added with NEEDS_CLI) on `relay`.
    explicit CliProfile(const RelayProcess &relay);
    /// The build's lapis-cli-test, for tests added with NEEDS_CLI.
    static QString builtBinary();
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

/// The arguments of `receive --json` that return as soon as `count` messages arrived (and what
/// waited at the relay was taken), `deadlineSeconds` at the latest.
QStringList receiveJson(int count, int deadlineSeconds = 30);
/// The arguments of a plain `receive` that returns once what waited at the relay was taken.
QStringList receiveWaiting(int deadlineSeconds = 30);

/// Exit code and both outputs of a run, for failure messages.
QString describe(const CliRun &run);
/// A whole file as bytes (empty when unreadable).
std::string readFile(const QString &path);

/// A test of lapis-cli: a relay of its own, and Alice and Bob registered on it by
/// startAliceAndBob() (in initTestCase). A slot that needs someone else makes them with profile().
class CliTestCase : public QObject {
protected:
    /// `relayArgs` go to the relay after the standard ones.
    explicit CliTestCase(QStringList relayArgs = {})
        : m_relay(RelayProcess::builtBinary(), std::move(relayArgs))
    {}
    /// Starts the relay and registers "alice" and "bob"; false, with the reason, on failure.
    bool startAliceAndBob();
    /// A new, empty profile on this relay.
    [[nodiscard]] std::unique_ptr<CliProfile> profile() const { return std::make_unique<CliProfile>(m_relay); }

    RelayProcess m_relay;
    std::unique_ptr<CliProfile> m_alice;
    std::unique_ptr<CliProfile> m_bob;
};

} // namespace lapis::test
