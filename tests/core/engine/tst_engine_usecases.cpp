// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's use cases stand alone (issue 17): each is built over an EngineContext with only
// the use cases it names, against a real profile store and a real relay, without the Engine
// facade; the context's clock is the one every use case reads.
#include "EngineTestUtil.h"

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/ProfileKey.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/conversations/ConversationViews.h>
#include <lapis/engine/devices/Devices.h>
#include <lapis/engine/directory/DeviceDirectory.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/engine/trust/Trust.h>

#include <QTest>

using namespace lapis;
using namespace lapis::engine;
using namespace lapis::engine::test;

class TestEngineUseCases : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_relay.start()); }

    // A profile registered through the facade, then opened as a bare context: Accounts loads it,
    // Sender (with DeviceDirectory alone) sends under an injected clock, and ConversationViews and
    // Trust read what the others wrote. The peer, a whole engine, reads the message.
    void useCasesWorkOverABareContext()
    {
        {
            auto alice = m_profiles.registered("alice");
            QVERIFY(alice);
        }
        auto bob = m_profiles.registered("bob");
        QVERIFY(bob);

        auto store = openProfileStore(m_profiles.optionsFor("alice"));
        VERIFY_OK(store);
        EngineContext context(m_profiles.optionsFor("alice").directory, std::move(*store));
        constexpr std::int64_t Fixed = 1'700'000'000'000; // 14 Nov 2023, far from the real clock
        context.clock = [] { return Fixed; };
        DeviceDirectory directory(context);
        KeyMaintenance keys(context);
        Devices devices(context, directory);
        Accounts accounts(context, keys, devices);
        VERIFY_OK(accounts.loadAccount());
        QVERIFY(context.hasAccount() && context.identity);
        QCOMPARE(context.account, AccountId("alice"));

        Sender sender(context, directory);
        auto report = sender.sendText(AccountId("bob"), "sent by a Sender on its own", false);
        VERIFY_OK(report);
        QVERIFY(report->acceptedByRelay && report->endToEnd);

        ConversationViews views(context);
        auto history = views.history(AccountId("bob"), 10);
        VERIFY_OK(history);
        QCOMPARE(history->size(), std::size_t{1});
        QCOMPARE(history->front().text, std::string("sent by a Sender on its own"));
        QCOMPARE(history->front().sentAtMs, Fixed);

        Trust trust(context, directory);
        auto state = trust.contactTrust(AccountId("bob"), true);
        VERIFY_OK(state);
        QVERIFY(state->relayAnswered && state->endToEnd && state->postQuantum);

        auto got = receiveWaiting(*bob, 1);
        VERIFY_OK(got);
        QCOMPARE(got->size(), std::size_t{1});
        QCOMPARE(got->front().event.text, std::string("sent by a Sender on its own"));
        auto bobsHistory = bob->history(AccountId("alice"), 10);
        VERIFY_OK(bobsHistory);
        QCOMPARE(bobsHistory->size(), std::size_t{1});
        QCOMPARE(bobsHistory->front().sentAtMs, Fixed); // the injected clock travelled with the message
    }

private:
    lapis::test::RelayProcess m_relay{QStringLiteral(LAPIS_RELAY_BINARY)};
    ProfilesOnRelay m_profiles{m_relay};
};

QTEST_GUILESS_MAIN(TestEngineUseCases)
#include "tst_engine_usecases.moc"
