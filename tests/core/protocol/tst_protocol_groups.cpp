// SPDX-License-Identifier: GPL-3.0-or-later
// Group membership as every member's device computes it (issue 18, PROTOCOL.md §15): only admins
// change the group, a removed member is out and cannot slip a change in by claiming an older view,
// a change made after changes this device lacks waits, an old state coming back is stale, and
// concurrent changes converge to one state whatever order they arrive in (every permutation of a
// set of concurrent changes, and random shuffles of longer histories, fold to the same group).
#include <lapis/crypto/Random.h>
#include <lapis/protocol/Content.h>
#include <lapis/protocol/GroupState.h>

#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace lapis;
using namespace lapis::protocol;
using Kind = GroupChange::Kind;

namespace {

const GroupId Group = [] {
    std::array<std::uint8_t, 16> bytes{};
    bytes.fill(0x47);
    return GroupId(bytes);
}();

std::int64_t g_clock = 1'800'000'000'000;

/// A change by `author` made on the device holding `seen` (its heads are the parents).
GroupChange change(const GroupLog &seen, const char *author, Kind kind, std::vector<AccountId> targets = {},
                   std::string name = {})
{
    GroupChange c;
    c.group = Group;
    c.changeId = newContentMessageId(++g_clock, crypto::systemRandom());
    c.author = AccountId(author);
    c.parents = seen.heads();
    c.kind = kind;
    c.targets = std::move(targets);
    c.name = std::move(name);
    return c;
}

GroupChange creation()
{
    static const GroupChange c = [] {
        GroupChange made;
        made.group = Group;
        made.changeId = newContentMessageId(++g_clock, crypto::systemRandom());
        made.author = AccountId("alice");
        made.kind = Kind::Create;
        made.targets = {AccountId("bob"), AccountId("carol")};
        made.name = "Family";
        return made;
    }();
    return c;
}

GroupLog created()
{
    auto log = GroupLog::create(creation());
    if (!log.ok())
        qFatal("create: %s", log.error().message.c_str());
    return std::move(log).value();
}

QStringList membersOf(const GroupState &state)
{
    QStringList out;
    for (const auto &m : state.members)
        out << QString::fromStdString(m.account.value()) + (m.admin ? QStringLiteral("*") : QString());
    return out;
}

} // namespace

class TestProtocolGroups : public QObject {
    Q_OBJECT
private slots:
    void creatorIsTheFirstAdmin()
    {
        const auto log = created();
        QCOMPARE(log.state().version, std::uint64_t{1});
        QCOMPARE(log.state().name, std::string("Family"));
        QCOMPARE(membersOf(log.state()), (QStringList{"alice*", "bob", "carol"}));
        auto notCreation = creation();
        notCreation.kind = Kind::Add;
        QVERIFY(!GroupLog::create(notCreation).ok());
        auto unnamed = creation();
        unnamed.name.clear();
        QVERIFY(!GroupLog::create(unnamed).ok());
    }

    void onlyAdminsChangeTheGroup()
    {
        auto log = created();
        const auto before = log.state();
        // Bob is a member, not an admin; Eve is not even a member ("ghost members" are impossible).
        QCOMPARE(log.receive(change(log, "bob", Kind::Add, {AccountId("mallory")})), GroupRefusal::NotAnAdmin);
        QCOMPARE(log.receive(change(log, "bob", Kind::Remove, {AccountId("carol")})), GroupRefusal::NotAnAdmin);
        QCOMPARE(log.receive(change(log, "bob", Kind::Rename, {}, "Bob's")), GroupRefusal::NotAnAdmin);
        QCOMPARE(log.receive(change(log, "eve", Kind::Add, {AccountId("eve")})), GroupRefusal::NotAMember);
        QCOMPARE(log.state(), before);

        QCOMPARE(log.receive(change(log, "alice", Kind::Add, {AccountId("dave")})), GroupRefusal::None);
        QCOMPARE(log.receive(change(log, "alice", Kind::Promote, {AccountId("bob")})), GroupRefusal::None);
        QCOMPARE(log.receive(change(log, "bob", Kind::Rename, {}, "Family 2026")), GroupRefusal::None);
        QCOMPARE(log.state().version, std::uint64_t{4});
        QCOMPARE(log.state().name, std::string("Family 2026"));
        QCOMPARE(membersOf(log.state()), (QStringList{"alice*", "bob*", "carol", "dave"}));
        // Nothing to do is refused too: adding a member twice, removing a non-member.
        QCOMPARE(log.receive(change(log, "alice", Kind::Add, {AccountId("dave")})), GroupRefusal::Invalid);
        QCOMPARE(log.receive(change(log, "alice", Kind::Remove, {AccountId("zoe")})), GroupRefusal::Invalid);
        QCOMPARE(log.state().version, std::uint64_t{4});
        // A change without parents, for another group, or twice: not kept.
        auto orphan = change(log, "alice", Kind::Rename, {}, "x");
        orphan.parents.clear();
        QCOMPARE(log.receive(orphan), GroupRefusal::Invalid);
        auto other = change(log, "alice", Kind::Rename, {}, "x");
        other.group = GroupId{};
        QCOMPARE(log.receive(other), GroupRefusal::WrongGroup);
        const auto rename = change(log, "alice", Kind::Rename, {}, "Once");
        QCOMPARE(log.receive(rename), GroupRefusal::None);
        QCOMPARE(log.receive(rename), GroupRefusal::Duplicate);
    }

