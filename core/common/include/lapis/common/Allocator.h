// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace lapis {

/// Keeps the large buffers of a transfer (gRPC's messages of up to 1 MiB, file blocks) in the
/// heap once freed instead of returning them to the kernel. glibc's defaults map and unmap such
/// buffers again and again (and trim a thread's heap with madvise), so every byte of an
/// attachment also paid a page fault and a TLB shootdown: profiled at a third of the relay's
/// receiving thread. Memory stays bounded: at most the trim threshold is kept free per arena,
/// and there is one arena per core.
/// Call once at the start of main(), before threads start.
void keepTransferBuffersInHeap();

} // namespace lapis
