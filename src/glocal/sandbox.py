"""Take away a process's network: the second layer under glocal's refusal of ``SERVICE``.

The processes that evaluate untrusted queries and shapes (the endpoint's query workers, the
pySHACL worker, ``glocal query`` on an embedded store) call :func:`deny_network` before they
read anything. It installs a seccomp filter (Linux, x86-64 and AArch64) under which creating
any socket other than a local (``AF_UNIX``) one fails with ``EPERM`` and io_uring cannot be set
up, in every thread of the process, for the rest of its life. No privilege is needed
(``PR_SET_NO_NEW_PRIVS``); the filter cannot be lifted. So even a query whose ``SERVICE`` got
past the check, run by pyoxigraph's own HTTP client or by rdflib, cannot connect anywhere.

:func:`limit_memory` caps a process's address space (``RLIMIT_AS``): an allocation past the
cap fails, which the worker reports as a clear error instead of taking the machine's memory.
"""

from __future__ import annotations

import ctypes
import platform
import resource
import struct
import sys

__all__ = ["deny_network", "limit_memory", "network_denied"]

_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_RET_ALLOW = 0x7FFF0000
_RET_EPERM = 0x00050000 | 1  # SECCOMP_RET_ERRNO | EPERM
_AF_UNIX = 1
_IO_URING_SETUP = 425

# machine -> (AUDIT_ARCH_*, __NR_seccomp, __NR_socket)
_ARCHES = {
    "x86_64": (0xC000003E, 317, 41),
    "aarch64": (0xC00000B7, 277, 198),
}

_denied = False


def _program(arch: int, socket_nr: int) -> bytes:
    """The BPF program: sock_filter entries (code u16, jt u8, jf u8, k u32)."""
    ld_w_abs, jeq_k, jge_k, ret_k = 0x20, 0x15, 0x35, 0x06
    ops = [
        (ld_w_abs, 0, 0, 4),                 # 0: A = seccomp_data.arch
        (jeq_k, 1, 0, arch),                 # 1: the native ABI? (jumps count from the next)
        (ret_k, 0, 0, _RET_EPERM),           # 2: a foreign ABI (i386, x32 tricks): refused
        (ld_w_abs, 0, 0, 0),                 # 3: A = seccomp_data.nr
        (jge_k, 5, 0, 0x40000000),           # 4: the x32 range: refused (to 10)
        (jeq_k, 4, 0, _IO_URING_SETUP),      # 5: io_uring could open sockets unfiltered
        (jeq_k, 0, 2, socket_nr),            # 6: socket(): check its family, else allow
        (ld_w_abs, 0, 0, 16),                # 7: A = args[0] (the family, low word)
        (jeq_k, 0, 1, _AF_UNIX),             # 8: AF_UNIX only
        (ret_k, 0, 0, _RET_ALLOW),           # 9
        (ret_k, 0, 0, _RET_EPERM),           # 10
    ]
    return b"".join(struct.pack("=HBBI", *op) for op in ops)


def deny_network() -> bool:
    """Make this process unable to open a network socket, from now on. True if it is so.

    Returns False where the kernel or the platform has no seccomp filter (then the query check
    is the only layer; :func:`network_denied` says which holds).
    """
    global _denied
    if _denied:
        return True
    arches = _ARCHES.get(platform.machine()) if sys.platform == "linux" else None
    if arches is None:
        return False
    arch, seccomp_nr, socket_nr = arches
    program = _program(arch, socket_nr)
    filters = ctypes.create_string_buffer(program, len(program))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(program) // 8, ctypes.cast(filters, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    done = libc.syscall(ctypes.c_long(seccomp_nr), ctypes.c_ulong(_SECCOMP_SET_MODE_FILTER),
                        ctypes.c_ulong(_SECCOMP_FILTER_FLAG_TSYNC), ctypes.byref(prog))
    _denied = bool(done == 0)
    return _denied


def network_denied() -> bool:
    """Whether :func:`deny_network` took this process's network away."""
    return _denied


def limit_memory(max_bytes: int | None) -> None:
    """Cap this process's address space at ``max_bytes`` (None: no cap)."""
    if max_bytes is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
