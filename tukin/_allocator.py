"""glibc's allocator settings for the ``tukin`` command, which owns its process.

numpy gives every array of more than a few megabytes back to the kernel when it is freed
(glibc maps blocks above its threshold, at most 32 MiB unless told, with ``mmap`` and unmaps
them on ``free``), and the next array of the same size is faulted in and zeroed page by page
again. A calculation makes hundreds of such arrays. Keeping them (measured in
benchmarks/README.md): at a million employees up to a quarter off a second calculation and
a tenth off validation, little off a first calculation; at the whole country (4.3M, arrays
of 34 MB, past the threshold's ceiling) a fifth off a first calculation and two fifths off
validation and a second one. It costs a little more resident memory (7.3 → 8.1 GiB at 4.3M).

The library never does this: the allocator belongs to whichever program imports tukin. The
command line is such a program, so :func:`keep_freed_memory` is called by its entry point,
unless the user set the allocator themselves.

What the library does do, in a process whose allocator nobody tuned, is
:func:`release_freed_memory` once after a Dataset first sorts its large tables (freeing each
table as read), just before that calculation's Result's columns are made (its peak):
the freed blocks sit in glibc's heap, counted in the process's resident memory, and the
Result's new arrays do not all fit in them. Handing them back lowers the peak of a first
calculation by 60-80 MiB at a million employees (benchmarks/README.md). Later calculations
on the Dataset keep their heap for reuse: handing it back each time costs them the page
faults of their Result (0.1-0.3 s at a million). It changes no setting: it is what glibc does
by itself when the top of its heap is free.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["ENV_SETTINGS", "keep_freed_memory", "release_freed_memory"]

# what docs/scaling.md recommends for a host process, as environment variables
ENV_SETTINGS = {"MALLOC_MMAP_THRESHOLD_": 1 << 30, "MALLOC_TRIM_THRESHOLD_": 1 << 32}
_M_TRIM_THRESHOLD = -1  # mallopt parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3
_GLIBC_MMAP_MAX = 32 << 20  # DEFAULT_MMAP_THRESHOLD_MAX on 64-bit: what any glibc accepts
_TRIM = 2**31 - 1  # mallopt takes an int: 2 GiB, where the variable says 4


_kept = False  # keep_freed_memory() took effect: this process keeps what it frees


def _user_chose() -> bool:
    """The user set the allocator (or asked tukin to leave it alone)."""
    if os.environ.get("TUKIN_MALLOC") or "GLIBC_TUNABLES" in os.environ:
        return True
    return any(k.startswith("MALLOC_") for k in os.environ)


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl names its library otherwise)
        return None


def release_freed_memory() -> bool:
    """Return the pages of blocks freed in glibc's heap to the kernel (``malloc_trim``).

    True when done; False without glibc, when the user chose the allocator's behaviour
    (``TUKIN_MALLOC``, ``MALLOC_*``, ``GLIBC_TUNABLES``) or when this process keeps freed
    memory on purpose (:func:`keep_freed_memory`: the ``tukin`` command)."""
    if _kept or _user_chose():
        return False
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None)
    if trim is None:
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True


def keep_freed_memory() -> bool:
    """Have glibc keep freed blocks up to 1 GiB for reuse (32 MiB on a glibc that refuses
    more), and trim only past 2 GiB free.
    True when set; False where there is no glibc (macOS, Windows, musl) or the user already
    chose (any ``MALLOC_*`` variable or ``GLIBC_TUNABLES`` in the environment, or
    ``TUKIN_MALLOC`` set to anything, e.g. ``default``)."""
    global _kept
    if _user_chose():
        return False
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:  # not glibc
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # The mmap threshold first, and the trim threshold only once it is accepted: setting
    # either turns glibc's own adjustment of the mmap threshold off for good, and a fixed
    # default threshold (128 KiB) would fault in every array. A refused call changes
    # nothing; older glibc refuses more than 32 MiB, which still keeps a million employees'
    # columns.
    for threshold in (ENV_SETTINGS["MALLOC_MMAP_THRESHOLD_"], _GLIBC_MMAP_MAX):
        if mallopt(_M_MMAP_THRESHOLD, threshold):
            break
    else:
        return False
    _kept = bool(mallopt(_M_TRIM_THRESHOLD, _TRIM))
    return _kept
