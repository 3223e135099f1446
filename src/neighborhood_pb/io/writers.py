"""Generated record writers (记录写出函数): records straight to plain values.

Writing a city spends most of its time turning records into plain values. A writer is a
function per record type, generated once from its attrs fields like the builders of
:mod:`neighborhood_pb.io.builders`, that writes what ``cattrs``' own generated function
writes (the same keys in the same order, the same values, defaults left out alike) with less
in between: an optional field is tested once for ``None`` and written with its type's hook, an
enum member is looked up in its table at once, a value written as it is is not passed to a
hook at all.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.fns import identity
from cattrs.gen import make_dict_unstructure_fn

from neighborhood_pb.io.builders import compile_builder
from neighborhood_pb.io.hooks import OptionalWriter

__all__ = ["dict_writer"]


def _written(n: int, value: str, hook: Any, names: dict[str, Any]) -> str:
    """The expression that writes ``value`` with ``hook`` (added to ``names`` as ``u<n>``)."""
    if hook is identity:
        return value
    table = getattr(hook, "__self__", None)
    if type(table) is dict and getattr(hook, "__name__", "") == "__getitem__":
        names[f"u{n}"] = table  # an enum's table of values, looked up in place
        return f"u{n}[{value}]"
    names[f"u{n}"] = hook
    return f"u{n}({value})"


def dict_writer(cls: type, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    """An unstructure hook for the attrs class ``cls`` (every field set by ``__init__``, not
    generic) writing what ``cattrs.gen.make_dict_unstructure_fn`` would for ``converter``.

    A field this generator does not write itself (a default made by a factory that takes the
    instance, an attrs converter object, keys written by alias) leaves the whole class to
    ``cattrs``' own function.
    """
    omit: bool = converter.omit_if_default

    def cattrs_own() -> Callable[[Any], dict[str, Any]]:
        made: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=omit
        )
        return made

    if getattr(converter, "use_alias", False):
        return cattrs_own()
    hints = typing.get_type_hints(cls, include_extras=True)
    names: dict[str, Any] = {}
    always: list[str] = []
    optional: list[str] = []
    for n, field in enumerate(attrs.fields(cls)):
        hint, default, convert = hints[field.name], field.default, field.converter
        if typing.get_origin(hint) in (typing.Annotated, typing.Final) or hint is typing.Final:
            return cattrs_own()  # cattrs reads overrides from these
        hook = converter.get_unstructure_hook(hint)
        if default is attrs.NOTHING or not omit:
            always.append(f"{field.name!r}: {_written(n, f'o.{field.name}', hook, names)},")
            continue
        if isinstance(convert, attrs.Converter):
            return cattrs_own()
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self or convert is not None:
                return cattrs_own()
            names[f"d{n}"] = default.factory
            test = f"v != d{n}()"
        else:
            if convert is not None:  # the default as the record holds it
                default = convert(default)
            names[f"d{n}"] = default
            test = "v is not None" if default is None else f"v != d{n}"
        if default is None and isinstance(hook, OptionalWriter):  # None is tested here
            hook = hook.inner
        optional += [
            f"    v = o.{field.name}",
            f"    if {test}: d[{field.name!r}] = {_written(n, 'v', hook, names)}",
        ]
    lines = ["def make(o):", "    d = {", *(f"        {item}" for item in always), "    }"]
    return compile_builder([*lines, *optional, "    return d"], names, cls)
