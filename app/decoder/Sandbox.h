// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace lapis::decoder {

/// What the decoder's process may use: the address space, the CPU time one image may take, and
/// how many images (the app replaces a decoder after that many).
struct SandboxLimits {
    unsigned long long addressSpaceBytes = 256ULL * 1024 * 1024;
    unsigned cpuSecondsPerImage = 2;
    unsigned images = 64;
};

/// Maps the app's pixel region (inherited as `descriptor`, exactly `bytes` long) for writing
/// and closes the descriptor; null when it is not there or has another size.
unsigned char *mapPixelRegion(int descriptor, unsigned long long bytes);

/// Closes every file descriptor from `first` up.
void closeDescriptorsFrom(int first);

/// Asks for 1 MiB pipe buffers on stdin and stdout (a picture crosses in fewer steps); keeps the
/// system's size when refused.
void widenPipes();

/// Sets the resource limits (address space, CPU time for the whole life, no new files, no
/// processes, no core dumps). Returns an empty string or what failed.
std::string applyLimits(const SandboxLimits &limits);

/// Sets no_new_privs and installs the seccomp filter: read on fd 0, write on fds 1 and 2, memory
/// (never executable), the CPU limit of the next image, exit. Anything else kills the process
/// (SIGSYS). Returns an empty string or what failed.
std::string installFilter();

/// Lets the next image use at most `seconds` of CPU time (RLIMIT_CPU's soft limit, above what
/// was used so far; SIGXCPU ends the process past it).
void limitCpuForNextImage(unsigned seconds);

} // namespace lapis::decoder
