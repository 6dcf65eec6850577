// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-cli's fixed interface for groups (issue 18) through a real relay: group-create prints
// "group GROUP-ID"; groups and group-members print tab-separated lines; group-send, group-add,
// group-remove, group-rename, group-leave; receive --json gives a group message a "group" key, and
// with --events prints membership changes ({"event":"created"|"added"|..., "group", "by",
// "members"}); without --events the output stays one object per message.
#include <lapis/testsupport/CliRunner.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using lapis::test::CliProfile;
using lapis::test::CliRun;
using lapis::test::describe;
using lapis::test::receiveJson;

namespace {

QStringList members(const QJsonObject &event)
{
    QStringList out;
    for (const auto &member : event[QStringLiteral("members")].toArray())
        out << member.toString();
    return out;
}

} // namespace

class TestCliGroups : public lapis::test::CliTestCase {
    Q_OBJECT

    std::unique_ptr<CliProfile> m_carol;

    /// Alice's new group NAME with Bob and Carol, its id; both have taken the creation.
    QString createdGroup(const QString &name)
    {
        const auto created =
            m_alice->run({QStringLiteral("group-create"), name, QStringLiteral("bob"), QStringLiteral("carol")});
        if (created.exitCode != 0 || !created.out.startsWith(QStringLiteral("group "))) {
            qWarning("%s", qPrintable(describe(created)));
            return {};
        }
        for (const auto *member : {m_bob.get(), m_carol.get()})
            if (member->run(receiveJson(1) << QStringLiteral("--events")).exitCode != 0)
                return {};
        return created.out.trimmed().mid(6);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(startAliceAndBob());
        m_carol = profile();
        VERIFY_RUN(m_carol->registerAs(QStringLiteral("carol")));
    }

    void createListAndWrite()
    {
        const auto created = m_alice->run(
            {QStringLiteral("group-create"), QStringLiteral("Picnic"), QStringLiteral("bob"), QStringLiteral("carol")});
        VERIFY_RUN(created);
        QVERIFY2(created.out.startsWith(QStringLiteral("group ")) && created.lines().size() == 1,
                 qPrintable(created.out));
        const auto id = created.out.trimmed().mid(6);
        QCOMPARE(id.size(), 32);

        for (const auto *member : {m_bob.get(), m_carol.get()}) {
            const auto got = member->run(receiveJson(1) << QStringLiteral("--events"));
            VERIFY_RUN(got);
            const auto lines = got.json();
            QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
            QCOMPARE(lines[0][QStringLiteral("event")].toString(), QStringLiteral("created"));
            QCOMPARE(lines[0][QStringLiteral("group")].toString(), id);
            QCOMPARE(lines[0][QStringLiteral("by")].toString(), QStringLiteral("alice"));
            QCOMPARE(members(lines[0]),
                     (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}));
            const auto groups = member->run({QStringLiteral("groups")});
            VERIFY_RUN(groups);
            QCOMPARE(groups.out, id + QStringLiteral("\tPicnic\t3\te2e\n"));
        }
        const auto list = m_alice->run({QStringLiteral("group-members"), id});
        VERIFY_RUN(list);
        QCOMPARE(list.out, QStringLiteral("alice\tadmin\nbob\tmember\ncarol\tmember\n"));

