"""Typed reading and writing of dataset documents (类型化读写): compact text through mirrors.

A city's document is mostly records. With msgspec (the ``fast`` extra) installed,
:func:`~neighborhood_pb.io.json.loads_dataset` reads compact text (as
:func:`~neighborhood_pb.io.json.dumps_dataset` writes it) straight into the mirrors of its
sections (:mod:`neighborhood_pb.io.mirrors`) and makes the records from them, and
``dumps_dataset(..., redact_personal=False, compact=True)`` writes the sections' mirrors
straight to text. Whatever has no mirror (the title, the schema, the rotations …) is plain
data read and written by the dataset converter, which also checks the format, the version and
the masked marker.

Text is read this way only when reading it back gives the very same bytes: encoding the
mirrors again must give the text itself (so no key appears twice, a record's keys come sorted,
there is no space between tokens and every number is written as it is kept), and no run of
digits is longer than an integer may have. Any other text, and any text the mirrors or the
records do not take, is left to the generic path (``None``), which reads it or reports where
it is wrong. A default written out (``"end":null``) is read as the generic path reads it.
"""

from __future__ import annotations

import copy
import typing
from typing import Any

import attrs
import cattrs
import msgspec

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.dataset.masking import require_complete
from neighborhood_pb.io.json_text import has_long_digit_run
from neighborhood_pb.io.mirrors import UNSET, Mirrors, held_default

__all__ = ["DatasetCodec"]


class DatasetCodec:
    """Compact dataset text read and written through mirrors (see the module).

    Args:
        read: The dataset converter that builds records with generated builders (no detailed
            validation).
        write: The dataset converter that writes phones as they are (``redact_personal=False``).
    """

    def __init__(self, read: cattrs.Converter, write: cattrs.Converter) -> None:
        self._read, self._write = read, write
        self._mirrors = mirrors = Mirrors(read, write)
        hints = typing.get_type_hints(Dataset)
        fields = attrs.fields(Dataset)
        self._typed = tuple(f for f in fields if mirrors.has(hints[f.name]))
        self._plain = (*(f.name for f in fields if f not in self._typed), "masked")
        self._light: dict[str, Any] = {f.name: held_default(f) for f in self._typed}  # empty
        document: list[tuple[str, Any, Any]] = [
            (f.name, mirrors.struct(hints[f.name]) | msgspec.UnsetType, UNSET) for f in self._typed
        ]
        document += [(name, Any, UNSET) for name in self._plain]
        kind = msgspec.defstruct(
            "DatasetMirror",
            sorted(document, key=lambda field: field[0]),
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,
        )
        self._decoder = msgspec.json.Decoder(kind)
        self._again = msgspec.json.Encoder()
        self._encoder = msgspec.json.Encoder(order="sorted")
        self._readers = {f.name: mirrors.reader(hints[f.name]) for f in self._typed}
        self._writers = {f.name: mirrors.writer(hints[f.name]) for f in self._typed}

    def read(self, text: str) -> Dataset | None:
        """The dataset of compact text, or ``None`` for text left to the generic path (and
        for any text while attrs' validators are disabled).

        Raises:
            Exception: a record or the dataset converter refuses (the generic path reports it).
        """
        if not text.startswith('{"') or attrs.validators.get_disabled():
            return None  # validators off: the generic path makes records as attrs then does
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return None
        body = raw[:-1] if raw.endswith(b"\n") else raw
        if has_long_digit_run(body):
            return None
        try:
            document = self._decoder.decode(body)
            if self._again.encode(document) != body:
                return None
        except (msgspec.MsgspecError, ValueError, RecursionError):
            return None
        plain = {
            name: value for name in self._plain if (value := getattr(document, name)) is not UNSET
        }
        dataset: Dataset = self._read.structure(plain, Dataset)
        sections: dict[str, Any] = {
            field.name: self._readers[field.name](value)
            for field in self._typed
            if (value := getattr(document, field.name)) is not UNSET
        }
        return attrs.evolve(dataset, **sections) if sections else dataset

    def write(self, dataset: Dataset) -> str | None:
        """Compact text of ``dataset`` with phones as they are, as the generic path writes
        it; ``None`` for text msgspec cannot write (a lone surrogate), left to that path.

        Raises:
            MaskedDatasetError: the dataset holds masked values.
        """
        require_complete(dataset)
        light = copy.copy(dataset)  # the sections left empty, nothing checked or converted again
        for name, empty in self._light.items():
            object.__setattr__(light, name, empty)
        data: dict[str, Any] = self._write.unstructure(light)
        for field in self._typed:
            value = getattr(dataset, field.name)
            if field.name in data or value != self._light[field.name]:
                data[field.name] = self._writers[field.name](value)
        try:
            return self._encoder.encode(data).decode("utf-8") + "\n"
        except UnicodeEncodeError:
            return None
