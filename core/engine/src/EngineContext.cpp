// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Log.h>
#include <lapis/engine/EngineContext.h>

#include <chrono>

namespace lapis::engine {

EngineContext::EngineContext(std::filesystem::path profileDirectory, std::unique_ptr<store::Store> profileStore)
    : profile(std::move(profileDirectory))
    , store(std::move(profileStore))
    , rng(crypto::systemRandom())
    , clock([] {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    })
{}

protocol::Address EngineContext::selfAddress() const
{
    return identity ? identity->address() : protocol::Address{account, deviceId};
}

Result<void> EngineContext::connect(const std::string &relayAddress, const std::string &pem)
{
    LAPIS_TRY_ASSIGN(relay, transport::RelayClient::create(transport::RelayEndpoint{relayAddress, pem, {}}));
    return {};
}

Result<void> EngineContext::checkCanSend() const
{
    if (!hasAccount())
        return fail(ErrorCode::NotFound, "This profile has no account yet: register or log in first");
    if (awaitingKeys)
        return fail(ErrorCode::PermissionDenied, "This device has no end-to-end keys yet: link it from another device "
                                                 "of the account (link-request here, link-approve there)");
    return {};
}

void EngineContext::removeAttachmentFiles(const std::vector<std::string> &files) const
{
    const auto &folder = store->paths().attachments;
    for (const auto &file : files) {
        // One plain name under the attachments folder, as the rows hold them; nothing else.
        if (file.empty() || file == "." || file == ".." || file.find_first_of("/\\") != std::string::npos) {
            qCWarning(lcEngine) << "An erased attachment's row named no plain file; nothing removed";
            continue;
        }
        std::error_code ec;
        std::filesystem::remove(folder / file, ec);
        if (ec)
            qCWarning(lcEngine) << "An erased attachment's file stays (unreadable without its key):"
                                << ec.message().c_str();
    }
}

} // namespace lapis::engine
