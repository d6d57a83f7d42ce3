"""Rejected rows of the monitoring tables stop exactly the employees whose score reads them.

The hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1: P1 (kadis, own
indicator p1) → K1 (kabid, no indicator: scores its children) → S11 (kasi1: i1, i2), S12
(kasi2: i3); staf1's superior is kasi1, guru's and staf3's kabid; Kecamatan E (camat,
stafE) apart. A rejected row blocks the employees whose score would have read it, with a
reason naming the table, the row's key and the work item; everybody else is paid the same.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pandas as pd
import pytest

import tukin
from tests import strategies as tst
from tests.test_rules_hierarchy import POSITIONS
from tukin.calc.engine import _Run
from tukin.calc.frame import employee_frame
from tukin.calc.notices import Observed, notices
from tukin.dataset import Dataset
from tukin.monitoring import monitoring_report
from tukin.period import Period
from tukin.ruleset.load import build_ruleset

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
ROLLUP = [{"id": "c", "type": "rollup"}]
BY_KEY = {
    "realisations": ["indicator_id", "period"],
    "targets": ["indicator_id", "period"],
    "indicators": ["indicator_id"],
    "budget_realisations": ["work_item_id", "period"],
    "work_items": ["work_item_id"],
}


def tables_with(table: str, key: tuple[str, ...], column: str, value: Any) -> dict[str, Any]:
    """The hand-made regency with one cell of the row keyed ``key`` of ``table`` set."""
    tables = tst.mini_regency_tables(True)
    frame = tables[table].copy()
    hit = pd.Series(True, index=frame.index)
    for col, part in zip(BY_KEY[table], key, strict=True):
        hit &= frame[col].astype(str) == part
    assert hit.sum() == 1
    frame[column] = frame[column].astype(object)
    frame.loc[hit, column] = value
    tables[table] = frame
    return tables


def with_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    tables = tst.mini_regency_tables(True)
    tables[table] = pd.concat([tables[table], pd.DataFrame([row])], ignore_index=True)
    return tables


def run(
    tables: dict[str, Any] | Dataset,
    steps: list[dict[str, Any]] = ROLLUP,
    period: str = "2025-Q1",
    reference: bool = False,
) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """(position -> value of the last step for paid rows, position -> (code, reason))."""
    ds = tables if isinstance(tables, Dataset) else Dataset.from_frames(**tables)
    p = Period.parse(period)
    rs = build_ruleset({"name": "t", "steps": steps}, {})
    r = _Run(employee_frame(ds, p), rs, p, ds)
    r.pre_checks()
    r.evaluate(reference=reference)
    out = tst.Outcome(r)
    values = out.values(steps[-1]["id"])
    paid = {POSITIONS[i]: values[i] for i in range(r.n) if r.alive[i]}
    why = {POSITIONS[i]: (x[0], x[2]) for i, x in enumerate(r.reason) if x is not None}
    return paid, why


@cache
def clean(steps: str = "rollup", period: str = "2025-Q1") -> dict[str, Any]:
    chosen = ROLLUP if steps == "rollup" else [{"id": "o", "type": "opd_score", "source": steps}]
    paid, why = run(tst.mini_regency_tables(True), chosen, period)
    assert not why
    return paid


_IDS = ("work_item_id", "parent_id")
_NUMERIC = {"P1": 1, "K1": 2, "S11": 3, "S12": 4, "PE": 5, "KE": 6, "SE": 7}


def _numeric_ids(tmp_path: Any, form: str) -> Dataset:
    """The hand-made regency with work item ids 1..7 and S12 (4) rejected (unknown unit),
    as a frame (parent_id float64 with NaN), a CSV folder, a JSON file of whole numbers, or
    records."""
    tables = tst.mini_regency_tables(True)
    for name in ("work_items", "indicators", "budget_realisations"):
        frame = tables[name].copy()
        for col in ("work_item_id", "parent_id"):
            if col in frame:
                frame[col] = frame[col].map(_NUMERIC)
        tables[name] = frame
    work = tables["work_items"]
    assert work["parent_id"].dtype == "float64"
    work.loc[work["work_item_id"] == 4, "unit_id"] = "NOPE"
    if form == "frames":
        return Dataset.from_frames(**tables)
    if form == "csv":
        return tukin.io.read_dataset(tukin.io.write_frames(tables, tmp_path / "csv"))
    records = {
        name: [
            {
                k: None if pd.isna(v) else int(v) if k in _IDS and isinstance(v, float) else v
                for k, v in row.items()
            }
            for row in frame.astype(object).to_dict("records")
        ]
        for name, frame in tables.items()
    }
    if form == "records":
        return Dataset.from_records(records)
    path = tmp_path / "numeric.json"
    path.write_text(json.dumps(records, default=str))
    return tukin.io.read_dataset(path)


def blocked(why: dict[str, tuple[str, str]]) -> set[str]:
    return {pos for pos, (code, _) in why.items() if code == "score_row_rejected"}


class TestBlocksExactlyTheReaders:
    @BACKENDS
    def test_rejected_realisation(self, reference: bool) -> None:
        """i3 of S12 rejected: kasi2 (S12), kabid (K1 scores its children), guru and staf3
        (their superior is kabid). kadis's P1 scores its own indicator: paid as before."""
        paid, why = run(
            tables_with("realisations", ("i3", "2025-Q1"), "value", -1), reference=reference
        )
        assert blocked(why) == {"kasi2", "kabid", "guru", "staf3"}
        assert paid == {k: v for k, v in clean().items() if k not in blocked(why)}

    @BACKENDS
    def test_rejected_target(self, reference: bool) -> None:
        paid, why = run(
            tables_with("targets", ("i1", "2025-Q1"), "target", -5), reference=reference
        )
        assert blocked(why) == {"kasi1", "staf1", "kabid", "guru", "staf3"}
        assert paid == {k: v for k, v in clean().items() if k not in blocked(why)}

    @BACKENDS
    def test_rejected_indicator(self, reference: bool) -> None:
        """p1 (P1's own indicator) rejected: only kadis reads P1."""
        paid, why = run(tables_with("indicators", ("p1",), "weight", -1), reference=reference)
        assert blocked(why) == {"kadis"}
        assert paid == {k: v for k, v in clean().items() if k != "kadis"}

    def test_rejected_work_item(self) -> None:
        """S12 rejected (an unknown unit): its indicators go with it; K1 above it reads it,
        kasi2 answers for it."""
        paid, why = run(tables_with("work_items", ("S12",), "unit_id", "NOPE"))
        assert blocked(why) == {"kasi2", "kabid", "guru", "staf3"}
        assert paid == {k: v for k, v in clean().items() if k not in blocked(why)}

    @pytest.mark.parametrize("form", ["frames", "csv", "json", "records"])
    def test_rejected_work_item_numeric_ids(self, tmp_path, form: str) -> None:
        """Review 31, d01: work item ids that are numbers (a database's keys). In a frame,
        parent_id is a float column (programs have none): S12's parent is 2.0, kept as "2"
        as validation types K1's id, so K1 above it is found on every input form."""
        paid, why = run(_numeric_ids(tmp_path, form))
        assert blocked(why) == {"kasi2", "kabid", "guru", "staf3"}
        assert paid == {k: v for k, v in clean().items() if k not in blocked(why)}

    @BACKENDS
    def test_rejected_budget_realisation(self, reference: bool) -> None:
        """A spending row of S12 rejected: the physical score of Dinas D is unknown, its
        seven employees are stopped; Kecamatan E is paid; a roll-up of indicators does not
        read spending, and stops nobody."""
        tables = tables_with("budget_realisations", ("S12", "2025-02"), "spent", -1)
        steps = [{"id": "o", "type": "opd_score", "source": "physical"}]
        paid, why = run(tables, steps, reference=reference)
        assert blocked(why) == set(POSITIONS) - {"camat", "stafE"}
        assert paid == {k: clean("physical")[k] for k in ("camat", "stafE")}
        paid, why = run(tables)
        assert not why and paid == clean()

    def test_opd_factor_reads_programs(self) -> None:
        """An OPD's achievement reads its programs: P1 scores its own p1, so a rejected
        realisation under K1 leaves the OPD's score whole; a rejected p1 does not."""
        steps = [{"id": "o", "type": "opd_score"}]
        _, why = run(tables_with("realisations", ("i3", "2025-Q1"), "value", -1), steps)
        assert not why
        _, why = run(tables_with("realisations", ("p1", "2025-Q1"), "value", -1), steps)
        assert blocked(why) == set(POSITIONS) - {"camat", "stafE"}


