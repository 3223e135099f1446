"""Strategies for rule sources (规则依据): citations with or without a note in zh and en."""

from __future__ import annotations

from hypothesis import strategies as st

from neighborhood_pb.errors.source import Source
from neighborhood_pb.testing.calendar import chinese_text

__all__ = ["rule_sources"]

_CITED = chinese_text(min_size=1, max_size=30).filter(str.strip)
_NOTES_ZH = chinese_text(min_size=1, max_size=20).filter(str.strip)
_NOTES_EN = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz ,;:'"), min_size=1, max_size=30
).filter(lambda text: text.strip() and "library default" not in text)


@st.composite
def rule_sources(draw: st.DrawFn) -> Source:
    """A valid :class:`~neighborhood_pb.errors.source.Source`: a Chinese citation (or none,
    for a library default), a note in both languages or in neither, and the library-default
    mark."""
    library_default = draw(st.booleans())
    cited = draw(_CITED if not library_default else st.one_of(st.just(""), _CITED))
    noted = draw(st.booleans())
    return Source(
        cited=cited,
        note_zh=draw(_NOTES_ZH) if noted else "",
        note_en=draw(_NOTES_EN) if noted else "",
        library_default=library_default,
    )
