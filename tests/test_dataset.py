"""Tests for tukin.dataset: building, dtypes, modes, accessors, rejected rows, fingerprint."""

from __future__ import annotations

import doctest
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import tukin.dataset
import tukin.errors
import tukin.io
from tukin import contract
from tukin.dataset import Dataset
from tukin.errors import DatasetValidationError, OptionError
from tukin.model import Attendance, Employee, Position, Unit
from tukin.money import decimal_from_float_repr
from tukin.period import Period

DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-contract.md"
NIPS = ("198501012010011001", "199002152015032002", "197712312000121003", "200001012022011004")


ORG = ("units", "positions", "employees")
PLAN = ("units", "positions", "work_items", "indicators")


def clean_frames(*tables: str) -> dict[str, pd.DataFrame]:
    """A small regency with every table filled and nothing wrong (shared with test_validation).

    Naming ``tables`` keeps only those: a test that needs the organisation only validates four
    rows in three tables, which keeps the suite fast.
    """
    frames = _all_clean_frames()
    return {k: v for k, v in frames.items() if k in tables} if tables else frames


def _all_clean_frames() -> dict[str, pd.DataFrame]:
    f = pd.DataFrame
    return {
        "units": f(
            {
                "unit_id": ["U1", "U2"],
                "name": ["Dinas Kesehatan", "Bidang Anggaran"],
                "parent_id": [None, "U1"],
            }
        ),
        "positions": f(
            {
                "position_id": ["P1", "P2", "P3", "P4"],
                "name": ["Kepala Dinas", "Kepala Bidang", "Staf", "Kepala Seksi"],
                "unit_id": ["U1", "U2", "U2", "U2"],
                "kind": ["jpt", "administrator", "pelaksana", "pengawas"],
                "grade": [15, 12, 7, 9],
                "superior_id": [None, "P1", "P2", "P2"],
            }
        ),
        "employees": f(
            {
                "nip": list(NIPS),
                "name": ["Ani", "Budi", "Citra", "Dedi"],
                "position_id": ["P1", "P2", "P3", "P4"],
                "status": ["pns", "pns", "cpns", "pppk"],
                "start_date": [None, None, "2025-10-06", None],
                "end_date": [None, None, None, None],
            }
        ),
        "work_items": f(
            {
                "work_item_id": ["PR1", "KG1", "SK1"],
                "code": ["1.02.02", "1.02.02.2.01", "1.02.02.2.01.0001"],
                "name": ["Program", "Kegiatan", "Sub kegiatan"],
                "level": ["program", "kegiatan", "sub_kegiatan"],
                "parent_id": [None, "PR1", "KG1"],
                "unit_id": ["U1", "U2", "U2"],
                "responsible_position_id": ["P1", "P2", "P4"],
                "budget": [1_000_000_000, 500_000_000, 200_000_000],
            }
        ),
        "indicators": f(
            {
                "indicator_id": ["I1", "I2"],
                "work_item_id": ["SK1", "KG1"],
                "name": ["Dokumen", "Hari"],
                "unit_of_measure": ["dokumen", "hari"],
                "polarity": ["higher", "lower"],
                "weight": [1.0, 0.5],
            }
        ),
        "targets": f(
            {
                "indicator_id": ["I1", "I2"],
                "period": ["2025-10", "2025-Q4"],
                "target": [10, 5],
                "target_max": [None, 7],
            }
        ),
        "realisations": f(
            {"indicator_id": ["I1"], "period": ["2025-10"], "value": [8], "status": ["approved"]}
        ),
        "budget_realisations": f(
            {
                "work_item_id": ["SK1"],
                "period": ["2025-10"],
                "spent": [50_000_000],
                "physical_pct": [40.5],
                "planned_spent": [60_000_000],
                "planned_physical_pct": [45.0],
                "status": ["signed"],
            }
        ),
        "attendance": f(
            {"nip": list(NIPS), "period": "2025-10", "tl1": [0, 1, 2, 0], "tk": [0, 0, 1, 0]}
        ),
        "appraisals": f(
            {
                "nip": list(NIPS),
                "period": "2025-10",
                "results": ["above", "as_expected", "below", "as_expected"],
                "behaviour": ["as_expected", "above", "as_expected", "below"],
            }
        ),
        "sanctions": f(
            {
                "nip": [NIPS[2]],
                "kind": ["hukuman disiplin sedang"],
                "percent": [25],
                "start_period": ["2025-03"],
                "months": [6],
                "reference": ["800/123/BKPSDM"],
            }
        ),
    }


@pytest.fixture(scope="module")
def clean() -> Dataset:
    """Built once: a Dataset never changes and hands out copies of its tables."""
    return Dataset.from_frames(clean_frames())