class TestRowsNobodyReads:
    def test_other_periods(self) -> None:
        """A rejected realisation of Q3, or of January when Q1's is counted (``latest``),
        or a rejected target of December: read by no score of Q1."""
        for table, key, col, value in (
            ("realisations", ("i3", "2025-07"), "value", -1),
            ("realisations", ("i3", "2025-01"), "value", -1),
            ("targets", ("i3", "2025-12"), "target", -1),
        ):
            base = with_row(
                table,
                {"indicator_id": key[0], "period": key[1], col: 5},
            )
            frame = base[table]
            hit = (frame["indicator_id"] == key[0]) & (frame["period"] == key[1])
            frame.loc[hit, col] = value
            paid, why = run(base)
            assert not why, (table, key)
            assert paid == clean()

    def test_exact_rule_reads_only_the_period(self) -> None:
        tables = with_row("realisations", {"indicator_id": "i3", "period": "2025-03", "value": -1})
        paid, why = run(tables, [{"id": "c", "type": "rollup", "periods": "exact"}])
        assert not why and paid == clean()
        _, why = run(tables, [{"id": "c", "type": "rollup", "periods": "enclosing"}], "2025-03")
        assert blocked(why) == {"kasi2", "kabid", "guru", "staf3"}

    def test_unknown_indicator_blocks_nobody_and_warns(self) -> None:
        tables = with_row("realisations", {"indicator_id": "zz", "period": "2025-Q1", "value": 3})
        paid, why = run(tables)
        assert not why and paid == clean()
        ds = Dataset.from_frames(**tables)
        rs = build_ruleset({"name": "t", "steps": ROLLUP}, {})
        found = notices(ds, rs, Period.parse("2025-Q1"), Observed())
        said = [w for w in found if w.code == "unplaced_rejected_rows"]
        assert len(said) == 1 and "zz/2025-Q1" in str(said[0])


