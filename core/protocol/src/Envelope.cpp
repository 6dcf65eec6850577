// SPDX-License-Identifier: GPL-3.0-or-later
#include "envelope.pb.h"

#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/Limits.h>

namespace lapis::protocol {

namespace pb = lapis::protocol::wire;

Bytes Envelope::serialize() const
{
    pb::Envelope e;
    e.set_version(version);
    e.set_message_id(std::string(messageId.bytes().begin(), messageId.bytes().end()));
    e.set_sender_account(sender.account.value());
    e.set_sender_device(sender.device.value());
    e.set_recipient_account(recipient.account.value());
    e.set_recipient_device(recipient.device.value());
    e.set_type(static_cast<pb::Envelope::Type>(type));
    e.set_ciphertext(std::string(ciphertext.begin(), ciphertext.end()));
    e.set_relay_timestamp(relayTimestamp);
    Bytes out(e.ByteSizeLong());
    e.SerializeWithCachedSizesToArray(out.data());
    return out;
}

Result<Envelope> Envelope::deserialize(ByteView bytes)
{
    // Room for the largest ciphertext plus routing fields.
    constexpr std::size_t MaxEnvelopeSize = MaxPlaintextSize + 64 * 1024;
    if (bytes.size() > MaxEnvelopeSize)
        return fail(ErrorCode::LimitExceeded, "The envelope is too large");
    pb::Envelope e;
    if (!e.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return fail(ErrorCode::Corrupt, "The envelope is malformed");
    if (e.version() != 1)
        return fail(ErrorCode::Unsupported, "Unknown envelope version");
    Envelope out;
    out.version = e.version();
    auto id = MessageId::fromBytes(asBytes(e.message_id()));
    if (!id)
        return fail(ErrorCode::Corrupt, "The envelope's message id is not 16 bytes long");
    out.messageId = *id;
    out.sender = Address{AccountId(e.sender_account()), DeviceId(e.sender_device())};
    out.recipient = Address{AccountId(e.recipient_account()), DeviceId(e.recipient_device())};
    switch (e.type()) {
    case pb::Envelope::TYPE_PREKEY:
        out.type = Type::PreKey;
        break;
    case pb::Envelope::TYPE_RATCHET:
        out.type = Type::Ratchet;
        break;
    case pb::Envelope::TYPE_PLAINTEXT:
        out.type = Type::Plaintext;
        break;
    case pb::Envelope::TYPE_SENDER_KEY:
        out.type = Type::SenderKey;
        break;
    default:
        return fail(ErrorCode::Corrupt, "Unknown envelope type");
    }
    // Device 0 is the account's mailbox: only plaintext sent while the account had no device
    // goes there (the relay hands it to the account's next device).
    const bool toAccountMailbox = out.type == Type::Plaintext && out.recipient.device.value() == 0
                                  && validateAddress({out.recipient.account, DeviceId(1)}).ok();
    // A group message is the same bytes for every member device: it names none of them.
    const bool toNoOne = out.type == Type::SenderKey && out.recipient == Address{};
    if (!validateAddress(out.sender) || (!toAccountMailbox && !toNoOne && !validateAddress(out.recipient)))
        return fail(ErrorCode::Corrupt, "The envelope's sender or recipient is invalid");
    out.ciphertext.assign(e.ciphertext().begin(), e.ciphertext().end());
    out.relayTimestamp = e.relay_timestamp();
    return out;
}

} // namespace lapis::protocol
