// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliBackup.h"
#include "CliTestHooks.h"

#include <lapis/engine/Engine.h>

#include <QtGlobal>

#include <fstream>
#include <iostream>
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
/// The recovery code from --recovery-code-file (a file, or - for standard input) or
/// --recovery-code; argv is visible to every user of the machine, a file or a pipe is not.
Result<std::string> recoveryCode(const CliArguments &args)
{
    const auto fromFile = args.option("--recovery-code-file");
    const auto inline_ = args.option("--recovery-code");
    if (fromFile && inline_)
        return fail(ErrorCode::InvalidArgument, "Give either --recovery-code or --recovery-code-file, not both");
    if (inline_)
        return *inline_;
    if (!fromFile)
        return fail(ErrorCode::InvalidArgument,
                    args.command + " needs --recovery-code-file F (or --recovery-code CODE, which others can see)");
    std::string text;
    if (*fromFile == "-") {
        std::getline(std::cin, text);
    } else {
        std::ifstream in(*fromFile, std::ios::binary);
        if (!in)
            return fail(ErrorCode::Io, "Cannot read the recovery code file " + *fromFile);
        std::getline(in, text);
    }
    while (!text.empty() && (text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    if (text.empty())
        return fail(ErrorCode::InvalidArgument, "The recovery code file " + *fromFile + " is empty");
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
    LAPIS_TRY_ASSIGN(const auto code, recoveryCode(args));
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
