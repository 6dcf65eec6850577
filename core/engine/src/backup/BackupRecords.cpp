// SPDX-License-Identifier: GPL-3.0-or-later
#include "../groups/GroupBook.h"
#include "BackupRecords.h"

#include <lapis/protocol/Limits.h>

#include <algorithm>

namespace lapis::engine {

Result<Snapshot> takeSnapshot(store::Transaction &tx, std::int64_t nowMs)
{
    Snapshot s;
    LAPIS_TRY_ASSIGN(auto own, tx.accounts().load());
    if (!own)
        return fail(ErrorCode::NotFound, "This profile has no account to back up");
    s.own = std::move(*own);
    LAPIS_TRY_ASSIGN(s.devices, tx.accounts().devices());
    LAPIS_TRY_ASSIGN(s.contacts, tx.contacts().list());
    LAPIS_TRY_ASSIGN(s.conversations, tx.conversations().list(true));
    LAPIS_TRY_ASSIGN(const auto groups, tx.groups().list());
    for (const auto &group : groups) {
        LAPIS_TRY_ASSIGN(auto changes, tx.groups().changes(group.id));
        s.groups.emplace_back(group.id, std::move(changes));
    }
    for (const auto &conversation : s.conversations) {
        std::optional<store::MessageCursor> cursor;
        do {
            LAPIS_TRY_ASSIGN(auto page, tx.messages().page(conversation.id, 500, cursor));
            for (auto &m : page.messages) {
                if (m.expiresAtMs && *m.expiresAtMs <= nowMs)
                    continue; // gone at its time: never into a backup
                LAPIS_TRY_ASSIGN(auto attachments, tx.attachments().forMessage(m.id));
                for (const auto &a : attachments)
                    s.attachmentBytes += a.size;
                if (!attachments.empty())
                    s.attachments.emplace(m.id, std::move(attachments));
                s.messages.emplace_back(conversation.peer, std::move(m));
            }
            cursor = page.next;
        } while (cursor);
    }
    return s;
}

backup::Record messageRecord(const AccountId &peer, const store::StoredMessage &m)
{
    backup::Record record;
    auto &r = *record.mutable_message();
    r.set_conversation_peer(peer.value());
    r.set_id(toString(m.id.bytes()));
    r.set_sender(m.sender.value());
    r.set_sender_device(m.senderDevice.value());
    r.set_outgoing(m.direction == store::MessageDirection::Outgoing);
    r.set_text(m.text);
    r.set_sent_at_ms(m.sentAtMs);
    r.set_has_received_at(m.receivedAtMs.has_value());
    r.set_received_at_ms(m.receivedAtMs.value_or(0));
    r.set_state(static_cast<int>(m.state));
    r.set_end_to_end(m.endToEnd);
    r.set_has_edited_at(m.editedAtMs.has_value());
    r.set_edited_at_ms(m.editedAtMs.value_or(0));
    r.set_deleted(m.deleted);
    if (m.replyTo) {
        r.set_reply_to(toString(m.replyTo->bytes()));
        r.set_reply_author(m.replyAuthor.value());
        r.set_reply_excerpt(m.replyExcerpt);
    }
    r.set_kind(static_cast<int>(m.kind));
    r.set_expire_timer(m.expireTimerSeconds);
    r.set_has_expires_at(m.expiresAtMs.has_value());
    r.set_expires_at_ms(m.expiresAtMs.value_or(0));
    for (const auto &reaction : m.reactions) {
        auto &out = *r.add_reactions();
        out.set_reactor(reaction.reactor.value());
        out.set_emoji(reaction.emoji);
        out.set_reacted_at_ms(reaction.reactedAtMs);
    }
    return record;
}

store::StoredMessage messageFrom(const backup::Message &r, std::int64_t conversationId)
{
    store::StoredMessage m;
    m.conversationId = conversationId;
    m.sender = AccountId(r.sender());
    m.senderDevice = DeviceId(r.sender_device());
    m.direction = r.outgoing() ? store::MessageDirection::Outgoing : store::MessageDirection::Incoming;
    m.text = r.text();
    m.sentAtMs = r.sent_at_ms();
    if (r.has_received_at())
        m.receivedAtMs = r.received_at_ms();
    const int state = std::clamp(r.state(), 0, static_cast<int>(store::MessageState::Failed));
    m.state = static_cast<store::MessageState>(state);
    // The outbox is not part of a backup: what never reached the relay is shown as failed.
    if (m.state == store::MessageState::Pending)
        m.state = store::MessageState::Failed;
    m.endToEnd = r.end_to_end();
    if (r.has_edited_at())
        m.editedAtMs = r.edited_at_ms();
    m.deleted = r.deleted();
    switch (r.kind()) {
    case static_cast<int>(store::MessageKind::TimerChanged):
        m.kind = store::MessageKind::TimerChanged;
        break;
    case static_cast<int>(store::MessageKind::GroupChanged):
        m.kind = store::MessageKind::GroupChanged;
        break;
    default:
        m.kind = store::MessageKind::Text;
    }
    m.expireTimerSeconds = std::min(r.expire_timer(), protocol::MaxExpireTimerSeconds);
    if (r.has_expires_at())
        m.expiresAtMs = r.expires_at_ms();
    return m;
}

Result<void> restoreGroup(store::Transaction &tx, const AccountId &self, const backup::Group &record,
                          std::int64_t nowMs)
{
    LAPIS_TRY_ASSIGN(const auto id, MessageId::fromBytes(toBytes(record.group_id())));
    std::vector<Bytes> changes;
    for (const auto &change : record.changes())
        changes.push_back(toBytes(change));
    auto log = GroupBook::fold(id, changes);
    if (!log.ok())
        return fail(ErrorCode::Corrupt, "The backup file is damaged: a group's history does not hold together");
    LAPIS_TRY(GroupBook::save(tx, *log, log->changes(), protocol::GroupState{}, self, nowMs));
    return {};
}

Result<void> restoreRecord(store::Transaction &tx, const backup::Record &record,
                           std::map<std::string, std::int64_t> &conversationIds, std::int64_t nowMs)
{
    switch (record.kind_case()) {
    case backup::Record::kDevice: {
        const auto &r = record.device();
        store::OwnDevice device{DeviceId(r.device_id()), r.name(), toBytes(r.certificate()), r.added_at_ms()};
        return tx.accounts().saveDevice(device);
    }
    case backup::Record::kContact: {
        const auto &r = record.contact();
        store::Contact contact;
        contact.account = AccountId(r.account_id());
        contact.displayName = r.display_name();
        contact.pinnedAccountKey = toBytes(r.pinned_account_key());
        contact.verification = static_cast<store::VerificationState>(
            std::clamp(r.verification(), 0, static_cast<int>(store::VerificationState::KeyChanged)));
        contact.everHadEndToEnd = r.ever_had_end_to_end();
        contact.addedAtMs = r.added_at_ms();
        for (const auto &d : r.devices())
            contact.devices.push_back({DeviceId(d.device_id()), toBytes(d.certificate()), d.updated_at_ms()});
        return tx.contacts().save(contact);
    }
    case backup::Record::kConversation: {
        const auto &r = record.conversation();
        LAPIS_TRY_ASSIGN(auto conversation,
                         tx.conversations().findOrCreate(AccountId(r.peer()), r.title(), r.created_at_ms()));
        LAPIS_TRY(tx.conversations().recordActivity(conversation.id, r.last_activity_at_ms(), r.unread_count()));
        if (r.archived())
            LAPIS_TRY(tx.conversations().setArchived(conversation.id, true));
        LAPIS_TRY(tx.conversations().setExpireTimer(conversation.id,
                                                    std::min(r.expire_timer(), protocol::MaxExpireTimerSeconds)));
        conversationIds[r.peer()] = conversation.id;
        return {};
    }
    case backup::Record::kMessage: {
        const auto &r = record.message();
        const auto it = conversationIds.find(r.conversation_peer());
        if (it == conversationIds.end())
            return fail(ErrorCode::Corrupt, "The backup file is damaged: a message has no conversation");
        auto m = messageFrom(r, it->second);
        LAPIS_TRY_ASSIGN(m.id, MessageId::fromBytes(toBytes(r.id())));
        if (!r.reply_to().empty()) {
            LAPIS_TRY_ASSIGN(auto replyTo, MessageId::fromBytes(toBytes(r.reply_to())));
            m.replyTo = replyTo;
            m.replyAuthor = AccountId(r.reply_author());
            m.replyExcerpt = r.reply_excerpt();
        }
        if (m.receivedAtMs)
            m.receivedAtMs = std::min(*m.receivedAtMs, nowMs);
        LAPIS_TRY(tx.messages().insert(m));
        for (const auto &reaction : r.reactions())
            LAPIS_TRY(tx.messages().setReaction(
                m.id, store::Reaction{AccountId(reaction.reactor()), reaction.emoji(), reaction.reacted_at_ms()}));
        return {};
    }
    default:
        return fail(ErrorCode::Corrupt, "The backup file is damaged: a record is out of place");
    }
}

} // namespace lapis::engine
