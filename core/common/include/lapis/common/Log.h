// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

#include <cstddef>

/// Logging categories, one per module. Enable with QT_LOGGING_RULES="lapis.*.debug=true".
/// Rule: no key, passphrase, message text or contact name is ever passed to a log call; log
/// sizes, counts, codes and the Redacted marker below instead.
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace lapis {

class SecureBytes;

/// What a log line shows in place of a secret: only its length.
struct Redacted {
    std::size_t size;
};

Redacted redacted(const SecureBytes &secret);

} // namespace lapis

QDebug operator<<(QDebug debug, lapis::Redacted r);
/// Deliberately prints no content, so a secret that slips into a log call leaks nothing.
QDebug operator<<(QDebug debug, const lapis::SecureBytes &secret);
