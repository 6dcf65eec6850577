// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the transport tests that run against the real lapis-relay: result macros, an inbox
// for MessageStream callbacks, and a fixture base that starts one relay per test binary.
#include "Channel.h" // transport-internal: these tests make raw gRPC calls
#include "Totp.h"
#include "relay.grpc.pb.h"

#include <lapis/crypto/Random.h>
#include <lapis/proto/Limits.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/testsupport/Verify.h>
#include <lapis/transport/BatchSender.h>
#include <lapis/transport/MessageStream.h>
#include <lapis/transport/RelayClient.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <ctime>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

using namespace lapis;
using namespace lapis::transport;
using lapis::test::RelayDataDir;
using lapis::test::RelayProcess;

namespace lapis::test {

inline const std::string Password = "correct horse battery";

/// Collects what a MessageStream delivers, for the test thread to wait on.
struct Inbox {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<ReceivedEnvelope> envelopes;
    std::vector<AccountEvent> events;
    int drained = 0;
    bool stopped = false;

    MessageStream::Callbacks callbacks()
    {
        MessageStream::Callbacks c;
        c.onEnvelope = [this](const ReceivedEnvelope &e) {
            std::lock_guard lock(mutex);
            envelopes.push_back(e);
            changed.notify_all();
        };
        c.onEvent = [this](const AccountEvent &e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            changed.notify_all();
        };
        c.onState = [this](MessageStream::State state, const Error *error) {
            if (error)
                qDebug("stream state %d: %s", static_cast<int>(state), error->message.c_str());
            std::lock_guard lock(mutex);
            if (state == MessageStream::State::Stopped && error)
                stopped = true;
            changed.notify_all();
        };
        c.onDrained = [this] {
            std::lock_guard lock(mutex);
            ++drained;
            changed.notify_all();
        };
        return c;
    }
    template<typename Pred>
    bool waitFor(Pred pred, int ms = 10'000)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::milliseconds(ms), [&] { return pred(); });
    }
};

inline std::unique_ptr<MessageStream> openStream(RelayClient &client, Inbox &inbox)
{
    auto stream = std::make_unique<MessageStream>(
        client.channel(), client.endpoint().address, *client.credentials(), inbox.callbacks(),
        MessageStream::Backoff{std::chrono::milliseconds(100), std::chrono::milliseconds(500)});
    stream->start();
    return stream;
}

inline OutgoingEnvelope envelope(std::uint32_t device, const std::string &text, bool plaintext = false)
{
    return OutgoingEnvelope{device, toBytes(text), plaintext};
}

inline std::string totpAt(const Bytes &secret, std::int64_t step)
{
    return relay::Totp::code(secret, static_cast<std::uint64_t>(step));
}

} // namespace lapis::test

using namespace lapis::test;

/// Starts one relay for the test binary and makes clients for it.
class RelayTestBase : public QObject {
protected:
    QTemporaryDir m_dir;
    std::unique_ptr<RelayProcess> m_relay;

    std::unique_ptr<RelayClient> client(const RelayEndpoint &endpoint)
    {
        auto c = RelayClient::create(endpoint);
        return c.ok() ? std::move(c).value() : nullptr;
    }
    std::unique_ptr<RelayClient> client() { return client(m_relay->endpoint()); }
    /// A new account with one device, its client carrying the device's credential.
    std::unique_ptr<RelayClient> registered(const std::string &name, bool plaintextOnly = false)
    {
        return registeredVia(m_relay->endpoint(), name, plaintextOnly);
    }
    /// The same through `endpoint` (another relay of the deployment, or a list of them).
    std::unique_ptr<RelayClient> registeredVia(const RelayEndpoint &endpoint, const std::string &name,
                                               bool plaintextOnly = false)
    {
        auto c = client(endpoint);
        auto device = c->registerAccount(name, Password, "laptop", plaintextOnly);
        if (!device.ok())
            qWarning("register %s: %s", name.c_str(), device.error().message.c_str());
        else
            c->setCredentials(device->credentials);
        return c;
    }
    /// A new device by password alone (an account with no device) or with a TOTP code.
    std::unique_ptr<RelayClient> loggedIn(const std::string &name, const std::string &totp = {})
    {
        auto c = client();
        auto device = c->loginDevice(name, Password, "phone", totp);
        if (device.ok())
            c->setCredentials(device->credentials);
        return c;
    }
    /// A new device signed in with the code that `trusted`, a device of the account, is shown.
    std::unique_ptr<RelayClient> signedIn(const std::string &name, RelayClient &trusted,
                                          const std::string &deviceName = "phone")
    {
        auto c = client();
        std::optional<SignInPending> pending;
        LoginRequest login{name, Password, deviceName, {}, {}, {}};
        if (c->loginDevice(login, &pending).ok() || !pending) {
            qWarning("sign-in of %s made no pending request", name.c_str());
            return c;
        }
        auto requests = trusted.signInRequests();
        if (!requests.ok())
            return c;
        for (const auto &r : *requests)
            if (r.id == pending->id) {
                login.deviceCode = r.code;
                login.signInId = r.id;
            }
        auto device = c->loginDevice(login);
        if (device.ok())
            c->setCredentials(device->credentials);
        else
            qWarning("sign-in of %s: %s", name.c_str(), device.error().message.c_str());
        return c;
    }
};
