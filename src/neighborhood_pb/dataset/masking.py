"""Masked documents (脱敏数据): which fields an export masks, and how a masked value is known.

``dumps_dataset`` masks phone numbers by default ("139****0101"). A masked value is not the
value: a dataset that holds one cannot be written as if it were complete. A masked phone is
recognised by its asterisks (a phone number never holds one), so a document written before
the marker existed is recognised just the same.
"""

from __future__ import annotations

from typing import Any

from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import IntegrityError
from neighborhood_pb.errors.text import mask_id_cards

__all__ = [
    "FREE_TEXT_KEYS",
    "MASKABLE_FIELDS",
    "MASK_CHARACTER",
    "PHONE_FIELD",
    "TEXT_ID_CARDS",
    "MaskedDatasetError",
    "is_masked",
    "mask_free_text",
    "maskable_fields",
    "masked_fields",
    "require_complete",
]

PHONE_FIELD = "structure.people.phone"
"""The phone number of a person (联系电话), the one personal field an export masks."""

TEXT_ID_CARDS = "text.id_card_numbers"
"""ID-card numbers (身份证号码) typed into a name, a note or another free-text field."""

FREE_TEXT_KEYS = frozenset(
    {"name", "note", "reason", "end_reason", "cancelled_reason", "title", "description"}
)
"""Keys of the free-text fields a masked export searches for ID-card numbers."""

MASKABLE_FIELDS: tuple[str, ...] = (PHONE_FIELD, TEXT_ID_CARDS)
"""Every field a masked export may mask, as named by the document's ``masked`` marker."""

MASK_CHARACTER = "*"
"""What stands for a hidden digit in a masked value."""


class MaskedDatasetError(IntegrityError):
    """A dataset holding masked values was to be written as complete (rule ``dataset.masked``)."""


def is_masked(value: str | None) -> bool:
    """Whether a value has been masked (holds a :data:`MASK_CHARACTER`)."""
    return value is not None and MASK_CHARACTER in value


def _masked_people(dataset: Dataset) -> list[str]:
    return [person.id for person in dataset.structure.people if is_masked(person.phone)]


def maskable_fields(dataset: Dataset) -> tuple[str, ...]:
    """The fields that a masked export of ``dataset`` masks: those holding some value."""
    has_phone = any(person.phone is not None for person in dataset.structure.people)
    return (PHONE_FIELD,) if has_phone else ()


def masked_fields(dataset: Dataset) -> tuple[str, ...]:
    """The fields of ``dataset`` that hold masked values (empty for a complete dataset)."""
    return (PHONE_FIELD,) if _masked_people(dataset) else ()


def require_complete(dataset: Dataset) -> None:
    """Refuse a dataset that holds masked values, before it is written as complete.

    Raises:
        MaskedDatasetError: some value is masked; the error names the first person and
            counts them all (``params``: ``field``, ``count``, ``person``).
    """
    people = _masked_people(dataset)
    if not people:
        return
    raise MaskedDatasetError(
        f"{len(people)} people of the dataset have masked phone numbers ({PHONE_FIELD}, "
        f"first {people[0]}): a masked dataset cannot be written as complete; write it "
        "masked (redact_personal=True) or restore the numbers first",
        subject=people[0],
        rule="dataset.masked",
        params={"field": PHONE_FIELD, "count": len(people), "person": people[0]},
    )


def mask_free_text(data: Any) -> bool:
    """Mask ID-card numbers in the free-text fields of JSON-ready ``data``, in place.

    Returns:
        Whether any number was masked (the export's marker then names :data:`TEXT_ID_CARDS`).
    """
    found = False
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str):
                    if key in FREE_TEXT_KEYS and (masked := mask_id_cards(value)) != value:
                        item[key] = masked
                        found = True
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(value for value in item if isinstance(value, dict | list))
    return found
