"""Where a rule comes from (依据): the citation as quoted, a note in zh and in en, and whether
the library sets the rule itself; :func:`source_text` renders it for readers of a language.
"""

from __future__ import annotations

import attrs

from neighborhood_pb.errors.exceptions import InvalidRecordError

__all__ = ["LIBRARY_DEFAULT", "Source", "as_source", "source_text"]

_DEFAULT_LABEL = {"zh": "本库默认", "en": "library default"}
_JOIN = {"zh": "；", "en": "; "}


def _one_language_note(instance: Source) -> None:
    given = {"zh": instance.note_zh, "en": instance.note_en}
    missing = [lang for lang, note in given.items() if not note.strip()]
    if missing and any(given.values()):
        raise InvalidRecordError(
            f"source {instance.cited!r}: a note is given without its "
            f"{' and '.join(missing)} wording",
            subject=instance.cited,
            rule="registry.note",
        )


def _text(instance: Source, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidRecordError(
            f"a source's {attribute.name} is text, got {type(value).__name__} {value!r}",
            rule="registry.source",
        )


def _flag(instance: Source, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidRecordError(
            f"a source's {attribute.name} is true or false, got {type(value).__name__}",
            rule="registry.source",
        )


def _citation(instance: Source, attribute: attrs.Attribute[str], value: str) -> None:
    _text(instance, attribute, value)
    if _DEFAULT_LABEL["en"] in value:
        raise InvalidRecordError(
            f"source {value!r}: the citation says {_DEFAULT_LABEL['en']!r}; "
            "set library_default instead",
            subject=value,
            rule="registry.source",
        )


@attrs.frozen(kw_only=True)
class Source:
    """The source of a rule (依据): a regulation or source article as quoted, with an
    optional note in both languages.

    Attributes:
        cited: The citation as quoted, in its own language (usually Chinese), unchanged;
            "" for a rule no source names.
        note_zh: A note on the citation in zh-CN ("" for none).
        note_en: The same note in English ("" for none); a note has both wordings.
        library_default: Whether the library sets the rule (or its figure) itself (本库默认).

    Raises:
        InvalidRecordError: a note in one language only (rule ``registry.note``), a citation
            saying "library default" instead of setting ``library_default``, or a source
            with nothing in it (rule ``registry.source``).
    """

    cited: str = attrs.field(default="", validator=_citation)
    note_zh: str = attrs.field(default="", validator=_text)
    note_en: str = attrs.field(default="", validator=_text)
    library_default: bool = attrs.field(default=False, validator=_flag)

    def __attrs_post_init__(self) -> None:
        _one_language_note(self)
        if not (self.cited.strip() or self.note_zh.strip() or self.library_default):
            raise InvalidRecordError(
                "a source cites something, carries a note or is a library default",
                subject=self.cited,
                rule="registry.source",
            )

    def note(self, lang: str) -> str:
        """The note for readers of ``lang`` (``zh`` or ``en``), "" when there is none."""
        return self.note_zh if lang == "zh" else self.note_en


def as_source(source: Source | str) -> Source:
    """``source`` itself, or text taken as a citation with no note (a converter for rules
    given as data).

    Raises:
        InvalidRecordError: ``source`` is neither (rule ``registry.source``), or empty text.
    """
    if isinstance(source, Source):
        return source
    if not isinstance(source, str):
        raise InvalidRecordError(
            f"a source is a Source or its citation as text, got {type(source).__name__}",
            rule="registry.source",
        )
    return Source(cited=source)


LIBRARY_DEFAULT = Source(library_default=True)
"""The source of a rule the library sets itself (no regulation names it): 本库默认."""


def source_text(source: Source | str, lang: str) -> str:
    """A rule's source as ``lang``'s readers see it (依据): the citation as quoted, then its
    note in ``lang`` and "本库默认" / "library default" in brackets.

    Text that is not a :class:`Source` (a citation a caller gave as is) is shown unchanged.

    >>> source_text(Source(cited="盐城市: 项目有预算"), "en")
    '盐城市: 项目有预算'
    >>> yongchun = Source(
    ...     cited="永春县: 在职党员报到率100%",
    ...     note_zh="无党员在不知不觉中被排除出分母",
    ...     note_en="no member falls out of the denominator unseen",
    ...     library_default=True,
    ... )
    >>> source_text(yongchun, "zh")
    '永春县: 在职党员报到率100%（无党员在不知不觉中被排除出分母；本库默认）'
    >>> source_text(yongchun, "en")
    '永春县: 在职党员报到率100% (no member falls out of the denominator unseen; library default)'
    >>> source_text(LIBRARY_DEFAULT, "zh")
    '本库默认'
    """
    if isinstance(source, str):
        return source
    label = "zh" if lang == "zh" else "en"
    notes = [source.note(label)] if source.note(label) else []
    if source.library_default:
        notes.append(_DEFAULT_LABEL[label])
    remark = _JOIN[label].join(notes)
    if not source.cited:
        return remark
    if not remark:
        return source.cited
    return f"{source.cited}（{remark}）" if label == "zh" else f"{source.cited} ({remark})"
