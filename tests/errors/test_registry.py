"""The rule registry: every code in the source has a spec with both templates."""

import ast
import pathlib

import pytest
from rule_codes import SOURCE, codes_in, source_codes

from neighborhood_pb.errors import ConflictError, InvalidRecordError, RuleSpec, Severity
from neighborhood_pb.errors.registry import RULES, _index, rule_spec
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source, source_text
from neighborhood_pb.errors.spec import LANGUAGES, placeholders


def test_every_rule_code_in_the_source_is_registered() -> None:
    codes = source_codes()
    assert len(codes) > 150  # the scan sees the source
    missing = sorted(code for code in codes if rule_spec(code) is None)
    assert missing == [], f"rule codes without a spec (add them to errors/rules_*.py): {missing}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_spec_has_both_templates_within_its_fields(code: str) -> None:
    spec = RULES[code]
    assert spec.code == code
    assert source_text(spec.source, "zh").strip()
    for lang in LANGUAGES:
        template = spec.template(lang)
        assert template.strip(), f"{code} has no {lang} template"
        assert placeholders(template) <= spec.fields, f"{code} {lang}: undeclared fields"


def test_finding_codes_have_a_severity_and_a_cited_source() -> None:
    findings = [spec for spec in RULES.values() if spec.severity is not None]
    assert len(findings) >= 30
    cited = [spec for spec in findings if spec.source != LIBRARY_DEFAULT]
    assert len(cited) == len(findings)
    assert "3人以上" in RULES["branch.below_minimum"].source.cited
    assert RULES["term.overdue"].severity is Severity.ERROR


def test_the_scan_follows_helpers_and_skips_sources() -> None:
    tree = ast.parse(
        "def _fail(message, rule):\n"
        "    return InvalidRecordError(message, rule=rule)\n"
        "def _found(code, rule):\n"
        "    return Finding(code=code, rule=rule)\n"
        "_fail('bad', 'a.b')\n"
        "_fail('bad', rule='c.d')\n"
        "_found('e.f', 'a source text')\n"
        "Finding(code='g.h', rule='i.j')\n"
        "ValueError('x', rule='')\n"
        "other(rule='k.l')\n"
    )
    assert codes_in(tree) == {"a.b", "c.d", "e.f", "g.h", "i.j"}


def test_a_family_code_falls_back_to_its_family() -> None:
    assert rule_spec("metric.below_target.coverage") is RULES["metric.below_target"]
    assert rule_spec("no.such.code") is None


def test_specs_refuse_undeclared_fields_empty_templates_and_duplicates() -> None:
    with pytest.raises(InvalidRecordError, match="undeclared"):
        RuleSpec(code="x.y", source=Source(cited="s"), zh="{count}", en="{subject}")
    with pytest.raises(InvalidRecordError, match="empty"):
        RuleSpec(code="x.y", source=Source(cited="s"), zh=" ", en="{subject}")
    spec = RuleSpec(
        code="x.y", source=Source(cited="s"), params={"count"}, zh="{count}", en="{subject}"
    )
    with pytest.raises(ConflictError, match="registered twice") as caught:
        _index([spec, spec])
    assert caught.value.rule == "registry.unique"
    with pytest.raises(InvalidRecordError, match="fr"):
        spec.template("fr")


def _imports(path: pathlib.Path) -> set[str]:
    """Modules of the package a file imports at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module is not None
        and node.module.startswith("neighborhood_pb")
    }


def test_errors_is_the_bottom_floor_and_loads_the_registry_lazily() -> None:
    package = SOURCE / "errors"
    for path in package.glob("*.py"):
        assert all(m.startswith("neighborhood_pb.errors") for m in _imports(path)), path
    cheap = ["__init__.py", "exceptions.py", "finding.py", "severity.py", "spec.py"]
    for name in cheap:
        assert "neighborhood_pb.errors.registry" not in _imports(package / name), name
        assert not any(".rules_" in m for m in _imports(package / name)), name
