"""A small city as last month's dataset, and register edits on copies of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.synthetic import CityScale, generate_city

CITY = generate_city(CityScale(), seed=3)


def city_dataset() -> Dataset:
    """The small synthetic city as a dataset, as of 2025-06-30."""
    return Dataset(
        title="小城 (测试)", schema=CITY.schema, structure=CITY.structure, as_of=CITY.as_of
    )


def edited(dataset: Dataset, section: str, edit: Callable[[tuple[Any, ...]], Any]) -> Dataset:
    """``dataset`` with one structure section replaced by ``edit`` of it."""
    structure = dataset.structure
    value = tuple(edit(getattr(structure, section)))
    return attrs.evolve(dataset, structure=attrs.evolve(structure, **{section: value}))
