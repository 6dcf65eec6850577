// SPDX-License-Identifier: GPL-3.0-or-later
#include "CertificateVerdicts.h"

#include <lapis/protocol/DeviceCertificate.h>

namespace lapis::relay {

bool CertificateVerdicts::certified(const crypto::Ed25519PublicKey &accountKey, const std::string &username,
                                    const DeviceRecord &device)
{
    // username NUL device id (4 bytes) account key (32 bytes) certificate: unambiguous, as only the
    // certificate has a variable length after the NUL.
    std::string key;
    key.reserve(username.size() + 1 + 4 + accountKey.bytes().size() + device.certificate.size());
    key.append(username);
    key.push_back('\0');
    for (int shift = 24; shift >= 0; shift -= 8)
        key.push_back(static_cast<char>((device.deviceId >> shift) & 0xff));
    key.append(reinterpret_cast<const char *>(accountKey.bytes().data()), accountKey.bytes().size());
    key.append(reinterpret_cast<const char *>(device.certificate.data()), device.certificate.size());
    {
        std::lock_guard lock(m_mutex);
        if (const auto known = m_verdicts.find(key); known != m_verdicts.end())
            return known->second;
    }
    auto certificate = protocol::DeviceCertificate::deserialize(device.certificate);
    const bool verdict =
        certificate.ok() && certificate->verifyFor({AccountId(username), DeviceId(device.deviceId)}, accountKey).ok();
    std::lock_guard lock(m_mutex);
    if (m_verdicts.size() >= MaxEntries)
        m_verdicts.clear();
    m_verdicts.emplace(std::move(key), verdict);
    return verdict;
}

} // namespace lapis::relay
