"""The package's lazy public surfaces (PEP 562), written once for every ``__init__``.

The root package and its subpackages re-export their public names without importing the
modules that define them until a name is first used. This module imports nothing of the
package, so that every floor, the bottom one included, can build its surface with it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence

__all__ = ["lazy_surface"]


def lazy_surface(
    package: str,
    namespace: MutableMapping[str, object],
    table: Mapping[str, str],
    public: Sequence[str],
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of a package with lazy re-exports.

    Args:
        package: The package's name (``__name__``).
        namespace: The package's globals, where a name is cached once loaded.
        table: Each public name and the module that defines it.
        public: The package's ``__all__``.

    Returns:
        ``__getattr__``, which loads a public name's module on first use (or a submodule by
        its name) and refuses anything else with ``AttributeError``, and ``__dir__``, which
        lists the public names whether loaded or not.
    """

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            if name.startswith("_"):
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            try:
                return importlib.import_module(f"{package}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{name}":
                    raise  # a dependency missing inside the submodule: not hidden
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__
