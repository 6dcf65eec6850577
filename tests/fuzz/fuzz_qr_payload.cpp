// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: what a scanned or dropped QR code carries. The bytes are read three ways: as
// a safety number's QR payload (SafetyNumber::compareScanned), as the text a QR code decodes to
// (a link URI, LinkUri::parse), and as the grayscale pixels of an image that lapis::qr::decode
// searches for a code (a screenshot anyone can craft; the text it finds goes on to the link
// parser). Seeds are rendered codes of a real link URI and safety number. Built like
// fuzz_envelope.cpp; see tests/fuzz/README.md.

#include "FuzzSeeds.h"

#include <lapis/crypto/Random.h>
#include <lapis/engine/LinkUri.h>
#include <lapis/protocol/Identity.h>
#include <lapis/protocol/SafetyNumber.h>
#include <lapis/qr/QrCode.h>

#include <QImage>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

using namespace lapis;

namespace {

/// Pixels: byte 0 chooses the width (16..127), the rest are 8-bit gray rows.
constexpr std::size_t MinWidth = 16;
constexpr std::size_t WidthRange = 112;

struct World {
    crypto::DeterministicRandom rng{21};
    protocol::AccountIdentity alice = protocol::AccountIdentity::generate(rng);
    protocol::AccountIdentity bob = protocol::AccountIdentity::generate(rng);
    protocol::SafetyNumber number =
        protocol::SafetyNumber::compute(AccountId("alice"), alice.publicKey(), AccountId("bob"), bob.publicKey());
    Bytes bobsView =
        protocol::SafetyNumber::compute(AccountId("bob"), bob.publicKey(), AccountId("alice"), alice.publicKey())
            .qrPayload();
    std::vector<Bytes> seeds;

    World()
    {
        const engine::LinkUri uri{"relay.example.org:7443", "a1b2c3d4e5f6",
                                  crypto::X25519KeyPair::generate(rng).publicKey()};
        const auto text = uri.toString();
        seeds.emplace_back(text.begin(), text.end());
        seeds.push_back(number.qrPayload());
        for (const auto &shown : {text, number.displayString()}) {
            auto image = qr::encode(shown, 1);
            if (!image.ok() || image->width() > static_cast<int>(MinWidth + WidthRange - 1)) {
                std::fprintf(stderr, "fuzz set-up failed: the seed code does not fit\n");
                std::abort();
            }
            const auto gray = image->convertToFormat(QImage::Format_Grayscale8);
            Bytes pixels{static_cast<std::uint8_t>(gray.width() - static_cast<int>(MinWidth))};
            for (int y = 0; y < gray.height(); ++y) {
                const auto *row = gray.constScanLine(y);
                pixels.insert(pixels.end(), row, row + gray.width());
            }
            seeds.push_back(std::move(pixels));
        }
    }
};

World &world()
{
    static World w;
    return w;
}

void decodePixels(ByteView input)
{
    if (input.size() < 2)
        return;
    const auto width = MinWidth + input[0] % WidthRange;
    const auto height = (input.size() - 1) / width;
    if (height < MinWidth)
        return;
    QImage image(static_cast<int>(width), static_cast<int>(height), QImage::Format_Grayscale8);
    for (std::size_t y = 0; y < height; ++y)
        std::memcpy(image.scanLine(static_cast<int>(y)), input.data() + 1 + y * width, width);
    if (auto text = qr::decode(image); text.ok())
        (void)engine::LinkUri::parse(*text);
}

} // namespace

std::vector<Bytes> lapisFuzzSeeds()
{
    return world().seeds;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto &w = world();
    const ByteView input(data, size);
    if (auto same = w.number.compareScanned(input);
        same.ok() && *same && !std::equal(input.begin(), input.end(), w.bobsView.begin(), w.bobsView.end())) {
        // Only Bob's view of the same number may match Alice's.
        std::fprintf(stderr, "a scanned payload matched that is not the other side's\n");
        std::abort();
    }
    (void)engine::LinkUri::parse(std::string_view(reinterpret_cast<const char *>(data), size));
    decodePixels(input);
    return 0;
}
