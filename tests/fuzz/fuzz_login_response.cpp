// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target over what a client parses from the relay's answer to a log-in
// (core/transport LoginAnswer): the DeviceCredential of a success and the SignInPending in the
// status details of a refusal. A hostile relay controls both. Whatever the bytes: no crash, and
// anything accepted is well formed (a 32-byte credential, a device id above 0, a valid request
// id). Built with -fsanitize=fuzzer under Clang, or linked with FuzzDriver.cpp otherwise.

#include "FuzzSeeds.h"
#include "relay.pb.h"

#include <lapis/proto/Limits.h>
#include <lapis/proto/Validation.h>
#include <lapis/transport/LoginAnswer.h>

#include <google/protobuf/stubs/logging.h>

#include <cstdio>
#include <cstdlib>

using namespace lapis;

namespace {

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "login answer accepted though malformed: %s\n", what);
    std::abort();
}

const bool protobufMuted = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
}();

Bytes serialized(const google::protobuf::MessageLite &message)
{
    const std::string text = message.SerializeAsString();
    return Bytes(text.begin(), text.end());
}

} // namespace

std::vector<Bytes> lapisFuzzSeeds()
{
    relay::v1::DeviceCredential credential;
    credential.set_username("alice");
    credential.set_device_id(3);
    credential.set_credential(std::string(proto::limits::CredentialSize, '\x5a'));
    credential.set_plaintext_only(true);
    relay::v1::SignInPending pending;
    pending.set_id("0123456789abcdef");
    pending.set_expires_ms(1'800'000'600'000);
    return {serialized(credential), serialized(pending)};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void)protobufMuted;
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    if (auto device = transport::parseDeviceCredential(input); device.ok()) {
        if (device->credentials.credential.size() != proto::limits::CredentialSize)
            die("credential size");
        if (device->credentials.deviceId == 0)
            die("device 0");
        if (!proto::validateUsername(device->credentials.account).ok())
            die("account name");
    }
    if (auto pending = transport::parseSignInPending(input)) {
        if (!proto::validateSignInId(pending->id).ok())
            die("sign-in id");
        if (pending->expiresMs <= 0)
            die("expiry");
    }
    return 0;
}
