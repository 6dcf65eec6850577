// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine tests that drive whole profiles share: profile options with a fast KDF,
// reading a file (the relay's certificate), registering an account, linking a second device, and
// checking a Result with its message.
#pragma once

#include <lapis/engine/Engine.h>
#include <lapis/testsupport/RelayProcess.h>
#include <lapis/testsupport/Verify.h>

#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <string>

namespace lapis::engine::test {

inline constexpr const char *TestPassphrase = "store passphrase";

/// A profile in `dir`, its store key from a passphrase under the cheapest Argon2id costs.
inline ProfileOptions profileAt(const QString &dir)
{
    ProfileOptions options;
    options.directory = dir.toStdString();
    options.passphrase = TestPassphrase;
    options.passphraseParams = crypto::Argon2Params::minimumForTests();
    return options;
}

/// Takes what waited at the relay for `engine` (until the relay says it pushed all of it), then
/// waits until `messages` messages (own synced copies included) arrived, `deadline` at the latest.
/// Waits for what is expected, never "until nothing came for a while".
inline Result<std::vector<ReceivedItem>> receiveWaiting(Engine &engine, std::size_t messages = 0,
                                                        std::chrono::milliseconds deadline = std::chrono::seconds(30))
{
    return engine.receive(deadline, [messages](const std::vector<ReceivedItem> &items) {
        return static_cast<std::size_t>(std::count_if(items.begin(), items.end(),
                                                      [](const ReceivedItem &item) {
                                                          return item.event.kind == IncomingEvent::Kind::Message
                                                                 || item.event.kind
                                                                        == IncomingEvent::Kind::SyncedMessage;
                                                      }))
               >= messages;
    });
}

inline std::string fileText(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// A new profile at `options` with the account `username` registered on the relay at `address`
/// (its certificate in `certificatePath`); null, with a warning, when that fails.
inline std::unique_ptr<Engine> registeredEngine(const ProfileOptions &options, const std::string &username,
                                                const QString &address, const QString &certificatePath)
{
    auto opened = Engine::open(options);
    if (!opened.ok())
        return nullptr;
    AccountSetup setup;
    setup.username = username;
    setup.relayAddress = address.toStdString();
    setup.relayCertificatePem = fileText(certificatePath);
    setup.password = "a long enough password";
    setup.deviceName = "test";
    if (auto r = (*opened)->registerAccount(setup); !r.ok()) {
        qWarning("register %s: %s", username.c_str(), r.error().message.c_str());
        return nullptr;
    }
    return std::move(*opened);
}

/// A new profile at `options` linked as another device of `existing`'s account, by the calls
/// behind the QR flow (request, approve with the comparison code, complete); null, with a
/// warning, when that fails.
inline std::unique_ptr<Engine> linkedEngine(Engine &existing, const ProfileOptions &options,
                                            const std::string &deviceName, const QString &address,
                                            const QString &certificatePath)
{
    auto opened = Engine::open(options);
    if (!opened.ok())
        return nullptr;
    auto pending = (*opened)->requestLink(address.toStdString(), fileText(certificatePath));
    if (!pending.ok())
        return nullptr;
    auto completing = std::async(std::launch::async, [&] { return (*opened)->completeLink(*pending, deviceName); });
    const auto approved = existing.approveLink(pending->uri, pending->comparisonCode);
    const auto completed = completing.get();
    if (!approved.ok() || !completed.ok()) {
        qWarning("link %s: %s", deviceName.c_str(),
                 (!approved.ok() ? approved.error() : completed.error()).message.c_str());
        return nullptr;
    }
    return std::move(*opened);
}

/// The profiles of one test binary: each in its own folder of one temporary folder, registered
/// on or linked through `relay`.
class ProfilesOnRelay {
public:
    explicit ProfilesOnRelay(const lapis::test::RelayProcess &relay)
        : m_relay(relay)
    {}

    [[nodiscard]] QString path(const QString &name) const { return m_dir.filePath(name); }
    [[nodiscard]] ProfileOptions optionsFor(const std::string &name) const
    {
        return profileAt(path(QString::fromStdString(name)));
    }
    /// A new profile with the account `name` on the relay; null, with a warning, when that fails.
    [[nodiscard]] std::unique_ptr<Engine> registered(const std::string &name) const
    {
        return registeredEngine(optionsFor(name), name, m_relay.address(), m_relay.certificatePath());
    }
    /// A new profile `name` linked as the device `deviceName` of `existing`'s account.
    [[nodiscard]] std::unique_ptr<Engine> linked(Engine &existing, const std::string &name,
                                                 const std::string &deviceName) const
    {
        return linkedEngine(existing, optionsFor(name), deviceName, m_relay.address(), m_relay.certificatePath());
    }

private:
    QTemporaryDir m_dir;
    const lapis::test::RelayProcess &m_relay;
};

using Kind = IncomingEvent::Kind;

/// The first received item of `kind`, or null.
inline const ReceivedItem *findKind(const std::vector<ReceivedItem> &items, Kind kind)
{
    for (const auto &item : items)
        if (item.event.kind == kind)
            return &item;
    return nullptr;
}

/// Receives until an item of `kind` came (or the deadline passed); everything received.
inline std::vector<ReceivedItem> receiveUntil(Engine &engine, Kind kind,
                                              std::chrono::milliseconds deadline = std::chrono::seconds(20))
{
    auto got = engine.receive(
        deadline, [kind](const std::vector<ReceivedItem> &items) { return findKind(items, kind) != nullptr; });
    return got.ok() ? std::move(got).value() : std::vector<ReceivedItem>{};
}

inline std::optional<store::StoredMessage> messageWith(Engine &engine, const AccountId &peer, const MessageId &id)
{
    auto history = engine.history(peer, 500);
    if (!history.ok())
        return std::nullopt;
    for (auto &m : *history)
        if (m.id == id)
            return m;
    return std::nullopt;
}

} // namespace lapis::engine::test
