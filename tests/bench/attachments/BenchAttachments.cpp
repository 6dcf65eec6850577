// SPDX-License-Identifier: GPL-3.0-or-later
// lapis-bench-attachments: attachments sent and received through the real lapis-relay on
// loopback (one file of 256 MiB and 64 of 1 MiB), next to libsodium's secretstream encrypting the
// same bytes file to file in the same run. Sending runs from the file the user drops until the
// relay holds the blob and the message went out; receiving from the messages waiting on the relay
// until every file is a plaintext file the recipient can open (downloaded, digest checked,
// decrypted into a folder).
#include <lapis/common/Allocator.h>
#include <lapis/crypto/Random.h>
#include <lapis/crypto/Sodium.h>
#include <lapis/engine/Engine.h>
#include <lapis/testsupport/RelayProcess.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace lapis;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr char Passphrase[] = "bench passphrase";
constexpr char Password[] = "bench password";
constexpr std::size_t MiB = 1024 * 1024;
constexpr std::chrono::milliseconds ReceiveIdle{100};

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

engine::ProfileOptions profileOptions(const fs::path &dir)
{
    engine::ProfileOptions options;
    options.directory = dir;
    options.passphrase = Passphrase;
    options.passphraseParams = crypto::Argon2Params::minimumForTests();
    return options;
}

std::string readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

bool writeRandomFile(const fs::path &path, std::size_t size)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    std::vector<unsigned char> block(4 * MiB);
    bool ok = true;
    for (std::size_t done = 0; ok && done < size;) {
        const std::size_t n = std::min(block.size(), size - done);
        randombytes_buf(block.data(), n);
        ok = ::write(fd, block.data(), n) == static_cast<ssize_t>(n);
        done += n;
    }
    return ::close(fd) == 0 && ok;
}

