// SPDX-License-Identifier: GPL-3.0-or-later
#include "content.pb.h"

#include <lapis/protocol/Content.h>
#include <lapis/protocol/Limits.h>

#include <algorithm>
#include <array>

namespace lapis::protocol {

MessageId newContentMessageId(std::int64_t nowMs, crypto::RandomSource &rng)
{
    std::array<std::uint8_t, MessageId::Size> id{};
    rng.fill(MutableByteView(id).subspan(6));
    const auto ms = static_cast<std::uint64_t>(std::max<std::int64_t>(nowMs, 0));
    for (std::size_t i = 0; i < 6; ++i)
        id[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    return MessageId(id);
}
namespace {

namespace pb = lapis::protocol::wire;

std::string str(ByteView v)
{
    return std::string(v.begin(), v.end());
}
Bytes bytes(const std::string &s)
{
    return Bytes(s.begin(), s.end());
}

Error corrupt(const char *what)
{
    return fail(ErrorCode::Corrupt, std::string("Content: ") + what);
}

// Length in bytes of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8SequenceAt(std::string_view text, std::size_t i)
{
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = at(i);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1FU;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0FU;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07U;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((at(i + k) & 0xC0U) != 0x80U)
            return 0;
        cp = (cp << 6U) | (at(i + k) & 0x3FU);
    }
    if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return length;
}

/// Code points in `text`, or nullopt when it is not valid UTF-8.
std::optional<std::size_t> codePoints(std::string_view text)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        const auto length = utf8SequenceAt(text, i);
        if (length == 0)
            return std::nullopt;
        i += length;
    }
    return count;
}

/// Empty when the quote may travel, else what is wrong with it.
const char *quoteProblem(const Quote &q)
{
    if (q.author.value().empty() || q.author.value().size() > MaxAccountIdSize)
        return "a quote's author is empty or too long";
    const auto chars = codePoints(q.excerpt);
    if (!chars)
        return "a quote's excerpt is not UTF-8";
    if (*chars > MaxQuoteExcerptChars)
        return "a quote's excerpt is too long";
    return nullptr;
}

Result<MessageId> readId(const std::string &s)
{
    auto id = MessageId::fromBytes(asBytes(s));
    if (!id)
        return corrupt("a message id is not 16 bytes long");
    return *id;
}

void writeData(const DataMessage &d, pb::DataMessage &out)
{
    out.set_text(d.text);
    for (const auto &a : d.attachments) {
        auto *p = out.add_attachments();
        p->set_blob_id(str(a.blobId));
        p->set_key(str(a.key.view()));
        p->set_digest(str(a.digest));
        p->set_size(a.size);
        p->set_mime_type(a.mimeType);
        p->set_file_name(a.fileName);
        p->set_thumbnail(str(a.thumbnail));
    }
    if (d.reaction) {
        auto *r = out.mutable_reaction();
        r->set_target_message_id(str(d.reaction->target.bytes()));
        r->set_emoji(d.reaction->emoji);
        r->set_remove(d.reaction->remove);
    }
    if (d.edit) {
        out.mutable_edit()->set_target_message_id(str(d.edit->target.bytes()));
        out.mutable_edit()->set_new_text(d.edit->newText);
    }
    if (d.deletion) {
        out.mutable_delete_()->set_target_message_id(str(d.deletion->target.bytes()));
    }
    out.set_timestamp(d.timestamp);
    if (d.quote) {
        auto *q = out.mutable_quote();
        q->set_target_message_id(str(d.quote->target.bytes()));
        q->set_author_account(d.quote->author.value());
        q->set_excerpt(d.quote->excerpt);
    }
    out.set_expire_timer(d.expireTimer);
    out.set_timer_update(d.timerUpdate);
    if (d.group)
        out.set_group_id(str(d.group->bytes()));
}

/// Empty when `d` may be encoded; a sender must not emit what a receiver would refuse.
const char *dataProblem(const DataMessage &d)
{
    if (d.quote) {
        if (const char *problem = quoteProblem(*d.quote))
            return problem;
    }
    if (d.reaction && d.reaction->emoji.size() > MaxReactionEmojiSize)
        return "a reaction's emoji is too long";
    if (d.attachments.size() > MaxAttachmentsPerMessage)
        return "a message carries more attachments than allowed";
    if (d.expireTimer > MaxExpireTimerSeconds)
        return "a message's disappearing timer is longer than allowed";
    return nullptr;
}

