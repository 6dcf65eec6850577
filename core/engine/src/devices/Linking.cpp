// SPDX-License-Identifier: GPL-3.0-or-later
// Linking a new device to an account by QR code (both sides).
#include "../groups/GroupBook.h"

#include <lapis/common/Log.h>
#include <lapis/engine/LinkBundle.h>
#include <lapis/engine/account/Accounts.h>
#include <lapis/engine/devices/Linking.h>
#include <lapis/engine/keys/KeyMaintenance.h>
#include <lapis/proto/Limits.h>
#include <lapis/protocol/LinkCipher.h>

#include <algorithm>

namespace lapis::engine {

namespace fs = std::filesystem;

namespace {
constexpr int RecentMessagesPerConversation = 100;
/// What the bundle may fill once sealed: the relay takes at most MaxLinkBundle bytes; the seal adds
/// a version byte, a key and a tag, and the rest of the margin is slack.
constexpr std::size_t LinkBundleBudget = proto::limits::MaxLinkBundle - 4096;

std::string normalisedCode(std::string code)
{
    std::erase_if(code, [](char c) { return c == ' ' || c == '-'; });
    return code;
}
} // namespace

std::string Linking::comparisonCode(const LinkUri &uri)
{
    return protocol::LinkCipher::comparisonCode(uri.publicKey);
}

Result<PendingLink> Linking::requestLink(const std::string &relayAddress, const std::string &relayCertificatePem)
{
    if (m_ctx.hasAccount() && !m_ctx.awaitingKeys)
        return fail(ErrorCode::AlreadyExists, "This profile already has an account (" + m_ctx.account.value() + ")");
    // A device signed in by a code (Accounts::login) keeps its credential, to retire that device
    // once the linked one exists.
    const auto signedIn = m_ctx.awaitingKeys ? m_ctx.relay->credentials() : std::nullopt;
    if (m_ctx.awaitingKeys && relayAddress.empty()) {
        // Linking resumed after a restart: the relay is the one this device signed in to.
        const auto endpoint = m_ctx.relay->endpoint();
        return requestLink(endpoint.address, endpoint.pinnedCertificatePem);
    }
    LAPIS_TRY(m_ctx.connect(relayAddress, relayCertificatePem));
    if (signedIn)
        m_ctx.relay->setCredentials(*signedIn);
    LAPIS_TRY_ASSIGN(auto address, m_ctx.relay->createLinkAddress());
    PendingLink pending{LinkUri{relayAddress, address.address, {}},
                        {},
                        crypto::X25519KeyPair::generate(m_ctx.rng),
                        address.ttl,
                        relayCertificatePem};
    pending.uri.publicKey = pending.ephemeral.publicKey();
    pending.comparisonCode = comparisonCode(pending.uri);
    return pending;
}

Result<void> Linking::completeLink(const PendingLink &pending, const std::string &deviceName,
                                   const std::function<bool()> &interrupted)
{
    LAPIS_TRY_ASSIGN(auto sealed,
                     m_ctx.relay->waitForLink(pending.uri.address,
                                              std::chrono::duration_cast<std::chrono::milliseconds>(pending.lifetime),
                                              interrupted));
    LAPIS_TRY_ASSIGN(auto opened, protocol::LinkCipher::open(pending.ephemeral, sealed));
    LAPIS_TRY_ASSIGN(auto bundle, LinkBundle::deserialize(opened.view()));
    LAPIS_TRY_ASSIGN(auto accountKey, protocol::AccountIdentity::fromSeed(bundle.accountKeySeed.view()));
    LAPIS_TRY_ASSIGN(auto device,
                     m_ctx.relay->registerLinkedDevice(bundle.account.value(), bundle.linkToken, deviceName));
    if (m_ctx.awaitingKeys) {
        // The keyless device this profile was signed in as gives way to the linked one.
        if (m_ctx.account != AccountId(device.credentials.account))
            return fail(ErrorCode::InvalidArgument, "The link came from another account than this profile's");
        if (auto retired = m_ctx.relay->removeDevice(m_ctx.deviceId.value()); !retired.ok())
            qCInfo(lcEngine) << "The signed-in device was not removed:" << retired.error().message.c_str();
        m_ctx.awaitingKeys = false;
    }
    m_ctx.identity = std::make_unique<LocalIdentity>(LocalIdentity::forLinkedDevice(
        std::move(accountKey), AccountId(device.credentials.account), DeviceId(device.credentials.deviceId),
        protocol::DeviceKeys::generate(m_ctx.rng), m_ctx.nowMs() / 1000));
    AccountSetup setup;
    setup.relayAddress = pending.uri.relay;
    setup.relayCertificatePem = pending.relayCertificatePem;
    setup.deviceName = deviceName;
    LAPIS_TRY(m_accounts.saveAccount(device, setup));
    LAPIS_TRY(m_keys.publishKeys());

    const auto now = m_ctx.nowMs();
    return m_ctx.store
        ->transact([&](store::Transaction &tx) -> Result<void> {
            for (const auto &g : bundle.groups) {
                // Folded here as every member device folds it; a log that does not fold (a
                // damaged bundle) leaves that group out, not the link.
                auto log = GroupBook::fold(g.id, g.changes);
                if (!log.ok()) {
                    qCInfo(lcEngine) << "A group in the link bundle was left out:" << log.error().message.c_str();
                    continue;
                }
                LAPIS_TRY(GroupBook::save(tx, *log, log->changes(), protocol::GroupState{}, m_ctx.account, now));
            }
            for (const auto &c : bundle.contacts) {
                store::Contact contact;
                contact.account = c.account;
                contact.displayName = c.displayName;
                contact.pinnedAccountKey = c.pinnedAccountKey;
                contact.verification =
                    c.verified ? store::VerificationState::Verified : store::VerificationState::Unverified;
                contact.everHadEndToEnd = c.everHadEndToEnd;
                contact.addedAtMs = now;
                LAPIS_TRY(tx.contacts().save(contact));
            }
            for (const auto &m : bundle.recentMessages) {
                LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findOrCreate(m.peer, m.peer.value(), now));
                store::StoredMessage row;
                row.id = m.id;
                row.conversationId = conversation.id;
                row.sender = m.sender;
                row.senderDevice = m.senderDevice;
                row.direction = m.outgoing ? store::MessageDirection::Outgoing : store::MessageDirection::Incoming;
                row.text = m.text;
                row.sentAtMs = m.sentAtMs;
                row.receivedAtMs = now;
                row.state = m.outgoing ? store::MessageState::Sent : store::MessageState::Delivered;
                row.endToEnd = m.endToEnd;
                row.kind = m.timerNotice   ? store::MessageKind::TimerChanged
                           : m.groupNotice ? store::MessageKind::GroupChanged
                                           : store::MessageKind::Text;
                row.expireTimerSeconds = m.expireTimerSeconds;
                row.expiresAtMs = m.expiresAtMs;
                auto inserted = tx.messages().insert(row);
                if (!inserted.ok() && inserted.error().code != ErrorCode::Duplicate)
                    return inserted;
                LAPIS_TRY(tx.conversations().recordActivity(conversation.id, m.sentAtMs, 0));
            }
            for (const auto &t : bundle.timers) {
                LAPIS_TRY_ASSIGN(auto conversation, tx.conversations().findOrCreate(t.peer, t.peer.value(), now));
                LAPIS_TRY(tx.conversations().setExpireTimer(conversation.id, t.seconds));
            }
            return {};
        })
        .get();
}

