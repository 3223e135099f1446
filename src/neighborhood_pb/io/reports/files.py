"""Writing an output file whole or not at all (原子写入)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file beside it, then rename it
    into place: a reader sees the old file or the whole new one, and a failure leaves no
    partial file behind.

    Raises:
        OSError: the folder does not exist or cannot be written, or the path is a folder.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a folder", str(target))
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
