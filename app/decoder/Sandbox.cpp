// SPDX-License-Identifier: GPL-3.0-or-later
// The Linux sandbox of lapis-decoder: rlimits, no_new_privs and a seccomp-bpf allow-list
// (libseccomp). The only platform-specific part of the decoding boundary (README.md, "Image
// decoding sandbox", says what Windows and macOS use instead).
#include "Sandbox.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace lapis::decoder {

namespace {
std::string errorText(const char *what, int error)
{
    return std::string(what) + ": " + std::strerror(error);
}

unsigned long long cpuSecondsUsed()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<unsigned long long>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1;
}
} // namespace

unsigned char *mapPixelRegion(int descriptor, unsigned long long bytes)
{
    struct stat info {};
    unsigned char *region = nullptr;
    if (fstat(descriptor, &info) == 0 && static_cast<unsigned long long>(info.st_size) == bytes) {
        void *mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0);
        if (mapped != MAP_FAILED)
            region = static_cast<unsigned char *>(mapped);
    }
    close(descriptor); // mapped or not, the descriptor goes: only the pipes stay open
    return region;
}

void closeDescriptorsFrom(int first)
{
#ifdef SYS_close_range
    if (syscall(SYS_close_range, static_cast<unsigned>(first), ~0U, 0U) == 0)
        return;
#endif
    const long max = sysconf(_SC_OPEN_MAX);
    for (long fd = first; fd < (max > 0 ? max : 65536); ++fd)
        close(static_cast<int>(fd));
}

void widenPipes()
{
    for (int fd : {0, 1})
        (void)fcntl(fd, F_SETPIPE_SZ, 1024 * 1024);
}

std::string applyLimits(const SandboxLimits &limits)
{
    const auto set = [](__rlimit_resource resource, rlim_t soft, rlim_t hard) {
        const rlimit limit{soft, hard};
        return setrlimit(resource, &limit);
    };
    if (set(RLIMIT_AS, limits.addressSpaceBytes, limits.addressSpaceBytes) != 0)
        return errorText("RLIMIT_AS", errno);
    // The whole life's CPU time: every image's share plus start-up; each image's own share is
    // the soft limit, moved up per image (limitCpuForNextImage).
    const rlim_t lifetime = static_cast<rlim_t>(limits.cpuSecondsPerImage) * (limits.images + 1) + cpuSecondsUsed();
    if (set(RLIMIT_CPU, lifetime, lifetime) != 0)
        return errorText("RLIMIT_CPU", errno);
    if (set(RLIMIT_NOFILE, 3, 3) != 0)
        return errorText("RLIMIT_NOFILE", errno);
    if (set(RLIMIT_NPROC, 0, 0) != 0)
        return errorText("RLIMIT_NPROC", errno);
    if (set(RLIMIT_FSIZE, 0, 0) != 0)
        return errorText("RLIMIT_FSIZE", errno);
    if (set(RLIMIT_CORE, 0, 0) != 0)
        return errorText("RLIMIT_CORE", errno);
    return {};
}

std::string installFilter()
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return errorText("no_new_privs", errno);
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (!filter)
        return "seccomp_init failed";
    // Every thread of the process (Qt's one image worker too) gets the filter.
    int rc = seccomp_attr_set(filter, SCMP_FLTATR_CTL_TSYNC, 1);
    const auto allow = [&](int syscall) {
        if (rc == 0)
            rc = seccomp_rule_add(filter, SCMP_ACT_ALLOW, syscall, 0);
    };
    const auto allowIf = [&](int syscall, scmp_arg_cmp a) {
        if (rc == 0)
            rc = seccomp_rule_add(filter, SCMP_ACT_ALLOW, syscall, 1, a);
    };
    // The pipes: requests in on 0, replies out on 1; 2 is closed (a stray warning gets EBADF).
    allowIf(SCMP_SYS(read), SCMP_A0(SCMP_CMP_EQ, 0));
    allowIf(SCMP_SYS(write), SCMP_A0(SCMP_CMP_EQ, 1));
    allowIf(SCMP_SYS(write), SCMP_A0(SCMP_CMP_EQ, 2));
    // Memory, never executable: an exploit cannot map code of its own.
    allowIf(SCMP_SYS(mmap), SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    allowIf(SCMP_SYS(mprotect), SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    allow(SCMP_SYS(munmap));
    allow(SCMP_SYS(mremap));
    allow(SCMP_SYS(brk));
    allow(SCMP_SYS(madvise));
    allow(SCMP_SYS(futex));
    // The per-image CPU limit: only our own RLIMIT_CPU, and the usage it is set from.
    if (rc == 0)
        rc = seccomp_rule_add(filter, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2, SCMP_A0(SCMP_CMP_EQ, 0),
                              SCMP_A1(SCMP_CMP_EQ, RLIMIT_CPU));
    allowIf(SCMP_SYS(getrusage), SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(RUSAGE_SELF)));
    allow(SCMP_SYS(clock_gettime));
    allow(SCMP_SYS(gettimeofday));
    allow(SCMP_SYS(rt_sigreturn));
    allow(SCMP_SYS(exit));
    allow(SCMP_SYS(exit_group));
    if (rc == 0)
        rc = seccomp_load(filter);
    seccomp_release(filter);
    return rc == 0 ? std::string() : errorText("seccomp", -rc);
}

void limitCpuForNextImage(unsigned seconds)
{
    rlimit current{};
    if (getrlimit(RLIMIT_CPU, &current) != 0)
        return;
    const rlim_t next = cpuSecondsUsed() + seconds;
    current.rlim_cur = next < current.rlim_max ? next : current.rlim_max;
    setrlimit(RLIMIT_CPU, &current);
}

} // namespace lapis::decoder
