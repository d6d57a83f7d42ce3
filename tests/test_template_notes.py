"""The template's notes tell the truth about a blank cell (review 81).

The Indonesian notes of six columns (Pagu, Polaritas, Bobot, Cara Agregasi, the two Status
Laporan) said ``kosong = <default>``, but a blank cell of a column that is present is refused
(``required_value``, docs/data-contract.md: a blank status is more likely "not verified yet"
than "signed"); only an absent column takes its default. An operator leaving the new *Cara
Agregasi* blank as its note said had every indicator row refused. Every note that promises
what a blank cell means is held to the reader here.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import tests.strategies as tst
from tukin.contract import TABLES
from tukin.io import read_dataset, write_frames
from tukin.io.headers import heading
from tukin.validation import NOTES

_CLAIM = re.compile(r"\bkosong\s*=|\bblank\s*=", re.IGNORECASE)


def _claims() -> list[tuple[str, str]]:
    out = []
    for table, spec in TABLES.items():
        for col in spec.columns:
            h = heading(table, col.name)
            notes = (h.doc_id if h is not None else "", col.doc)
            if any(_CLAIM.search(n) for n in notes):
                out.append((table, col.name))
    return out


def _acting() -> pd.DataFrame:
    """One acting assignment in the mini regency: Citra (Kepala Seksi 1) Plt of Seksi 2."""
    return pd.DataFrame(
        {
            "nip": ["198001012005010003"],
            "position_id": ["kasi2"],
            "kind": ["plt"],
            "start_date": [pd.Timestamp("2025-01-01")],
            "end_date": [pd.Timestamp("2025-12-31")],
            "reference": ["800/1/2025"],
        }
    )


@pytest.mark.parametrize(("table", "column"), _claims())
def test_a_blank_cell_means_what_the_note_says(tmp_path, table: str, column: str) -> None:
    """A column whose note says what a blank cell means reads a blank without a problem."""
    tables = {**tst.mini_regency_tables(budget=True), "acting": _acting()}
    assert table in tables and not tables[table].empty, f"no {table} rows to blank"
    frame = tables[table].copy()
    frame[column] = None
    tables[table] = frame
    ds = read_dataset(write_frames(tables, tmp_path / "t.xlsx", lang="id"))
    # a note (the default said, review 89's blank Cara Agregasi) rejects nothing
    assert [p.code for p in ds.report.problems if p.column == column and p.code not in NOTES] == []


def test_the_notes_of_the_columns_that_refuse_a_blank_say_so() -> None:
    """The five notes that promised a default now say the blank is refused and what an absent
    column means, so the template leads the operator to fill the cell. (*Cara Agregasi* reads
    a blank as its default since review 89, with a note: its cell says so.)"""
    assert "kosong = nilai terakhir" in heading("indicators", "aggregation").doc_id
    for table, column in [
        ("work_items", "budget"),
        ("indicators", "polarity"),
        ("indicators", "weight"),
        ("realisations", "status"),
        ("budget_realisations", "status"),
    ]:
        h = heading(table, column)
        assert h is not None and "kosong ditolak" in h.doc_id, (table, column)
