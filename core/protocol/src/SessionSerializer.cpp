// SPDX-License-Identifier: GPL-3.0-or-later
// SessionRecord <-> storage.proto. Secrets pass through protobuf's std::string buffers; the
// serialised bytes go straight to the (encrypted) store.
#include "storage.pb.h"

#include <lapis/crypto/Kem.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/SessionRecord.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace lapis::protocol {
namespace {

namespace pb = lapis::protocol::storage;

std::string str(ByteView v)
{
    return std::string(v.begin(), v.end());
}
ByteView view(const std::string &s)
{
    return asBytes(s);
}

void writeChain(const ChainKey &chain, pb::Chain &out)
{
    out.set_key(str(chain.key.view()));
    out.set_index(chain.index);
}

void writeState(const SessionState &s, pb::SessionState &out)
{
    out.set_version(SessionRecord::FormatVersion);
    out.set_initiator(s.initiator);
    out.set_local_account(s.local.account.value());
    out.set_local_device(s.local.device.value());
    out.set_remote_account(s.remote.account.value());
    out.set_remote_device(s.remote.device.value());
    out.set_local_identity_key(str(s.localIdentityKey.bytes()));
    out.set_remote_identity_key(str(s.remoteIdentityKey.bytes()));
    out.set_base_key(str(s.baseKey.bytes()));
    out.set_root_key(str(s.rootKey.view()));
    out.set_our_ratchet_secret(str(s.ourRatchet.secretKey().view()));
    out.set_our_ratchet_public(str(s.ourRatchet.publicKey().bytes()));
    if (s.theirRatchet)
        out.set_their_ratchet_key(str(s.theirRatchet->bytes()));
    if (s.sendChain)
        writeChain(*s.sendChain, *out.mutable_send_chain());
    if (s.recvChain)
        writeChain(*s.recvChain, *out.mutable_recv_chain());
    out.set_previous_counter(s.previousCounter);
    for (const auto &k : s.skipped) {
        auto *sk = out.add_skipped();
        sk->set_ratchet_key(str(k.ratchetKey.bytes()));
        sk->set_index(k.index);
        sk->set_message_key(str(k.messageKey.view()));
        sk->set_stored_at(k.storedAt);
    }
    for (const auto &k : s.previousTheirRatchetKeys)
        out.add_previous_their_ratchet_keys(str(k.bytes()));
    if (s.pendingPreKey) {
        auto *p = out.mutable_pending_prekey();
        p->set_signed_prekey_id(s.pendingPreKey->signedPreKeyId.value());
        p->set_has_one_time_prekey(s.pendingPreKey->oneTimePreKeyId.has_value());
        if (s.pendingPreKey->oneTimePreKeyId)
            p->set_one_time_prekey_id(s.pendingPreKey->oneTimePreKeyId->value());
        if (s.pendingPreKey->kemPreKeyId) {
            p->set_has_kem_prekey(true);
            p->set_kem_prekey_id(s.pendingPreKey->kemPreKeyId->value());
            p->set_kem_ciphertext(str(s.pendingPreKey->kemCiphertext));
        }
    }
    out.set_created_at(s.createdAt);
    out.set_received_any(s.receivedAny);
    out.set_post_quantum(s.postQuantum);
}

Error corrupt(const char *what)
{
    return fail(ErrorCode::Corrupt, std::string("Session state: ") + what);
}

Result<SecretArray<32>> readSecret(const std::string &s, const char *what)
{
    if (s.size() != 32)
        return corrupt(what);
    return SecretArray<32>::fromView(view(s));
}

Result<crypto::X25519PublicKey> readPublic(const std::string &s, const char *what)
{
    if (s.size() != 32)
        return corrupt(what);
    return *crypto::X25519PublicKey::fromBytes(view(s));
}

Result<ChainKey> readChain(const pb::Chain &in)
{
    ChainKey chain;
    LAPIS_TRY_ASSIGN(chain.key, readSecret(in.key(), "chain key"));
    chain.index = in.index();
    return chain;
}

Result<SessionState> readState(const pb::SessionState &in)
{
    if (in.version() > SessionRecord::FormatVersion)
        return fail(ErrorCode::Unsupported, "The session state was written by a newer version of Lapis");
    if (in.version() == 0)
        return corrupt("missing version");
    SessionState s;
    s.initiator = in.initiator();
    s.local = Address{AccountId(in.local_account()), DeviceId(in.local_device())};
    s.remote = Address{AccountId(in.remote_account()), DeviceId(in.remote_device())};
    LAPIS_TRY(validateAddress(s.local));
    LAPIS_TRY(validateAddress(s.remote));
    LAPIS_TRY_ASSIGN(s.localIdentityKey, readPublic(in.local_identity_key(), "local identity key"));
    LAPIS_TRY_ASSIGN(s.remoteIdentityKey, readPublic(in.remote_identity_key(), "remote identity key"));
    LAPIS_TRY_ASSIGN(s.baseKey, readPublic(in.base_key(), "base key"));
    LAPIS_TRY_ASSIGN(s.rootKey, readSecret(in.root_key(), "root key"));
    LAPIS_TRY_ASSIGN(auto ratchetSecret, readSecret(in.our_ratchet_secret(), "ratchet key"));
    if (in.our_ratchet_public().empty()) {
        LAPIS_TRY_ASSIGN(s.ourRatchet, crypto::X25519KeyPair::fromSecret(ratchetSecret.view()));
    } else {
        if (in.our_ratchet_public().size() != 32)
            return corrupt("ratchet key");
        LAPIS_TRY_ASSIGN(s.ourRatchet,
                         crypto::X25519KeyPair::fromStoredPair(ratchetSecret.view(), view(in.our_ratchet_public())));
    }
    if (!in.their_ratchet_key().empty()) {
        LAPIS_TRY_ASSIGN(s.theirRatchet, readPublic(in.their_ratchet_key(), "their ratchet key"));
    }
    if (in.has_send_chain()) {
        LAPIS_TRY_ASSIGN(s.sendChain, readChain(in.send_chain()));
    }
    if (in.has_recv_chain()) {
        LAPIS_TRY_ASSIGN(s.recvChain, readChain(in.recv_chain()));
    }
    s.previousCounter = in.previous_counter();
    if (static_cast<std::size_t>(in.skipped_size()) > MaxSkippedKeysPerSession)
        return corrupt("too many skipped keys");
    for (const auto &k : in.skipped()) {
        SkippedMessageKey key;
        LAPIS_TRY_ASSIGN(key.ratchetKey, readPublic(k.ratchet_key(), "skipped key"));
        key.index = k.index();
        LAPIS_TRY_ASSIGN(key.messageKey, readSecret(k.message_key(), "skipped key"));
        key.storedAt = k.stored_at();
        s.skipped.push_back(key);
    }
    for (const auto &k : in.previous_their_ratchet_keys()) {
        LAPIS_TRY_ASSIGN(auto key, readPublic(k, "previous ratchet key"));
        s.previousTheirRatchetKeys.push_back(key);
    }
    if (in.has_pending_prekey()) {
        PendingPreKey p;
        p.signedPreKeyId = PreKeyId(in.pending_prekey().signed_prekey_id());
        if (in.pending_prekey().has_one_time_prekey())
            p.oneTimePreKeyId = PreKeyId(in.pending_prekey().one_time_prekey_id());
        if (in.pending_prekey().has_kem_prekey()) {
            if (in.pending_prekey().kem_ciphertext().size() != crypto::Kem::CiphertextBytes)
                return corrupt("ML-KEM ciphertext");
            p.kemPreKeyId = PreKeyId(in.pending_prekey().kem_prekey_id());
            const auto ciphertext = view(in.pending_prekey().kem_ciphertext());
            p.kemCiphertext.assign(ciphertext.begin(), ciphertext.end());
        }
        s.pendingPreKey = p;
    }
    s.createdAt = in.created_at();
    s.receivedAny = in.received_any();
    s.postQuantum = in.post_quantum();
    s.computeBindings();
    return s;
}

} // namespace

