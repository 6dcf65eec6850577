// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliArguments.h"
#include "CliCommands.h"

#include <lapis/common/Allocator.h>

#include <QCoreApplication>
#include <QLoggingCategory>

#include <iostream>

int main(int argc, char **argv)
{
    lapis::keepTransferBuffersInHeap();
    // A QCoreApplication for the keychain's event loop and Qt's image and MIME plugins.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lapis-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAPIS_VERSION));

    // Standard error is for the one-line reason of a failure; the engine's log lines appear only
    // when asked for (QT_LOGGING_RULES="lapis.*=true").
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("lapis.*.info=false\nlapis.*.warning=false"));

    std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = lapis::cli::CliArguments::parse(args);
    if (!parsed.ok()) {
        std::cerr << "lapis-cli: " << parsed.error().message << "\n";
        return 2;
    }
    if (parsed->has("--help")) {
        std::cout << lapis::cli::usage();
        return 0;
    }
    if (parsed->has("--version")) {
        std::cout << "lapis-cli " << LAPIS_VERSION << "\n";
        return 0;
    }
    auto done = lapis::cli::runCommand(*parsed, std::cout);
    std::cout.flush();
    if (!done.ok()) {
        std::cerr << "lapis-cli: " << done.error().message << "\n";
        return 1;
    }
    return 0;
}