        const auto sent = m_alice->run({QStringLiteral("group-send"), id, QStringLiteral("bring blankets")});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.startsWith(QStringLiteral("sent ")) && sent.out.endsWith(QStringLiteral(" e2e\n")),
                 qPrintable(sent.out));
        const auto messageId = sent.out.split(QLatin1Char(' '))[1];
        const auto got = m_bob->run(receiveJson(1));
        VERIFY_RUN(got);
        const auto lines = got.json();
        QVERIFY2(lines.size() == 1, qPrintable(describe(got)));
        QCOMPARE(lines[0][QStringLiteral("group")].toString(), id);
        QCOMPARE(lines[0][QStringLiteral("from")].toString(), QStringLiteral("alice"));
        QCOMPARE(lines[0][QStringLiteral("text")].toString(), QStringLiteral("bring blankets"));
        QCOMPARE(lines[0][QStringLiteral("id")].toString(), messageId);
        QVERIFY(lines[0][QStringLiteral("e2e")].toBool());

        // A reply from Bob; a rename by Alice that Carol's receive without --events does not print.
        VERIFY_RUN(m_bob->run({QStringLiteral("group-send"), id, QStringLiteral("and lemonade"),
                               QStringLiteral("--reply-to"), messageId}));
        const auto renamed = m_alice->run({QStringLiteral("group-rename"), id, QStringLiteral("Picnic on Sunday")});
        VERIFY_RUN(renamed);
        QCOMPARE(renamed.out, QStringLiteral("group ") + id + QStringLiteral(" version 2\n"));
        const auto carols = m_carol->run(receiveJson(2));
        VERIFY_RUN(carols);
        const auto carolsLines = carols.json();
        QVERIFY2(carolsLines.size() == 2, qPrintable(describe(carols)));
        for (const auto &line : carolsLines)
            QVERIFY2(!line.contains(QStringLiteral("event")), qPrintable(describe(carols)));
        QCOMPARE(carolsLines[1][QStringLiteral("reply_to")].toObject()[QStringLiteral("id")].toString(), messageId);
        QCOMPARE(m_carol->run({QStringLiteral("groups")}).out, id + QStringLiteral("\tPicnic on Sunday\t3\te2e\n"));
        const auto history = m_carol->run({QStringLiteral("group-history"), id});
        VERIFY_RUN(history);
        QVERIFY2(history.out.contains(QStringLiteral("alice [e2e] bring blankets"))
                     && history.out.contains(QStringLiteral("bob [e2e] and lemonade (reply to ") + messageId),
                 qPrintable(history.out));
        // Membership changes are in the history as notices.
        QVERIFY2(history.out.contains(QStringLiteral("alice [e2e] (created Picnic with bob, carol)"))
                     && history.out.contains(QStringLiteral("alice [e2e] (renamed Picnic on Sunday)")),
                 qPrintable(history.out));
    }

    /// group-send-file: one upload, and every member saves the same bytes.
    void aFileToTheGroup()
    {
        const auto id = createdGroup(QStringLiteral("Photos"));
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("beach.jpg.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray bytes(200 * 1024, '\0');
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<char>(i * 7 + (i >> 9));
        file.write(bytes);
        file.close();
        const auto sent = m_alice->run({QStringLiteral("group-send-file"), id, path});
        VERIFY_RUN(sent);
        QVERIFY2(sent.out.startsWith(QStringLiteral("sent ")) && sent.out.endsWith(QStringLiteral(" e2e\n")),
                 qPrintable(sent.out));
        for (const auto *member : {m_bob.get(), m_carol.get()}) {
            QTemporaryDir saveDir;
            const auto got = member->run(receiveJson(1) << QStringLiteral("--save-dir") << saveDir.path());
            VERIFY_RUN(got);
            QVERIFY2(got.json().size() == 1, qPrintable(describe(got)));
            QCOMPARE(got.json()[0][QStringLiteral("group")].toString(), id);
            const auto attachment = got.json()[0][QStringLiteral("attachment")].toObject();
            QFile copy(attachment[QStringLiteral("path")].toString());
            QVERIFY2(copy.open(QIODevice::ReadOnly), qPrintable(describe(got)));
            QVERIFY(copy.readAll() == bytes);
        }
        const auto notAGroup = m_alice->run({QStringLiteral("group-send-file"), QString(32, QLatin1Char('0')), path});
        QVERIFY(notAGroup.exitCode != 0);
    }

    void onlyAdminsChangeAGroup()
    {
        const auto id = createdGroup(QStringLiteral("Book club"));
        QVERIFY(!id.isEmpty());
        const auto refused = m_bob->run({QStringLiteral("group-remove"), id, QStringLiteral("carol")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QStringLiteral("admins")), qPrintable(describe(refused)));
        QVERIFY(m_bob->run({QStringLiteral("group-rename"), id, QStringLiteral("Mine")}).exitCode != 0);
        QCOMPARE(m_alice->run({QStringLiteral("group-members"), id}).lines().size(), 3);
    }

    void addRemoveAndLeave()
    {
        const auto id = createdGroup(QStringLiteral("Garden"));
        QVERIFY(!id.isEmpty());
        VERIFY_RUN(m_alice->run({QStringLiteral("group-send"), id, QStringLiteral("before dave")}));
        auto dave = profile();
        VERIFY_RUN(dave->registerAs(QStringLiteral("dave")));
        const auto added = m_alice->run({QStringLiteral("group-add"), id, QStringLiteral("dave")});
        VERIFY_RUN(added);
        QCOMPARE(added.out, QStringLiteral("group ") + id + QStringLiteral(" version 2\n"));
        VERIFY_RUN(m_alice->run({QStringLiteral("group-send"), id, QStringLiteral("welcome dave")}));
        const auto got = dave->run(receiveJson(2) << QStringLiteral("--events"));
        VERIFY_RUN(got);
        const auto lines = got.json();
        QVERIFY2(lines.size() == 2, qPrintable(describe(got)));
        QCOMPARE(lines[0][QStringLiteral("event")].toString(), QStringLiteral("added"));
        QCOMPARE(members(lines[0]), QStringList{QStringLiteral("dave")});
        QCOMPARE(lines[1][QStringLiteral("text")].toString(), QStringLiteral("welcome dave"));
        // Dave never reads what came before he joined.
        QVERIFY(!dave->run({QStringLiteral("group-history"), id}).out.contains(QStringLiteral("before dave")));

        const auto removed = m_alice->run({QStringLiteral("group-remove"), id, QStringLiteral("carol")});
        VERIFY_RUN(removed);
        const auto carols = m_carol->run(receiveJson(3) << QStringLiteral("--events"));
        VERIFY_RUN(carols);
        const auto carolsLines = carols.json();
        QVERIFY2(!carolsLines.empty(), qPrintable(describe(carols)));
        QCOMPARE(carolsLines.back()[QStringLiteral("event")].toString(), QStringLiteral("removed"));
        QCOMPARE(members(carolsLines.back()), QStringList{QStringLiteral("carol")});
        const auto notAMember = m_carol->run({QStringLiteral("group-send"), id, QStringLiteral("hello?")});
        QVERIFY(notAMember.exitCode != 0);
        QVERIFY2(notAMember.err.contains(QStringLiteral("not a member")), qPrintable(describe(notAMember)));

        VERIFY_RUN(m_bob->run(lapis::test::receiveWaiting()));
        VERIFY_RUN(m_alice->run(lapis::test::receiveWaiting()));
        VERIFY_RUN(m_bob->run({QStringLiteral("group-leave"), id}));
        const auto alices = m_alice->run(receiveJson(1) << QStringLiteral("--events"));
        VERIFY_RUN(alices);
        const auto alicesLines = alices.json();
        QVERIFY2(alicesLines.size() == 1, qPrintable(describe(alices)));
        QCOMPARE(alicesLines[0][QStringLiteral("event")].toString(), QStringLiteral("left"));
        QCOMPARE(alicesLines[0][QStringLiteral("by")].toString(), QStringLiteral("bob"));
        QCOMPARE(m_alice->run({QStringLiteral("group-members"), id}).out,
                 QStringLiteral("alice\tadmin\ndave\tmember\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliGroups)
#include "tst_cli_groups.moc"
