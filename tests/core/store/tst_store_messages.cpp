// SPDX-License-Identifier: GPL-3.0-or-later
// Messages: states, edits, deletes, reactions, replies, paging and full-text search.
#include "StoreTestUtil.h"

#include <QTemporaryDir>

using namespace lapis;
using namespace lapis::store;
using namespace lapis::store::test;

class TestStoreMessages : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::int64_t m_conversation = 0;
    std::int64_t m_other = 0;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store.reset();
        std::filesystem::remove_all(m_dir.path().toStdString() + "/p");
        auto store = openStore(m_dir.path() + "/p", 3);
        QVERIFY_OK(store);
        m_store = std::move(store).value();
        auto ids = m_store
                       ->transact([](Transaction &tx) -> Result<std::pair<std::int64_t, std::int64_t>> {
                           LAPIS_TRY_ASSIGN(auto a, tx.conversations().findOrCreate(AccountId("bob"), "Bob", 1));
                           LAPIS_TRY_ASSIGN(auto b, tx.conversations().findOrCreate(AccountId("carol"), "Carol", 1));
                           return std::make_pair(a.id, b.id);
                       })
                       .get();
        QVERIFY_OK(ids);
        m_conversation = ids->first;
        m_other = ids->second;
    }

    void cleanup() { m_store.reset(); }

    void insertFindAndDuplicate()
    {
        auto msg = message(m_conversation, 1, "hello there", 100);
        msg.replyTo = messageId(77);
        msg.receivedAtMs = 105;
        QVERIFY_OK(m_store->transact([&](Transaction &tx) { return tx.messages().insert(msg); }).get());
        auto again = m_store->transact([&](Transaction &tx) { return tx.messages().insert(msg); }).get();
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Duplicate);

        auto found = m_store->transact([](Transaction &tx) { return tx.messages().find(messageId(1)); }).get();
        QVERIFY_OK(found);
        QVERIFY(found->has_value());
        const StoredMessage &m = **found;
        QCOMPARE(m.text, std::string("hello there"));
        QCOMPARE(m.sentAtMs, std::int64_t(100));
        QCOMPARE(m.receivedAtMs.value_or(0), std::int64_t(105));
        QVERIFY(m.replyTo && *m.replyTo == messageId(77));
        QVERIFY(m.endToEnd);
        QVERIFY(m.direction == MessageDirection::Outgoing);

        auto orphan = message(9999, 2, "x", 1);
        auto missing = m_store->transact([&](Transaction &tx) { return tx.messages().insert(orphan); }).get();
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void statesOnlyMoveForward()
    {
        auto msg = message(m_conversation, 1, "s", 1);
        QVERIFY_OK(m_store->transact([&](Transaction &tx) { return tx.messages().insert(msg); }).get());
        const auto advance = [&](MessageState s) {
            return m_store->transact([s](Transaction &tx) { return tx.messages().advanceState(messageId(1), s); })
                .get();
        };
        QCOMPARE(*advance(MessageState::Delivered), true);
        QCOMPARE(*advance(MessageState::Sent), false); // late "sent" after "delivered"
        QCOMPARE(*advance(MessageState::Failed), false);
        QCOMPARE(*advance(MessageState::Read), true);
        auto missing =
            m_store
                ->transact([](Transaction &tx) { return tx.messages().advanceState(messageId(5), MessageState::Sent); })
                .get();
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void editsDeletesAndReactions()
    {
        auto msg = message(m_conversation, 1, "original words", 1);
        QVERIFY_OK(m_store
                       ->transact([&](Transaction &tx) -> Result<void> {
                           LAPIS_TRY(tx.messages().insert(msg));
                           LAPIS_TRY(tx.messages().edit(messageId(1), "edited words", 50));
                           LAPIS_TRY(tx.messages().setReaction(messageId(1), {AccountId("bob"), "👍", 60}));
                           LAPIS_TRY(tx.messages().setReaction(messageId(1), {AccountId("carol"), "🎉", 61}));
                           return tx.messages().setReaction(messageId(1), {AccountId("carol"), "", 62});
                       })
                       .get());
        auto found = m_store->transact([](Transaction &tx) { return tx.messages().find(messageId(1)); }).get();
        QVERIFY_OK(found);
        QCOMPARE((*found)->text, std::string("edited words"));
        QCOMPARE((*found)->editedAtMs.value_or(0), std::int64_t(50));
        QCOMPARE((*found)->reactions.size(), std::size_t(1));
        QCOMPARE((*found)->reactions[0].emoji, std::string("👍"));

        auto search = [&](const char *q) {
            return m_store->transact([q](Transaction &tx) { return tx.messages().search(q, 10); }).get();
        };
        QCOMPARE(search("original")->size(), std::size_t(0));
        QCOMPARE(search("edited")->size(), std::size_t(1));

        QVERIFY_OK(
            m_store->transact([](Transaction &tx) { return tx.messages().erase(messageId(1), Erasure::LeaveNotice); })
                .get());
        found = m_store->transact([](Transaction &tx) { return tx.messages().find(messageId(1)); }).get();
        QVERIFY((*found)->deleted);
        QVERIFY((*found)->text.empty());
        QVERIFY((*found)->reactions.empty());
        QCOMPARE(search("edited")->size(), std::size_t(0));
        auto edit = m_store->transact([](Transaction &tx) { return tx.messages().edit(messageId(1), "x", 70); }).get();
        QCOMPARE(edit.error().code, ErrorCode::NotFound);
    }

    // Edits that arrive out of order: the newest is the text, every other one is history.
    void editsKeepTheirHistoryInOrder()
    {
        QVERIFY_OK(m_store
                       ->transact([&](Transaction &tx) -> Result<void> {
                           LAPIS_TRY(tx.messages().insert(message(m_conversation, 30, "first", 100)));
                           LAPIS_TRY_ASSIGN(const bool third, tx.messages().edit(messageId(30), "third", 300));
                           LAPIS_TRY_ASSIGN(const bool second, tx.messages().edit(messageId(30), "second", 200));
                           if (!third || second)
                               return fail(ErrorCode::Internal, "the older edit must not win");
                           return {};
                       })
                       .get());
        auto found = m_store->transact([](Transaction &tx) { return tx.messages().find(messageId(30)); }).get();
        QCOMPARE((*found)->text, std::string("third"));
        QCOMPARE((*found)->editedAtMs.value_or(0), std::int64_t(300));
        auto versions =
            m_store->transact([](Transaction &tx) { return tx.messages().editHistory(messageId(30)); }).get();
        QVERIFY_OK(versions);
        QCOMPARE(versions->size(), std::size_t(2));
        QCOMPARE((*versions)[0].text, std::string("first"));
        QCOMPARE((*versions)[1].text, std::string("second"));
        // Erased, the history goes with it.
        QVERIFY_OK(
            m_store->transact([](Transaction &tx) { return tx.messages().erase(messageId(30), Erasure::LeaveNotice); })
                .get());
        versions = m_store->transact([](Transaction &tx) { return tx.messages().editHistory(messageId(30)); }).get();
        QVERIFY(versions->empty());
    }

    // Disappearing: incoming rows count down from reading, and only those under a timer.
    void expiryStartsOnReadAndFindsWhatIsDue()
    {
        auto timed = message(m_conversation, 40, "timed", 1000);
        timed.expireTimerSeconds = 10;
        timed.direction = MessageDirection::Incoming;
        auto plain = message(m_conversation, 41, "plain", 1000);
        plain.direction = MessageDirection::Incoming;
        QVERIFY_OK(m_store
                       ->transact([&](Transaction &tx) -> Result<void> {
                           LAPIS_TRY(tx.messages().insert(timed));
                           LAPIS_TRY(tx.messages().insert(plain));
                           LAPIS_TRY_ASSIGN(auto due, tx.messages().expiredAt(1'000'000'000, 10));
                           if (!due.empty())
                               return fail(ErrorCode::Internal, "nothing counts down before it is read");
                           LAPIS_TRY_ASSIGN(const int started, tx.messages().startExpiry(m_conversation, 5000));
                           if (started != 1)
                               return fail(ErrorCode::Internal, "only the timed message counts down");
                           return {};
                       })
                       .get());
        auto next = m_store->transact([](Transaction &tx) { return tx.messages().nextExpiry(); }).get();
        QCOMPARE(next->value_or(0), std::int64_t(15000));
        auto early = m_store->transact([](Transaction &tx) { return tx.messages().expiredAt(14999, 10); }).get();
        QVERIFY(early->empty());
        auto due = m_store->transact([](Transaction &tx) { return tx.messages().expiredAt(15000, 10); }).get();
        QCOMPARE(due->size(), std::size_t(1));
        QVERIFY(due->front() == messageId(40));
    }

    // An edit kept for a message that has not come, taken once.
    void earlyChangesAreTakenOnce()
    {
        EarlyChange change{messageId(50), AccountId("bob"), EarlyChange::Kind::Edit, "later text", 10, 20};
        QVERIFY_OK(m_store->transact([&](Transaction &tx) { return tx.messages().keepEarlyChange(change); }).get());
        auto taken =
            m_store->transact([](Transaction &tx) { return tx.messages().takeEarlyChanges(messageId(50)); }).get();
        QCOMPARE(taken->size(), std::size_t(1));
        QCOMPARE(taken->front().text, std::string("later text"));
        taken = m_store->transact([](Transaction &tx) { return tx.messages().takeEarlyChanges(messageId(50)); }).get();
        QVERIFY(taken->empty());
    }

    void pagesNewestFirstWithKeysetCursor()
    {
        QVERIFY_OK(m_store
                       ->transact([&](Transaction &tx) -> Result<void> {
                           for (std::uint32_t i = 1; i <= 25; ++i) {
                               // Two messages share each timestamp: the sequence breaks the tie.
                               LAPIS_TRY(tx.messages().insert(message(m_conversation, i, "m", (i + 1) / 2)));
                               LAPIS_TRY(tx.messages().insert(message(m_other, 1000 + i, "o", i)));
                           }
                           return {};
                       })
                       .get());
        std::vector<std::uint32_t> seen;
        std::optional<MessageCursor> cursor;
        int pages = 0;
        do {
            auto page =
                m_store->transact([&](Transaction &tx) { return tx.messages().page(m_conversation, 10, cursor); })
                    .get();
            QVERIFY_OK(page);
            for (const auto &m : page->messages) {
                QCOMPARE(m.conversationId, m_conversation);
                seen.push_back(m.id.bytes()[15]);
            }
            cursor = page->next;
            ++pages;
        } while (cursor && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), std::size_t(25));
        for (std::size_t i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], std::uint32_t(25 - i));
    }

    void pagesForwardAfterACursor()
    {
        QVERIFY_OK(m_store
                       ->transact([&](Transaction &tx) -> Result<void> {
                           for (std::uint32_t i = 1; i <= 25; ++i) {
                               LAPIS_TRY(tx.messages().insert(message(m_conversation, i, "m", (i + 1) / 2)));
                               LAPIS_TRY(tx.messages().insert(message(m_other, 1000 + i, "o", i)));
                           }
                           return {};
                       })
                       .get());
        // From message 3, which shares its timestamp with message 4, towards the present.
        auto upTo3 = m_store->transact([&](Transaction &tx) { return tx.messages().page(m_conversation, 23); }).get();
        QVERIFY_OK(upTo3);
        QCOMPARE(std::uint32_t(upTo3->messages.back().id.bytes()[15]), 3u);
        MessageCursor cursor{upTo3->messages.back().sentAtMs, upTo3->messages.back().sequence};
        std::vector<std::uint32_t> seen;
        int pages = 0;
        for (;;) {
            auto page =
                m_store->transact([&](Transaction &tx) { return tx.messages().pageAfter(m_conversation, 10, cursor); })
                    .get();
            QVERIFY_OK(page);
            QVERIFY(!page->messages.empty());
            // Newest first within a page, like page().
            for (auto it = page->messages.rbegin(); it != page->messages.rend(); ++it) {
                QCOMPARE(it->conversationId, m_conversation);
                seen.push_back(it->id.bytes()[15]);
            }
            ++pages;
            const MessageCursor newest{page->messages.front().sentAtMs, page->messages.front().sequence};
            if (!page->next || pages >= 10) {
                cursor = newest;
                break;
            }
            cursor = *page->next;
            QCOMPARE(cursor.sequence, page->messages.front().sequence);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), std::size_t(22));
        for (std::size_t i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], std::uint32_t(4 + i));
        // Nothing after the newest.
        auto none =
            m_store->transact([&](Transaction &tx) { return tx.messages().pageAfter(m_conversation, 10, cursor); })
                .get();
        QVERIFY_OK(none);
        QVERIFY(none->messages.empty());
        QVERIFY(!none->next);
    }

    void searchNewestFirstWithPaging()
    {
        QVERIFY_OK(m_store
                       ->transact([&](Transaction &tx) -> Result<void> {
                           for (std::uint32_t i = 1; i <= 30; ++i) {
                               const std::string text = (i % 3 == 0) ? "Lunch at the Café?" : "nothing to see";
                               LAPIS_TRY(tx.messages().insert(message(i % 2 ? m_conversation : m_other, i, text, i)));
                           }
                           return {};
                       })
                       .get());
        auto search = [&](const char *q, int limit, int offset) {
            return m_store->transact([=](Transaction &tx) { return tx.messages().search(q, limit, offset); }).get();
        };
        auto first = search("lunch", 4, 0);
        QVERIFY_OK(first);
        QCOMPARE(first->size(), std::size_t(4));
        QCOMPARE((*first)[0].sentAtMs, std::int64_t(30));
        QCOMPARE((*first)[3].sentAtMs, std::int64_t(21));
        auto rest = search("LUNCH", 4, 8);
        QCOMPARE(rest->size(), std::size_t(2));
        QCOMPARE((*rest)[1].sentAtMs, std::int64_t(3));
        // Case and diacritics folded; every word must match; syntax characters are plain text.
        QCOMPARE(search("cafe", 100, 0)->size(), std::size_t(10));
        QCOMPARE(search("lunch café", 100, 0)->size(), std::size_t(10));
        QCOMPARE(search("lunch nothing", 100, 0)->size(), std::size_t(0));
        auto weird = search("\"lunch OR * NEAR(", 100, 0);
        QVERIFY_OK(weird);
        QCOMPARE(weird->size(), std::size_t(0)); // "or" and "near" are words here, and absent
        QVERIFY_OK(search("\")(*", 10, 0));
        QCOMPARE(search("", 10, 0)->size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestStoreMessages)
#include "tst_store_messages.moc"
