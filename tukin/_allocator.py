"""glibc's allocator settings for the ``tukin`` command, which owns its process.

numpy gives every array of more than a few megabytes back to the kernel when it is freed
(glibc maps blocks above its threshold, at most 32 MiB unless told, with ``mmap`` and unmaps
them on ``free``), and the next array of the same size is faulted in and zeroed page by page
again. A calculation makes hundreds of such arrays: at a million employees that is about a
fifth of a calculation's time, and at the whole country (4.3M, arrays of 34 MB, past the
threshold's ceiling) a third of it (benchmarks/README.md). Asking glibc to keep freed memory
for reuse costs a little more resident memory.

The library never does this: the allocator belongs to whichever program imports tukin. The
command line is such a program, so :func:`keep_freed_memory` is called by its entry point,
unless the user set the allocator themselves.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["ENV_SETTINGS", "keep_freed_memory"]

# what docs/scaling.md recommends for a host process, as environment variables
ENV_SETTINGS = {"MALLOC_MMAP_THRESHOLD_": 1 << 30, "MALLOC_TRIM_THRESHOLD_": 1 << 32}
_M_TRIM_THRESHOLD = -1  # mallopt parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> bool:
    """Have glibc keep freed blocks up to 1 GiB for reuse (and trim only past 2 GiB free).
    True when set; False where there is no glibc (macOS, Windows, musl) or the user already
    chose (any ``MALLOC_*`` variable or ``GLIBC_TUNABLES`` in the environment, or
    ``TUKIN_MALLOC=default``)."""
    if not sys.platform.startswith("linux") or os.environ.get("TUKIN_MALLOC") == "default":
        return False
    if "GLIBC_TUNABLES" in os.environ or any(k.startswith("MALLOC_") for k in os.environ):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # the trim threshold first: setting either turns glibc's own adjustment off
    trim = mallopt(_M_TRIM_THRESHOLD, min(ENV_SETTINGS["MALLOC_TRIM_THRESHOLD_"], 2**31 - 1))
    mmap = mallopt(_M_MMAP_THRESHOLD, ENV_SETTINGS["MALLOC_MMAP_THRESHOLD_"])
    return bool(trim and mmap)