WipedBytes SessionRecord::serialize() const
{
    pb::SessionRecord record;
    record.set_version(FormatVersion);
    if (m_current)
        writeState(*m_current, *record.mutable_current());
    for (const auto &state : m_archived)
        writeState(state, *record.add_previous());
    WipedBytes out(record.ByteSizeLong());
    google::protobuf::io::ArrayOutputStream stream(out.data(), static_cast<int>(out.size()));
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    record.SerializeWithCachedSizes(&coded);
    return out;
}

Result<SessionRecord> SessionRecord::deserialize(ByteView bytes)
{
    pb::SessionRecord record;
    if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return corrupt("not a session record");
    if (record.version() > FormatVersion)
        return fail(ErrorCode::Unsupported, "The session record was written by a newer version of Lapis");
    if (record.version() == 0)
        return corrupt("missing version");
    if (static_cast<std::size_t>(record.previous_size()) > MaxArchivedStates)
        return corrupt("too many archived states");
    SessionRecord out;
    if (record.has_current()) {
        LAPIS_TRY_ASSIGN(out.m_current, readState(record.current()));
    }
    for (const auto &state : record.previous()) {
        LAPIS_TRY_ASSIGN(auto s, readState(state));
        out.m_archived.push_back(std::move(s));
    }
    return out;
}

} // namespace lapis::protocol
