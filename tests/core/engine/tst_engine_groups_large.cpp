// SPDX-License-Identifier: GPL-3.0-or-later
// A group of 200 members through a real relay (issue 18): every member's device, each its own
// profile opened in turn, takes the creation and reads the message, and the sender's one send
// reached 199 other accounts' devices in one round.
#include "EngineTestUtil.h"

#include <QTemporaryDir>

#include <future>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

namespace {
constexpr int Members = 200;

std::string memberName(int i)
{
    return "member" + std::to_string(i);
}
} // namespace

class LargeGroupTest : public QObject {
    Q_OBJECT

    // A registration per member from one address: the flood limits a deployment sets would refuse it.
    lapis::test::RelayProcess m_relay{
        QStringLiteral(LAPIS_RELAY_BINARY),
        {QStringLiteral("--rate-address"), QStringLiteral("1000000/1000000"), QStringLiteral("--rate-register"),
         QStringLiteral("1000000/1000000"), QStringLiteral("--rate-prekey-caller"), QStringLiteral("1000000/1000000"),
         QStringLiteral("--rate-prekey-target"), QStringLiteral("1000000/1000000"), QStringLiteral("--rate-account"),
         QStringLiteral("1000000/1000000"), QStringLiteral("--rate-connection"), QStringLiteral("1000000/1000000")}};
    ProfilesOnRelay m_profiles{m_relay};

    /// Opens member `i`'s profile and receives until the group message came; whether it did.
    bool memberReads(int i, const protocol::GroupId &group, const std::string &text)
    {
        auto engine = Engine::open(m_profiles.optionsFor(memberName(i)));
        if (!engine.ok())
            return false;
        auto got = (*engine)->receive(std::chrono::seconds(60), [&](const std::vector<ReceivedItem> &items) {
            return std::any_of(items.begin(), items.end(), [&](const ReceivedItem &item) {
                return item.event.kind == IncomingEvent::Kind::Message && item.event.text == text;
            });
        });
        if (!got.ok())
            return false;
        const auto message = std::find_if(got->begin(), got->end(), [&](const ReceivedItem &item) {
            return item.event.kind == IncomingEvent::Kind::Message && item.event.text == text;
        });
        auto held = (*engine)->group(group);
        return message != got->end() && message->event.group && *message->event.group == group && held.ok()
               && held->members.size() == static_cast<std::size_t>(Members);
    }

private slots:
    void twoHundredMembersAllRead()
    {
        QVERIFY(m_relay.start());
        std::vector<AccountId> others;
        for (int i = 1; i < Members; ++i) {
            QVERIFY(m_profiles.registered(memberName(i)) != nullptr); // closed again at once
            others.emplace_back(memberName(i));
        }
        auto alice = m_profiles.registered("alice");
        QVERIFY(alice);
        TRY_OK(group, alice->createGroup("Two hundred", others));
        QCOMPARE(group->members.size(), std::size_t(Members));
        TRY_OK(sent, alice->sendGroupText(group->id, "hello, everyone"));
        QVERIFY(sent->acceptedByRelay);
        QCOMPARE(sent->devices, std::size_t(Members - 1));

        // Two members at a time, each opened, read and closed, so that 200 profiles never sit
        // in memory at once.
        std::atomic<int> next{1};
        std::atomic<int> read{0};
        const auto worker = [&] {
            for (int i = next++; i < Members; i = next++)
                if (memberReads(i, group->id, "hello, everyone"))
                    ++read;
                else
                    qWarning("member %d did not read the group message", i);
        };
        auto second = std::async(std::launch::async, worker);
        worker();
        second.get();
        QCOMPARE(read.load(), Members - 1);
    }
};

QTEST_GUILESS_MAIN(LargeGroupTest)
#include "tst_engine_groups_large.moc"
