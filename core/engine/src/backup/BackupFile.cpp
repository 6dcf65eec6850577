// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackupFile.h"

#include <lapis/common/SecureBytes.h>
#include <lapis/crypto/Blake2b.h>
#include <lapis/crypto/Sodium.h>

#include <array>
#include <cstring>
#include <istream>
#include <ostream>

namespace lapis::engine {

namespace {
constexpr std::array<std::uint8_t, 8> Magic = {'L', 'A', 'P', 'I', 'S', 'B', 'A', 'K'};
constexpr std::uint8_t FormatVersion = 1;
constexpr std::uint8_t KdfArgon2id13 = 1;
constexpr std::size_t KeyCheckSize = 16;
constexpr std::size_t CodeLength = 30;
constexpr std::size_t CodeGroup = 5;
constexpr std::string_view Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view KeyCheckLabel = "Lapis backup key check v1";
constexpr std::size_t ChunkLimit = backupfile::MaxRecordSize + crypto::SecretStreamSizes::Overhead;

void putU32(Bytes &out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void putU64(Bytes &out, std::uint64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint64_t getBe(ByteView bytes)
{
    std::uint64_t v = 0;
    for (auto b : bytes)
        v = (v << 8) | b;
    return v;
}

/// stream key = [0,32), key-check key = [32,64) of Argon2id(code, salt, params).
Result<SecureBytes> deriveKeys(std::string_view code, ByteView salt, const crypto::Argon2Params &params)
{
    return crypto::Argon2::deriveKey(code, salt, params, 64);
}

Result<Bytes> keyCheck(const SecureBytes &keys, ByteView headerWithoutCheck)
{
    Bytes input(KeyCheckLabel.begin(), KeyCheckLabel.end());
    input.insert(input.end(), headerWithoutCheck.begin(), headerWithoutCheck.end());
    return crypto::Blake2b::hash(input, KeyCheckSize, keys.view().subspan(32, 32));
}

Result<void> readExactly(std::istream &in, std::uint8_t *to, std::size_t size, const char *what)
{
    in.read(reinterpret_cast<char *>(to), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in.gcount()) != size)
        return fail(ErrorCode::Corrupt, std::string("The backup file is truncated (") + what + ")");
    return {};
}
} // namespace

std::string generateRecoveryCode(crypto::RandomSource &rng)
{
    WipedBytes random(CodeLength);
    rng.fill(MutableByteView(random.data(), random.size()));
    std::string code;
    for (std::size_t i = 0; i < CodeLength; ++i) {
        if (i > 0 && i % CodeGroup == 0)
            code.push_back('-');
        // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
        code.push_back(Base32[random.data()[i] & 31U]);
    }
    return code;
}

Result<std::string> normaliseRecoveryCode(std::string_view code)
{
    std::string out;
    for (char c : code) {
        if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (Base32.find(c) == std::string_view::npos)
            return fail(ErrorCode::InvalidArgument,
                        "A recovery code has only the letters A to Z and the digits 2 to 7");
        out.push_back(c);
    }
    if (out.size() != CodeLength)
        return fail(ErrorCode::InvalidArgument, "A recovery code has 30 letters and digits (six groups of five)");
    return out;
}

BackupWriter::BackupWriter(std::ostream &out, std::unique_ptr<crypto::SecretStreamEncryptor> encryptor, Bytes header)
    : m_out(&out)
    , m_encryptor(std::move(encryptor))
    , m_header(std::move(header))
{}

BackupWriter::BackupWriter(BackupWriter &&) noexcept = default;
BackupWriter::~BackupWriter() = default;

Result<BackupWriter> BackupWriter::start(std::ostream &out, std::string_view recoveryCode,
                                         const crypto::Argon2Params &params, crypto::RandomSource &rng)
{
    LAPIS_TRY_ASSIGN(auto code, normaliseRecoveryCode(recoveryCode));
    if (!params.valid())
        return fail(ErrorCode::InvalidArgument, "These Argon2id costs are not usable for a backup");
    Bytes header(Magic.begin(), Magic.end());
    header.push_back(FormatVersion);
    header.push_back(KdfArgon2id13);
    putU32(header, static_cast<std::uint32_t>(params.opsLimit));
    putU64(header, params.memLimitBytes);
    std::array<std::uint8_t, crypto::Argon2::SaltSize> salt{};
    rng.fill(salt);
    header.insert(header.end(), salt.begin(), salt.end());
    LAPIS_TRY_ASSIGN(auto keys, deriveKeys(code, salt, params));
    LAPIS_TRY_ASSIGN(auto check, keyCheck(keys, header));
    header.insert(header.end(), check.begin(), check.end());
    LAPIS_TRY_ASSIGN(auto encryptor, crypto::SecretStreamEncryptor::create(keys.view().subspan(0, 32)));
    out.write(reinterpret_cast<const char *>(header.data()), static_cast<std::streamsize>(header.size()));
    const auto streamHeader = encryptor.header();
    out.write(reinterpret_cast<const char *>(streamHeader.data()), static_cast<std::streamsize>(streamHeader.size()));
    if (!out)
        return fail(ErrorCode::Io, "Cannot write the backup file");
    return BackupWriter(out, std::make_unique<crypto::SecretStreamEncryptor>(std::move(encryptor)), std::move(header));
}

Result<void> BackupWriter::push(const backup::Record &record, bool final)
{
    const auto size = record.ByteSizeLong();
    if (size > backupfile::MaxRecordSize)
        return fail(ErrorCode::LimitExceeded, "A backup record is too large");
    WipedBytes plain(size);
    if (size > 0 && !record.SerializeToArray(plain.data(), static_cast<int>(size)))
        return fail(ErrorCode::Internal, "Cannot encode a backup record");
    const ByteView ad = m_first ? ByteView(m_header) : ByteView{};
    LAPIS_TRY_ASSIGN(auto chunk, m_encryptor->push(plain.view(), final, ad));
    m_first = false;
    Bytes length;
    putU32(length, static_cast<std::uint32_t>(chunk.size()));
    m_out->write(reinterpret_cast<const char *>(length.data()), 4);
    m_out->write(reinterpret_cast<const char *>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
    if (!*m_out)
        return fail(ErrorCode::Io, "Cannot write the backup file (is the disk full?)");
    return {};
}

Result<void> BackupWriter::write(const backup::Record &record)
{
    return push(record, false);
}

Result<void> BackupWriter::finish(const backup::Record &end)
{
    LAPIS_TRY(push(end, true));
    m_out->flush();
    if (!*m_out)
        return fail(ErrorCode::Io, "Cannot write the backup file (is the disk full?)");
    return {};
}

BackupReader::BackupReader(std::istream &in, std::unique_ptr<crypto::SecretStreamDecryptor> decryptor, Bytes header)
    : m_in(&in)
    , m_decryptor(std::move(decryptor))
    , m_header(std::move(header))
{}

BackupReader::BackupReader(BackupReader &&) noexcept = default;
BackupReader::~BackupReader() = default;

Result<BackupReader> BackupReader::open(std::istream &in, std::string_view recoveryCode)
{
    LAPIS_TRY_ASSIGN(auto code, normaliseRecoveryCode(recoveryCode));
    Bytes header(backupfile::HeaderSize);
    in.read(reinterpret_cast<char *>(header.data()), static_cast<std::streamsize>(header.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got < Magic.size() || !std::equal(Magic.begin(), Magic.end(), header.begin()))
        return fail(ErrorCode::Corrupt, "This is not a Lapis backup file");
    if (got < Magic.size() + 2)
        return fail(ErrorCode::Corrupt, "The backup file is truncated (header)");
    if (header[8] != FormatVersion)
        return fail(ErrorCode::Unsupported, "This backup was made by a newer Lapis (format version "
                                                + std::to_string(header[8]) + "): update Lapis to restore it");
    if (header[9] != KdfArgon2id13)
        return fail(ErrorCode::Unsupported, "This backup uses a key derivation this Lapis does not know");
    if (got != header.size())
        return fail(ErrorCode::Corrupt, "The backup file is truncated (header)");
    const ByteView view(header);
    crypto::Argon2Params params{getBe(view.subspan(10, 4)), getBe(view.subspan(14, 8))};
    if (params.opsLimit > backupfile::MaxOpsLimit || params.memLimitBytes > backupfile::MaxMemLimit)
        return fail(ErrorCode::LimitExceeded, "The backup's key-derivation costs are beyond what Lapis accepts");
    if (!params.valid())
        return fail(ErrorCode::Corrupt, "The backup file's header is damaged (key-derivation costs)");
    const auto salt = view.subspan(22, crypto::Argon2::SaltSize);
    const auto withoutCheck = view.first(backupfile::HeaderSize - KeyCheckSize);
    LAPIS_TRY_ASSIGN(auto keys, deriveKeys(code, salt, params));
    LAPIS_TRY_ASSIGN(auto check, keyCheck(keys, withoutCheck));
    if (!crypto::constantTimeEqual(check, view.last(KeyCheckSize)))
        return fail(ErrorCode::WrongPassphrase, "The recovery code does not open this backup");
    std::array<std::uint8_t, crypto::SecretStreamSizes::Header> streamHeader{};
    LAPIS_TRY(readExactly(in, streamHeader.data(), streamHeader.size(), "stream header"));
    LAPIS_TRY_ASSIGN(auto decryptor, crypto::SecretStreamDecryptor::create(keys.view().subspan(0, 32), streamHeader));
    return BackupReader(in, std::make_unique<crypto::SecretStreamDecryptor>(std::move(decryptor)), std::move(header));
}

Result<backup::Record> BackupReader::next()
{
    if (m_finished)
        return fail(ErrorCode::Internal, "The backup was read to its end already");
    std::array<std::uint8_t, 4> length{};
    m_in->read(reinterpret_cast<char *>(length.data()), 4);
    if (m_in->gcount() == 0)
        return fail(ErrorCode::Corrupt, "The backup file is truncated: it ends before its last record");
    if (m_in->gcount() != 4)
        return fail(ErrorCode::Corrupt, "The backup file is truncated");
    const auto size = static_cast<std::size_t>(getBe(length));
    if (size < crypto::SecretStreamSizes::Overhead || size > ChunkLimit)
        return fail(ErrorCode::Corrupt, "The backup file is damaged (a record has an impossible length)");
    Bytes chunk(size);
    LAPIS_TRY(readExactly(*m_in, chunk.data(), size, "record"));
    const ByteView ad = m_first ? ByteView(m_header) : ByteView{};
    auto plain = m_decryptor->pull(chunk, ad);
    if (!plain.ok())
        return fail(ErrorCode::Corrupt, "The backup file is damaged: a record does not authenticate");
    m_first = false;
    WipedBytes wiped(std::move(plain).value());
    backup::Record record;
    if (!record.ParseFromArray(wiped.data(), static_cast<int>(wiped.size())))
        return fail(ErrorCode::Corrupt, "The backup file holds a record this Lapis cannot read");
    if (m_decryptor->finished()) {
        m_finished = true;
        if (m_in->peek() != std::char_traits<char>::eof())
            return fail(ErrorCode::Corrupt, "The backup file has unexpected data after its end");
        if (record.kind_case() != backup::Record::kEnd)
            return fail(ErrorCode::Corrupt, "The backup file is damaged: it ends without its closing record");
    } else if (record.kind_case() == backup::Record::kEnd) {
        return fail(ErrorCode::Corrupt, "The backup file is damaged: its closing record is not the last");
    }
    return record;
}

} // namespace lapis::engine
