"""The sandbox process's walls, raised once after start-up and before it reads any request.

In order: resource limits (address space, no file growth, no core dumps), a new empty network
namespace, the user nobody instead of root, no new processes, ``no_new_privs`` and a seccomp
allow-list of system calls. docs/decisions/0014-sandbox-layers.md says what each one stops.

The allow-list holds what the interpreter needs once it is warmed up: reading its request pipe
(and its own memory figures), writing its answer pipe, memory, the clocks, its own CPU limits
and timer, signals to itself and exiting. Opening or looking up files answers "permission
denied" (a library that tries is told no, as for any unreadable file); every other call
(sockets, new processes or threads, execve, ptrace, kill, namespaces, mounts...) ends the
process at once with SIGSYS.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import importlib
import os
import resource
from types import ModuleType
from typing import Any

NOBODY = 65534
PR_SET_NO_NEW_PRIVS = 38

# The system calls a warmed-up interpreter makes while it runs scripts (found by tracing runs of
# every kind the policy allows, their errors, the codec, each limit being hit and the exit), and
# a few as harmless (the clocks, futex, signal masks). Reading is allowed from the request pipe
# (fd 0) only, and pread from /proc/self/statm opened beforehand (``readable``); writing to the
# answer pipe (fd 1) and stderr (fd 2, /dev/null) only.
ALLOWED = (
    "mmap",
    "munmap",
    "mremap",
    "mprotect",
    "madvise",
    "brk",
    "getrusage",
    "getrlimit",
    "prlimit64",
    "setitimer",
    "setpriority",  # only ever lowers it: raising it needs a privilege the process does not have
    "getitimer",
    "clock_gettime",
    "gettimeofday",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "futex",
    "getpid",
    "gettid",
    "exit",
    "exit_group",
)
# File look-ups a library may try lazily: refused with EACCES rather than ending the process.
REFUSED = (
    "open",
    "openat",
    "openat2",
    "stat",
    "lstat",
    "newfstatat",
    "statx",
    "access",
    "faccessat",
    "faccessat2",
    "readlink",
    "readlinkat",
)


def lock_down(memory_bytes: int, *, seccomp: bool = True, readable: int | None = None) -> list[str]:
    """Raise every wall this system allows; the walls that could not be raised (for the record).

    ``readable``: a file descriptor opened beforehand that may still be read with pread (the
    process's own /proc/self/statm, for its memory use).
    """
    missing: list[str] = []
    library = _seccomp_library() if seccomp else None  # it looks for libseccomp with a helper program
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # no file can grow
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no memory image behind
    if not _leave_network():
        missing.append("network namespace")
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))  # no new processes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        missing.append("no_new_privs")
    if library is None:
        missing.append("seccomp")
    else:
        _allow_list(library, readable)
    return missing


def _leave_network() -> bool:
    """A new, empty network namespace where the system allows it (root, or user namespaces)."""
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.unshare(clone_newnet) == 0 or libc.unshare(clone_newuser | clone_newnet) == 0)
    except (OSError, AttributeError):
        return False  # the other walls still stand: RestrictedPython has no way to reach a socket


def _seccomp_library() -> ModuleType | None:
    """pyseccomp, or None where it or libseccomp is missing (the other walls still stand)."""
    try:
        return importlib.import_module("pyseccomp")
    except (ImportError, RuntimeError, OSError):
        return None


def _allow_list(seccomp: Any, readable: int | None) -> None:
    """Load the seccomp filter: ALLOWED, reads of fd 0 and writes to fds 1 and 2; REFUSED answer EACCES."""
    rules = seccomp.SyscallFilter(seccomp.KILL_PROCESS)
    for name in ALLOWED:
        _add(rules, seccomp.ALLOW, name)
    rules.add_rule(seccomp.ALLOW, "read", seccomp.Arg(0, seccomp.EQ, 0))
    rules.add_rule(seccomp.ALLOW, "write", seccomp.Arg(0, seccomp.EQ, 1))
    rules.add_rule(seccomp.ALLOW, "write", seccomp.Arg(0, seccomp.EQ, 2))
    if readable is not None:
        rules.add_rule(seccomp.ALLOW, "pread64", seccomp.Arg(0, seccomp.EQ, readable))
    # abort() after a fatal error signals the process itself: it ends with SIGABRT, a crash
    rules.add_rule(seccomp.ALLOW, "tgkill", seccomp.Arg(0, seccomp.EQ, os.getpid()))
    for name in REFUSED:
        _add(rules, seccomp.ERRNO(errno.EACCES), name)
    rules.load()


def _add(rules: Any, action: int, name: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # a call this architecture does not have
        rules.add_rule(action, name)