    void removedMemberCannotSlipAChangeIn()
    {
        auto alice = created();
        QCOMPARE(alice.receive(change(alice, "alice", Kind::Promote, {AccountId("carol")})), GroupRefusal::None);
        // Carol's device holds the group as it was then.
        auto carol = alice;
        QCOMPARE(alice.receive(change(alice, "alice", Kind::Remove, {AccountId("carol")})), GroupRefusal::None);
        QVERIFY(!alice.state().isMember(AccountId("carol")));
        // Carol, removed, makes a change on her older view (as if it were concurrent): Alice had
        // not seen it when removing her, so the removal overrules it, on every device.
        const auto slipped = change(carol, "carol", Kind::Add, {AccountId("mallory")});
        QCOMPARE(alice.receive(slipped), GroupRefusal::Overruled);
        QVERIFY(!alice.state().isMember(AccountId("mallory")));
        // A device that got Carol's change first ends the same once the removal arrives.
        auto bob = carol;
        QCOMPARE(bob.receive(slipped), GroupRefusal::None);
        QVERIFY(bob.state().isMember(AccountId("mallory")));
        // Both orders end the same: Carol's change first, or Alice's removal first.
        auto removal = change(carol, "alice", Kind::Remove, {AccountId("carol")});
        auto bob2 = carol;
        (void)bob2.receive(slipped);
        (void)bob2.receive(removal);
        auto alice2 = carol;
        (void)alice2.receive(removal);
        (void)alice2.receive(slipped);
        QCOMPARE(bob2.state(), alice2.state());
        QVERIFY(!bob2.state().isMember(AccountId("mallory")) && !bob2.state().isMember(AccountId("carol")));
        QCOMPARE(bob2.outcome(slipped.changeId), GroupRefusal::Overruled);
    }

    void memberAddedAgainActsAnew()
    {
        auto log = created();
        QCOMPARE(log.receive(change(log, "alice", Kind::Remove, {AccountId("carol")})), GroupRefusal::None);
        QCOMPARE(log.receive(change(log, "alice", Kind::Add, {AccountId("carol")})), GroupRefusal::None);
        QCOMPARE(log.receive(change(log, "alice", Kind::Promote, {AccountId("carol")})), GroupRefusal::None);
        // Made after the removal (it descends from it): not overruled by it.
        QCOMPARE(log.receive(change(log, "carol", Kind::Rename, {}, "Carol's turn")), GroupRefusal::None);
        QCOMPARE(log.state().name, std::string("Carol's turn"));
    }

    void lastAdminLeavingHandsOver()
    {
        auto log = created();
        QCOMPARE(log.receive(change(log, "alice", Kind::Leave)), GroupRefusal::None);
        // The member first by name becomes admin, on every device the same.
        QCOMPARE(membersOf(log.state()), (QStringList{"bob*", "carol"}));
    }

    void futureWaitsAndStaleHasNoEffect()
    {
        auto alice = created();
        auto elsewhere = created();
        const auto add = change(alice, "alice", Kind::Add, {AccountId("dave")});
        QCOMPARE(alice.receive(add), GroupRefusal::None);
        const auto promote = change(alice, "alice", Kind::Promote, {AccountId("dave")});
        // The promotion overtook the addition on this device: it waits, then takes effect.
        QCOMPARE(elsewhere.receive(promote), GroupRefusal::Future);
        QVERIFY(!elsewhere.state().isMember(AccountId("dave")));
        QCOMPARE(elsewhere.heads(), std::vector<MessageId>{creation().changeId}); // what waits is no head
        QCOMPARE(elsewhere.receive(add), GroupRefusal::None);
        QVERIFY(elsewhere.state().isAdmin(AccountId("dave")));
        QVERIFY(elsewhere.tookEffect(promote.changeId));

        // Alice's device goes back to an old state (a restored backup) and renames from there:
        // the change does not build on her own earlier ones.
        const auto old = created();
        const auto fromThePast = change(old, "alice", Kind::Rename, {}, "Back in time");
        QCOMPARE(elsewhere.receive(fromThePast), GroupRefusal::Stale);
        QCOMPARE(elsewhere.state().name, std::string("Family"));
    }

