// SPDX-License-Identifier: GPL-3.0-or-later
#include "PixelRegion.h"

#include <lapis/decode/DecoderProtocol.h>

#include <QProcess>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace lapis::decode {

PixelRegion::PixelRegion(int descriptor, const unsigned char *data, std::size_t size)
    : m_descriptor(descriptor)
    , m_data(data)
    , m_size(size)
{}

#ifdef Q_OS_LINUX
std::unique_ptr<PixelRegion> PixelRegion::create(std::size_t bytes)
{
    const int fd = memfd_create("lapis-decoder-pixels", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return nullptr;
    // Sealed at its size: a decoder cannot shrink it and make the app fault on reading it.
    if (ftruncate(fd, static_cast<off_t>(bytes)) != 0
        || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        close(fd);
        return nullptr;
    }
    void *mapped = mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
    if (mapped == MAP_FAILED) {
        close(fd);
        return nullptr;
    }
    return std::unique_ptr<PixelRegion>(new PixelRegion(fd, static_cast<const unsigned char *>(mapped), bytes));
}

PixelRegion::~PixelRegion()
{
    munmap(const_cast<unsigned char *>(m_data), m_size);
    close(m_descriptor);
}

void PixelRegion::passTo(QProcess &process) const
{
    const int fd = m_descriptor;
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([fd] {
        if (fd == PixelRegionDescriptor)
            (void)fcntl(fd, F_SETFD, 0); // the same number: only the close-on-exec flag goes
        else
            (void)dup2(fd, PixelRegionDescriptor);
    });
}
#else
std::unique_ptr<PixelRegion> PixelRegion::create(std::size_t)
{
    return nullptr;
}

PixelRegion::~PixelRegion() = default;

void PixelRegion::passTo(QProcess &) const {}
#endif

} // namespace lapis::decode
