"""Peak memory of this process, from the kernel's high-water mark of its resident set."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mib() -> float:
    """Peak resident memory in MiB.

    Reads ``VmHWM`` (reset when a process starts a new program, unlike ``ru_maxrss``, which a
    child started from a large parent inherits); falls back to ``ru_maxrss`` elsewhere.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for row in status.read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