    void concurrentChangesConvergeInEveryOrder()
    {
        // Alice and Bob (both admins) change the group at the same time, each on the same view;
        // Carol leaves meanwhile; Alice then builds on her own change.
        auto base = created();
        QCOMPARE(base.receive(change(base, "alice", Kind::Promote, {AccountId("bob")})), GroupRefusal::None);
        auto aliceView = base;
        std::vector<GroupChange> concurrent = {
            change(base, "alice", Kind::Remove, {AccountId("bob")}),
            change(base, "bob", Kind::Remove, {AccountId("alice")}),
            change(base, "bob", Kind::Rename, {}, "Bob's family"),
            change(base, "carol", Kind::Leave),
        };
        (void)aliceView.receive(concurrent[0]);
        concurrent.push_back(change(aliceView, "alice", Kind::Add, {AccountId("erin")}));
        // Bob's rename builds on nothing of his own, and his removal too: make the rename follow it.
        std::vector<std::size_t> order(concurrent.size());
        std::iota(order.begin(), order.end(), 0);
        std::optional<GroupState> first;
        int permutations = 0;
        do {
            auto log = base;
            for (const auto i : order)
                (void)log.receive(concurrent[i]);
            if (!first)
                first = log.state();
            QCOMPARE(log.state(), *first);
            ++permutations;
        } while (std::next_permutation(order.begin(), order.end()));
        QCOMPARE(permutations, 120);
        // One of the two mutual removals wins; the other author is out.
        QVERIFY(first->isMember(AccountId("alice")) != first->isMember(AccountId("bob")));
        QVERIFY(!first->isMember(AccountId("carol")));
    }

    void randomHistoriesConverge()
    {
        // Several admins change the group, each on a device that has seen only part of the
        // history; the changes reach ten devices in ten shuffled orders: one state.
        std::mt19937 random(20261207);
        for (int round = 0; round < 20; ++round) {
            auto start = created();
            (void)start.receive(change(start, "alice", Kind::Promote, {AccountId("bob"), AccountId("carol")}));
            const char *authors[] = {"alice", "bob", "carol"};
            std::map<std::string, GroupLog> views{{"alice", start}, {"bob", start}, {"carol", start}};
            std::vector<GroupChange> history;
            for (int i = 0; i < 30; ++i) {
                const std::string author = authors[random() % 3];
                const auto kinds = std::array{Kind::Add, Kind::Remove, Kind::Rename, Kind::Promote};
                const auto kind = kinds[random() % kinds.size()];
                const AccountId target("user" + std::to_string(random() % 8));
                auto c = change(views.at(author), author.c_str(), kind, {target}, "name " + std::to_string(i));
                history.push_back(c);
                // The author's device has it; the others catch up now and then.
                (void)views.at(author).receive(c);
                for (auto &[who, view] : views)
                    if (random() % 3 == 0)
                        for (const auto &h : history)
                            (void)view.receive(h);
            }
            std::optional<GroupState> first;
            for (int device = 0; device < 10; ++device) {
                auto log = start;
                auto shuffled = history;
                std::shuffle(shuffled.begin(), shuffled.end(), random);
                for (const auto &c : shuffled)
                    (void)log.receive(c);
                if (!first)
                    first = log.state();
                QCOMPARE(log.state(), *first);
            }
        }
    }

    void memberCap()
    {
        auto log = created();
        std::vector<AccountId> many;
        for (std::size_t i = 0; i < MaxGroupMembers - 3; ++i)
            many.emplace_back("member" + std::to_string(i));
        QCOMPARE(log.receive(change(log, "alice", Kind::Add, many)), GroupRefusal::None);
        QCOMPARE(log.state().members.size(), MaxGroupMembers);
        QCOMPARE(log.receive(change(log, "alice", Kind::Add, {AccountId("one too many")})), GroupRefusal::Invalid);
        QCOMPARE(log.state().members.size(), MaxGroupMembers);
    }
};

QTEST_APPLESS_MAIN(TestProtocolGroups)
#include "tst_protocol_groups.moc"
