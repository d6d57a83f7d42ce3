"""A DataFrame's NIP column of numbers (review 78): what ``pd.read_json`` gives for a file a
JavaScript program wrote. No float holds 18 digits, and an int64 NIP that went through a
binary64 double is a multiple of 32, another NIP: both were read (floats as ``invalid_nip``
without the way out, int64 without a word, paying whoever holds the rounded NIP)."""

from __future__ import annotations

import io
import json
import warnings
from typing import Any

import pandas as pd
import pytest

import tukin

_NIP_TABLES = ("employees", "attendance", "appraisals")


def _frames() -> dict[str, pd.DataFrame]:
    return tukin.demo.generate(12, seed=5)


def _through_javascript(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` written to JSON by a program holding numbers as doubles, NIPs as numbers,
    then read with ``pd.read_json`` as a Python service reads it."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    sent = [{**r, "nip": int(float(int(r["nip"])))} for r in rows]
    read = pd.read_json(io.StringIO(json.dumps(sent, default=str)), dtype=False)
    return read.assign(**{c: frame[c].to_numpy() for c in frame.columns if c != "nip"})


def _dataset(frames: dict[str, pd.DataFrame]) -> tukin.Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tukin.Dataset.from_frames(**frames)


class TestFloatNips:
    @pytest.mark.parametrize("dtype", ["float64", "Float64"])
    def test_every_row_is_refused_with_the_way_out(self, dtype: str) -> None:
        """Each row ``nip_column_float``; the reason names table and column and dtype=str."""
        frames = _frames()
        emp = frames["employees"]
        frames["employees"] = emp.assign(nip=emp["nip"].astype("int64").astype(dtype))
        ds = _dataset(frames)
        found = [p for p in ds.report.problems if p.table == "employees" and p.column == "nip"]
        assert [p.code for p in found] == ["nip_column_float"] * len(emp)
        said = found[0].message("en")
        for part in ("employees", "column nip", "dtype={'nip': str}", dtype):
            assert part in said, said
        assert len(ds.tables["employees"]) == 0

    def test_the_rejected_list_shows_the_digits(self) -> None:
        """Not ``1.96711201995012e+17``: the number the float holds, marked unreadable."""
        frames = _frames()
        emp = frames["employees"]
        frames["employees"] = emp.assign(nip=emp["nip"].astype("int64").astype(float))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = tukin.calculate(_dataset(frames), tukin.load_ruleset("tpp-60-40"), "2025-10")
        listed = result.rejected_in("en")["nip"]
        assert len(listed) == len(emp) and not listed.str.contains("e+", regex=False).any()
        assert listed.str.fullmatch(r"\d{18} \(unreadable NIP\)").all()


class TestIntegerNipsThroughDoubles:
    def test_pd_read_json_of_a_javascript_file_is_refused(self) -> None:
        """Every NIP of each such column is ``nip_column_rounded``: nobody is paid."""
        frames = _frames()
        for name in _NIP_TABLES:
            frames[name] = _through_javascript(frames[name])
            assert frames[name]["nip"].dtype == "int64"
        ds = _dataset(frames)
        codes = {(p.table, p.code) for p in ds.report.problems if p.column == "nip"}
        assert {(t, "nip_column_rounded") for t in _NIP_TABLES} <= codes
        assert len(ds.tables["employees"]) == 0
        said = next(p for p in ds.report.problems if p.code == "nip_column_rounded")
        assert "dtype={'nip': str}" in said.message("en") and "employees" in said.message("en")

    def test_genuine_int64_nips_are_read(self) -> None:
        """``pd.read_csv`` without dtype=str: exact int64, as before."""
        frames = _frames()
        text = frames["employees"]["nip"].tolist()
        frames["employees"] = frames["employees"].assign(nip=[int(n) for n in text])
        assert any(int(n) % 32 for n in text)
        ds = _dataset(frames)
        assert sorted(ds.tables["employees"]["nip"]) == sorted(text)

    def test_one_nip_says_nothing(self) -> None:
        """One NIP in 32 is a multiple of 32 by chance: a column of one is read."""
        frames = _frames()
        emp = frames["employees"]
        nip = int(float(int(emp["nip"].iloc[0])))
        one: dict[str, Any] = {"employees": emp.iloc[:1].assign(nip=[nip])}
        one |= {k: v for k, v in frames.items() if k not in _NIP_TABLES}
        ds = _dataset(one)
        assert list(ds.tables["employees"]["nip"]) == [str(nip)]


class TestObjectColumnsOfNumbers:
    """An ``object`` column holding Python integers (review 81): ``pd.DataFrame`` of JSON
    records where some NIPs came quoted and some as numbers, or ``dtype=object``. Its
    integers went through doubles as an int64 column's did, and were read without a word."""

    def _read(self, nips: list[Any]) -> tuple[tukin.Dataset, list[Any]]:
        frames = _frames()
        emp = frames["employees"]
        frames["employees"] = emp.assign(nip=pd.Series(nips, index=emp.index, dtype=object))
        ds = _dataset(frames)
        return ds, [p for p in ds.report.problems if p.table == "employees" and p.column == "nip"]

    def test_rounded_integers_are_refused(self) -> None:
        emp = _frames()["employees"]
        ds, found = self._read([int(float(int(n))) for n in emp["nip"]])
        assert [p.code for p in found] == ["nip_column_rounded"] * len(emp)
        assert len(ds.tables["employees"]) == 0

    def test_among_text_nips_only_the_integers_are_refused(self) -> None:
        """The NIPs sent as text are read; the ones sent as numbers are refused as rounded
        (not also as invalid)."""
        emp = _frames()["employees"]
        nips = [str(n) if i < 4 else int(float(int(n))) for i, n in enumerate(emp["nip"])]
        ds, found = self._read(nips)
        assert [(p.code, p.row) for p in found] == [
            ("nip_column_rounded", i) for i in range(4, len(emp))
        ]
        assert sorted(ds.tables["employees"]["nip"]) == sorted(map(str, emp["nip"][:4]))

    def test_exact_integers_and_text_are_read(self) -> None:
        """Integers a double cannot hold (not rounded) and text: every employee read."""
        emp = _frames()["employees"]
        ds, found = self._read([int(n) if i % 2 else str(n) for i, n in enumerate(emp["nip"])])
        assert not [p for p in found if p.code == "nip_column_rounded"]
        assert len(ds.tables["employees"]) == len(emp)
