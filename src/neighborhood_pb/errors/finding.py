"""Findings of whole-model checks (检查结果): figures apart from words."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping

import attrs

from neighborhood_pb.errors.exceptions import InvalidRecordError
from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import Source
from neighborhood_pb.errors.spec import ParamValue, subject_label

__all__ = ["Finding", "Params"]


class Params(Mapping[str, ParamValue]):
    """A finding's figures by name: an immutable, hashable mapping (参数).

    Values are text, integers, floats or dates; anything else is refused, so that a
    finding stays comparable and serialisable.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, ParamValue] | None = None) -> None:
        pairs = dict(items or {})
        for key, value in pairs.items():
            if (
                not isinstance(key, str)
                or isinstance(value, bool)
                or not isinstance(value, (str, int, float, _dt.date))
            ):
                raise InvalidRecordError(
                    f"finding parameter {key!r} must be text, a number or a date "
                    f"(got {type(value).__name__})",
                    subject=str(key),
                    rule="finding.params",
                )
        self._items: dict[str, ParamValue] = dict(sorted(pairs.items()))

    def __getitem__(self, key: str) -> ParamValue:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        return f"Params({self._items!r})"


def _params(value: Mapping[str, ParamValue] | None) -> Params:
    return value if isinstance(value, Params) else Params(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One problem (or notice) found by a whole-model check (检查结果).

    The figures (counts, thresholds, dates) sit in ``params`` apart from the words, so that
    the finding renders in zh-CN or en from its code's templates in the rule registry.

    Attributes:
        code: Stable machine-readable code, e.g. ``branch.below_minimum``.
        severity: How serious it is.
        subject: Identifier of the record concerned.
        message: English sentence naming the record and the figures.
        rule: The rule's source (依据): its registered
            :class:`~neighborhood_pb.errors.source.Source`, or a citation given as text;
            :func:`~neighborhood_pb.errors.source.source_text` shows it in a language.
        subject_name: Name of the record concerned ("" when it has none).
        params: The figures, by the names the code's templates use.
    """

    code: str
    severity: Severity
    subject: str
    message: str
    rule: str | Source = ""
    subject_name: str = ""
    params: Params = attrs.field(factory=Params, converter=_params)

    def sort_key(self) -> tuple[int, str, str]:
        """Key that orders findings: errors first, then by subject and code."""
        return (self.severity.rank, self.subject, self.code)

    def subject_label(self, lang: str = "zh") -> str:
        """The subject by name with its id beside it: "幸福社区党支部（B1）"."""
        return subject_label(self.subject, self.subject_name, lang)

    def render(self, lang: str = "zh") -> str:
        """The finding as a sentence in ``lang`` (``zh``, the default, or ``en``).

        Falls back to :attr:`message` when the code has no template or the finding lacks
        a figure the template needs.
        """
        from neighborhood_pb.errors.registry import render  # the registry loads on first use

        text = render(self.code, self.subject_label(lang), self.params, lang)
        return self.message if text is None else text