/// The limit: libsodium's secretstream over the same file, 64 KiB chunks as Lapis' format, read and
/// written in 1 MiB blocks. Returns the plaintext bytes encrypted.
std::size_t secretstreamFileToFile(const fs::path &from, const fs::path &to)
{
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    crypto_secretstream_xchacha20poly1305_state state;
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    crypto_secretstream_xchacha20poly1305_init_push(&state, header, key);
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (in < 0 || out < 0)
        return 0;
    const auto size = static_cast<std::size_t>(fs::file_size(from));
    constexpr std::size_t chunk = 64 * 1024;
    constexpr std::size_t chunks = 16;
    std::vector<unsigned char> plain(chunk * chunks);
    std::vector<unsigned char> sealed((chunk + crypto_secretstream_xchacha20poly1305_ABYTES) * chunks);
    (void)!::write(out, header, sizeof header);
    std::size_t done = 0;
    while (done < size) {
        const auto got = ::read(in, plain.data(), std::min(plain.size(), size - done));
        if (got <= 0)
            break;
        std::size_t sealedSize = 0;
        for (std::size_t offset = 0; offset < static_cast<std::size_t>(got); offset += chunk) {
            const std::size_t n = std::min(chunk, static_cast<std::size_t>(got) - offset);
            const bool final = done + offset + n == size;
            unsigned long long written = 0;
            crypto_secretstream_xchacha20poly1305_push(&state, sealed.data() + sealedSize, &written,
                                                       plain.data() + offset, n, nullptr, 0,
                                                       final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                             : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
            sealedSize += static_cast<std::size_t>(written);
        }
        (void)!::write(out, sealed.data(), sealedSize);
        done += static_cast<std::size_t>(got);
    }
    ::close(in);
    ::close(out);
    return done;
}

Result<std::unique_ptr<engine::Engine>> registeredEngine(const fs::path &dir, const std::string &username,
                                                         const lapis::test::RelayProcess &relay)
{
    LAPIS_TRY_ASSIGN(auto eng, engine::Engine::open(profileOptions(dir)));
    engine::AccountSetup setup;
    setup.username = username;
    setup.relayAddress = relay.address().toStdString();
    setup.relayCertificatePem = readText(relay.certificatePath());
    setup.password = Password;
    setup.deviceName = "bench";
    LAPIS_TRY(eng->registerAccount(setup));
    return eng;
}

int failWith(const char *what, const Error &error)
{
    std::fprintf(stderr, "%s: %s\n", what, error.message.c_str());
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    keepTransferBuffersInHeap(); // as the apps do
    QCoreApplication app(argc, argv);
    if (sodium_init() < 0)
        return 1;
    lapis::test::RelayProcess relay(QStringLiteral(LAPIS_RELAY_BINARY),
                                    {QStringLiteral("--rate-account"), QStringLiteral("1000000/1000000"),
                                     QStringLiteral("--rate-connection"), QStringLiteral("1000000/1000000")});
    if (!relay.start()) {
        std::fprintf(stderr, "lapis-relay did not start\n");
        return 1;
    }
    QTemporaryDir work;
    const fs::path root = work.path().toStdString();
    std::vector<fs::path> files{root / "one-256MiB.bin"};
    for (int i = 0; i < 64; ++i)
        files.push_back(root / ("small-" + std::to_string(i) + ".bin"));
    std::size_t totalBytes = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::size_t size = i == 0 ? 256 * MiB : MiB;
        if (!writeRandomFile(files[i], size)) {
            std::fprintf(stderr, "cannot write the test files\n");
            return 1;
        }
        totalBytes += size;
    }
    const double megabytes = static_cast<double>(totalBytes) / 1e6;

    // The limit, measured now on the same files and disk.
    fs::create_directories(root / "secretstream");
    const auto baselineStart = Clock::now();
    for (const auto &file : files)
        secretstreamFileToFile(file, root / "secretstream" / file.filename());
    const double secretstreamRate = megabytes / seconds(Clock::now() - baselineStart);
    fs::remove_all(root / "secretstream");

    auto sender = registeredEngine(root / "sender", "bench-sender", relay);
    if (!sender.ok())
        return failWith("register the sender", sender.error());
    auto receiver = registeredEngine(root / "receiver", "bench-receiver", relay);
    if (!receiver.ok())
        return failWith("register the receiver", receiver.error());
    (*receiver)->setAutoDownloadLimit(engine::MaxAttachmentSize);
    // A session each way first, so that the timed sends do not include the first key agreement.
    if (auto warm = (*sender)->sendText((*receiver)->account(), "warm-up", false); !warm.ok())
        return failWith("warm-up", warm.error());
    if (auto warm = (*receiver)->receive(ReceiveIdle); !warm.ok())
        return failWith("warm-up", warm.error());

    const auto sendStart = Clock::now();
    auto largeSent = sendStart;
    for (const auto &file : files) {
        if (auto sent = (*sender)->sendFile((*receiver)->account(), file, false); !sent.ok())
            return failWith("send", sent.error());
        if (file == files.front())
            largeSent = Clock::now();
    }
    const auto sendEnd = Clock::now();
    const double sendRate = megabytes / seconds(sendEnd - sendStart);
    const double largeMegabytes = static_cast<double>(256 * MiB) / 1e6;
    const double sendLargeRate = largeMegabytes / seconds(largeSent - sendStart);
    const double sendSmallPerSecond = static_cast<double>(files.size() - 1) / seconds(sendEnd - largeSent);

    const fs::path inbox = root / "inbox";
    fs::create_directories(inbox);
    std::size_t received = 0;
    const auto receiveStart = Clock::now();
    auto waitedIdle = Clock::duration::zero();
    auto decrypting = Clock::duration::zero();
    while (received < files.size()) {
        auto items = (*receiver)->receive(ReceiveIdle);
        if (!items.ok())
            return failWith("receive", items.error());
        waitedIdle += ReceiveIdle; // each receive() ends by waiting this long for nothing
        for (const auto &item : *items)
            for (const auto id : item.attachmentIds) {
                const auto saveStart = Clock::now();
                if (auto saved = (*receiver)->saveAttachmentIn(id, inbox); !saved.ok())
                    return failWith("open a received file", saved.error());
                decrypting += Clock::now() - saveStart;
                ++received;
            }
        if (items->empty() && seconds(Clock::now() - receiveStart) > 600) {
            std::fprintf(stderr, "the files did not all arrive\n");
            return 1;
        }
    }
    const auto receiving = Clock::now() - receiveStart - waitedIdle;
    const double receiveRate = megabytes / seconds(receiving);

    std::printf("TARGET attachment_send_vs_secretstream %.3f >= 0.30 ratio\n", sendRate / secretstreamRate);
    std::printf("TARGET attachment_receive_vs_secretstream %.3f >= 0.30 ratio\n", receiveRate / secretstreamRate);
    std::printf("FIGURE attachment_send_mb_per_s %.1f\n", sendRate);
    std::printf("FIGURE attachment_receive_mb_per_s %.1f\n", receiveRate);
    std::printf("FIGURE secretstream_mb_per_s %.1f\n", secretstreamRate);
    // Where the time goes: the one large file alone, and the small files (one message each).
    std::printf("FIGURE attachment_send_large_mb_per_s %.1f\n", sendLargeRate);
    std::printf("FIGURE attachment_send_small_files_per_s %.1f\n", sendSmallPerSecond);
    // Receiving in its two steps: download with the digest checked, then decryption into a file.
    std::printf("FIGURE attachment_download_mb_per_s %.1f\n", megabytes / seconds(receiving - decrypting));
    std::printf("FIGURE attachment_decrypt_to_file_mb_per_s %.1f\n", megabytes / seconds(decrypting));
    return 0;
}
