// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/DeviceTrust.h>

namespace lapis::engine {

DeviceSelection selectCertifiedDevices(const AccountId &account, const crypto::Ed25519PublicKey &accountKey,
                                       const std::vector<ListedDevice> &listed)
{
    DeviceSelection selection;
    for (const auto &device : listed) {
        auto certificate = protocol::DeviceCertificate::deserialize(device.certificate);
        if (!certificate.ok()) {
            selection.rejected.push_back({device.device, "its certificate is malformed"});
            continue;
        }
        const protocol::Address expected{account, device.device};
        if (auto verified = certificate->verifyFor(expected, accountKey); !verified.ok()) {
            selection.rejected.push_back(
                {device.device, certificate->device == expected
                                    ? "its certificate is not signed by the account's identity key"
                                    : "its certificate is for another device"});
            continue;
        }
        selection.accepted.push_back(std::move(certificate).value());
    }
    return selection;
}

Route chooseRoute(bool everHadEndToEnd, std::size_t certifiedDevices, bool allowPlaintext)
{
    if (certifiedDevices > 0)
        return Route::EndToEnd; // never plaintext to an account that can be reached end to end
    if (!everHadEndToEnd || allowPlaintext)
        return Route::Plaintext;
    return Route::DowngradeRefused;
}

std::string downgradeRefusal(const AccountId &contact)
{
    return "Not sent: " + contact.value()
           + " used to have end-to-end encryption but has no encrypted device now, so the relay could read "
             "this message. Send it again with plaintext explicitly allowed if you accept that.";
}

} // namespace lapis::engine