Result<DataMessage> readData(const pb::DataMessage &in)
{
    DataMessage d;
    d.text = in.text();
    if (static_cast<std::size_t>(in.attachments_size()) > MaxAttachmentsPerMessage)
        return corrupt("a message carries more attachments than allowed");
    for (const auto &p : in.attachments()) {
        AttachmentPointer a;
        a.blobId = bytes(p.blob_id());
        if (p.key().size() != 32)
            return corrupt("an attachment key is not 32 bytes long");
        a.key = SecretArray<32>::fromView(asBytes(p.key()));
        a.digest = bytes(p.digest());
        a.size = p.size();
        a.mimeType = p.mime_type();
        a.fileName = p.file_name();
        a.thumbnail = bytes(p.thumbnail());
        d.attachments.push_back(std::move(a));
    }
    if (in.has_reaction()) {
        Reaction r;
        LAPIS_TRY_ASSIGN(r.target, readId(in.reaction().target_message_id()));
        r.emoji = in.reaction().emoji();
        if (r.emoji.size() > MaxReactionEmojiSize)
            return corrupt("a reaction's emoji is too long");
        r.remove = in.reaction().remove();
        d.reaction = r;
    }
    if (in.has_edit()) {
        Edit e;
        LAPIS_TRY_ASSIGN(e.target, readId(in.edit().target_message_id()));
        e.newText = in.edit().new_text();
        d.edit = e;
    }
    if (in.has_delete_()) {
        Delete del;
        LAPIS_TRY_ASSIGN(del.target, readId(in.delete_().target_message_id()));
        d.deletion = del;
    }
    d.timestamp = in.timestamp();
    if (in.has_quote()) {
        Quote q;
        LAPIS_TRY_ASSIGN(q.target, readId(in.quote().target_message_id()));
        q.author = AccountId(in.quote().author_account());
        q.excerpt = in.quote().excerpt();
        if (const char *problem = quoteProblem(q))
            return corrupt(problem);
        d.quote = std::move(q);
    }
    d.expireTimer = in.expire_timer();
    if (d.expireTimer > MaxExpireTimerSeconds)
        return corrupt("a message's disappearing timer is longer than allowed");
    d.timerUpdate = in.timer_update();
    if (!in.group_id().empty()) {
        LAPIS_TRY_ASSIGN(auto group, readId(in.group_id()));
        d.group = group;
    }
    return d;
}

void writeChange(const GroupChange &change, pb::GroupChangeRecord &record)
{
    record.set_change_id(str(change.changeId.bytes()));
    record.set_author(change.author.value());
    for (const auto &parent : change.parents)
        record.add_parents(str(parent.bytes()));
    record.set_kind(static_cast<std::uint32_t>(change.kind));
    for (const auto &target : change.targets)
        record.add_targets(target.value());
    record.set_name(change.name);
}

void writeGroupUpdate(const GroupUpdate &update, pb::GroupUpdate &out)
{
    out.set_group_id(str(update.group.bytes()));
    for (const auto &change : update.changes)
        writeChange(change, *out.add_changes());
}

bool validAccount(const std::string &account)
{
    return !account.empty() && account.size() <= MaxAccountIdSize;
}

Result<GroupChange> readChange(const pb::GroupChangeRecord &record, const GroupId &group)
{
    GroupChange change;
    change.group = group;
    LAPIS_TRY_ASSIGN(change.changeId, readId(record.change_id()));
    if (!validAccount(record.author()))
        return corrupt("a group change has no valid author");
    change.author = AccountId(record.author());
    if (static_cast<std::size_t>(record.parents_size()) > MaxGroupChangeParents)
        return corrupt("a group change names too many parents");
    for (const auto &parent : record.parents()) {
        LAPIS_TRY_ASSIGN(auto id, readId(parent));
        change.parents.push_back(id);
    }
    if (record.kind() < static_cast<std::uint32_t>(GroupChange::Kind::Create)
        || record.kind() > static_cast<std::uint32_t>(GroupChange::Kind::Rename))
        return corrupt("a group change of an unknown kind");
    change.kind = static_cast<GroupChange::Kind>(record.kind());
    if (static_cast<std::size_t>(record.targets_size()) > MaxGroupMembers)
        return corrupt("a group change names too many members");
    for (const auto &target : record.targets()) {
        if (!validAccount(target))
            return corrupt("a group change names an invalid member");
        change.targets.emplace_back(target);
    }
    if (record.name().size() > MaxGroupNameBytes || !codePoints(record.name()))
        return corrupt("a group's name is too long or not UTF-8");
    change.name = record.name();
    return change;
}

Result<GroupUpdate> readGroupUpdate(const pb::GroupUpdate &in)
{
    GroupUpdate update;
    LAPIS_TRY_ASSIGN(update.group, readId(in.group_id()));
    if (in.changes_size() == 0 || static_cast<std::size_t>(in.changes_size()) > MaxGroupLogChanges + 1)
        return corrupt("a group update carries no change or too many");
    for (const auto &record : in.changes()) {
        LAPIS_TRY_ASSIGN(auto change, readChange(record, update.group));
        update.changes.push_back(std::move(change));
    }
    return update;
}

} // namespace

