// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QTest>

using namespace lapis;
using namespace lapis::relay;

class TestRelayCommandLine : public QObject {
    Q_OBJECT

private slots:
    void serveDefaults()
    {
        auto c = parseCommandLine({"--data", "/srv/relay"});
        QVERIFY(c.ok());
        QCOMPARE(c->kind, Command::Kind::Serve);
        QCOMPARE(c->config.listenHost, std::string("127.0.0.1"));
        QCOMPARE(c->config.listenPort, 7443);
        QCOMPARE(c->config.maxAttachmentBytes, 2ULL * 1024 * 1024 * 1024);
    }

    void serveWithEverything()
    {
        auto c = parseCommandLine({"--data", "d", "--listen", "[::1]:0", "--tls-cert", "c.pem", "--tls-key", "k.pem"});
        QVERIFY(c.ok());
        QCOMPARE(c->config.listenHost, std::string("::1"));
        QCOMPARE(c->config.listenPort, 0);
        QCOMPARE(c->config.tlsKeyFile, std::string("k.pem"));
    }

    void databaseAndBlobs()
    {
        auto defaults = parseCommandLine({"--data", "/srv/relay"});
        QVERIFY(defaults.ok());
        QVERIFY(defaults->config.databaseUri.empty());
        QCOMPARE(defaults->config.blobFolder(), std::string("/srv/relay/blobs"));
        auto c = parseCommandLine({"--data", "d", "--database", "postgresql://relay@db/lapis", "--blobs", "/shared/b"});
        QVERIFY(c.ok());
        QCOMPARE(c->config.databaseUri, std::string("postgresql://relay@db/lapis"));
        QCOMPARE(c->config.blobFolder(), std::string("/shared/b"));
        QVERIFY(!parseCommandLine({"--data", "d", "--database"}).ok());
        QVERIFY(!parseCommandLine({"--data", "d", "--database", ""}).ok());
        QCOMPARE(defaults->config.streamPoll, std::chrono::milliseconds(1000));
        auto poll = parseCommandLine({"--data", "d", "--stream-poll-ms", "250"});
        QVERIFY(poll.ok());
        QCOMPARE(poll->config.streamPoll, std::chrono::milliseconds(250));
        QVERIFY(!parseCommandLine({"--data", "d", "--stream-poll-ms", "5"}).ok());
        auto migrate = parseCommandLine({"--data", "d", "admin", "migrate-to", "postgresql:///lapis"});
        QVERIFY(migrate.ok());
        QCOMPARE(migrate->kind, Command::Kind::MigrateTo);
        QCOMPARE(migrate->target, std::string("postgresql:///lapis"));
        QVERIFY(!parseCommandLine({"--data", "d", "admin", "migrate-to"}).ok());
    }

    void signInOptions()
    {
        auto defaults = parseCommandLine({"--data", "d"});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults->config.signInTtl, std::chrono::seconds(600));
        QCOMPARE(defaults->config.signInBurst, 5.0);
        auto c = parseCommandLine({"--data", "d", "--sign-in-ttl", "2", "--rate-sign-in", "1/3"});
        QVERIFY(c.ok());
        QCOMPARE(c->config.signInTtl, std::chrono::seconds(2));
        QCOMPARE(c->config.signInRatePerSecond, 1.0);
        QCOMPARE(c->config.signInBurst, 3.0);
        QVERIFY(!parseCommandLine({"--data", "d", "--sign-in-ttl", "0"}).ok());
        QVERIFY(!parseCommandLine({"--data", "d", "--rate-sign-in", "fast"}).ok());
    }

    void adminReset()
    {
        auto c = parseCommandLine({"--data", "d", "admin", "reset-account", "alice"});
        QVERIFY(c.ok());
        QCOMPARE(c->kind, Command::Kind::ResetAccount);
        QCOMPARE(c->username, std::string("alice"));
    }

    void refusals()
    {
        for (const auto &args : std::vector<std::vector<std::string>>{
                 {},
                 {"--listen", "1.2.3.4:1"},
                 {"--data", "d", "--tls-cert", "c"},
                 {"--data", "d", "--listen", "nohost"},
                 {"--data", "d", "--listen", "h:70000"},
                 {"--data", "d", "admin", "drop-everything"},
                 {"--data", "d", "--frobnicate"},
             }) {
            QVERIFY(!parseCommandLine(args).ok());
        }
        QCOMPARE(parseCommandLine({"--help"})->kind, Command::Kind::Help);
        QCOMPARE(parseCommandLine({"--version"})->kind, Command::Kind::Version);
    }
};

QTEST_GUILESS_MAIN(TestRelayCommandLine)
#include "tst_relay_commandline.moc"