Result<void> Linking::approveLink(const LinkUri &uri, const std::optional<std::string> &expectedCode)
{
    if (!m_ctx.identity)
        return fail(ErrorCode::NotFound, "This profile has no end-to-end account to link a device to");
    if (expectedCode && normalisedCode(*expectedCode) != normalisedCode(comparisonCode(uri)))
        return fail(ErrorCode::AuthenticationFailed,
                    "The codes differ: the QR code may have been swapped. Nothing was sent.");
    if (uri.relay != m_ctx.relay->endpoint().address)
        return fail(ErrorCode::InvalidArgument, "The new device uses another relay (" + uri.relay + ") than this one");
    LAPIS_TRY_ASSIGN(auto token, m_ctx.relay->createLinkToken());

    LinkBundle bundle;
    bundle.account = m_ctx.account;
    bundle.accountKeySeed = SecretArray<32>::fromView(m_ctx.identity->accountIdentity().seed());
    bundle.linkToken = token.token;
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      LAPIS_TRY_ASSIGN(auto contacts, tx.contacts().list());
                      for (const auto &c : contacts)
                          bundle.contacts.push_back({c.account, c.displayName, c.pinnedAccountKey,
                                                     c.verification == store::VerificationState::Verified,
                                                     c.everHadEndToEnd});
                      LAPIS_TRY_ASSIGN(auto groups, tx.groups().list());
                      for (const auto &group : groups) {
                          LAPIS_TRY_ASSIGN(auto changes, tx.groups().changes(group.id));
                          bundle.groups.push_back({group.id, std::move(changes)});
                      }
                      LAPIS_TRY_ASSIGN(auto conversations, tx.conversations().list(true));
                      std::vector<LinkBundle::Message> candidates;
                      const auto now = m_ctx.nowMs();
                      for (const auto &conversation : conversations) {
                          if (conversation.expireTimerSeconds > 0)
                              bundle.timers.push_back({conversation.peer, conversation.expireTimerSeconds});
                          LAPIS_TRY_ASSIGN(auto page,
                                           tx.messages().page(conversation.id, RecentMessagesPerConversation));
                          for (const auto &m : page.messages)
                              // Nothing deleted, nothing past its disappearing time.
                              if (!m.deleted && !(m.expiresAtMs && *m.expiresAtMs <= now))
                                  candidates.push_back({conversation.peer, m.id, m.sender, m.senderDevice,
                                                        m.direction == store::MessageDirection::Outgoing, m.endToEnd,
                                                        m.sentAtMs, m.text, m.kind == store::MessageKind::TimerChanged,
                                                        m.kind == store::MessageKind::GroupChanged,
                                                        m.expireTimerSeconds, m.expiresAtMs});
                      }
                      // Newest first, across conversations, until the budget is spent: the new
                      // device gets each conversation's latest messages, never a bundle the relay
                      // refuses (100 messages of up to 64 KiB in each conversation would not fit).
                      std::stable_sort(candidates.begin(), candidates.end(),
                                       [](const auto &a, const auto &b) { return a.sentAtMs > b.sentAtMs; });
                      std::size_t size = bundle.serializedSize();
                      if (size > LinkBundleBudget)
                          return fail(ErrorCode::LimitExceeded,
                                      "The contacts and groups alone do not fit in a link bundle; nothing was sent");
                      for (auto &m : candidates) {
                          const auto more = LinkBundle::serializedSize(m);
                          if (size + more > LinkBundleBudget)
                              break;
                          size += more;
                          bundle.recentMessages.push_back(std::move(m));
                      }
                      return {};
                  })
                  .get());
    const auto plain = bundle.serialize();
    LAPIS_TRY_ASSIGN(auto sealed, protocol::LinkCipher::seal(uri.publicKey, plain.view(), m_ctx.rng));
    LAPIS_TRY(m_ctx.relay->postLinkBundle(uri.address, sealed));
    qCInfo(lcEngine) << "Sent the link bundle:" << bundle.contacts.size() << "contacts," << bundle.recentMessages.size()
                     << "messages";
    return {};
}

} // namespace lapis::engine
