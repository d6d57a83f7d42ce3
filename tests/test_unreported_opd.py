"""A payment run warns when an OPD's monitoring data are missing altogether (review 72).

Under ``missing_realisation: zero`` (the default: not reporting is not performing) an
indicator with a target and no counted realisation scores 0. When *no* indicator of an OPD has
one (its e-Pantau export was not loaded, or nothing is approved yet under ``min_status``),
every official and staff member scored from it is paid on 0 % performance, and the OPD
factor falls to its lowest band. Before, the run paid them so without a word.

The hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1: Dinas D reports
(i1, i2, i3, p1), Kecamatan E has i5 with a target and no realisation (and i6 without target).
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from tests import strategies as tst
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import InputWarning
from tukin.ruleset.load import build_ruleset

PERIOD = "2025-Q1"


def _run(
    steps: list[dict[str, Any]], realisations: pd.DataFrame | None = None, lang: str = "en"
) -> list[InputWarning]:
    tables = tst.mini_regency_tables()
    if realisations is not None:
        tables["realisations"] = realisations
    ds = Dataset.from_frames(**tables, lang=lang)
    pay = [
        {"id": "tpp", "type": "formula", "expr": f"rupiah(1000000 * {steps[0]['id']})"},
        {"id": "bulat", "type": "round", "input": "tpp"},
    ]
    rs = build_ruleset({"name": "t", "parameters": {}, "steps": [*steps, *pay]}, {})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = calculate(ds, rs, PERIOD)
    found = [w.message for w in caught if isinstance(w.message, InputWarning)]
    assert [w.code for w in result.warnings] == [w.code for w in found]  # kept on the Result
    return [w for w in found if w.code == "opd_unreported"]


ROLLUP = {"id": "capaian", "type": "rollup", "missing": "value"}


class TestUnreportedOpd:
    """``opd_unreported`` names each OPD whose indicators with targets have no counted figure."""

    def test_an_opd_without_any_realisation_is_named(self) -> None:
        """E has one indicator with a target and no realisation: named, D (reporting) is not."""
        (w,) = _run([ROLLUP])
        assert w.fields["value"] == 1 and w.fields["opds"] == "E (1)"
        assert w.fields["step"] == "'capaian'"
        # for a program (review 88): the OPDs as objects, the steps a list
        assert w.params["opds"] == [{"opd": "E", "indicators": 1}]
        assert w.params["step"] == ["capaian"]
        text = w.message("en")
        assert "score 0" in text and "E (1)" in text
        assert "bernilai 0" in w.message("id")

    def test_every_opd_missing(self) -> None:
        """No realisation at all: both OPDs, with their counts of indicators with targets."""
        (w,) = _run([ROLLUP], realisations=tst.mini_regency_tables()["realisations"].iloc[:0])
        assert w.fields["value"] == 2 and w.fields["opds"] == "D (4), E (1)"

    def test_one_counted_figure_is_enough(self) -> None:
        """D with only i2 left (approved) is reporting, lagging perhaps, but not missing."""
        real = tst.mini_regency_tables()["realisations"]
        (w,) = _run([ROLLUP], realisations=real[real["indicator_id"] == "i2"])
        assert w.fields["opds"] == "E (1)"

    def test_figures_below_min_status_do_not_count(self) -> None:
        """With min_status signed, D's figures all entered are not counted: D is named, with
        the status in the text."""
        real = tst.mini_regency_tables()["realisations"].assign(status="entered")
        (w,) = _run([{**ROLLUP, "min_status": "signed"}], realisations=real)
        assert w.fields["opds"] == "D (4), E (1)" and w.fields["status"] == "signed"

    def test_steps_reading_the_same_figures_warn_once(self) -> None:
        """A rollup and an opd_score with the same periods and min_status: one warning
        naming both steps."""
        steps = [ROLLUP, {"id": "nilai_opd", "type": "opd_score", "missing": "value"}]
        (w,) = _run(steps)
        assert w.fields["step"] == "'capaian', 'nilai_opd'"

    def test_no_warning_when_unreported_figures_are_skipped_or_money_is_read(self) -> None:
        """missing_realisation: skip scores nobody 0 (the rule's missing handles it); an
        opd_score on money reads no indicator."""
        assert _run([{**ROLLUP, "missing_realisation": "skip"}]) == []
        assert (
            _run([{"id": "f", "type": "opd_score", "source": "financial", "missing": "value"}])
            == []
        )


class TestOwnItemsUnscored:
    """``rollup_own_unscored``: an official answering for work items that give no score (no
    indicator, or none with a target) takes the next source's score, e.g. the superior's: S12
    without its target lifted kasi2 from 75 % to kabid's 112.5 %. Lagging and scoring nothing
    paid better than lagging and being measured; before, nothing but the explanation said so."""

    def _run(self, tables: dict[str, pd.DataFrame], step: dict[str, Any]) -> list[InputWarning]:
        ds = Dataset.from_frames(**tables, lang="en")
        pay = [
            {"id": "tpp", "type": "formula", "expr": f"rupiah(1000000 * {step['id']})"},
            {"id": "bulat", "type": "round", "input": "tpp"},
        ]
        rs = build_ruleset({"name": "t", "parameters": {}, "steps": [step, *pay]}, {})
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            result = calculate(ds, rs, PERIOD)
        return [w for w in result.warnings if w.code == "rollup_own_unscored"]

    def test_a_target_missing_sends_the_pengawas_to_the_superior(self) -> None:
        """i3 without target: kasi2 (S12) named, with the step."""
        tables = tst.mini_regency_tables()
        tables["targets"] = tables["targets"][tables["targets"]["indicator_id"] != "i3"]
        (w,) = self._run(tables, ROLLUP)
        assert w.fields["value"] == 1 and w.fields["positions"] == "kasi2 (S12)"
        assert w.fields["step"] == "'capaian'"
        assert w.params["positions"] == [{"position": "kasi2", "items": ["S12"]}]
        assert w.params["step"] == ["capaian"]
        assert "superior" in w.message("en") and "atasan" in w.message("id")

    def test_items_without_indicators_too(self) -> None:
        """S12 with no indicator at all: kasi2 is named as well."""
        tables = tst.mini_regency_tables()
        for name in ("indicators", "targets", "realisations"):
            tables[name] = tables[name][tables[name]["indicator_id"] != "i3"]
        (w,) = self._run(tables, ROLLUP)
        assert w.fields["positions"] == "kasi2 (S12)"

    def test_nothing_when_scored_vacant_or_without_a_fallback(self) -> None:
        """Every official scored: nothing; kasi2 unscored but vacant: nobody is paid so;
        pengawas with sources [own] only: rejected with a reason instead, not warned."""
        assert self._run(tst.mini_regency_tables(), ROLLUP) == []
        tables = tst.mini_regency_tables()
        tables["targets"] = tables["targets"][tables["targets"]["indicator_id"] != "i3"]
        vacant = {
            **tables,
            "employees": tables["employees"][tables["employees"]["position_id"] != "kasi2"],
        }
        assert self._run(vacant, ROLLUP) == []
        own_only = {**ROLLUP, "sources": {"pengawas": ["own"]}}
        assert self._run(tables, own_only) == []
