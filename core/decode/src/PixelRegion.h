// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>

class QProcess;

namespace lapis::decode {

/// Shared memory for decoded pixels, made by the app before it starts a decoder and handed to
/// it with its pipes (descriptor PixelRegionDescriptor): the decoder maps it before its sandbox
/// goes on and writes each picture there, so that a 33 MB picture does not cross the pipe (and
/// the app's read buffers) in 1 MiB steps. The app maps it read-only, copies each picture out
/// once after checking the reply header, and never trusts its contents beyond "pixels".
/// Linux: a sealed memfd (it cannot shrink under the app). Elsewhere there is none yet and
/// pixels come over the pipe (README.md, "Image decoding sandbox").
class PixelRegion {
public:
    /// A region of `bytes`, or null where the platform has none (or the system refused).
    static std::unique_ptr<PixelRegion> create(std::size_t bytes);
    ~PixelRegion();
    PixelRegion(const PixelRegion &) = delete;
    PixelRegion &operator=(const PixelRegion &) = delete;

    /// Makes `process`, when started, inherit the region as PixelRegionDescriptor.
    void passTo(QProcess &process) const;
    [[nodiscard]] const unsigned char *data() const { return m_data; }
    [[nodiscard]] std::size_t size() const { return m_size; }

private:
    PixelRegion(int descriptor, const unsigned char *data, std::size_t size);
    int m_descriptor;
    const unsigned char *m_data;
    std::size_t m_size;
};

} // namespace lapis::decode
