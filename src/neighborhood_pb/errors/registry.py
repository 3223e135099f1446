"""Every rule code in one place (规则登记): its source, severity and zh/en templates.

The specs are data, kept by area in ``rules_*.py``. :func:`rule_spec` finds a code's spec;
a code made of a family and a key (``metric.below_target.coverage``) falls back to its
family (``metric.below_target``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from neighborhood_pb.errors import (
    rules_calendar,
    rules_cobuild,
    rules_columnar,
    rules_data,
    rules_governance,
    rules_ledger,
    rules_points,
    rules_posts,
    rules_registers,
    rules_registers_reconcile,
    rules_rotations,
    rules_store,
    rules_structure,
)
from neighborhood_pb.errors.exceptions import ConflictError, NeighborhoodPBError
from neighborhood_pb.errors.spec import ParamValue, RuleSpec, fill, placeholders, subject_label

__all__ = ["RULES", "error_text", "render", "rule_spec"]


def _index(specs: Iterable[RuleSpec]) -> dict[str, RuleSpec]:
    index: dict[str, RuleSpec] = {}
    for spec in specs:
        if spec.code in index:
            raise ConflictError(
                f"rule {spec.code} is registered twice", subject=spec.code, rule="registry.unique"
            )
        index[spec.code] = spec
    return index


RULES: Mapping[str, RuleSpec] = _index(
    (
        *rules_calendar.SPECS,
        *rules_cobuild.SPECS,
        *rules_columnar.SPECS,
        *rules_data.SPECS,
        *rules_governance.SPECS,
        *rules_ledger.SPECS,
        *rules_points.SPECS,
        *rules_posts.SPECS,
        *rules_registers.SPECS,
        *rules_registers_reconcile.SPECS,
        *rules_rotations.SPECS,
        *rules_store.SPECS,
        *rules_structure.SPECS,
    )
)
"""Every registered rule, by code."""


def rule_spec(code: str) -> RuleSpec | None:
    """The spec of ``code`` (or of its family), or ``None`` when it is not registered."""
    while code:
        spec = RULES.get(code)
        if spec is not None:
            return spec
        code = code.rpartition(".")[0]
    return None


def render(code: str, subject: str, params: Mapping[str, ParamValue], lang: str) -> str | None:
    """The template of ``code`` in ``lang`` filled with ``subject`` and ``params``.

    Returns ``None`` when the code has no spec or ``params`` lacks a field the template uses.
    """
    spec = rule_spec(code)
    if spec is None:
        return None
    try:
        return fill(spec.template(lang), {**params, "subject": subject}, lang)
    except KeyError:
        return None


def error_text(error: NeighborhoodPBError, lang: str = "zh") -> str:
    """An error as one line in ``lang``.

    In zh, the rule's template filled with the error's params, and the rule's code where the
    English message names it; when the error carries no params, the English detail follows
    in brackets, and when it lacks a parameter the template uses, the rule's brief does, with
    the English detail (without a brief: the error's own message). An error that wraps a
    library error (its ``error`` attribute, or its cause when its ``detail`` is that error's
    message: a stored row's record refused, a record refused while structuring) shows that
    error in ``lang`` as its detail. In en, the error's own message.
    """
    if lang == "en":
        return str(error)
    params = dict(error.params)
    wrapped = _wrapped(error)
    if wrapped is not None:
        params["detail"] = error_text(wrapped, lang)
    spec = rule_spec(error.rule)
    if spec is None:
        return str(error)
    template = spec.template(lang)
    if placeholders(template) - {"subject"} <= params.keys():
        text = fill(template, {**params, "subject": subject_label(error.subject, "", lang)}, lang)
        if not error.params:
            return f"{text}（{error}）"
        if f"(rule: {error.rule})" in str(error):  # named as the English message names it
            return f"{text}（规则：{error.rule}）"
        return text
    brief = spec.brief(lang)
    return f"{brief}（{error}）" if brief else str(error)


def _wrapped(error: NeighborhoodPBError) -> NeighborhoodPBError | None:
    """The library error ``error`` wraps, if any (see :func:`error_text`)."""
    named = getattr(error, "error", None)
    if isinstance(named, NeighborhoodPBError):
        return named
    cause = error.__cause__
    if isinstance(cause, NeighborhoodPBError) and error.params.get("detail") == str(cause):
        return cause
    return None
