"""The risk levels are written once, in ``hegai.risk.assessment`` (issue 17, item 15): the service,
the reports, OCR and the testing plugin read that tuple, so a level added or renamed there reaches
every one of them instead of leaving a copy behind."""

from __future__ import annotations

import ast
from pathlib import Path

import hegai
from hegai.risk import LEVELS

PACKAGE = Path(hegai.__file__).parent
HOME = PACKAGE / "risk" / "assessment.py"


def test_no_module_but_the_risk_assessment_spells_the_levels_out():
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == len(LEVELS):
                words = [getattr(e, "value", None) for e in node.elts]
                if words == list(LEVELS) and path != HOME:
                    copies.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not copies, f"the levels spelled out again: {copies}"


def test_the_testing_plugin_ranks_by_the_same_levels():
    from hegai.testing import exposure

    assert exposure.LEVELS is LEVELS
