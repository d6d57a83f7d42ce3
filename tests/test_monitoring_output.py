"""The monitoring report out as CSV and JSON, besides the workbook (review 132).

The brief promises monitoring reports "Excel/CSV/JSON in and out"; ``tukin monitor`` wrote a
workbook only. These tests write each form of the mini regency's 2025-Q1 report (the Kepala
Bidang's post vacant, so text the report writes itself is in it) and read it back: the same
rupiah as integers, the same percentages to the last bit, the workbook's headers.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.errors import TukinError
from tukin.monitoring import MonitoringReport, monitoring_sheets
from tukin.monitoring.excel import _HEADERS_ID, shown_frame
from tukin.monitoring.output import CSV_SUFFIXES, SHEETS, csv_path
from tukin.schema import json_schemas

BUDI = "198001012005010002"  # the Kepala Bidang's NIP in the mini regency
MONEY = {"budget", "planned_spent", "spent", "planned_to_date", "spent_to_date"}
MONEY_ID = {"pagu", "rencana_keuangan", "realisasi_keuangan", "rencana_sd_periode"}


def tables() -> dict[str, pd.DataFrame]:
    t = tst.mini_regency_tables()
    emp = t["employees"]
    emp["end_date"] = None
    emp.loc[emp["nip"] == BUDI, "end_date"] = "2024-12-31"
    br = t["budget_realisations"]  # one row waiting for approval: the pending sheets have rows
    br.loc[(br["work_item_id"] == "S12") & (br["period"] == "2025-02"), "status"] = "entered"
    return t


def sheets(lang: str, level: str = "all") -> MonitoringReport:
    ds = Dataset.from_frames(mode="strict", **tables())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return monitoring_sheets(ds, "2025-Q1", level, lang)


def same(read: pd.DataFrame, shown: pd.DataFrame) -> None:
    """``read`` holds every value of ``shown``: integers as integers, floats bit for bit,
    text as text, missing (or empty text: a CSV cell cannot tell them apart) as missing."""
    assert list(read.columns) == [str(c) for c in shown.columns]
    assert len(read) == len(shown)
    for col in shown.columns:
        want, got = shown[col], read[str(col)]
        if pd.api.types.is_integer_dtype(want.dtype):
            assert pd.api.types.is_integer_dtype(got.dtype), col
            assert got.tolist() == want.tolist(), col
        elif pd.api.types.is_float_dtype(want.dtype):
            w, g = want.to_numpy(dtype=np.float64), got.to_numpy(dtype=np.float64)
            assert np.array_equal(np.isnan(w), np.isnan(g)), col
            assert (w[~np.isnan(w)] == g[~np.isnan(g)]).all(), col
        else:
            w = [None if pd.isna(v) or v == "" else str(v) for v in want.astype(object)]
            g = [None if pd.isna(v) or v == "" else str(v) for v in got.astype(object)]
            assert g == w, col


@pytest.mark.parametrize("lang", ["en", "id"])
def test_json_round_trip(tmp_path: Path, lang: str) -> None:
    """One document: the sheets as records keyed by the report's English names whatever
    the language (a program reads one shape), rupiah as JSON integers, percentages as the
    same binary64, the policy as settings."""
    made = sheets(lang)
    [path] = made.write(tmp_path / "laporan.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert (doc["format"], doc["period"], doc["level"], doc["lang"]) == (
        "tukin-monitoring/1",
        "2025-Q1",
        "all",
        lang,
    )
    assert list(doc["sheets"]) == list(SHEETS)
    for key, frame in made.sheets().items():
        read = pd.DataFrame(doc["sheets"][key], columns=[str(c) for c in frame.columns])
        same(read, frame)
    report = doc["sheets"]["report"]
    assert all(type(r["budget"]) is int for r in report)
    assert sum(r["budget"] for r in report if r["level"] == "opd") > 0
    holders = {r["official_kegiatan_holder"] for r in report}
    assert holders >= {"(vacant)" if lang == "en" else "(lowong)"}
    assert doc["settings"]["period"] == "2025-Q1"
    assert doc["settings"]["money_window"] == "2025-01-01 – 2025-03-31"
    assert doc["settings"]["cumulative"] is True
    assert made.to_json() == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_document_meets_its_schema(lang: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schemas()["monitoring"]
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(sheets(lang).to_json())
    jsonschema.Draft202012Validator(schema).validate(doc)
    broken = json.loads(json.dumps(doc))
    broken["sheets"]["report"][0]["budget"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_csv_round_trip(tmp_path: Path, lang: str) -> None:
    """A file per sheet named by a fixed suffix; read back, the same figures."""
    made = sheets(lang)
    written = made.write(tmp_path / "laporan.csv")
    assert [p.name for p in written] == [f"laporan{CSV_SUFFIXES[k]}.csv" for k in SHEETS]
    assert [p.name for p in written][:2] == ["laporan.csv", "laporan.actions.csv"]
    for key, frame in made.shown().items():
        raw = csv_path(tmp_path / "laporan.csv", key).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
        read = pd.read_csv(csv_path(tmp_path / "laporan.csv", key))
        # an all-blank text column reads as float NaN, a bool column as bool: both compare
        same(read, frame)
    header = (tmp_path / "laporan.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(MONEY if lang == "en" else MONEY_ID) <= set(header)


def test_the_forms_agree_with_the_workbook(tmp_path: Path) -> None:
    """The workbook, the CSV and the JSON of one report carry the same rupiah."""
    made = sheets("id", level="opd")
    [xlsx] = made.write(tmp_path / "r.xlsx")
    made.write(tmp_path / "r.csv")
    made.write(tmp_path / "r.json")
    book = pd.read_excel(xlsx, sheet_name="Laporan")
    csv = pd.read_csv(tmp_path / "r.csv")
    doc = pd.DataFrame(json.loads((tmp_path / "r.json").read_text("utf-8"))["sheets"]["report"])
    for col in MONEY:
        col_id = _HEADERS_ID.get(col, col)
        assert book[col_id].tolist() == csv[col_id].tolist() == doc[col].tolist(), col
    # the people's forms carry the workbook's headers, the program's the report's own names
    assert list(book.columns) == list(csv.columns)
    assert list(doc.columns) == list(made.report.columns)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_nothing_is_one_thing_in_the_csv_and_the_json(tmp_path: Path, lang: str) -> None:
    """A CSV cell cannot tell empty text from no value, so neither file does: every cell the
    JSON writes ``null`` is an empty CSV cell and every empty CSV cell a JSON ``null`` (review
    139). Before, a row without flags was ``"flags": ""`` and an unset cap ``""`` in the JSON
    but the same blank as a missing value in the CSV. The DataFrames keep their ``""``."""
    made = sheets(lang)
    made.write(tmp_path / "r.csv")
    doc = json.loads(made.to_json())
    for key in SHEETS:
        raw = pd.read_csv(csv_path(tmp_path / "r.csv", key), dtype=str, keep_default_na=False)
        records = doc["sheets"][key]
        assert len(raw) == len(records), key
        for row, record in zip(raw.itertuples(index=False), records, strict=True):
            for cell, value in zip(row, record.values(), strict=True):
                assert (cell == "") == (value is None), (key, cell, value)
    quiet = [r for r in doc["sheets"]["report"] if r["flags"] is None]
    assert quiet and (made.report["flags"] == "").sum() == len(quiet)
    assert doc["settings"]["rollup_cap"] is None and doc["settings"]["rollup_blend"] is None
    assert (made.policy.set_index("setting").loc["rollup_cap", "value"]) == ""


def test_text_of_spaces_is_nothing_too(tmp_path: Path) -> None:
    """A text of spaces reads as blank (tukin's readers do so with an input cell): written as
    no value in both files, other text as it is."""
    made = sheets("en")
    report = made.report.copy()
    report.loc[0, "name"] = "   "
    spaced = MonitoringReport(**{**made.__dict__, "report": report})
    doc = json.loads(spaced.to_json())
    assert doc["sheets"]["report"][0]["name"] is None
    assert doc["sheets"]["report"][1]["name"] == report.loc[1, "name"]
    spaced.write(tmp_path / "s.csv")
    raw = pd.read_csv(tmp_path / "s.csv", dtype=str, keep_default_na=False)
    assert raw.loc[0, "name"] == "" and raw.loc[1, "name"] == report.loc[1, "name"]


def test_shown_frame_is_the_workbook_s() -> None:
    made = sheets("id")
    assert list(shown_frame(made.report, "id").columns)[:4] == [
        "tingkat",
        "kode_id",
        "kode",
        "nama",
    ]
    assert shown_frame(made.report, "en") is made.report


def test_another_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TukinError) as info:
        sheets("en").write(tmp_path / "laporan.parquet")
    assert info.value.code == "monitoring_output_format"
    assert "laporan.parquet" in str(info.value) and ".csv" in str(info.value)


class TestCommandLine:
    """``tukin monitor --out`` a file names the form by its suffix; a folder as before."""

    @pytest.fixture()
    def data(self, tmp_path: Path) -> Path:
        folder = tmp_path / "data"
        folder.mkdir()
        for name, frame in tables().items():
            frame.to_csv(folder / f"{name}.csv", index=False)
        return folder

    def run(self, data: Path, out: Path, lang: str = "id") -> int:
        from tukin import cli

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return cli.main(
                ["monitor", "--data", str(data), "--period", "2025-Q1", "--lang", lang]
                + ["--level", "kegiatan", "--out", str(out)]
            )

    def test_json(self, data: Path, tmp_path: Path) -> None:
        out = tmp_path / "keluar" / "laporan.json"
        assert self.run(data, out) == 0
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["level"] == "kegiatan" and doc["lang"] == "id"
        assert {r["level"] for r in doc["sheets"]["report"]} == {"kegiatan"}
        assert {p.name for p in out.parent.iterdir()} == {
            "laporan.json",
            "s-curve-2025-Q1.png",
            "ranking-2025-Q1.png",
        }

    def test_csv(self, data: Path, tmp_path: Path) -> None:
        out = tmp_path / "keluar" / "laporan.csv"
        assert self.run(data, out, "en") == 0
        names = {p.name for p in out.parent.iterdir()}
        assert {f"laporan{CSV_SUFFIXES[k]}.csv" for k in SHEETS} <= names
        report = pd.read_csv(out)
        assert set(report["level"]) == {"kegiatan"} and "budget" in report

    def test_a_folder_still_gets_the_workbook(self, data: Path, tmp_path: Path) -> None:
        out = tmp_path / "folder"
        assert self.run(data, out) == 0
        assert (out / "monitoring-2025-Q1-kegiatan.xlsx").is_file()
