// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Result.h>

#include <string>

namespace lapis::relay {

/// The relay's TLS identity when the operator gives none: a self-signed P-256 certificate for
/// the listen host, made once and reused, so clients can keep pinning it.
class SelfSignedCertificate {
public:
    /// Makes certPath + keyPath (key mode 0600) for `host` unless both exist already. The
    /// certificate names `host` (an IP or DNS SAN) plus localhost and 127.0.0.1.
    static Result<void> ensure(const std::string &certPath, const std::string &keyPath, const std::string &host);
};

/// Reads a whole file (certificates, keys).
Result<std::string> readTextFile(const std::string &path);

} // namespace lapis::relay
