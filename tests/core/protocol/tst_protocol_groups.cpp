// SPDX-License-Identifier: GPL-3.0-or-later
// Group membership as every member's device computes it (issue 18, PROTOCOL.md §15): only admins
// change the group, a removed member is out, a change based on a version not reached waits, one
// based too far back has no effect, and concurrent changes converge to one state whatever order
// they arrive in (every permutation of a set of concurrent changes, and random shuffles of a
// longer history, fold to the same group).
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

GroupChange change(const char *author, std::uint64_t base, Kind kind, std::vector<AccountId> targets = {},
                   std::string name = {})
{
    GroupChange c;
    c.group = Group;
    c.changeId = newContentMessageId(++g_clock, crypto::systemRandom());
    c.author = AccountId(author);
    c.baseVersion = base;
    c.kind = kind;
    c.targets = std::move(targets);
    c.name = std::move(name);
    return c;
}

GroupLog created()
{
    auto log = GroupLog::create(change("alice", 0, Kind::Create, {AccountId("bob"), AccountId("carol")}, "Family"));
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
        QVERIFY(!GroupLog::create(change("alice", 0, Kind::Add, {AccountId("bob")})).ok());
        QVERIFY(!GroupLog::create(change("alice", 0, Kind::Create, {}, "")).ok());
    }

    void onlyAdminsChangeTheGroup()
    {
        auto log = created();
        const auto before = log.state();
        // Bob is a member, not an admin; Eve is not even a member ("ghost members" are impossible).
        QCOMPARE(log.receive(change("bob", 1, Kind::Add, {AccountId("mallory")})), GroupRefusal::NotAnAdmin);
        QCOMPARE(log.receive(change("bob", 1, Kind::Remove, {AccountId("carol")})), GroupRefusal::NotAnAdmin);
        QCOMPARE(log.receive(change("bob", 1, Kind::Rename, {}, "Bob's")), GroupRefusal::NotAnAdmin);
        QCOMPARE(log.receive(change("eve", 1, Kind::Add, {AccountId("eve")})), GroupRefusal::NotAMember);
        QCOMPARE(log.state(), before);

        QCOMPARE(log.receive(change("alice", 1, Kind::Add, {AccountId("dave")})), GroupRefusal::None);
        QCOMPARE(log.receive(change("alice", 2, Kind::Promote, {AccountId("bob")})), GroupRefusal::None);
        QCOMPARE(log.receive(change("bob", 3, Kind::Rename, {}, "Family 2026")), GroupRefusal::None);
        QCOMPARE(log.state().version, std::uint64_t{4});
        QCOMPARE(log.state().name, std::string("Family 2026"));
        QCOMPARE(membersOf(log.state()), (QStringList{"alice*", "bob*", "carol", "dave"}));
        // Nothing to do is refused too: adding a member twice, removing a non-member.
        QCOMPARE(log.receive(change("alice", 4, Kind::Add, {AccountId("dave")})), GroupRefusal::Invalid);
        QCOMPARE(log.receive(change("alice", 4, Kind::Remove, {AccountId("zoe")})), GroupRefusal::Invalid);
        QCOMPARE(log.state().version, std::uint64_t{4});
    }

    void removedMemberIsOut()
    {
        auto log = created();
        QCOMPARE(log.receive(change("alice", 1, Kind::Promote, {AccountId("carol")})), GroupRefusal::None);
        QCOMPARE(log.receive(change("alice", 2, Kind::Remove, {AccountId("carol")})), GroupRefusal::None);
        QVERIFY(!log.state().isMember(AccountId("carol")));
        // Carol, once an admin, can change nothing after her removal.
        QCOMPARE(log.receive(change("carol", 3, Kind::Add, {AccountId("carol")})), GroupRefusal::NotAMember);
        QVERIFY(!log.state().isMember(AccountId("carol")));
    }

    void lastAdminLeavingHandsOver()
    {
        auto log = created();
        QCOMPARE(log.receive(change("alice", 1, Kind::Leave)), GroupRefusal::None);
        // The member first by name becomes admin, on every device the same.
        QCOMPARE(membersOf(log.state()), (QStringList{"bob*", "carol"}));
    }

    void futureWaitsAndStaleHasNoEffect()
    {
        auto log = created();
        const auto add = change("alice", 1, Kind::Add, {AccountId("dave")});
        const auto promote = change("alice", 2, Kind::Promote, {AccountId("dave")});
        // The promotion overtook the addition: it waits, and takes effect when the addition comes.
        QCOMPARE(log.receive(promote), GroupRefusal::Future);
        QVERIFY(!log.state().isMember(AccountId("dave")));
        QCOMPARE(log.receive(add), GroupRefusal::None);
        QVERIFY(log.state().isAdmin(AccountId("dave")));
        QVERIFY(log.tookEffect(promote.changeId));
        QCOMPARE(log.receive(add), GroupRefusal::Duplicate);

        // Twenty admins' renames all made on version 3 (concurrently): the fold takes them one
        // after another, and those that land more than MaxGroupRebase versions after their base
        // are stale and change nothing, in whatever order they arrive.
        std::vector<GroupChange> renames;
        for (int i = 0; i < 20; ++i)
            renames.push_back(change("alice", 3, Kind::Rename, {}, "name " + std::to_string(i)));
        for (auto it = renames.rbegin(); it != renames.rend(); ++it)
            (void)log.receive(*it);
        int effective = 0;
        for (const auto &r : renames)
            effective += log.tookEffect(r.changeId) ? 1 : 0;
        QCOMPARE(effective, static_cast<int>(MaxGroupRebase) + 1);
        QCOMPARE(log.state().version, std::uint64_t{3} + MaxGroupRebase + 1);
        QCOMPARE(log.state().name, "name " + std::to_string(MaxGroupRebase));
        // Another group's change is not this group's.
        auto other = change("alice", 20, Kind::Rename, {}, "x");
        other.group = GroupId{};
        QCOMPARE(log.receive(other), GroupRefusal::WrongGroup);
    }

    void concurrentChangesConvergeInEveryOrder()
    {
        // Alice and Bob (both admins) change the group at the same time, from the same version;
        // Carol leaves meanwhile; Alice then builds on her own change.
        auto base = created();
        QCOMPARE(base.receive(change("alice", 1, Kind::Promote, {AccountId("bob")})), GroupRefusal::None);
        const std::vector<GroupChange> concurrent = {
            change("alice", 2, Kind::Remove, {AccountId("bob")}), change("bob", 2, Kind::Remove, {AccountId("alice")}),
            change("bob", 2, Kind::Rename, {}, "Bob's family"),   change("carol", 2, Kind::Leave),
            change("alice", 3, Kind::Add, {AccountId("erin")}),
        };
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
        // The earlier of the two removals (by change id) wins; the other author is out, and so
        // are the changes they made on the same version after it in the order.
        QVERIFY(first->isMember(AccountId("alice")) != first->isMember(AccountId("bob")));
        QVERIFY(!first->isMember(AccountId("carol")));
    }

    void randomHistoriesConverge()
    {
        // A longer history made by several admins, each change built on the version its author
        // saw; delivered to ten devices in ten shuffled orders: one state.
        std::mt19937 random(20261207);
        for (int round = 0; round < 20; ++round) {
            auto reference = created();
            (void)reference.receive(change("alice", 1, Kind::Promote, {AccountId("bob"), AccountId("carol")}));
            std::vector<GroupChange> history;
            const char *authors[] = {"alice", "bob", "carol"};
            for (int i = 0; i < 30; ++i) {
                const auto author = authors[random() % 3];
                // Authors lag behind by up to three versions: concurrent changes.
                const auto seen = reference.state().version - std::min<std::uint64_t>(random() % 4, 1);
                const auto kinds = std::array{Kind::Add, Kind::Remove, Kind::Rename, Kind::Promote};
                const auto kind = kinds[random() % kinds.size()];
                const AccountId target("user" + std::to_string(random() % 8));
                auto c = change(author, seen, kind, {target}, "name " + std::to_string(i));
                (void)reference.receive(c);
                history.push_back(std::move(c));
            }
            for (int device = 0; device < 10; ++device) {
                // The same creation and promotion (by id) as the reference, then the history shuffled.
                auto log = created();
                (void)log.receive(reference.changes().front());
                auto shuffled = history;
                std::shuffle(shuffled.begin(), shuffled.end(), random);
                for (const auto &c : shuffled)
                    (void)log.receive(c);
                QCOMPARE(log.state(), reference.state());
            }
        }
    }

    void memberCap()
    {
        auto log = created();
        std::vector<AccountId> many;
        for (std::size_t i = 0; i < MaxGroupMembers - 3; ++i)
            many.emplace_back("member" + std::to_string(i));
        QCOMPARE(log.receive(change("alice", 1, Kind::Add, many)), GroupRefusal::None);
        QCOMPARE(log.state().members.size(), MaxGroupMembers);
        QCOMPARE(log.receive(change("alice", 2, Kind::Add, {AccountId("one too many")})), GroupRefusal::Invalid);
        QCOMPARE(log.state().members.size(), MaxGroupMembers);
    }
};

QTEST_APPLESS_MAIN(TestProtocolGroups)
#include "tst_protocol_groups.moc"
