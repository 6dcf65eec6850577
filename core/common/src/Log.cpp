// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Log.h>
#include <lapis/common/SecureBytes.h>

#include <QDebug>

Q_LOGGING_CATEGORY(lcCrypto, "lapis.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtocol, "lapis.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "lapis.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransport, "lapis.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "lapis.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelay, "lapis.relay", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "lapis.ui", QtInfoMsg)

namespace lapis {
Redacted redacted(const SecureBytes &secret)
{
    return {secret.size()};
}
} // namespace lapis

QDebug operator<<(QDebug debug, lapis::Redacted r)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "<redacted " << r.size << " bytes>";
    return debug;
}

QDebug operator<<(QDebug debug, const lapis::SecureBytes &secret)
{
    return debug << lapis::redacted(secret);
}
