// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/LinkUri.h>

#include <QTest>

using namespace lapis;
using namespace lapis::engine;

class TestLinkUri : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        crypto::DeterministicRandom rng(3);
        const auto key = crypto::X25519KeyPair::generate(rng).publicKey();
        const LinkUri uri{"127.0.0.1:7443", "AbC-123_x", key};
        const auto text = uri.toString();
        QVERIFY(text.rfind("lapis://link?v=1&relay=127.0.0.1:7443&addr=AbC-123_x&pub=", 0) == 0);
        const auto parsed = LinkUri::parse("  " + text + "\n");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->relay, uri.relay);
        QCOMPARE(parsed->address, uri.address);
        QVERIFY(parsed->publicKey == key);
    }

    void fieldOrderAndUnknownFieldsTolerated()
    {
        const std::string pub(43, 'A');
        const auto parsed = LinkUri::parse("lapis://link?pub=" + pub + "&addr=x&future=1&relay=[::1]:7443&v=1");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->relay, std::string("[::1]:7443"));
    }

    void malformedRejected_data()
    {
        const std::string pub(43, 'A');
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("code");
        const auto add = [](const char *name, const std::string &text, ErrorCode code) {
            QTest::newRow(name) << QString::fromStdString(text) << static_cast<int>(code);
        };
        const auto inv = ErrorCode::InvalidArgument;
        add("other scheme", "https://link?v=1&relay=a:1&addr=x&pub=" + pub, inv);
        add("no version", "lapis://link?relay=a:1&addr=x&pub=" + pub, inv);
        add("newer version", "lapis://link?v=2&relay=a:1&addr=x&pub=" + pub, ErrorCode::Unsupported);
        add("no relay", "lapis://link?v=1&addr=x&pub=" + pub, inv);
        add("relay without port", "lapis://link?v=1&relay=host&addr=x&pub=" + pub, inv);
        add("relay with a slash", "lapis://link?v=1&relay=a/b:1&addr=x&pub=" + pub, inv);
        add("address with a dot", "lapis://link?v=1&relay=a:1&addr=x.y&pub=" + pub, inv);
        add("empty address", "lapis://link?v=1&relay=a:1&addr=&pub=" + pub, inv);
        add("short key", "lapis://link?v=1&relay=a:1&addr=x&pub=" + std::string(42, 'A'), inv);
        add("bad base64", "lapis://link?v=1&relay=a:1&addr=x&pub=" + std::string(42, 'A') + "+", inv);
        add("repeated field", "lapis://link?v=1&v=1&relay=a:1&addr=x&pub=" + pub, inv);
        add("no equals", "lapis://link?v=1&relay&addr=x&pub=" + pub, inv);
        add("overlong", "lapis://link?v=1&relay=a:1&addr=" + std::string(300, 'x') + "&pub=" + pub, inv);
        add("empty", "", inv);
    }
    void malformedRejected()
    {
        QFETCH(QString, text);
        QFETCH(int, code);
        const auto parsed = LinkUri::parse(text.toStdString());
        QVERIFY(!parsed.ok());
        QCOMPARE(static_cast<int>(parsed.error().code), code);
        QVERIFY(!parsed.error().message.empty());
    }
};

QTEST_APPLESS_MAIN(TestLinkUri)
#include "tst_engine_linkuri.moc"
