"""JSON round trip of a city's dataset: the library's records against msgspec's typed codec.

Builds the synthetic city (盐城市's size by default), writes its dataset document with
``dumps_dataset(redact_personal=False, compact=True)``, then times, in one run:

* ours: ``loads_dataset`` then ``dumps_dataset`` of that text, every record a validated,
  frozen attrs object in between (through the record mirrors, ``neighborhood_pb.io.mirrors``,
  which the run checks it took; checked lossless: the same dataset and the same text come
  back);
* msgspec: ``msgspec.json.decode(text, type=...)`` into ``msgspec.Struct`` types mirroring
  the records field for field (defaults omitted on encode, unknown fields forbidden), then
  ``msgspec.json.encode`` (checked: the same JSON values come back).

Prints each (median of ``--repeat`` runs, the two taken in turn; seconds and microseconds per
record) and their ratio, against a target of at most 2.

    python benchmarks/json_roundtrip.py                 # Yancheng scale
    python benchmarks/json_roundtrip.py --scale tenth   # a tenth of it, with the same mix
    python benchmarks/json_roundtrip.py --scale small   # a quick run
"""

from __future__ import annotations

import argparse
import datetime as _dt
import enum
import gc
import json
import statistics
import time
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import msgspec
import pendulum

from neighborhood_pb import Dataset
from neighborhood_pb.io.json import dumps_dataset, loads_dataset, typed_codec
from neighborhood_pb.structure.tree.records import TreeRecords
from neighborhood_pb.synthetic import YANCHENG_SCALE, CityScale, generate_city

T = TypeVar("T")
U = TypeVar("U")
SCALES = {
    "yancheng": YANCHENG_SCALE,
    "tenth": CityScale(**{k: max(1, v // 10) for k, v in attrs.asdict(YANCHENG_SCALE).items()}),
    "small": CityScale(),
}
TARGET = 2.0

_MIRRORS: dict[type, Any] = {}


def mirror(hint: Any) -> Any:
    """The msgspec type mirroring a record's field type (records become Structs)."""
    if hint is pendulum.Date:
        return _dt.date
    if hint is pendulum.DateTime:
        return _dt.datetime
    if isinstance(hint, type) and (issubclass(hint, enum.Enum) or hint in (str, int, float)):
        return hint
    if isinstance(hint, type) and attrs.has(hint):
        return mirror_struct(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return tuple[mirror(args[0]), ...]  # type: ignore[misc]
    if origin is frozenset:
        return frozenset[mirror(args[0])]  # type: ignore[misc]
    if args and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return mirror(inner) | None
    raise TypeError(f"no mirror for {hint!r}")


def mirror_struct(cls: type) -> Any:
    """A ``msgspec.Struct`` with the fields, types and defaults of the attrs class ``cls``."""
    if cls not in _MIRRORS:
        hints = typing.get_type_hints(cls)
        fields: list[Any] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            kind = mirror(hints[field.name])
            if field.default is attrs.NOTHING:
                fields.append((field.name, kind))
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                factory = field.default.factory  # type: ignore[attr-defined]
                fields.append((field.name, kind, msgspec.field(default_factory=factory)))
            else:
                fields.append((field.name, kind, field.default))
        _MIRRORS[cls] = msgspec.defstruct(
            cls.__name__, fields, kw_only=True, omit_defaults=True, forbid_unknown_fields=True
        )
    return _MIRRORS[cls]


def document_type() -> Any:
    """The mirror of a dataset document holding a preset schema and its structure."""
    return msgspec.defstruct(
        "DatasetDocument",
        [
            ("format", str),
            ("version", int),
            ("title", str),
            ("schema", str),
            ("structure", mirror_struct(TreeRecords)),
        ],
        kw_only=True,
        forbid_unknown_fields=True,
    )


def timed(
    first: Callable[[], T], second: Callable[[], U], repeat: int
) -> tuple[float, T, float, U]:
    """The median times of ``repeat`` calls of each function, taken in turn (so that a load
    on the machine that comes and goes weighs on both alike), and their last results."""
    times: tuple[list[float], list[float]] = ([], [])
    results: list[Any] = [None, None]
    for _ in range(repeat):
        for n, function in enumerate((first, second)):
            gc.collect()
            start = time.perf_counter()
            results[n] = function()
            times[n].append(time.perf_counter() - start)
    return statistics.median(times[0]), results[0], statistics.median(times[1]), results[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="yancheng")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    city = generate_city(SCALES[args.scale], seed=args.seed)
    dataset = Dataset(title="synthetic city", schema=city.schema, structure=city.structure)
    text = dumps_dataset(dataset, redact_personal=False, compact=True)
    records = sum(len(getattr(city.structure, f.name)) for f in attrs.fields(TreeRecords))
    print(f"city: {args.scale} (seed {args.seed}): {records:,} records, {len(text):,} characters")

    def ours() -> str:
        return dumps_dataset(loads_dataset(text), redact_personal=False, compact=True)

    kind = document_type()
    encoder, decoder = msgspec.json.Encoder(), msgspec.json.Decoder(kind)

    def theirs() -> bytes:
        return encoder.encode(decoder.decode(text))

    codec = typed_codec()
    assert codec is not None, "msgspec (the fast extra) is not installed"
    assert codec.read(text) == dataset, "the text is not read through the record mirrors"
    ours_s, back, theirs_s, raw = timed(ours, theirs, args.repeat)
    assert back == text, "our round trip does not give the same text"
    assert loads_dataset(back) == dataset, "our round trip is not lossless"
    assert json.loads(raw) == json.loads(text), "the msgspec mirror does not round-trip"
    ratio = ours_s / theirs_s
    print(f"median of {args.repeat} runs (loads then dumps):")
    for label, seconds in (("ours (records)", ours_s), ("msgspec (typed Structs)", theirs_s)):
        print(f"  {label:24} {seconds:8.3f} s  {seconds / records * 1e6:7.2f} µs per record")
    verdict = "met" if ratio <= TARGET else "missed"
    print(f"  ratio ours / msgspec: {ratio:.1f}x (target <= {TARGET:.0f}x: {verdict})")


if __name__ == "__main__":
    main()
