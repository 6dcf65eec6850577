// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what the relay does with untrusted request bytes before any storage: protobuf decoding
// of every request type, then the validators. The first byte picks the type.
#include "../FuzzSeeds.h"
#include "RelaySeeds.h"

#include <lapis/proto/Validation.h>

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>

namespace {

namespace v1 = lapis::relay::v1;

template<typename Message, typename... Extra>
void decodeAndValidate(const std::uint8_t *data, std::size_t size, Extra... extra)
{
    Message message;
    if (!message.ParseFromArray(data, static_cast<int>(size)))
        return;
    (void)lapis::proto::validate(message, extra...);
    // Re-encoding must succeed for anything that decoded.
    (void)message.SerializeAsString();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // Proto3 refuses strings that are not UTF-8, and logs each refusal: expected here, so quiet.
    static const bool quiet = [] {
        google::protobuf::SetLogHandler(nullptr);
        return true;
    }();
    (void)quiet;
    if (size == 0)
        return 0;
    const std::uint8_t selector = data[0];
    ++data;
    --size;
    switch (selector % lapis::fuzz::RequestTypes) {
    case 0:
        decodeAndValidate<v1::RegisterRequest>(data, size);
        break;
    case 1:
        decodeAndValidate<v1::LoginDeviceRequest>(data, size);
        break;
    case 2:
        decodeAndValidate<v1::RegisterLinkedDeviceRequest>(data, size);
        break;
    case 3:
        decodeAndValidate<v1::TotpCodeRequest>(data, size);
        break;
    case 4:
        decodeAndValidate<v1::RemoveDeviceRequest>(data, size);
        break;
    case 5:
        decodeAndValidate<v1::PublishDeviceKeysRequest>(data, size);
        break;
    case 6:
        decodeAndValidate<v1::PreKeyBundlesRequest>(data, size);
        break;
    case 7:
        decodeAndValidate<v1::SendBatchRequest>(data, size);
        break;
    case 8:
        decodeAndValidate<v1::StreamRequest>(data, size);
        break;
    case 9:
        decodeAndValidate<v1::CreateUploadRequest>(data, size, std::uint64_t{1} << 31);
        break;
    case 10:
        decodeAndValidate<v1::UploadChunk>(data, size);
        break;
    case 11:
        decodeAndValidate<v1::UploadStatusRequest>(data, size);
        break;
    case 12:
        decodeAndValidate<v1::DownloadRequest>(data, size);
        break;
    case 13:
        decodeAndValidate<v1::WaitLinkRequest>(data, size);
        break;
    case 14:
        decodeAndValidate<v1::PostLinkBundleRequest>(data, size);
        break;
    case 15: {
        // The status details a client decodes after a refused batch.
        v1::DeviceMismatch mismatch;
        (void)mismatch.ParseFromArray(data, static_cast<int>(size));
        break;
    }
    default:
        break;
    }
    return 0;
}

// The seed corpus for tests/fuzz/FuzzDriver.cpp (the driver without libFuzzer).
std::vector<lapis::Bytes> lapisFuzzSeeds()
{
    std::vector<lapis::Bytes> seeds;
    for (const auto &seed : lapis::fuzz::relaySeeds())
        seeds.emplace_back(seed.begin(), seed.end());
    return seeds;
}
