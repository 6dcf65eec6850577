// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>

#include <cstdint>
#include <sys/types.h>

namespace lapis {

/// An owned POSIX file descriptor, closed on every path out. The attachment paths use raw
/// descriptors for speed (large blocks, no stream buffering); a Windows port keeps this
/// interface over HANDLEs.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    {}
    ~FileDescriptor() { (void)close(); }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool valid() const { return m_fd >= 0; }
    /// Closes now; false when closing reports a delayed write error.
    bool close();

private:
    int m_fd;
};

/// Reads until `out` is full or the file ends (a short count then); -1 on an error.
ssize_t readFully(int fd, MutableByteView out);
/// Writes all of `data`, retrying after signals; false on an error.
bool writeFully(int fd, ByteView data);
/// Starts writing `length` bytes at `offset` to the disk without waiting for them, so that the
/// fdatasync that makes a file durable finds little left to write (the kernel would otherwise
/// hold gigabytes of dirty pages until then). A hint: fdatasync reports any error.
void startWriteback(int fd, std::uint64_t offset, std::uint64_t length);

} // namespace lapis
