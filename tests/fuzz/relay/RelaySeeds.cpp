// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelaySeeds.h"
#include "relay.pb.h"

namespace lapis::fuzz {

namespace {
std::string seed(int selector, const google::protobuf::Message &message)
{
    std::string out(1, static_cast<char>(selector));
    out.append(message.SerializeAsString());
    return out;
}
} // namespace

std::vector<std::string> relaySeeds()
{
    namespace v1 = lapis::relay::v1;
    std::vector<std::string> seeds;
    v1::RegisterRequest reg;
    reg.set_username("alice");
    reg.set_password("correct horse battery");
    reg.set_device_name("laptop \xc3\xa9");
    seeds.push_back(seed(0, reg));
    v1::LoginDeviceRequest login;
    login.set_username("bob.smith");
    login.set_password("pw-pw-pw-pw");
    login.set_totp_code("123456");
    login.set_device_name("phone");
    seeds.push_back(seed(1, login));
    v1::RegisterLinkedDeviceRequest linked;
    linked.set_username("carol");
    linked.set_link_token(std::string(32, 'k'));
    linked.set_device_name("desk");
    seeds.push_back(seed(2, linked));
    v1::TotpCodeRequest code;
    code.set_code("000000");
    seeds.push_back(seed(3, code));
    v1::RemoveDeviceRequest remove;
    remove.set_device_id(3);
    seeds.push_back(seed(4, remove));
    v1::PublishDeviceKeysRequest keys;
    keys.set_certificate(std::string(100, 'c'));
    keys.set_signed_prekey(std::string(96, 's'));
    for (int i = 0; i < 3; ++i) {
        auto *k = keys.add_one_time_prekeys();
        k->set_id(static_cast<std::uint32_t>(i));
        k->set_public_key(std::string(32, static_cast<char>('a' + i)));
    }
    seeds.push_back(seed(5, keys));
    v1::PreKeyBundlesRequest bundles;
    bundles.set_account("dave");
    seeds.push_back(seed(6, bundles));
    v1::SendBatchRequest batch;
    batch.set_recipient("erin");
    for (std::uint32_t d = 1; d <= 3; ++d) {
        auto *e = batch.add_envelopes();
        e->set_recipient_device(d);
        e->set_payload(std::string(200, static_cast<char>(d)));
    }
    seeds.push_back(seed(7, batch));
    v1::StreamRequest ack;
    ack.mutable_ack()->add_ids(1);
    ack.mutable_ack()->add_ids(99);
    seeds.push_back(seed(8, ack));
    v1::CreateUploadRequest upload;
    upload.set_size(123456);
    seeds.push_back(seed(9, upload));
    v1::UploadChunk chunk;
    chunk.set_blob_id(std::string(32, 'a'));
    chunk.set_offset(0);
    chunk.set_data(std::string(1000, 'x'));
    seeds.push_back(seed(10, chunk));
    v1::UploadStatusRequest status;
    status.set_blob_id(std::string(32, '0'));
    seeds.push_back(seed(11, status));
    v1::DownloadRequest download;
    download.set_blob_id(std::string(32, 'f'));
    download.set_offset(77);
    seeds.push_back(seed(12, download));
    v1::WaitLinkRequest wait;
    wait.set_address(std::string(22, 'A'));
    seeds.push_back(seed(13, wait));
    v1::PostLinkBundleRequest post;
    post.set_address(std::string(22, '_'));
    post.set_sealed_bundle(std::string(500, 'b'));
    seeds.push_back(seed(14, post));
    v1::DeviceMismatch mismatch;
    mismatch.set_account("frank");
    mismatch.add_devices()->set_device_id(1);
    seeds.push_back(seed(15, mismatch));
    return seeds;
}

} // namespace lapis::fuzz