class TestReason:
    def test_names_table_row_and_item(self) -> None:
        tables = tables_with("realisations", ("i3", "2025-Q1"), "value", -1)
        with tukin.language("en"):
            _, why = run(tables)
        code, reason = why["kabid"]
        assert code == "score_row_rejected"
        for part in ("i3/2025-Q1", "S12", "-1", "rejected"):
            assert part in reason, reason
        with tukin.language("id"):
            _, why = run(tables)
        assert "ditolak" in why["kabid"][1] and "i3/2025-Q1" in why["kabid"][1]

    @pytest.mark.parametrize("lang", ["en", "id"])
    def test_the_row_from_the_parts_it_has(self, lang: str) -> None:
        """A work item row without its id (the key) named no work item either: the reason read
        "(Work items , work item : a value is required)". Each part is shown when the row has
        it; a row with a key and a work item names both."""
        keyless = tables_with("work_items", ("S12",), "work_item_id", None)
        keyed = tables_with("realisations", ("i3", "2025-Q1"), "value", -1)
        with tukin.language(lang):
            _, without = run(keyless)
            _, with_key = run(keyed)
        sheet, item = (
            ("Work items", "work item")
            if lang == "en"
            else ("Program Kegiatan", "program/kegiatan")
        )
        real = "Realisations" if lang == "en" else "Realisasi"
        reasons = [reason for code, reason in without.values() if code == "score_row_rejected"]
        assert reasons
        for reason in reasons:
            assert f"({sheet}: " in reason, reason
            assert " ," not in reason and " :" not in reason and "  " not in reason, reason
        assert f"({real} i3/2025-Q1, {item} S12: " in with_key["kabid"][1]

    def test_a_row_without_key_is_named_by_its_sheet_row(self, tmp_path: Any) -> None:
        """From a workbook, the row without a key is named by the sheet row the reader found
        it on: the clerk can go to it."""
        tables = tables_with("work_items", ("S12",), "work_item_id", None)
        path = tukin.io.write_frames(tables, tmp_path / "isian.xlsx", lang="id")
        ds = tukin.io.read_dataset(path, lang="id")
        with tukin.language("id"):
            _, why = run(ds)
        assert "(sheet Program Kegiatan, baris 5: nilai wajib diisi)" in why["kasi2"][1]


class TestMonitoringReport:
    def test_items_that_lost_a_row_are_marked(self) -> None:
        ds = Dataset.from_frames(**tables_with("realisations", ("i3", "2025-Q1"), "value", -1))
        report = monitoring_report(ds, "2025-Q1", "all", lang="en").set_index("id")
        assert report.loc["S12", "rejected_rows"] == 1
        assert report.loc["K1", "rejected_rows"] == report.loc["D", "rejected_rows"] == 1
        assert report.loc["S11", "rejected_rows"] == report.loc["E", "rejected_rows"] == 0
        assert "1 rejected rows left out" in report.loc["S12", "flags"]

    def test_clean_report_has_none(self) -> None:
        report = monitoring_report(Dataset.from_frames(**tst.mini_regency_tables(True)), "2025-Q1")
        assert (report["rejected_rows"] == 0).all()


def test_partitioned_equals_single() -> None:
    """The e-Pantau pack with 15 August realisations typed negative: the same employees
    stopped with the same reasons, partitioned or not; nobody else's pay changes."""
    from tukin.distributed import calculate_partitioned

    t = tukin.demo.generate(120, seed=81, year=2025, months=8)
    rs = tukin.load_ruleset("tpp-epantau-kukar-example")
    real = t["realisations"].copy()
    real.loc[real.index[real.period == "2025-08"][:15], "value"] = -1.0
    good = Dataset.from_frames(**t)
    bad = Dataset.from_frames(**{**t, "realisations": real})
    with pytest.warns(tukin.InputWarning):
        a = tukin.calculate(good, rs, "2025-08")
    with pytest.warns(tukin.InputWarning):
        b = tukin.calculate(bad, rs, "2025-08")
    with pytest.warns(tukin.InputWarning):
        c = calculate_partitioned(bad, rs, "2025-08", npartitions=3)
    stopped = b.rejected[b.rejected["code"] == "score_row_rejected"]
    assert len(stopped) > 0
    fa, fb = a.to_frame().set_index("nip"), b.to_frame().set_index("nip")
    assert set(fa.index) - set(fb.index) == set(stopped["nip"])
    assert fb["allowance"].equals(fa.loc[fb.index, "allowance"])
    assert c.to_frame().set_index("nip")["allowance"].equals(fb["allowance"])
    cols = ["nip", "code", "reason"]
    assert c.rejected[cols].reset_index(drop=True).equals(b.rejected[cols].reset_index(drop=True))
    assert c.receipt.result_fingerprint == b.receipt.result_fingerprint