std::string quoteExcerpt(std::string_view text)
{
    std::size_t end = 0;
    for (std::size_t chars = 0; end < text.size() && chars < MaxQuoteExcerptChars; ++chars) {
        const auto length = utf8SequenceAt(text, end);
        if (length == 0)
            break;
        end += length;
    }
    return std::string(text.substr(0, end));
}

Bytes serializeGroupChange(const GroupChange &change)
{
    pb::GroupChangeRecord record;
    writeChange(change, record);
    Bytes out(record.ByteSizeLong());
    record.SerializeWithCachedSizesToArray(out.data());
    return out;
}

Result<GroupChange> deserializeGroupChange(ByteView bytes, const GroupId &group)
{
    pb::GroupChangeRecord record;
    if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return corrupt("a stored group change is malformed");
    return readChange(record, group);
}

Result<WipedBytes> Content::serialize() const
{
    const int bodies = int(data.has_value()) + int(receipt.has_value()) + int(typing.has_value())
                       + int(sync.has_value()) + int(groupUpdate.has_value()) + int(senderKey.has_value());
    if (bodies != 1)
        return fail(ErrorCode::InvalidArgument, "Content needs exactly one body");
    for (const auto *d : {data ? &*data : nullptr, sync ? &sync->message : nullptr}) {
        if (const char *problem = d ? dataProblem(*d) : nullptr)
            return fail(ErrorCode::InvalidArgument, std::string("Content: ") + problem);
    }
    pb::Content c;
    c.set_version(1);
    c.set_message_id(str(messageId.bytes()));
    if (data)
        writeData(*data, *c.mutable_data());
    if (receipt) {
        auto *r = c.mutable_receipt();
        r->set_type(receipt->type == Receipt::Type::Read ? pb::Receipt::TYPE_READ : pb::Receipt::TYPE_DELIVERY);
        for (const auto &id : receipt->messageIds)
            r->add_message_ids(str(id.bytes()));
        r->set_timestamp(receipt->timestamp);
    }
    if (typing) {
        c.mutable_typing()->set_started(typing->started);
        c.mutable_typing()->set_timestamp(typing->timestamp);
    }
    if (sync) {
        auto *s = c.mutable_sync();
        s->set_destination_account(sync->destination.value());
        s->set_message_id(str(sync->messageId.bytes()));
        s->set_timestamp(sync->timestamp);
        writeData(sync->message, *s->mutable_message());
    }
    if (groupUpdate)
        writeGroupUpdate(*groupUpdate, *c.mutable_group_update());
    if (senderKey)
        c.mutable_sender_key()->set_distribution(str(senderKey->serialize().view()));
    WipedBytes out(c.ByteSizeLong());
    c.SerializeWithCachedSizesToArray(out.data());
    return out;
}

Result<Content> Content::deserialize(ByteView in)
{
    pb::Content c;
    if (!c.ParseFromArray(in.data(), static_cast<int>(in.size())))
        return corrupt("malformed");
    if (c.version() != 1)
        return fail(ErrorCode::Unsupported, "Unknown content version");
    Content out;
    LAPIS_TRY_ASSIGN(out.messageId, readId(c.message_id()));
    switch (c.body_case()) {
    case pb::Content::kData: {
        LAPIS_TRY_ASSIGN(out.data, readData(c.data()));
        break;
    }
    case pb::Content::kReceipt: {
        Receipt r;
        if (c.receipt().type() == pb::Receipt::TYPE_READ)
            r.type = Receipt::Type::Read;
        else if (c.receipt().type() == pb::Receipt::TYPE_DELIVERY)
            r.type = Receipt::Type::Delivery;
        else
            return corrupt("unknown receipt type");
        for (const auto &id : c.receipt().message_ids()) {
            LAPIS_TRY_ASSIGN(auto mid, readId(id));
            r.messageIds.push_back(mid);
        }
        r.timestamp = c.receipt().timestamp();
        out.receipt = std::move(r);
        break;
    }
    case pb::Content::kTyping:
        out.typing = Typing{c.typing().started(), c.typing().timestamp()};
        break;
    case pb::Content::kSync: {
        SyncTranscript s;
        s.destination = AccountId(c.sync().destination_account());
        LAPIS_TRY_ASSIGN(s.messageId, readId(c.sync().message_id()));
        s.timestamp = c.sync().timestamp();
        LAPIS_TRY_ASSIGN(s.message, readData(c.sync().message()));
        out.sync = std::move(s);
        break;
    }
    case pb::Content::kGroupUpdate: {
        LAPIS_TRY_ASSIGN(out.groupUpdate, readGroupUpdate(c.group_update()));
        break;
    }
    case pb::Content::kSenderKey: {
        LAPIS_TRY_ASSIGN(out.senderKey, SenderKeyDistribution::deserialize(asBytes(c.sender_key().distribution())));
        break;
    }
    default:
        return corrupt("no body");
    }
    return out;
}

} // namespace lapis::protocol
