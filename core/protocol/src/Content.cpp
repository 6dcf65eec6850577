// SPDX-License-Identifier: GPL-3.0-or-later
#include "content.pb.h"

#include <lapis/protocol/Content.h>

namespace lapis::protocol {
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
}

Result<DataMessage> readData(const pb::DataMessage &in)
{
    DataMessage d;
    d.text = in.text();
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
    return d;
}

} // namespace

Result<WipedBytes> Content::serialize() const
{
    const int bodies =
        int(data.has_value()) + int(receipt.has_value()) + int(typing.has_value()) + int(sync.has_value());
    if (bodies != 1)
        return fail(ErrorCode::InvalidArgument, "Content needs exactly one body");
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
    default:
        return corrupt("no body");
    }
    return out;
}

} // namespace lapis::protocol
