"""Database URLs as people type them (数据库地址): told apart from file names, shown without
their password. Imports nothing heavy, so that the command line can ask cheaply."""

from __future__ import annotations

import re

__all__ = ["is_database_url", "shown_url"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\+[A-Za-z0-9_]+)?://")
_PASSWORD = re.compile(r"^([^:/]+://[^:/@]*):[^@]*@")


def is_database_url(text: str) -> bool:
    """Whether ``text`` is a database URL (``scheme://…``) rather than a file name."""
    return _SCHEME.match(text) is not None


def shown_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, fit for a message."""
    return _PASSWORD.sub(r"\1:***@", url)
