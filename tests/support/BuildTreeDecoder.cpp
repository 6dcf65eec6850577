// SPDX-License-Identifier: GPL-3.0-or-later
// Every test process decodes pictures with the build tree's lapis-decoder: a test executable has
// no helper beside it or in ../libexec/lapis/, and the environment never chooses one.
#include <lapis/decode/DecoderProcess.h>

namespace {
[[maybe_unused]] const bool buildTreeDecoderChosen = [] {
    lapis::decode::setDefaultDecoderProgram(QStringLiteral(LAPIS_BUILD_TREE_DECODER));
    return true;
}();
} // namespace
