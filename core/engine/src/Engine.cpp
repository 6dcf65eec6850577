// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a profile: its folder made private, its store opened, its account loaded.
#include <lapis/common/Log.h>
#include <lapis/engine/Engine.h>
#include <lapis/engine/ProfileKey.h>

namespace lapis::engine {

namespace fs = std::filesystem;

Engine::Engine(fs::path profile, std::unique_ptr<store::Store> store)
    : m_ctx(std::move(profile), std::move(store))
{
    m_sender.setGroupRoute(
        [this](const protocol::GroupId &group, protocol::DataMessage message,
               const std::function<Result<void>(store::Transaction &)> &withMessage) -> Result<SendReport> {
            LAPIS_TRY_ASSIGN(const auto sent, m_groups.sendGroupData(group, std::move(message), withMessage));
            return sent.asSendReport();
        });
}

Engine::~Engine()
{
    // What "Open" decrypted lives only as long as the app that opened it.
    if (auto cleared = m_downloads.clearOpenedAttachments(); !cleared.ok())
        qCWarning(lcEngine) << cleared.error().message.c_str();
}

namespace {
/// The profile folder and everything in it become private to the user: folders 0700, files 0600.
/// Profiles of older versions, and files a library created with the umask's mode, are fixed here.
Result<void> makePrivate(const fs::path &profile)
{
    std::error_code ec;
    fs::permissions(profile, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot make the profile folder private: " + ec.message());
    for (auto it = fs::recursive_directory_iterator(profile, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const auto status = it->symlink_status(ec);
        if (ec)
            break;
        if (fs::is_directory(status))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::replace, ec);
        else if (fs::is_regular_file(status))
            fs::permissions(it->path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
        if (ec)
            break;
    }
    if (ec)
        return fail(ErrorCode::Io, "Cannot make the profile's files private: " + ec.message());
    return {};
}
} // namespace

Result<std::unique_ptr<Engine>> Engine::open(const ProfileOptions &options)
{
    std::error_code ec;
    fs::create_directories(options.directory, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot create the profile folder " + options.directory.string());
    // Earlier versions left decrypted copies of received attachments here; the encrypted copies stay.
    fs::remove_all(options.directory / "downloads", ec);
    LAPIS_TRY(makePrivate(options.directory));
    LAPIS_TRY_ASSIGN(auto store, openProfileStore(options));
    LAPIS_TRY(makePrivate(options.directory)); // the store's files, created with the umask's mode
    std::unique_ptr<Engine> engine(new Engine(options.directory, std::move(store)));
    LAPIS_TRY(engine->m_downloads.clearOpenedAttachments()); // the app may have ended without closing

    engine->m_ctx.backupParams = options.passphraseParams;
    LAPIS_TRY(engine->m_accounts.loadAccount());
    LAPIS_TRY(engine->m_privacy.load());
    // What expired while the profile was closed goes before anything is shown.
    LAPIS_TRY(engine::eraseExpiredMessages(engine->m_ctx));
    return engine;
}

Result<SendReport> Engine::sendText(const AccountId &to, const std::string &text, bool allowPlaintext)
{
    if (const auto group = groupOfConversationKey(to)) {
        LAPIS_TRY_ASSIGN(auto sent, m_groups.sendGroupText(*group, text));
        return sent.asSendReport();
    }
    return m_sender.sendText(to, text, allowPlaintext);
}

Result<SendReport> Engine::sendReply(const AccountId &to, const MessageId &replyTo, const std::string &text,
                                     bool allowPlaintext)
{
    if (const auto group = groupOfConversationKey(to)) {
        LAPIS_TRY_ASSIGN(auto sent, m_groups.sendGroupText(*group, text, replyTo));
        return sent.asSendReport();
    }
    return m_sender.sendReply(to, replyTo, text, allowPlaintext);
}

} // namespace lapis::engine
