// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliBackup.h"
#include "CliTestHooks.h"

#include <lapis/engine/Engine.h>

#include <QtGlobal>

#include <fstream>
#include <ostream>

namespace lapis::cli {

namespace {
Result<std::string> backupFile(const CliArguments &args)
{
    if (args.positional.empty() || args.positional[0].empty())
        return fail(ErrorCode::InvalidArgument, args.command + " needs the backup FILE");
    return args.positional[0];
}

Result<std::string> readPassphrase(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot read the passphrase file " + path);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (text.empty())
        return fail(ErrorCode::InvalidArgument, "The passphrase file " + path + " is empty");
    return text;
}
} // namespace

Result<void> backupExport(engine::Engine &engine, const CliArguments &args, std::ostream &out)
{
    LAPIS_TRY_ASSIGN(const auto file, backupFile(args));
    LAPIS_TRY_ASSIGN(const auto code, engine.exportBackup(file));
    out << "Backup written to " << file << "\n"
        << "Recovery code (shown only this once; keep it apart from the backup, nobody can restore without it):\n"
        << code << "\n";
    return {};
}

Result<void> backupImport(const CliArguments &args, std::ostream &out)
{
    if (!args.profile)
        return fail(ErrorCode::InvalidArgument, "--profile DIR is required");
    LAPIS_TRY_ASSIGN(const auto file, backupFile(args));
    LAPIS_TRY_ASSIGN(const auto code, args.required("--recovery-code"));
    engine::ProfileOptions options;
    options.directory = *args.profile;
    if (args.passphraseFile) {
        LAPIS_TRY_ASSIGN(auto passphrase, readPassphrase(*args.passphraseFile));
        options.passphrase = std::move(passphrase);
    }
    applyTestKdf(options);
    LAPIS_TRY(engine::Engine::importBackup(options, file, code));
    out << "Restored the backup into " << *args.profile << " as a new device of the account\n";
    return {};
}

} // namespace lapis::cli
