"""A rule's record in the registry and how its templates are filled (规则说明).

Templates use :meth:`str.format` fields. ``{subject}`` is always available: the record's
name with its id beside it ("幸福社区党支部（B1）"). Every other field is a parameter the
error or finding carries; dates render as a Chinese office writes them (2026年1月1日) in
zh and as ISO dates in en.
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Iterable, Mapping

import attrs

from neighborhood_pb.errors.exceptions import InvalidRecordError, ParamValue
from neighborhood_pb.errors.office import office_date, office_dates
from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source

__all__ = [
    "LANGUAGES",
    "LIBRARY_DEFAULT",
    "ParamValue",
    "RuleSpec",
    "Source",
    "fill",
    "format_value",
    "placeholders",
    "subject_label",
]

LANGUAGES = ("zh", "en")
"""Languages every rule has a template in: zh-CN and en."""

_FORMATTER = string.Formatter()


def placeholders(template: str) -> frozenset[str]:
    """The field names a template uses (``{count}`` → ``count``)."""
    return frozenset(
        field.split(".")[0].split("[")[0] for _, field, _, _ in _FORMATTER.parse(template) if field
    )


def format_value(value: ParamValue, lang: str) -> str:
    """One parameter as text: days as 2026年1月1日 in zh, ISO in en; in zh, ISO days and
    periods inside a text parameter are written office style too (see
    :func:`~neighborhood_pb.errors.office.office_dates`)."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return office_date(value) if lang == "zh" else value.isoformat()
    if lang == "zh" and isinstance(value, str):
        return office_dates(value)
    return str(value)


def subject_label(subject: str, name: str, lang: str) -> str:
    """A record by name with its id beside it: "幸福社区党支部（B1）" or "Name (B1)"."""
    if not name or name == subject:
        return subject
    if not subject:
        return name
    return f"{name}（{subject}）" if lang == "zh" else f"{name} ({subject})"


def fill(template: str, params: Mapping[str, ParamValue], lang: str) -> str:
    """``template`` with every field replaced by its parameter, formatted for ``lang``.

    Raises:
        KeyError: the template uses a field ``params`` lacks.
    """
    return template.format_map({key: format_value(value, lang) for key, value in params.items()})


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _valid_template(instance: RuleSpec, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidRecordError(
            f"rule {instance.code}: the {attribute.name} template is empty",
            subject=instance.code,
            rule="registry.template",
        )
    extra = placeholders(value) - instance.fields
    if extra:
        raise InvalidRecordError(
            f"rule {instance.code}: the {attribute.name} template uses undeclared {sorted(extra)}",
            subject=instance.code,
            rule="registry.template",
        )


def _valid_brief(instance: RuleSpec, attribute: attrs.Attribute[str], value: str) -> None:
    other = instance.brief_en if attribute.name == "brief_zh" else instance.brief_zh
    if placeholders(value) or bool(value.strip()) != bool(other.strip()):
        raise InvalidRecordError(
            f"rule {instance.code}: a brief is plain text, given in zh and in en alike",
            subject=instance.code,
            rule="registry.template",
        )


def _valid_source(instance: RuleSpec, attribute: attrs.Attribute[Source], value: Source) -> None:
    if not isinstance(value, Source):
        raise InvalidRecordError(
            f"rule {instance.code}: the source is a Source record (got {type(value).__name__})",
            subject=instance.code,
            rule="registry.source",
        )


@attrs.frozen(kw_only=True)
class RuleSpec:
    """One rule code with its source and its message templates (规则).

    Attributes:
        code: The code errors carry as ``rule`` and findings as ``code``.
        source: The regulation or source article as quoted, with its note in zh and en
            (:class:`~neighborhood_pb.errors.source.Source`), or :data:`LIBRARY_DEFAULT`.
        zh: Message template in zh-CN.
        en: Message template in English.
        severity: Severity of the findings with this code (``None`` for error rules).
        params: The parameters the error or finding supplies (besides ``subject``).
        brief_zh: For an error rule whose templates use parameters that not every raiser
            supplies: a summary without parameters, shown with the error's own message
            (empty: the templates need no parameters, or every raiser supplies them).
        brief_en: The same summary in English.
    """

    code: str
    source: Source = attrs.field(validator=_valid_source)
    params: frozenset[str] = attrs.field(default=frozenset(), converter=_names)
    severity: Severity | None = None
    zh: str = attrs.field(validator=_valid_template)
    en: str = attrs.field(validator=_valid_template)
    brief_zh: str = attrs.field(default="", validator=_valid_brief)
    brief_en: str = attrs.field(default="", validator=_valid_brief)

    @property
    def fields(self) -> frozenset[str]:
        """Every field a template may use: the parameters and ``subject``."""
        return self.params | {"subject"}

    def template(self, lang: str) -> str:
        """The template in ``lang`` (``zh`` or ``en``)."""
        if lang not in LANGUAGES:
            raise InvalidRecordError(
                f"no templates in {lang!r}; choose one of {', '.join(LANGUAGES)}",
                subject=self.code,
                rule="registry.language",
            )
        return self.zh if lang == "zh" else self.en

    def brief(self, lang: str) -> str:
        """The summary in ``lang`` for an error without the template's parameters ("" when
        there is none)."""
        self.template(lang)  # refuses a language without templates
        return self.brief_zh if lang == "zh" else self.brief_en
