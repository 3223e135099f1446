"""Report pages written whole or not at all: :func:`neighborhood_pb.io.files.write_atomically`."""

from __future__ import annotations

from neighborhood_pb.io.files import write_atomically

__all__ = ["write_atomically"]
