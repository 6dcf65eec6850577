// SPDX-License-Identifier: GPL-3.0-or-later
#include "Totp.h"

#include <lapis/crypto/Sodium.h>

#include <QByteArray>
#include <QMessageAuthenticationCode>

namespace lapis::relay {

std::string Totp::code(ByteView secret, std::uint64_t counter, int digits)
{
    QByteArray message(8, '\0');
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<char>(counter & 0xFF);
        counter >>= 8;
    }
    const QByteArray key(reinterpret_cast<const char *>(secret.data()), static_cast<qsizetype>(secret.size()));
    const QByteArray mac = QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha1);
    const auto byte = [&](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[i])); };
    const int offset = static_cast<int>(byte(19) & 0x0F);
    const std::uint32_t binary =
        ((byte(offset) & 0x7F) << 24) | (byte(offset + 1) << 16) | (byte(offset + 2) << 8) | byte(offset + 3);
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    std::string out = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - out.size(), '0') + out;
}

std::optional<std::int64_t> Totp::matchStep(ByteView secret, std::string_view code, std::int64_t unixSeconds,
                                            int digits)
{
    const std::int64_t now = stepAt(unixSeconds);
    std::optional<std::int64_t> found;
    // All three candidates are computed and compared, so timing does not say which one matched.
    for (std::int64_t step = now - 1; step <= now + 1; ++step) {
        if (step < 0)
            continue;
        const std::string expected = Totp::code(secret, static_cast<std::uint64_t>(step), digits);
        if (crypto::constantTimeEqual(asBytes(expected), asBytes(code)) && !found)
            found = step;
    }
    return found;
}

std::string Totp::base32(ByteView bytes)
{
    static constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (auto b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out.push_back(Alphabet[(buffer >> (bits - 5)) & 0x1F]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out.push_back(Alphabet[(buffer << (5 - bits)) & 0x1F]);
    return out;
}

std::string Totp::otpauthUri(std::string_view username, ByteView secret)
{
    // Usernames are [a-z0-9._-] (validated), so they need no percent-encoding.
    return "otpauth://totp/Lapis:" + std::string(username) + "?secret=" + base32(secret)
           + "&issuer=Lapis&algorithm=SHA1&digits=6&period=30";
}

} // namespace lapis::relay
