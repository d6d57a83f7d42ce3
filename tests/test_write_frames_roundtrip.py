"""``write_frames`` then ``read_dataset`` gives back the same tables, extra columns of every
kind included, on every form (review 29, d07): the Dataset fingerprint is equal.

A CSV has no types and a workbook's cell is a number unless its format says date, so the
writer leaves the evidence the reader needs: a yes/no column is written as a program
writes one (``True``/``False``), which the CSV reader reads as yes/no (``ya``/``tidak`` a
person types stays text); a date column gets a date format in the workbook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tukin
from tukin.io import read_dataset, write_frames

pytestmark = pytest.mark.filterwarnings("ignore::tukin.errors.InputWarning")

FORMS = ["csv", "x.xlsx", "x.json"]


def _extras(n: int) -> dict[str, object]:
    i = np.arange(n)
    flags = i % 4 == 0
    return {
        "plt": flags,
        "plt_blank": pd.Series(np.where(i % 3 == 0, None, flags), dtype=object),
        "tanggal_sk": pd.Timestamp("2025-08-16") + pd.to_timedelta(i, unit="D"),
        "tanggal_blank": pd.Series(
            [None if k % 5 == 0 else dt.date(2025, 1, 1 + k % 28) for k in i], dtype=object
        ),
        "jam": pd.Timestamp("2025-08-16 07:30:00") + pd.to_timedelta(i, unit="h"),
        "tunjangan": 250_000 + i * 1_000,
        "tunjangan_blank": pd.array([None if k % 3 == 0 else 1_000 * k for k in i], "Int64"),
        "skor": 82.231 + i / 8,
        "skor_blank": np.where(i % 2 == 0, np.nan, 87.5),
        "zona": np.where(i % 2 == 0, "A", "B"),
        "kode": [f"{k:03d}" for k in i],  # an identifier with leading zeros
        "bersedia": np.where(i % 2 == 0, "ya", "tidak"),
    }


@pytest.fixture(scope="module")
def dataset() -> tukin.Dataset:
    tables = tukin.demo.generate(25, seed=241, year=2025, months=3)
    for name in ("employees", "positions", "units", "appraisals"):
        frame = tables[name].copy()
        for column, values in _extras(len(frame)).items():
            frame[column] = values
        tables[name] = frame
    return tukin.Dataset.from_frames(**tables)


@pytest.mark.parametrize("form", FORMS)
def test_fingerprint_equal_after_the_round_trip(
    dataset: tukin.Dataset, tmp_path: Path, form: str
) -> None:
    back = read_dataset(write_frames(dataset, tmp_path / form))
    assert back.report.ok, back.report.describe()
    for name in ("employees", "positions", "units", "appraisals"):
        assert list(back[name].columns) == list(dataset[name].columns), name
    assert back.fingerprint() == dataset.fingerprint()


@pytest.mark.parametrize("form", FORMS)
def test_a_yes_no_column_stays_one_a_formula_reads(
    dataset: tukin.Dataset, tmp_path: Path, form: str
) -> None:
    rules = tukin.load_ruleset("tpp-60-40")
    back = read_dataset(write_frames(dataset, tmp_path / form))
    assert back["employees"]["plt"].tolist() == dataset["employees"]["plt"].tolist()
    got = tukin.calculate(back, rules, "2025-03")
    assert got.total == tukin.calculate(dataset, rules, "2025-03").total


def test_csv_from_elsewhere_keeps_a_persons_yes_no_as_text(tmp_path: Path) -> None:
    """Only a program's spelling of true/false is a yes/no: ``ya``/``Y`` stay text, and a
    column mixing a true/false word with anything else stays text too; Excel's CSV export
    of TRUE/FALSE cells is yes/no, as the workbook's cells are."""
    tables = tukin.demo.generate(8, seed=1, year=2025, months=1)
    folder = write_frames(tables, tmp_path / "csv")
    employees = pd.read_csv(folder / "employees.csv", dtype=str, keep_default_na=False)
    n = len(employees)
    employees["excel"] = ["TRUE" if k % 2 else "FALSE" for k in range(n)]
    employees["ya"] = ["ya" if k % 2 else "tidak" for k in range(n)]
    employees["mixed"] = ["True" if k % 2 else "nanti" for k in range(n)]
    employees["huruf"] = ["Y" if k % 2 else "T" for k in range(n)]
    employees.to_csv(folder / "employees.csv", index=False)
    back = read_dataset(folder)["employees"]
    flags = dict(zip(back["nip"], back["excel"].tolist(), strict=True))
    assert flags == {nip: k % 2 == 1 for k, nip in enumerate(employees["nip"])}
    for column in ("ya", "mixed", "huruf"):
        assert all(isinstance(v, str) for v in back[column].tolist()), column


def test_xlsx_text_cells_stay_text(tmp_path: Path) -> None:
    """A workbook's cell has a type: text ``True`` typed as text is text."""
    tables = tukin.demo.generate(8, seed=1, year=2025, months=1)
    employees = tables["employees"].copy()
    employees["catatan"] = ["True" if k % 2 else "False" for k in range(len(employees))]
    back = read_dataset(write_frames({**tables, "employees": employees}, tmp_path / "x.xlsx"))
    got = dict(zip(back["employees"]["nip"], back["employees"]["catatan"].tolist(), strict=True))
    assert got == dict(zip(employees["nip"], employees["catatan"], strict=True))


@pytest.mark.parametrize("form", FORMS)
def test_numeric_ids_held_as_floats_round_trip(tmp_path: Path, form: str) -> None:
    """Work-item ids that a DataFrame holds as floats (a numeric ``parent_id`` with blanks
    is float64: ``2.0``) are the ids ``"2"`` from frames; written and read back in any form,
    JSON's numbers ``2.0`` included, they are the same ids and the same fingerprint."""
    tables = tukin.demo.generate(30, seed=5, months=3)
    ids = {old: str(i + 1) for i, old in enumerate(tables["work_items"]["work_item_id"])}
    for name, columns in {
        "work_items": ("work_item_id", "parent_id"),
        "indicators": ("work_item_id",),
        "budget_realisations": ("work_item_id",),
    }.items():
        frame = tables[name].copy()
        for column in columns:
            frame[column] = frame[column].map(ids).astype(float)
        tables[name] = frame
    before = tukin.Dataset.from_frames(**tables)
    assert before.report.ok and before["work_items"]["parent_id"].dropna().iloc[0] in set(
        ids.values()
    )
    back = read_dataset(write_frames(tables, tmp_path / form))
    assert back.report.ok, back.report.describe()
    assert back.fingerprint() == before.fingerprint()
