"""Generated record builders (记录构建函数): records straight from plain values.

Reading a city spends most of its time turning plain values into records. A builder is a
function per record type, generated once from its attrs fields, that calls the very hooks
``cattrs`` would call, field by field, and builds the record with them: no generated
``cattrs`` code in between. The store builds records from rows with it
(:mod:`neighborhood_pb.io.store.fast`), the JSON reader from objects (:func:`dict_builder`).

A builder never decides what is valid: every value goes through the converter's own hook
and every record through its own validators. Anything it does not take as plainly valid
raises (:class:`Refused`, or the refusal itself); the caller then reads the whole input with
the strict path, which accepts it or reports the error it always reported.
"""

from __future__ import annotations

import enum
import typing
import weakref
from collections.abc import Callable
from typing import Any, NoReturn

import attrs
import cattrs

__all__ = [
    "Refused",
    "buildable",
    "compile_builder",
    "dict_builder",
    "generated_for",
    "refuse",
    "structured_value",
]


class Refused(Exception):
    """A builder does not take this input; read it with the strict path."""


def refuse() -> NoReturn:
    """Give up on the fast path (called by generated builders)."""
    raise Refused


_TEXT = (str, str | None, typing.Optional[str])  # noqa: UP045 - how get_type_hints may spell it


def structured_value(n: int, hint: Any, converter: cattrs.Converter, names: dict[str, Any]) -> str:
    """The expression that structures the local ``v`` as ``hint`` with ``converter``'s hook.

    The hook and the type are added to ``names`` as ``h<n>`` and ``t<n>``. Printable text is
    taken at once, and so is an enum member's value when the hook gives that member for it;
    anything else goes to the hook.
    """
    hook = converter.get_structure_hook(hint)
    names[f"h{n}"], names[f"t{n}"] = hook, hint
    if hint in _TEXT:  # printable text holds no lone surrogate (category Cs is not printable)
        return f"v if type(v) is str and (v.isascii() or v.isprintable()) else h{n}(v, t{n})"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = {(type(m.value), m.value): m for m in hint}
        if all(hook(value, hint) is m for (_, value), m in members.items()):
            if all(kind is str for kind, _ in members):  # text alone equals text: no pair
                names[f"e{n}"] = {value: m for (_, value), m in members.items()}
                return f"m if type(v) is str and (m := e{n}.get(v)) is not None else h{n}(v, t{n})"
            names[f"e{n}"] = members  # the members the hook gives for their values, at once
            return f"m if (m := e{n}.get((type(v), v))) is not None else h{n}(v, t{n})"
    return f"h{n}(v, t{n})"


def compile_builder(
    lines: list[str], names: dict[str, Any], record: type | None = None
) -> Callable[..., Any]:
    """The function ``make`` defined by ``lines``, with ``names`` (and ``refuse``) in scope;
    :func:`generated_for` tells it made for the class ``record``, when one is given."""
    namespace = {"refuse": refuse, **names}
    exec("\n".join(lines), namespace)
    make: Callable[..., Any] = namespace["make"]
    if record is not None:
        _MADE_FOR[make] = record
    return make


_MADE_FOR: weakref.WeakKeyDictionary[Callable[..., Any], type] = weakref.WeakKeyDictionary()


def generated_for(hook: Any) -> type | None:
    """The class a hook was generated for by :func:`dict_builder` or
    :func:`~neighborhood_pb.io.writers.dict_writer`; ``None`` for any other hook."""
    try:
        return _MADE_FOR.get(hook)
    except TypeError:  # not weakly referenceable: not a generated function
        return None


def buildable(cls: Any) -> bool:
    """Whether :func:`dict_builder` handles ``cls``: an attrs class, not generic, every field
    set by ``__init__``."""
    return (
        isinstance(cls, type)
        and attrs.has(cls)
        and not getattr(cls, "__parameters__", ())
        and all(field.init for field in attrs.fields(cls))
    )


def dict_builder(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """A structure hook for the :func:`buildable` class ``cls`` taking only a ``dict`` that
    holds nothing but ``cls``'s field names (a converter made with ``forbid_extra_keys=True``
    refuses any other key).

    A missing required field, an unknown key, or anything else raises (see the module).
    """
    hints = typing.get_type_hints(cls)
    names: dict[str, Any] = {"cls": cls, "missing": attrs.NOTHING}
    lines = ["def make(o, _=None):", "    if type(o) is not dict: refuse()", "    kw = {}"]
    required: list[str] = []
    for n, field in enumerate(attrs.fields(cls)):
        value = structured_value(n, hints[field.name], converter, names)
        if field.default is attrs.NOTHING:  # a missing key raises KeyError
            lines += [f"    v = o[{field.name!r}]", f"    a{n} = {value}"]
            required.append(f"{field.alias}=a{n}")
            continue
        lines += [
            f"    v = o.get({field.name!r}, missing)",
            "    if v is not missing:",
            f"        kw[{field.alias!r}] = {value}",
        ]
    lines += [
        f"    if len(o) != {len(required)} + len(kw): refuse()",
        f"    return cls({', '.join([*required, '**kw'])})",
    ]
    return compile_builder(lines, names, cls)
