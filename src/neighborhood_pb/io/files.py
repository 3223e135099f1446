"""Files written whole or not at all (原子写入): every output the library writes in place."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["replace_atomically", "write_atomically"]


def replace_atomically(path: str | os.PathLike[str], write: Callable[[str], None]) -> Path:
    """Have ``write`` write the new file at a temporary path beside ``path``, flush it to disk,
    then rename it over ``path``: a reader sees the old file or the whole new one, and a
    failure leaves no partial file behind. An existing file keeps its permissions.

    Raises:
        OSError: the folder does not exist or cannot be written, or ``path`` is a folder.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        write(temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` with :func:`replace_atomically`."""

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)

    replace_atomically(path, write)
