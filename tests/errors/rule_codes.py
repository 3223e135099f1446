"""Rule codes used in the source, found by walking its syntax trees.

A code is a string literal given as ``rule=`` to an error or ``code=``/``rule=`` to a
:class:`~neighborhood_pb.errors.Finding`, directly or through a module's own helper that
takes a ``rule`` or ``code`` parameter and builds an error or a finding, or through the
shared :func:`~neighborhood_pb.errors.make_finding`.
"""

from __future__ import annotations

import ast
import pathlib

SOURCE = pathlib.Path(__file__).resolve().parents[2] / "src" / "neighborhood_pb"
SKIP = ("testing", "samples")  # strategies and sample data build records, not rules


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _builds_problem(node: ast.AST) -> bool:
    return any(
        isinstance(call, ast.Call)
        and (_name(call.func).endswith("Error") or _name(call.func) == "Finding")
        for call in ast.walk(node)
    )


def _helpers(tree: ast.Module) -> dict[str, dict[str, int]]:
    """Functions taking ``rule`` or ``code`` that build an error or a finding, with the
    position of each such parameter."""
    found: dict[str, dict[str, int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and _builds_problem(node):
            names = [a.arg for a in node.args.args]
            errors_only = not any(
                isinstance(c, ast.Call) and _name(c.func).endswith("Error") for c in ast.walk(node)
            )
            # a finding helper's ``rule`` names a source text, not a code
            kinds = ("code",) if errors_only else ("rule", "code")
            wanted = {n: names.index(n) for n in kinds if n in names}
            if wanted:
                found[node.name] = wanted
    return found


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return node.value
    return None


def codes_in(tree: ast.Module) -> set[str]:
    """Rule codes given to errors, findings and their helpers in one module."""
    helpers = _helpers(tree)
    codes: set[str] = set()
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = _name(call.func)
        if name.endswith("Error") or name == "Finding":
            wanted = {"rule", "code"} if name == "Finding" else {"rule"}
            positions: dict[str, int] = {}
        elif name == "make_finding":  # the shared builder: its first argument is the code
            wanted, positions = {"code"}, {"code": 0}
        elif name in helpers:
            wanted, positions = set(helpers[name]), helpers[name]
        else:
            continue
        for keyword in call.keywords:
            if keyword.arg in wanted and (code := _literal(keyword.value)):
                codes.add(code)
        for index in positions.values():
            if index < len(call.args) and (code := _literal(call.args[index])):
                codes.add(code)
    return codes


def source_codes() -> set[str]:
    """Every rule code used in the package's source."""
    codes: set[str] = set()
    for path in sorted(SOURCE.rglob("*.py")):
        if path.relative_to(SOURCE).parts[0] in SKIP:
            continue
        codes |= codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return codes
