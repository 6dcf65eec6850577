// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/DeviceTrust.h>
#include <lapis/protocol/Identity.h>

#include <QTest>

using namespace lapis;
using namespace lapis::engine;

namespace {
constexpr std::int64_t Now = 1'800'000'000;

ListedDevice certifiedDevice(const protocol::AccountIdentity &identity, const AccountId &account, std::uint32_t id,
                             crypto::RandomSource &rng)
{
    const auto keys = protocol::DeviceKeys::generate(rng);
    const auto cert =
        identity.certify(account, DeviceId(id), keys.signingKey().publicKey(), keys.identityKey().publicKey(), Now);
    return {DeviceId(id), cert.serialize()};
}
} // namespace

class TestDeviceTrust : public QObject {
    Q_OBJECT
private slots:
    void onlyDevicesSignedByThePinnedKeyAreAccepted()
    {
        crypto::DeterministicRandom rng(9);
        const AccountId bob("bob");
        const auto bobIdentity = protocol::AccountIdentity::generate(rng);
        const auto relayIdentity = protocol::AccountIdentity::generate(rng); // a lying relay's own key

        std::vector<ListedDevice> listed{
            certifiedDevice(bobIdentity, bob, 1, rng),
            certifiedDevice(bobIdentity, bob, 2, rng),
            certifiedDevice(relayIdentity, bob, 3, rng),                // a ghost device
            certifiedDevice(bobIdentity, AccountId("mallory"), 4, rng), // someone else's device
            {DeviceId(5), Bytes(10, 0x42)},                             // garbage
        };
        // A genuine certificate listed under another device id.
        auto moved = certifiedDevice(bobIdentity, bob, 6, rng);
        moved.device = DeviceId(7);
        listed.push_back(moved);

        const auto selection = selectCertifiedDevices(bob, bobIdentity.publicKey(), listed);
        QCOMPARE(selection.accepted.size(), std::size_t{2});
        QCOMPARE(selection.accepted[0].device.device, DeviceId(1));
        QCOMPARE(selection.accepted[1].device.device, DeviceId(2));
        QCOMPARE(selection.rejected.size(), std::size_t{4});
        QCOMPARE(selection.rejected[0].device, DeviceId(3));
        QCOMPARE(selection.rejected[0].reason,
                 std::string("its certificate is not signed by the account's identity key"));
        QCOMPARE(selection.rejected[2].reason, std::string("its certificate is malformed"));
        QCOMPARE(selection.rejected[3].device, DeviceId(7));

        // Against the relay's key instead of Bob's, Bob's genuine devices are the rejected ones.
        const auto wrongPin = selectCertifiedDevices(bob, relayIdentity.publicKey(), listed);
        QCOMPARE(wrongPin.accepted.size(), std::size_t{1});
        QCOMPARE(wrongPin.accepted[0].device.device, DeviceId(3));
    }

    void downgradeGuard()
    {
        QCOMPARE(chooseRoute(false, 2, false), Route::EndToEnd);
        QCOMPARE(chooseRoute(true, 1, true),
                 Route::EndToEnd); // allowing plaintext never downgrades a reachable contact
        QCOMPARE(chooseRoute(false, 0, false), Route::Plaintext);
        QCOMPARE(chooseRoute(true, 0, false), Route::DowngradeRefused);
        QCOMPARE(chooseRoute(true, 0, true), Route::Plaintext);
        const auto why = downgradeRefusal(AccountId("bob"));
        QVERIFY(why.find("bob") != std::string::npos);
        QVERIFY(why.find("relay could read") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestDeviceTrust)
#include "tst_engine_devicetrust.moc"
