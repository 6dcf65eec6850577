// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/engine/EngineContext.h>
#include <lapis/engine/OutgoingMessages.h>
#include <lapis/engine/sending/Sender.h>
#include <lapis/protocol/GroupState.h>
#include <lapis/protocol/SenderKey.h>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lapis::transport {
class BatchSender;
} // namespace lapis::transport

namespace lapis::engine {

class DeviceDirectory;
struct PairwiseDelivery;

/// The key of a group's conversation: '#' and the group id in hex. No account name can be it
/// (names are [a-z0-9._-]), so a group's conversation is an ordinary one (PROTOCOL.md §15).
AccountId groupConversationKey(const protocol::GroupId &group);
/// The group a conversation key names, if it names one.
std::optional<protocol::GroupId> groupOfConversationKey(const AccountId &key);

/// A group as this device holds it.
struct GroupSummary {
    protocol::GroupId id;
    std::string name;
    std::uint64_t version = 0;
    std::vector<protocol::GroupMember> members; ///< sorted by account
    /// Whether this account is a member now (a removed member keeps the group and its history).
    bool isMember = false;
    /// Every member is reached end to end (stage 2 admits no other member).
    bool endToEnd = true;
    std::int64_t conversationId = 0;
    /// The key of the group's conversation (for the views and the history): '#' and the id in hex.
    AccountId conversationKey;
};

/// How far one member has our message in a group: Sent (not yet), Delivered or Read.
struct MemberReceiptView {
    AccountId account;
    store::MessageState state = store::MessageState::Sent;
    std::int64_t atMs = 0; ///< when it got there (0: not yet)
};

/// What sending to a group did.
struct GroupSendReport {
    MessageId id;
    /// The relay took the message (or change) for every member device.
    bool acceptedByRelay = false;
    /// Member devices it went to (ours included, this one not).
    std::size_t devices = 0;
    /// Members whose devices the relay did not take it for yet: it waits in the outbox for them.
    std::vector<AccountId> waiting;

    /// As a one-to-one send reports it (a group is end to end).
    [[nodiscard]] SendReport asSendReport() const
    {
        SendReport report;
        report.id = id;
        report.endToEnd = true;
        report.acceptedByRelay = acceptedByRelay;
        return report;
    }
};

/// Groups (PROTOCOL.md §15): created, changed and written to from this device. Membership changes
/// travel end to end over the pairwise sessions to every member's devices; messages are encrypted
/// once, in this device's sending chain for the group, handed beforehand to each member device
/// that lacks it. The relay sees envelopes, as for one-to-one messages, and no group.
class Groups {
public:
    Groups(EngineContext &context, DeviceDirectory &directory, Sender &sender)
        : m_ctx(context)
        , m_directory(directory)
        , m_sender(sender)
    {}

    /// A new group named `name` (1 to 128 bytes) with this account (its first admin) and
    /// `members`; each must be an account reached end to end (InvalidArgument otherwise, before
    /// anything is stored or sent).
    Result<GroupSummary> createGroup(const std::string &name, const std::vector<AccountId> &members);
    /// Admins only (PermissionDenied otherwise, nothing changes). A new member is handed the
    /// group's history and reads what is sent from now on, never what was sent before.
    Result<GroupSummary> addMembers(const protocol::GroupId &group, const std::vector<AccountId> &members);
    /// Admins only. Every remaining device starts a new sending chain: a removed member reads
    /// nothing sent after the removal.
    Result<GroupSummary> removeMembers(const protocol::GroupId &group, const std::vector<AccountId> &members);
    Result<GroupSummary> promoteMembers(const protocol::GroupId &group, const std::vector<AccountId> &members);
    Result<GroupSummary> renameGroup(const protocol::GroupId &group, const std::string &name);
    /// This account leaves; the group and its history stay on this device, read-only.
    Result<GroupSummary> leaveGroup(const protocol::GroupId &group);

    Result<std::vector<GroupSummary>> groups();
    /// NotFound for a group this device does not know.
    Result<GroupSummary> group(const protocol::GroupId &group);

    /// Sends a text to the group (a reply when `replyTo` names a message of the group's
    /// conversation). PermissionDenied when this account is no member.
    Result<GroupSendReport> sendGroupText(const protocol::GroupId &group, const std::string &text,
                                          const std::optional<MessageId> &replyTo = std::nullopt);
    /// Who of the group's members (this account aside) has our message `id`, and who has read it.
    /// NotFound for no such message of ours in the group.
    Result<std::vector<MemberReceiptView>> receipts(const protocol::GroupId &group, const MessageId &id);
    /// Sends any data message to the group (the message's group field is set here). `withMessage`
    /// runs in the transaction that stores it (a finished upload leaves its queue there).
    Result<GroupSendReport> sendGroupData(const protocol::GroupId &group, protocol::DataMessage message,
                                          const std::function<Result<void>(store::Transaction &)> &withMessage = {});

private:
    Result<GroupSummary> change(const protocol::GroupId &group, protocol::GroupChange::Kind kind,
                                std::vector<AccountId> targets, std::string name);
    /// InvalidArgument unless every account in `accounts` is reached end to end.
    Result<void> requireEndToEnd(const std::vector<AccountId> &accounts);
    /// Where a pairwise content goes for each account (our own: our other devices).
    Result<std::map<AccountId, SendTargets>> targetsFor(const std::vector<AccountId> &accounts);
    Result<SendTargets> targetsOf(const AccountId &account);
    /// Where a group message goes without asking the relay: each account's devices this device
    /// holds sessions with (an account without any is looked up).
    Result<std::map<AccountId, SendTargets>> knownTargetsFor(const std::vector<AccountId> &accounts);
    /// Hands pairwise contents to the relay all at once over `stream` (one encrypted anew, one
    /// account at a time, when its devices changed); what the relay took leaves the outbox. The
    /// deliveries it took; the others wait in the outbox.
    std::vector<const PairwiseDelivery *> handOver(transport::BatchSender &stream,
                                                   std::vector<PairwiseDelivery> &deliveries);
    /// What the relay answered one account's batch.
    enum class BatchAnswer { Accepted, DevicesChanged, NotTaken };
    /// Hands every account's batch to the relay at once over `stream`; an account missing from
    /// the answers was not taken either. With `shared` (a group message: the same bytes in every
    /// envelope), it is one multi-recipient send: the bytes go once and the relay stores them
    /// once, each account's batch still checked and answered on its own.
    static std::map<AccountId, BatchAnswer>
    deliverTogether(transport::BatchSender &stream,
                    const std::vector<std::pair<AccountId, std::vector<OutgoingEnvelope>>> &batches,
                    const Bytes *shared = nullptr);
    /// Hands a pairwise content to the relay, encrypted anew when the account's devices changed;
    /// false when the relay could not be reached (it waits in the outbox).
    Result<bool> deliverPairwise(PairwiseDelivery &delivery);
    Result<GroupSummary> summaryOf(const protocol::GroupId &group);
    /// Hands the group message `envelope` to `account`'s devices; when they changed, the new
    /// ones are handed the chain first (`distribution`: from this message on). `targets` is
    /// updated to the devices it went to.
    Result<bool> deliverGroupCopies(const protocol::GroupId &group, const MessageId &id, const Bytes &envelope,
                                    const protocol::SenderKeyDistribution &distribution, const AccountId &account,
                                    SendTargets &targets);

    EngineContext &m_ctx;
    DeviceDirectory &m_directory;
    Sender &m_sender;
};

} // namespace lapis::engine
