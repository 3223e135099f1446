"""``nbpb synth``: the streaming synthetic generator (模拟数据生成) as a command.

``nbpb synth --times N --out DIR`` writes the Parquet tables of N Yancheng-sized cities, one
city at a time; ``--national`` writes the nation's shape instead; ``--shape`` changes the
city's counts (``--shape streets=2,communities=3,...``). The directory is then a SOURCE of
``nbpb report --engine duckdb`` and ``nbpb validate``. pyarrow (extra ``columnar``) is
imported only here. Exit status: 0 written; 2, with one line, when a count or the directory
cannot be used.
"""

from __future__ import annotations

import argparse

import attrs

from neighborhood_pb.cli.command import Subcommand, fail, reason_text, refusal, write_lines
from neighborhood_pb.cli.text import Wording, day_text, say
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.structure.scales import YANCHENG_SHAPE, CityShape

__all__ = ["COMMAND", "run"]


_TEXT: Wording = {
    "bad_count": (
        "--shape：{part!r} 不是 COUNT=N（N ≥ 1，COUNT 为 {wanted} 之一）",
        "--shape: {part!r} is not COUNT=N (N ≥ 1, COUNT one of {wanted})",
    ),
    "national": (
        "--shape 只改变一个城市的数量，不能用于全国（--national）",
        "--shape changes a city's counts, not the nation's",
    ),
    "written": (
        "{out}：{chunks}块，共{rows:,}行，数据日期{day}",
        "{out}: {chunks} chunk(s), {rows:,} rows, as of {day}",
    ),
}
"""This module's sentences, in Chinese and in English."""


def _shape_of(text: str | None, lang: str = "zh") -> CityShape | str:
    """Yancheng's shape with the counts ``text`` names (``streets=2,communities=3``), or
    what is wrong with ``text`` (in ``lang``); counts that do not nest raise (rule
    ``scale.nesting``)."""
    if not text:
        return YANCHENG_SHAPE
    fields = [field.name for field in attrs.fields(CityShape)]
    counts: dict[str, int] = {}
    for part in text.split(","):
        name, _, value = (piece.strip() for piece in part.partition("="))
        if name not in fields or not value.isdigit() or int(value) < 1:
            wanted = ", ".join(fields)
            return say(_TEXT, "bad_count", lang, part=part.strip(), wanted=wanted)
        counts[name] = int(value)
    return attrs.evolve(YANCHENG_SHAPE, **counts)


_HELP: Wording = {
    "command": (
        "写出 N 个盐城市规模城市或全国规模的合成 Parquet 数据表",
        "write synthetic Parquet tables of N Yancheng-sized cities or of the nation",
    ),
    "times": ("城市个数（默认 1）", "how many cities (default 1)"),
    "national": ("全国的规模，按城市大小分块", "the nation's shape, in city-sized chunks"),
    "shape": (
        "改变盐城市的各项数目，如 `streets=2,communities=3,grids=9`（仅限一个城市）",
        "change Yancheng's counts, e.g. streets=2,communities=3,grids=9 (a city only)",
    ),
    "seed": ("随机选择的种子", "seed of the random choices"),
    "out": ("写入的目录", "directory to write into"),
}
"""The subcommand's help, in Chinese and in English."""


def _add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--times", metavar="N", type=int, default=1, help=say(_HELP, "times", lang))
    which.add_argument("--national", action="store_true", help=say(_HELP, "national", lang))
    parser.add_argument(
        "--shape", metavar="COUNT=N,...", default=None, help=say(_HELP, "shape", lang)
    )
    parser.add_argument("--seed", type=int, default=0, help=say(_HELP, "seed", lang))
    parser.add_argument("--out", metavar="DIR", required=True, help=say(_HELP, "out", lang))


def run(args: argparse.Namespace) -> int:
    """Write the tables; see the module's docstring for the exit status."""
    try:
        from neighborhood_pb.io.columnar.shapes import NATIONAL_SHAPE, NationalShape
        from neighborhood_pb.io.columnar.synthetic import write_synthetic_parquet
    except ImportError:  # pragma: no cover - the extra is installed wherever tests run
        return fail("synth", refusal("needs_pyarrow", args.lang))
    if args.national and args.shape:
        return fail("synth", say(_TEXT, "national", args.lang))
    try:
        shape: CityShape | NationalShape | str = (
            NATIONAL_SHAPE if args.national else _shape_of(args.shape, args.lang)
        )
        if isinstance(shape, str):
            return fail("synth", shape)
        written = write_synthetic_parquet(args.out, times=args.times, shape=shape, seed=args.seed)
    except NeighborhoodPBError as exc:
        return fail("synth", error_text(exc, args.lang))
    except OSError as exc:
        reason = reason_text(exc, args.lang)
        return fail("synth", refusal("cannot_write", args.lang, path=args.out, reason=reason))
    rows = sum(written.rows.values())
    day = day_text(written.as_of, args.lang)
    line = say(_TEXT, "written", args.lang, out=args.out, chunks=written.chunks, rows=rows, day=day)
    write_lines([line])
    return 0


COMMAND = Subcommand(
    name="synth",
    help=_HELP["command"],
    add_arguments=_add_arguments,
    run=run,
)