class TestFromFrames:
    def test_clean_input_is_kept_whole(self, clean: Dataset) -> None:
        """Nothing is rejected from a clean regency and the report is empty."""
        assert clean.report.ok and len(clean.rejected) == 0
        for name, frame in clean_frames().items():
            assert len(clean[name]) == len(frame)

    @pytest.mark.parametrize("table", list(contract.TABLES))
    def test_contract_dtypes(self, clean: Dataset, table: str) -> None:
        """Each contract column has its documented dtype, in contract order."""
        expected = {
            ("int", False): "int64",
            ("int", True): "Int64",
            ("money", False): "int64",
            ("money", True): "Int64",
            ("decimal", False): "float64",
            ("decimal", True): "float64",
            ("date", True): "datetime64[us]",
            ("date", False): "datetime64[us]",
        }
        frame = clean[table]
        spec = contract.TABLES[table]
        assert list(frame.columns[: len(spec.columns)]) == list(spec.names)
        for col in spec.columns:
            dtype = expected.get((col.type, col.nullable), "str")
            assert frame[col.name].dtype == dtype, col.name

    def test_attendance_codes_are_int64(self, clean: Dataset) -> None:
        """Every extra attendance column is an int64 count."""
        assert clean.attendance_codes == ("tl1", "tk")
        assert (clean["attendance"][["tl1", "tk"]].dtypes == "int64").all()

    def test_index_is_the_input_row_number(self) -> None:
        """Kept rows keep their 0-based position in the input as index, named row."""
        frames = clean_frames(*ORG)
        frames["positions"].loc[1, "grade"] = 99
        ds = Dataset.from_frames(frames)
        assert ds["positions"].index.name == "row"
        assert ds["positions"].index.tolist() == [0]  # P2 bad, P3 and P4 below it cascade

    def test_spellings_are_normalised(self) -> None:
        """Enum case and spaces, NIP groups, period spellings and column-name case are read."""
        frames = clean_frames()
        frames["positions"]["kind"] = [" JPT", "Administrator", "pelaksana", "PENGAWAS"]
        frames["employees"].loc[0, "nip"] = "19850101 201001 1 001"
        frames["targets"]["period"] = ["2025-10", "2025tw4"]
        frames["units"] = frames["units"].rename(columns={"unit_id": " Unit_ID "})
        ds = Dataset.from_frames(frames, mode="strict")
        # each table's rows in input order (the index holds each row's number in the input)
        assert ds["positions"].sort_index()["kind"].tolist()[:2] == ["jpt", "administrator"]
        assert ds["employees"].sort_index()["nip"].iloc[0] == NIPS[0]
        assert ds["targets"].sort_index()["period"].tolist() == ["2025-10", "2025-Q4"]
        assert "unit_id" in ds["units"].columns

    def test_absent_optional_columns_get_defaults(self) -> None:
        """Absent polarity, weight, status and budget columns take the contract defaults."""
        frames = clean_frames()
        frames["indicators"] = frames["indicators"].drop(columns=["polarity", "weight"])
        frames["realisations"] = frames["realisations"].drop(columns=["status"])
        frames["work_items"] = frames["work_items"].drop(columns=["budget"])
        ds = Dataset.from_frames(frames, mode="strict")
        assert ds["indicators"]["polarity"].tolist() == ["higher", "higher"]
        assert ds["indicators"]["weight"].tolist() == [1.0, 1.0]
        assert ds["realisations"]["status"].tolist() == ["signed"]
        assert ds["work_items"]["budget"].tolist() == [0, 0, 0]
        assert ds["work_items"]["budget"].dtype == "int64"

    def test_blank_cell_in_a_present_column_is_not_defaulted(self) -> None:
        """A blank status is not silently 'signed': it is a problem."""
        frames = clean_frames(*ORG, *PLAN, "realisations")
        frames["realisations"]["status"] = [None]
        ds = Dataset.from_frames(frames)
        assert ds.report.by_code() == {"required_value": 1}

    def test_extra_columns_are_kept_as_given(self) -> None:
        """A regency's own column (tpp_zone) passes through untouched for rules to read."""
        frames = clean_frames(*ORG)
        frames["employees"]["TPP_Zone"] = [1, 2, 3, 4]
        ds = Dataset.from_frames(frames)
        assert ds["employees"].sort_index()["TPP_Zone"].tolist() == [1, 2, 3, 4]

    def test_absent_table_is_an_empty_frame_with_dtypes(self) -> None:
        """A table not given reads as empty, with the contract columns and dtypes."""
        frames = clean_frames()
        del frames["sanctions"]
        ds = Dataset.from_frames(frames, mode="strict")
        assert len(ds["sanctions"]) == 0 and ds["sanctions"]["months"].dtype == "int64"

    def test_missing_required_table_is_a_problem(self) -> None:
        """No employees table: reported, not assumed empty."""
        frames = clean_frames()
        del frames["employees"]
        ds = Dataset.from_frames(frames)
        assert "missing_table" in ds.report.by_code()

    def test_unknown_table_rows_are_rejected(self) -> None:
        """A misspelt table name is a problem and its rows are listed as rejected."""
        ds = Dataset.from_frames(clean_frames(*ORG), atendance=pd.DataFrame({"nip": ["1", "2"]}))
        assert ds.summary().loc["atendance", "rejected"] == 2
        assert set(ds.rejected["code"]) == {"unknown_table"}

    def test_money_whole_float_is_accepted_and_fraction_refused(self) -> None:
        """1e9 as a float is a whole rupiah; 10.5 rupiah is a problem, never rounded."""
        frames = clean_frames("units", "positions", "work_items")
        frames["work_items"]["budget"] = [1e9, 10.5, None]
        ds = Dataset.from_frames(frames)
        assert ds["work_items"]["budget"].tolist() == [1_000_000_000]
        assert ds.report.by_code()["not_an_integer"] == 1

    def test_float_nip_is_refused(self) -> None:
        """An 18-digit NIP stored as a float lost its last digits: refused, not guessed, with
        the way out (``nip_column_float``, review 78)."""
        frames = clean_frames(*ORG)
        frames["employees"]["nip"] = frames["employees"]["nip"].astype(float)
        ds = Dataset.from_frames(frames)
        assert ds.report.by_code()["nip_column_float"] == 4

    def test_int_nip_is_read(self) -> None:
        """A NIP column of int64 (18 digits fit) reads as the same text."""
        frames = clean_frames(*ORG)
        frames["employees"]["nip"] = frames["employees"]["nip"].astype("int64")
        ds = Dataset.from_frames(frames, mode="strict")
        assert sorted(ds["employees"]["nip"].tolist()) == sorted(NIPS)

    def test_input_frames_are_not_changed(self) -> None:
        """Validation never writes to the caller's frames."""
        frames = clean_frames(*ORG)
        frames["positions"]["kind"] = [" JPT", "x", "pelaksana", "pengawas"]
        before = {name: frame.copy() for name, frame in frames.items()}
        Dataset.from_frames(frames)
        for name, frame in frames.items():
            pd.testing.assert_frame_equal(frame, before[name])

    @pytest.mark.parametrize("nullable_int", ["int64", "Int64"])
    def test_later_changes_to_the_input_do_not_reach_the_dataset(self, nullable_int: str) -> None:
        """The Dataset holds its own numbers: writing into the caller's frames afterwards,
        through pandas or straight into their numpy buffers, changes nothing in it (clean
        int64 counts, money, grades, a nullable integer column, decimals, and extra columns
        outside the contract)."""
        frames = clean_frames(*ORG, *PLAN, "attendance", "budget_realisations")
        money = frames["budget_realisations"]
        money["planned_spent"] = money["spent"].astype(nullable_int)
        money["extra_count"] = np.arange(len(money), dtype=np.int64)  # not in the contract
        frames["employees"]["extra_rate"] = 0.5
        frames["positions"]["extra_code"] = pd.array(range(len(frames["positions"])), "Int64")
        ds = Dataset.from_frames(frames, mode="strict")
        before = {
            n: ds[n].copy(deep=True) for n in ("attendance", "positions", "budget_realisations")
        }
        written = 0
        for name in before:
            for column, values in frames[name].items():
                if pd.api.types.is_numeric_dtype(values.dtype):
                    data = getattr(values.array, "_data", None)  # Int64: its numbers
                    raw = data if data is not None else values.array.to_numpy()
                    raw.flags.writeable = True
                    raw[:] = 99  # past pandas, into the buffer the frame was made with
                    frames[name].loc[:, column] = values + 1  # and through pandas
                    written += 1
        assert written >= 5
        for name, frame in before.items():
            pd.testing.assert_frame_equal(ds[name], frame)

    def test_wrong_argument_types(self) -> None:
        """A non-frame table and an unknown mode are programming errors."""
        with pytest.raises(TypeError):
            Dataset.from_frames(units=[{"unit_id": "U1"}])  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            Dataset.from_frames(mode="loose")  # type: ignore[arg-type]


