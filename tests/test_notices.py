"""What a run warns about that rejects nobody but may change pay (tukin.calc.notices).

The HR review's case: an SKP sheet whose NIPs Excel stored as numbers (digits lost) was
rejected row by row, nobody could be stopped for those rows, and every employee was paid at
the pack's "no SKP" rate with no word in the output files.
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.demo import generate
from tukin.errors import InputWarning
from tukin.io import write_result
from tukin.result import Result
from tukin.ruleset.load import load_ruleset

PERIOD = "2025-10"


@cache
def spoiled() -> tuple[Dataset, dict[str, str]]:
    """The demo regency with two October appraisal rows spoiled: one NIP mistyped (nobody's),
    one dropped; ``nips`` names the two employees."""
    frames = generate(40, seed=3)
    app = frames["appraisals"]
    october = app.index[app["period"] == PERIOD]
    typo, dropped = october[0], october[1]
    nips = {"typo": str(app.at[typo, "nip"]), "dropped": str(app.at[dropped, "nip"])}
    app.at[typo, "nip"] = "199901012020011999"  # nobody's NIP
    frames["appraisals"] = app.drop(index=dropped)
    return Dataset.from_frames(**frames), nips


def run(**kwargs: Any) -> tuple[Result, list[InputWarning]]:
    ds, _ = spoiled()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = calculate(ds, load_ruleset("tpp-60-40"), PERIOD, **kwargs)
    return result, [w.message for w in caught if isinstance(w.message, InputWarning)]


def by_code(found: Any) -> dict[str, InputWarning]:
    return {w.code: w for w in found}


class TestWarnings:
    def test_paid_without_appraisal_counts_the_employees_paid_under_the_no_skp_rule(
        self,
    ) -> None:
        result, _ = run()
        _, nips = spoiled()
        w = by_code(result.warnings)["paid_without_appraisal"]
        paid = set(result.to_frame()["nip"])
        assert {nips["typo"], nips["dropped"]} <= paid  # both paid, at the "no SKP" rate
        assert w.fields["value"] == 2 and w.fields["total"] == len(paid)
        assert "2 of" in w.message("en") and "2 dari" in w.message("id")

    def test_a_rejected_row_of_nobodys_nip_is_named(self) -> None:
        result, _ = run()
        w = by_code(result.warnings)["unmatched_rejected_rows"]
        assert w.fields["value"] == 1
        assert w.fields["table"] == "Penilaian SKP"  # the sheet a clerk knows (Indonesian)
        # frames have no row of their own to show (their order is no part of the input):
        # the row's key, the same whatever the order
        assert w.fields["rows"] == "199901012020011999/2025-10"

    def test_issued_once_and_kept_on_the_result(self) -> None:
        result, issued = run()
        assert [w.code for w in issued] == [w.code for w in result.warnings]
        assert {"paid_without_appraisal", "unmatched_rejected_rows"} <= {w.code for w in issued}

    def test_a_clean_month_warns_nothing_of_this(self) -> None:
        frames = generate(40, seed=3)
        frames["sanctions"] = frames["sanctions"].iloc[:0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(Dataset.from_frames(**frames), load_ruleset("tpp-60-40"), PERIOD)
        assert not {w.code for w in result.warnings} & {
            "paid_without_appraisal",
            "paid_without_attendance",
            "unmatched_rejected_rows",
        }

    def test_a_rule_set_that_reads_no_appraisal_does_not_warn_about_it(self) -> None:
        table = {str(g): 1000 * g for g in range(1, 18)}
        rules = {
            "name": "base only",
            "steps": [
                {"id": "dasar", "type": "lookup", "key": "grade", "table": table, "unit": "rupiah"},
                {"id": "tpp", "type": "round", "input": "dasar", "mode": "half_up"},
            ],
        }
        ds, _ = spoiled()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(ds, load_ruleset(rules), PERIOD)
        codes = {w.code for w in result.warnings}
        assert "paid_without_appraisal" not in codes
        assert "unmatched_rejected_rows" in codes  # the row is still nobody's


class TestFiled:
    """The warnings reach every file written from the Result."""

    def test_workbook_has_a_warnings_sheet(self, tmp_path: Path) -> None:
        import openpyxl

        result, _ = run()
        path = write_result(result, tmp_path / "hasil.xlsx", lang="id")
        wb = openpyxl.load_workbook(path)
        assert "Peringatan" in wb.sheetnames
        rows = [[c.value for c in r] for r in wb["Peringatan"].iter_rows()]
        assert rows[0] == ["Kode", "Pesan"]
        assert {r[0] for r in rows[1:]} >= {"paid_without_appraisal", "unmatched_rejected_rows"}

    def test_csv_json_and_parquet_carry_them(self, tmp_path: Path) -> None:
        result, _ = run()
        write_result(result, tmp_path / "hasil.csv", lang="en")
        frame = pd.read_csv(tmp_path / "hasil.warnings.csv")
        assert list(frame.columns) == ["code", "message"]
        assert "paid_without_appraisal" in set(frame["code"])
        doc = json.loads(write_result(result, tmp_path / "hasil.json").read_text())
        assert {w["code"] for w in doc["warnings"]} == {w.code for w in result.warnings}
        pq = pytest.importorskip("pyarrow.parquet")
        meta = pq.read_schema(write_result(result, tmp_path / "hasil.parquet")).metadata
        assert {w["code"] for w in json.loads(meta[b"tukin.warnings"])} == {
            w.code for w in result.warnings
        }

    def test_reading_warnings_are_kept_on_the_dataset_and_filed(self, tmp_path: Path) -> None:
        """A hidden row of a workbook: the warning is on ``Dataset.warnings`` (a threaded
        service cannot capture the warnings module per request), carried by the Result and
        filed with it without the caller passing it; the notes on how the input was read
        (extra columns) are kept but not filed (review 25 d06)."""
        import openpyxl

        from tukin.io import read_dataset, write_frames

        frames = generate(20, seed=3)
        frames["employees"]["catatan_bebas"] = "x"
        book = write_frames(frames, tmp_path / "isian.xlsx")
        wb = openpyxl.load_workbook(book)
        wb["Pegawai"].row_dimensions[5].hidden = True
        wb.save(book)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = read_dataset(book)
            result = calculate(ds, load_ruleset("tpp-60-40"), PERIOD)
        codes = {w.code for w in ds.warnings}
        assert {"hidden_rows", "extra_columns"} <= codes
        assert codes <= {w.message.code for w in caught if isinstance(w.message, InputWarning)}
        assert [w.filename for w in caught if getattr(w.message, "code", "") == "hidden_rows"] == [
            __file__
        ]  # pointed at the caller of the reader
        assert [w.code for w in result.read_warnings] == ["hidden_rows"]
        doc = json.loads(write_result(result, tmp_path / "hasil.json").read_text())
        filed = [w["code"] for w in doc["warnings"]]
        assert "hidden_rows" in filed and "extra_columns" not in filed
        assert filed.count("hidden_rows") == 1
        again = write_result(result, tmp_path / "lagi.json", warnings=result.read_warnings)
        assert [w["code"] for w in json.loads(again.read_text())["warnings"]] == filed

    def test_no_stale_warnings_file_is_left_beside_a_clean_result(self, tmp_path: Path) -> None:
        result, _ = run()
        write_result(result, tmp_path / "hasil.csv")
        assert (tmp_path / "hasil.warnings.csv").exists()
        clean = Result(result.to_frame(), result.rejected, result.receipt, None, {}, warnings=())
        write_result(clean, tmp_path / "hasil.csv")
        assert not (tmp_path / "hasil.warnings.csv").exists()


def test_partitioned_run_warns_as_calculate_does() -> None:
    from tukin.distributed import calculate_partitioned

    single, _ = run()
    ds, _ = spoiled()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        merged = calculate_partitioned(ds, load_ruleset("tpp-60-40"), PERIOD, npartitions=3)
    issued = [w.message for w in caught if isinstance(w.message, InputWarning)]
    assert [(w.code, w.message("id")) for w in merged.warnings] == [
        (w.code, w.message("id")) for w in single.warnings
    ]
    assert [w.code for w in issued] == [w.code for w in merged.warnings]


def test_warnings_do_not_depend_on_the_order_of_the_rows() -> None:
    """The warnings go into the result files, which shuffled input must leave byte-identical:
    no frame row number in them."""
    frames = generate(40, seed=3)
    app = frames["appraisals"]
    october = app.index[app["period"] == PERIOD]
    app.loc[october[:3], "nip"] = ["199901012020011999", "199901012020011998", "1999"]
    found = []
    for seed in (1, 2):
        shuffled = {k: v.sample(frac=1, random_state=seed) for k, v in frames.items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(Dataset.from_frames(**shuffled), load_ruleset("tpp-60-40"), PERIOD)
        found.append([(w.code, w.message("id")) for w in result.warnings])
    assert found[0] == found[1]
    assert any(code == "unmatched_rejected_rows" for code, _ in found[0])


def test_warnings_do_not_depend_on_the_order_of_the_columns() -> None:
    """An attendance code no step reads is named in the warning, which the result files
    carry: the same codes in another column order give the same warning (a service's JSON
    objects have no column order to rely on)."""
    frames = generate(40, seed=3)
    att = frames["attendance"].assign(dinas_luar=1, alpa=2)  # codes tpp-60-40 does not read
    found = []
    for columns in (list(att.columns), list(att.columns[:2]) + list(att.columns[:1:-1])):
        given = dict(frames, attendance=att[columns])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(Dataset.from_frames(**given), load_ruleset("tpp-60-40"), PERIOD)
        found.append(by_code(result.warnings)["unread_attendance_code"].message("en"))
    assert found[0] == found[1]
    assert "alpa, dinas_luar" in found[0]


def test_warnings_made_errors_carry_the_result() -> None:
    """Under ``-W error`` (a service's CI) the first warning is raised after the whole run:
    it carries the complete Result, single-process and partitioned alike (review 25 d06)."""
    from tukin.distributed import calculate_partitioned

    single, _ = run()
    ds, _ = spoiled()
    rules = load_ruleset("tpp-60-40")
    for calc in (calculate, lambda *a: calculate_partitioned(*a, npartitions=2)):
        with warnings.catch_warnings():
            warnings.simplefilter("error", InputWarning)
            with pytest.raises(InputWarning) as raised:
                calc(ds, rules, PERIOD)
        got = raised.value.result
        assert got is not None and raised.value.code == single.warnings[0].code
        assert got.receipt.total_allowance == single.receipt.total_allowance
        assert len(got.warnings) == len(single.warnings)


def test_a_mistyped_row_of_a_required_table_says_its_employee_is_not_paid() -> None:
    """An October attendance row whose NIP was mistyped, under a rule set requiring
    attendance: the employee it was meant for has no row and is rejected
    (``missing_input_row``). The warning said "the employees they were meant for are paid
    without them", the opposite of what happened (review 48). The SKP row mistyped under the
    same rules (appraisals not required) is still paid without, and says so."""
    frames = generate(40, seed=3)
    att, app = frames["attendance"], frames["appraisals"]
    row = att.index[att["period"] == PERIOD][0]
    meant = str(att.at[row, "nip"])
    att.at[row, "nip"] = "199901012020011998"  # nobody's NIP
    app.at[app.index[app["period"] == PERIOD][0], "nip"] = "199901012020011999"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(Dataset.from_frames(**frames), load_ruleset("tpp-60-40"), PERIOD)
    rejected = result.rejected.set_index("nip")
    assert rejected.at[meant, "code"] == "missing_input_row"
    said = {
        w.fields["table"]: (w.message("en"), w.message("id"))
        for w in result.warnings
        if w.code == "unmatched_rejected_rows"
    }
    en, id_ = said["Kehadiran"]
    assert "is not paid (missing_input_row)" in en and "paid without" not in en, en
    assert "tidak dibayar (missing_input_row)" in id_ and "dibayar tanpa" not in id_, id_
    en, id_ = said["Penilaian SKP"]
    assert "are paid without them" in en and "dibayar tanpa baris itu" in id_
