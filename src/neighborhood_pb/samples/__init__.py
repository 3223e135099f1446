"""Bundled sample datasets (示例数据), small enough to read, modelled on the sources.

``community``: 青松社区, one community in the five-level community shape of 通化县, with its
residents' committee, owners' committees, property companies and resident units, cross-
appointments, part-time members of the 大党委, a duty rotation (轮值家长), a rotating chair and
a year of deliberations (议事: twelve deliberation days and a 三议一审两公开 matter).
``street``: 新河街道, one street with two communities in the street/grid shape of 盐城市, with
residents' committees and part-time members on the street, community and grid committees;
:func:`neighborhood_pb.samples.cobuild.with_cobuild` adds its co-building (8 alliances of 112
resident units, 104 units paired with 688 households in hardship, a community's four lists).
Every name, place, unit, grid code and phone number in them is invented.
"""

from __future__ import annotations

from importlib import resources

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.io.json import loads_dataset

__all__ = ["SAMPLE_NAMES", "load_sample", "sample_text"]

SAMPLE_NAMES: tuple[str, ...] = ("community", "street")
"""Names of the bundled samples; ``community`` is the one ``nbpb demo`` shows."""


def sample_text(name: str) -> str:
    """The JSON text of a bundled sample.

    Raises:
        UnknownRecordError: no sample has that name.
    """
    if name not in SAMPLE_NAMES:
        raise UnknownRecordError(
            f"no sample {name!r} (samples: {', '.join(SAMPLE_NAMES)})",
            subject=name,
            rule="reference.exists",
        )
    return resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def load_sample(name: str) -> Dataset:
    """A bundled sample as a :class:`~neighborhood_pb.dataset.Dataset`.

    Raises:
        UnknownRecordError: no sample has that name.
    """
    return loads_dataset(sample_text(name))