def _demo(n: int = 12) -> dict[str, pd.DataFrame]:
    from tukin.demo import generate

    return generate(n, seed=3, months=1)


def _calculated(ds: Dataset) -> Any:
    import tukin

    return tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-01")


def _records(frames: dict[str, pd.DataFrame]) -> dict[str, list[dict[str, Any]]]:
    """The frames as a program's records (``to_dict``: NaN and NaT as they come)."""
    return {name: frame.to_dict("records") for name, frame in frames.items()}


def _said(ds: Dataset) -> list[tuple[Any, ...]]:
    return [(p.table, p.code, p.column, p.value, dict(p.fields)) for p in ds.report.problems]


class TestColumnNames:
    """from_frames judges column names as from_records judges keys (machine input): a near
    miss of a missing contract column stops the payment, any other column is an extra."""

    @pytest.mark.parametrize(
        "name", ["endDate", "End Date", "tanggal_selesai", "Tanggal Selesa", "end_dat"]
    )
    def test_a_misspelt_column_stops_the_payment(self, name: str) -> None:
        """A leaver's end date under another name is not silently an extra column."""
        frames = _demo()
        frames["employees"] = frames["employees"].rename(columns={"end_date": name})
        frames["employees"].loc[0, name] = pd.Timestamp("2025-01-10")
        ds = Dataset.from_frames(frames, lang="en")
        (problem,) = ds.report.problems
        assert (problem.code, problem.value, problem.fields) == (
            "unknown_header",
            name,
            {"suggestion": "end_date"},
        )
        assert problem.where("en") == "table employees"
        assert "did you mean 'end_date'?" in problem.message("en")
        assert _said(ds) == _said(Dataset.from_records(_records(frames), lang="en"))
        with pytest.raises(DatasetValidationError, match="unknown_header"):
            Dataset.from_frames(frames, mode="strict")
        with pytest.raises(tukin.errors.CalculationError) as caught:
            _calculated(ds)
        assert caught.value.code == "input_not_read"

    def test_contract_names_in_another_case_are_read(self) -> None:
        frames = _demo()
        frames["employees"] = frames["employees"].rename(columns={"end_date": " END_DATE "})
        ds = Dataset.from_frames(frames)
        assert ds.report.ok and "end_date" in ds["employees"]

    def test_extra_columns_keep_their_dtypes(self) -> None:
        """A regency's own columns, a spelling beside the contract column, an empty column
        resembling an optional one: extra columns, as the records loader decides, each with
        its dtype untouched."""
        frames = _demo()
        emp = frames["employees"]
        n = len(emp)
        emp["tpp_zone"] = pd.array(range(n), dtype="int32")
        emp["score"] = np.linspace(0, 1, n)
        emp["since"] = pd.Timestamp("2020-01-01")
        emp["grade_band"] = pd.Categorical(["a", "b"] * (n // 2))
        emp["Tanggal Selesai"] = emp["end_date"]  # beside end_date: an extra
        frames["positions"]["superior_idd"] = None  # near miss, but empty and optional
        ds = Dataset.from_frames(frames)
        assert ds.report.ok, ds.report.describe()
        kept = ds["employees"]
        assert kept["tpp_zone"].dtype == "int32" and kept["score"].dtype == "float64"
        assert kept["since"].dtype == emp["since"].dtype
        assert isinstance(kept["grade_band"].dtype, pd.CategoricalDtype)
        assert "superior_idd" in ds["positions"]
        assert _said(Dataset.from_records(_records(frames))) == []

    def test_cells_are_read_only_for_a_suspect_name(self, monkeypatch: Any) -> None:
        """The check is per column name: an extra column's cells are not looked at, and a
        near miss's are read once per distinct value, not per row (a million rows)."""
        import tukin.io._columns as columns

        frames = _demo()
        emp = frames["employees"]
        big = emp.iloc[np.zeros(200_000, dtype=np.int64)].reset_index(drop=True)
        big["nip"] = [f"19800101{i:010d}" for i in range(len(big))]
        big["tpp_zone"] = 1
        calls = []
        real = columns.text_of
        monkeypatch.setattr(columns, "text_of", lambda v: calls.append(v) or real(v))
        Dataset.from_frames({**frames, "employees": big})
        assert calls == []
        big = big.rename(columns={"end_date": "end_dat"})
        big["end_dat"] = "2025-01-31"
        ds = Dataset.from_frames({**frames, "employees": big})
        assert ds.report.by_code().get("unknown_header") == 1 and len(calls) == 1

    def test_names_and_notes_in_attendance_are_no_codes(self) -> None:
        """A descriptive column of attendance is dropped with a warning, as from records,
        not read as a count whose every 'Budi' rejects its row."""
        frames = _demo()
        frames["attendance"]["Keterangan"] = "hadir"
        with pytest.warns(tukin.errors.InputWarning, match="Keterangan"):
            ds = Dataset.from_frames(frames)
        assert ds.report.ok and "Keterangan" not in ds["attendance"]

    def test_records_with_missing_dates_under_a_misspelt_key(self) -> None:
        """NaT from a frame's to_dict under a resembling key: read as blank, not a crash."""
        frames = _demo()
        frames["employees"] = frames["employees"].rename(columns={"end_date": "tmt_selesai"})
        frames["employees"]["tmt_selesai"] = pd.NaT
        ds = Dataset.from_records(_records(frames))
        assert ds.report.ok, ds.report.describe()


class TestColumnGivenTwice:
    """Two columns naming one contract column (``Status`` and ``status``): one problem naming
    both, or, holding the same cells, one of them read with a warning (every loader)."""

    def test_same_values_are_read_once(self) -> None:
        frames = _demo()
        emp = frames["employees"]
        emp["NIP"] = emp["nip"]
        emp.insert(0, "Status", emp["status"].astype(object))
        for label, given in (("employees", frames), ("records", _records(frames))):
            with pytest.warns(tukin.errors.InputWarning) as caught:
                ds = (
                    Dataset.from_frames(frames, lang="en")
                    if label == "employees"
                    else Dataset.from_records(given, lang="en")
                )
            assert ds.report.ok, ds.report.describe()
            assert sorted(str(w.message) for w in caught) == [
                f"'{label}': columns 'Status' and 'status' both give Status of table "
                "employees, with the same values; 'status' was not read",
                f"'{label}': columns 'nip' and 'NIP' both give NIP of table employees, with "
                "the same values; 'NIP' was not read",
            ]
            columns = list(ds["employees"].columns)
            assert "NIP" not in columns and "Status" not in columns
            assert columns.count("status") == columns.count("nip") == 1
            assert len(ds["employees"]) == len(emp)
        clean = Dataset.from_frames(_demo()).fingerprint()
        assert Dataset.from_frames(frames).fingerprint() == clean

    def test_other_values_are_one_problem_that_stops_the_payment(self) -> None:
        frames = _demo()
        emp = frames["employees"]
        emp["Status"] = emp["status"].where(
            emp.index != 4, "pppk" if emp.loc[4, "status"] != "pppk" else "pns"
        )
        ds = Dataset.from_frames(frames, lang="en")
        (problem,) = ds.report.problems
        assert (problem.table, problem.code, problem.column, problem.value) == (
            "employees",
            "duplicate_header",
            "status",
            "Status",
        )
        assert problem.fields["rows"] == 1 and problem.fields["row"] == 4
        assert "columns 'status' and 'Status' both give status" in problem.message("en")
        assert len(ds["employees"]) == len(emp) and ds.rejected.empty
        assert ds["employees"].sort_index()["status"].tolist() == emp["status"].tolist()
        assert _said(ds) == _said(Dataset.from_records(_records(frames), lang="en"))
        with pytest.raises(tukin.errors.CalculationError) as caught:
            _calculated(ds)
        assert caught.value.code == "input_not_read" and "'Status'" in str(caught.value)

    def test_the_same_label_twice(self) -> None:
        """A frame whose columns are literally ``nip`` twice (a careless concat)."""
        frames = _demo()
        emp = frames["employees"]
        other = emp["nip"].where(emp.index != 0, NIPS[0])
        frames["employees"] = pd.concat([emp, other], axis=1)
        ds = Dataset.from_frames(frames)
        assert [p.code for p in ds.report.problems] == ["duplicate_header"]
        assert list(ds["employees"].columns).count("nip") == 1

    def test_an_attendance_code_twice(self) -> None:
        frames = _demo()
        att = frames["attendance"]
        att["TL1"] = att["tl1"] + 1
        ds = Dataset.from_frames(frames)
        (problem,) = ds.report.problems
        assert (problem.code, problem.column, problem.value) == ("duplicate_header", "tl1", "TL1")


class TestOptions:
    """``mode`` and ``nip_check``: read ignoring case and outer spaces (as ``lang`` is),
    anything else refused, never a silent default (review 25, d10)."""

    @pytest.mark.parametrize("mode", ["Strict", "STRICT", "strict "])
    def test_a_mode_in_another_case_is_that_mode(self, mode: str, tmp_path: Path) -> None:
        """``mode="Strict"`` raises on a bad row: it used to run lenient from a file."""
        frames = clean_frames(*ORG)
        frames["employees"].loc[1, "nip"] = "123"
        with pytest.raises(DatasetValidationError):
            Dataset.from_frames(frames, mode=mode)  # type: ignore[arg-type]
        path = tmp_path / "data.json"
        tukin.io.write_frames(frames, path)
        with pytest.raises(DatasetValidationError):
            tukin.io.read_dataset(path, mode=mode)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("call", "option", "allowed"),
        [
            (lambda: Dataset.from_frames(mode="strik"), "mode", "'lenient', 'strict'"),
            (lambda: Dataset.from_records({}, nip_check="pns"), "nip_check", "'length', 'strict'"),
            (lambda: tukin.io.read_dataset("x.json", mode="loose"), "mode", "'lenient'"),
            (lambda: tukin.io.read_dataset("x.json", nip_check="Strikt"), "nip_check", "'length'"),
        ],
    )
    def test_an_unknown_value_is_refused(self, call: Any, option: str, allowed: str) -> None:
        """An OptionError (a TukinError and a ValueError) naming the values it takes, raised
        before any file is looked for."""
        with pytest.raises(OptionError) as caught:
            call()
        assert caught.value.code == "invalid_option"
        assert isinstance(caught.value, ValueError)
        assert option in str(caught.value) and allowed in str(caught.value)
        assert "harus salah satu dari" in caught.value.message("id")

    def test_nip_check_in_another_case(self) -> None:
        """``nip_check="Strict"`` checks the PNS pattern; it used to check the length only."""
        ds = Dataset.from_frames(clean_frames(*ORG), nip_check=" Strict")  # type: ignore[arg-type]
        assert ds.nip_check == "strict"


class TestStrictMode:
    def test_clean_input_passes(self) -> None:
        """Strict mode accepts a clean regency."""
        assert Dataset.from_frames(clean_frames(), mode="strict").report.ok

    def test_raises_with_every_problem(self) -> None:
        """Strict mode raises once, listing all problems, in the chosen language."""
        frames = clean_frames(*ORG)
        frames["positions"].loc[0, "grade"] = 18
        frames["employees"].loc[1, "nip"] = "123"
        with pytest.raises(DatasetValidationError) as caught:
            Dataset.from_frames(frames, mode="strict", lang="id")
        codes = {p.code for p in caught.value.report.problems}
        assert {"above_maximum", "invalid_nip", "rejected_upstream"} <= codes
        assert "masalah pada data masukan" in str(caught.value)
        assert isinstance(caught.value, ValueError)


class TestFromRecords:
    def test_models_and_dicts(self) -> None:
        """Records and plain dicts go through the same validation as frames."""
        ds = Dataset.from_records(
            mode="strict",
            units=[Unit(unit_id="U1", name="Dinas")],
            positions=[
                Position(position_id="P1", name="Kadis", unit_id="U1", kind="jpt", grade=15)
            ],
            employees=[
                Employee(nip=NIPS[0], position_id="P1", status="pns", start_date=date(2025, 1, 2)),
                {"nip": NIPS[1], "position_id": "P1", "status": "PPPK"},
            ],
            attendance=[Attendance(nip=NIPS[0], period="2025-10", counts={"TL1": 3})],
        )
        assert ds["employees"]["status"].tolist() == ["pns", "pppk"]
        assert ds["employees"]["start_date"].iloc[0] == pd.Timestamp("2025-01-02")
        assert ds["attendance"]["tl1"].tolist() == [3]

    def test_dates_at_their_own_wall_clock(self) -> None:
        """A date-time with a UTC offset is the date at its own clock: midnight WIB on
        31 October is 31 October, also beside other offsets (WITA) and plain dates, where it
        was converted to UTC (30 October: a leaver paid a day less)."""
        values = [
            "2025-10-31T00:00:00+07:00",
            "2025-10-31T08:00:00+0800",
            "2025-10-31",
            "2025-10-31T23:30:00Z",
        ]
        org = {
            "units": [{"unit_id": "U1", "name": "Dinas"}],
            "positions": [
                {"position_id": "P1", "name": "Kadis", "unit_id": "U1", "kind": "jpt", "grade": 15}
            ],
        }
        ds = Dataset.from_records(
            org,
            mode="strict",
            employees=[
                {"nip": NIPS[i], "position_id": "P1", "status": "pns", "end_date": v}
                for i, v in enumerate(values)
            ],
        )
        ends = ds["employees"].set_index("nip")["end_date"]
        assert [ends[n] for n in NIPS] == [pd.Timestamp("2025-10-31")] * 4
        one_offset = Dataset.from_records(
            org,
            employees=[
                {"nip": NIPS[0], "position_id": "P1", "status": "pns", "end_date": values[0]}
            ],
        )
        assert one_offset["employees"]["end_date"].iat[0] == pd.Timestamp("2025-10-31")

    def test_dict_records_are_validated(self) -> None:
        """A bad dict record is rejected like a bad spreadsheet row."""
        ds = Dataset.from_records(units=[{"unit_id": "U1", "name": "Dinas"}, {"unit_id": "U2"}])
        assert ds.rejected[["table", "row", "code"]].values.tolist() == [
            ["units", 1, "required_value"]
        ]

    def test_record_in_the_wrong_table(self) -> None:
        """An Employee record given as a unit is a programming error."""
        with pytest.raises(TypeError):
            Dataset.from_records(units=[Employee(nip=NIPS[0], position_id="P1", status="pns")])

    def test_empty_records(self) -> None:
        """No records gives an empty table, not a missing-column problem."""
        ds = Dataset.from_records({"units": [], "positions": []}, sanctions=[])
        assert len(ds["sanctions"]) == 0
        assert "missing_column" not in ds.report.by_code()

    def test_decimals_are_read(self) -> None:
        """Decimal values in records become the float64 with the same repr."""
        ds = Dataset.from_records(
            indicators=[
                {"indicator_id": "I1", "work_item_id": "W", "name": "x", "weight": Decimal("0.1")}
            ]
        )
        assert ds.report.by_code() == {"missing_table": 3, "unknown_reference": 1}
        assert ds.rejected["code"].tolist() == ["unknown_reference"]


class TestAccessors:
    def test_table_is_a_copy(self, clean: Dataset) -> None:
        """Changing a returned frame does not change the Dataset."""
        frame = clean["employees"]
        frame["status"] = "x"
        frame.loc[frame.index[0], "name"] = "Zed"
        assert clean["employees"].sort_index()["status"].tolist() == ["pns", "pns", "cpns", "pppk"]
        assert clean["employees"].sort_index()["name"].iloc[0] == "Ani"

    def test_tables_come_in_key_order_with_input_row_numbers(self) -> None:
        """Whatever the order of the file, a table comes back in key order (employees by
        NIP, attendance by NIP then period); the index keeps each row's input row number."""
        frames = clean_frames(*ORG, "attendance")
        frames["employees"] = frames["employees"].iloc[::-1].reset_index(drop=True)
        ds = Dataset.from_frames(frames, mode="strict")
        nips = ds["employees"]["nip"].tolist()
        assert nips == sorted(nips)
        assert ds["employees"].index.tolist() == [len(nips) - 1 - NIPS.index(n) for n in nips]
        att = ds["attendance"]
        pairs = list(zip(att["nip"], att["period"], strict=True))
        assert pairs == sorted(pairs)

    def test_unknown_table_name(self, clean: Dataset) -> None:
        """Asking for a table the contract does not know is a KeyError listing the tables."""
        with pytest.raises(KeyError, match="units"):
            clean.table("staff")

    def test_tables_mapping(self, clean: Dataset) -> None:
        """tables maps every contract table, in contract order, and cannot be assigned to."""
        assert list(clean.tables) == list(contract.TABLES)
        with pytest.raises(TypeError):
            clean.tables["units"] = pd.DataFrame()  # type: ignore[index]

    def test_periods(self, clean: Dataset) -> None:
        """Periods reported in period columns, in time order; sanction starts excluded."""
        assert clean.periods() == [Period.month(2025, 10), Period.quarter(2025, 4)]

    def test_contains(self, clean: Dataset) -> None:
        """'in' tells whether a table has rows."""
        assert "employees" in clean
        assert "nothing" not in clean


class TestRejected:
    def test_one_row_per_rejected_row_with_all_reasons(self) -> None:
        """A row with two defects is one rejected row with both reasons joined."""
        frames = clean_frames(*ORG)
        frames["positions"].loc[3, "grade"] = 0
        frames["positions"].loc[3, "kind"] = "boss"
        ds = Dataset.from_frames(frames)
        row = ds.rejected.set_index(["table", "row"]).loc[("positions", 3)]
        assert row["code"] == "invalid_choice; below_minimum"
        assert row["column"] == "kind; grade"
        assert row["key"] == "P4"
        assert list(ds.rejected.columns) == [
            "table", "row", "key", "column", "code", "message", "location"
        ]  # fmt: skip

    def test_table_wide_problem_lists_every_row(self) -> None:
        """A missing required column rejects every row of its table, each listed."""
        frames = clean_frames(*ORG, "appraisals")
        frames["appraisals"] = frames["appraisals"].drop(columns=["behaviour"])
        ds = Dataset.from_frames(frames)
        appraisal_rows = ds.rejected[ds.rejected["table"] == "appraisals"]
        assert appraisal_rows["row"].tolist() == [0, 1, 2, 3]
        assert set(appraisal_rows["code"]) == {"missing_column"}

    def test_messages_in_indonesian(self) -> None:
        """lang='id' gives the rejected messages in Indonesian."""
        frames = clean_frames(*ORG)
        frames["positions"]["grade"] = ["abc", 12, 7, 9]
        ds = Dataset.from_frames(frames, lang="id")
        assert "'abc' bukan angka" in ds.rejected["message"].iloc[0]


class TestSummaryAndRepr:
    def test_summary(self) -> None:
        """given = kept + rejected per table, with the number of problems."""
        frames = clean_frames(*ORG, "attendance")
        frames["employees"].loc[3, "nip"] = "1"
        summary = Dataset.from_frames(frames).summary()
        assert summary.loc["employees"].tolist() == [4, 3, 1, 1]
        assert summary.loc["attendance"].tolist() == [4, 3, 1, 1]
        assert (summary["given"] == summary["kept"] + summary["rejected"]).all()

    def test_repr_is_short(self, clean: Dataset) -> None:
        """repr names mode and row counts; the HTML form adds the summary table."""
        assert repr(clean).startswith("<Dataset lenient: units 2, positions 4")
        assert "<table" in clean._repr_html_()


def org_frames() -> dict[str, pd.DataFrame]:
    """The organisation and attendance tables of the clean regency: enough to fingerprint."""
    return clean_frames(*ORG, "attendance")


class TestFingerprint:
    @pytest.fixture(scope="class")
    def org(self) -> str:
        return Dataset.from_frames(org_frames()).fingerprint()

    def test_independent_of_row_and_column_order(self, org: str) -> None:
        """Shuffled rows and columns give the same fingerprint."""
        shuffled = {
            name: frame.sample(frac=1.0, random_state=1)[list(reversed(frame.columns))]
            for name, frame in org_frames().items()
        }
        assert Dataset.from_frames(shuffled).fingerprint() == org

    def test_changes_with_any_value(self, org: str) -> None:
        """One cell changed changes the fingerprint."""
        frames = org_frames()
        frames["attendance"].loc[2, "tk"] = 2
        assert Dataset.from_frames(frames).fingerprint() != org

    def test_absent_and_empty_tables_hash_alike(self, org: str) -> None:
        """Giving an empty table does not change the fingerprint."""
        frames = {**org_frames(), "sanctions": clean_frames()["sanctions"].iloc[:0]}
        assert Dataset.from_frames(frames).fingerprint() == org

    def test_pinned_value(self, clean: Dataset) -> None:
        """The encoding is stable across releases: receipts must verify years later. Each
        version stays computable: version 1's digest is the one receipts before version 2
        recorded."""
        assert clean.fingerprint() == (
            "dc710d32c8ed4574182a0c794af4a2325dd5d1b04b82c0ea9da3dec3e34a8dd9"
        )
        assert clean.fingerprint(version=1) == (
            "7038dd76b11a3d6a26523fdc2d126f7f6b3aea89bf3ba19b4590e049894f7c37"
        )

    def test_pinned_encoding_of_every_type(self) -> None:
        """Each type's encoding (integers, nullable integers, floats with NaN and -0.0, bools,
        dates with NaT, instants, Arrow and object text with gaps, float32) is pinned: the
        bytes hashed may be produced faster, never differently."""
        from tukin._fingerprint import fingerprint

        n = 7
        t = pd.DataFrame(
            {
                "k": pd.Series([f"K{i}" for i in range(n)], dtype="str"),
                "i": np.arange(n, dtype=np.int64) * -3,
                "i32": np.arange(n, dtype=np.int32),
                "ni": pd.array([1, None, 3, 4, None, 6, 7], dtype="Int64"),
                "f": np.linspace(-1.5, 2.25, n),
                "nf": [0.1, np.nan, 2.0, -0.0, np.inf, 5.5, np.nan],
                "b": [True, False, True, True, False, False, True],
                "d": pd.to_datetime(
                    [
                        "2025-01-01",
                        None,
                        "1969-12-31",
                        "2025-06-30",
                        "2000-02-29",
                        None,
                        "2025-01-02",
                    ]
                ),
                "tz": pd.to_datetime(["2025-01-01 07:00"] * n).tz_localize("Asia/Jakarta"),
                "s": pd.Series(["a", None, "é", "", "xyz", "a", None], dtype="str"),
                "o": pd.Series(["a", None, "é", "", "xyz", 1, None], dtype=object),
            }
        )
        u = pd.DataFrame({"x": np.arange(3, dtype=np.float32)})
        empty = t.iloc[:0]
        tables, keys = {"t": t, "u": u, "e": empty}, {"t": ["k"], "u": ["x"], "e": ["k"]}
        got = fingerprint(tables, keys, version=1)
        assert got == "8619ca5d2d84794ed512d92dfd7cd418adb99786c58fbb2d66b84f025d9714fe"
        assert (
            fingerprint(tables, keys)
            == "828948230830daced770fca2609251e06bae71173eb2dc70d4cba500b03d409a"
        )
        # version 2 with every column of t but its key an extra column: by value
        extra = fingerprint(tables, keys, typed={"t": {"k"}, "u": {"x"}, "e": {"k"}})
        assert extra == "0a99b94cf9e261d5a87dc2ca919c37af1732db549c05a264abbd807e178e6d77"

    def test_extra_columns_by_value_not_by_type(self, org: str) -> None:
        """An extra column (outside the contract) gives one fingerprint however a reader
        typed it: integers, whole floats (a column with a blank), digit text (JSON, an Excel
        cell stored as text), padded text, a mixed object column, another header spelling."""
        from tukin._fingerprint import canonical_text

        def with_salary(values: Any, header: str = "basic_salary") -> str:
            frames = org_frames()
            emp = frames["employees"]
            emp[header] = pd.Series(values, index=emp.index)
            return Dataset.from_frames(frames).fingerprint()

        n = len(org_frames()["employees"])
        ints = [5_000_000 + i for i in range(n)]
        base = with_salary(ints)
        assert base != org
        assert with_salary([float(v) for v in ints]) == base
        assert with_salary([str(v) for v in ints]) == base
        assert with_salary(pd.Series([str(v) for v in ints], dtype="str")) == base
        assert with_salary([f" {v}.0 " for v in ints]) == base
        assert with_salary([str(ints[0]), *ints[1:]]) == base  # one cell stored as text
        assert with_salary(ints, header="BASIC SALARY") == base
        assert with_salary([ints[0] + 1, *ints[1:]]) != base  # a value still counts
        gaps = [None, *ints[1:]]
        assert with_salary(gaps) == with_salary([np.nan, *map(float, ints[1:])])
        assert with_salary(gaps) == with_salary(["  ", *map(str, ints[1:])])
        # 19 digits are text in every form (an int64 column, a float, digits)
        big = [10**18, *ints[1:]]
        assert with_salary(big) == with_salary([1e18, *ints[1:]])
        assert with_salary(big) == with_salary(["1000000000000000000", *map(str, ints[1:])])
        null, text = canonical_text(pd.Series(["0012", "12", "1.50", 82.231, "-0", True]))
        assert text.tolist() == ["0012", "12", "1.5", "82.231", "0", "true"]
        assert not null.any()

    def test_table_fingerprints_make_the_whole(self, clean: Dataset) -> None:
        """The whole digest is that of each table's digest, so a receipt keeping the tables'
        tells which one changed; a changed table changes its own digest only."""
        import hashlib

        from tukin._fingerprint import VERSION, _text_bytes

        per = clean.table_fingerprints()
        whole = hashlib.sha256(VERSION)
        for name in sorted(per):
            whole.update(b"T" + _text_bytes(name) + bytes.fromhex(per[name]))
        assert whole.hexdigest() == clean.fingerprint()
        frames = clean_frames()
        frames["attendance"].loc[0, "tk"] = int(frames["attendance"].loc[0, "tk"]) + 1
        changed = Dataset.from_frames(frames).table_fingerprints()
        assert [t for t in per if per[t] != changed[t]] == ["attendance"]

    def test_an_empty_table_hashes_by_its_columns_and_their_types(self) -> None:
        """An empty table's digest is remembered (most of a small Dataset's tables are
        empty); remembered or not, it is the one its bytes give, and it still tells apart
        the columns' names, their dtypes and typed from extra."""
        import hashlib

        from tukin._fingerprint import _TABLE, _table_into, fingerprints

        variants = [
            (pd.DataFrame({"a": pd.Series([], dtype="int64")}), {"a"}),
            (pd.DataFrame({"a": pd.Series([], dtype="float64")}), {"a"}),
            (pd.DataFrame({"a": pd.Series([], dtype="str")}), {"a"}),
            (pd.DataFrame({"a": pd.Series([], dtype="datetime64[ns]")}), {"a"}),
            (pd.DataFrame({"a": pd.Series([], dtype="int64")}), set()),  # an extra column
            (pd.DataFrame({"b": pd.Series([], dtype="int64")}), {"b"}),
            (pd.DataFrame({1: pd.Series([], dtype="int64")}), {1}),
            (pd.DataFrame({"1": pd.Series([], dtype="int64")}), {"1"}),
            (pd.DataFrame({"a": [], "b": []}, dtype="int64"), {"a", "b"}),
        ]

        def fresh(frame: pd.DataFrame, typed: set[Any]) -> str:
            digest = hashlib.sha256(_TABLE)
            _table_into(digest, "t", frame, (), True, typed)
            return digest.hexdigest()

        expected = [fresh(frame, typed) for frame, typed in variants]
        # a label is hashed as its text: 1 and "1" are one name, every other variant differs
        assert expected[6] == expected[7]
        assert len(set(expected)) == len(variants) - 1
        for _ in range(2):  # the second round is answered from what the first remembered
            got = [
                fingerprints({"t": f}, {}, in_key_order=True, typed={"t": t})[1]["t"]
                for f, t in variants
            ]
            assert got == expected

    def test_an_unknown_encoding_is_refused(self, clean: Dataset) -> None:
        with pytest.raises(ValueError, match="unknown dataset fingerprint encoding"):
            clean.fingerprint(version=99)

    def test_nip_as_text_or_int_is_the_same_input(self, org: str) -> None:
        """How the NIP column was typed does not matter once validated."""
        frames = org_frames()
        frames["employees"] = frames["employees"].astype({"nip": "int64"})
        assert Dataset.from_frames(frames).fingerprint() == org


class TestDocs:
    def test_doc_contains_the_generated_contract(self) -> None:
        """docs/data-contract.md embeds contract.to_markdown() verbatim."""
        assert contract.to_markdown() in DOCS.read_text(encoding="utf-8")

    def test_module_examples_run(self) -> None:
        """The example in the dataset module docstring runs."""
        assert doctest.testmod(tukin.dataset, raise_on_error=False).failed == 0

    def test_decimal_float_policy(self) -> None:
        """A decimal typed as text is stored as float64 and read back as exactly that decimal."""
        frames = clean_frames(*PLAN)
        frames["indicators"]["weight"] = ["0.1", "2.675"]
        weights = Dataset.from_frames(frames)["indicators"]["weight"]
        assert weights.dtype == "float64"
        assert [decimal_from_float_repr(w) for w in weights] == [Decimal("0.1"), Decimal("2.675")]
