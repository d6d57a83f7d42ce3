"""Fuzz tests: arbitrary input gives a result or a ``TukinError``, never another exception.

Every public entry point that reads outside input is fed with generated junk: the rule-file
loader (text, bytes, nested data, mutations of the packaged packs), the dataset validator
(tables of odd shapes, dtypes and cells), the CSV, Excel and JSON readers (random bytes,
encodings, delimiters, formulas, merged and hidden sheets) and the engine (random rule sets
over a small regency). The test only knows two good outcomes: a value, or an error from
:mod:`tukin.errors` with a stable code. A ``KeyError`` from pandas or a ``RecursionError`` from
a parser is a bug. Each call must also finish quickly: a hang is a bug too.

The example counts are small so the file runs in CI in seconds; the long profile raises them::

    TUKIN_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import time
import warnings
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin import presets
from tukin.calc.engine import calculate
from tukin.contract import TABLES
from tukin.dataset import Dataset
from tukin.errors import DatasetValidationError, TukinError
from tukin.io import Limits, read_csv_folder, read_excel, read_json
from tukin.io.headers import SHEETS, header
from tukin.rules import registry
from tukin.ruleset.load import PARAM_KEYS, TOP_KEYS, load_ruleset
from tukin.ruleset.model import RuleSet

T = TypeVar("T")

#: Examples per test; ``TUKIN_FUZZ_EXAMPLES`` raises every count to at least that (long profile).
LONG = int(os.environ.get("TUKIN_FUZZ_EXAMPLES", "0") or 0)
#: Longest a single call may take before it counts as a hang (seconds: wall time, so generous;
#: on a machine shared with other test runs a call that takes 1 s alone took 22).
SLOW = 60.0


def fuzz(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Hypothesis settings for a fuzz test: bounded examples, no deadline, no health noise."""
    return settings(
        max_examples=max(examples, LONG),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        # no shrinking in CI: a failure is reported at once instead of minutes later; the long
        # profile shrinks it to the smallest input that fails
        phases=tuple(Phase) if LONG else (Phase.explicit, Phase.reuse, Phase.generate),
    )


def outcome(call: Callable[[], T]) -> T | TukinError:
    """Run ``call``: its value or the TukinError it raised; any other exception fails the test."""
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # input warnings are expected here, not errors
            return call()
    except TukinError as exc:
        assert exc.code, "a TukinError without a code"
        assert exc.message("en") and exc.message("id")
        return exc
    finally:
        elapsed = time.perf_counter() - start
        assert elapsed < SLOW, f"took {elapsed:.1f} s: a hang?"


# -- strategies ----------------------------------------------------------------------------------

_WORDS = ["$base", "$p", "60%", "1/3", "0.5%", "tl1", "tk", "grade", "status", "higher", "x"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(_WORDS),
    st.dates(),
)
plain_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.sampled_from(_WORDS)), children, max_size=4
        ),
    ),
    max_leaves=12,
)


@st.composite
def rule_dicts(draw: st.DrawFn) -> dict[Any, Any]:
    """A rule file as data: known keys with random values, real rule types with random params."""
    types = sorted(registry.names()) if hasattr(registry, "names") else _rule_types()
    doc: dict[Any, Any] = {}
    for key in draw(st.lists(st.sampled_from([*TOP_KEYS, "junk"]), max_size=6, unique=True)):
        doc[key] = draw(plain_data)
    if draw(st.booleans()):
        doc["name"] = draw(st.text(max_size=8))
    params: dict[str, Any] = {}
    for name in draw(st.lists(st.sampled_from(["base", "p", "q"]), max_size=3, unique=True)):
        keys = draw(st.lists(st.sampled_from([*PARAM_KEYS, "junk"]), max_size=4, unique=True))
        params[name] = {k: draw(plain_data) for k in keys} if keys else draw(plain_data)
    if params or draw(st.booleans()):
        doc["parameters"] = params
    steps = []
    for i in range(draw(st.integers(0, 3))):
        rtype = draw(st.sampled_from([*types, "nosuch"]))
        fields = list(registry.get(rtype).params.model_fields) if rtype in types else []
        step: dict[str, Any] = {"id": draw(st.sampled_from([f"s{i}", "s0", "tpp"])), "type": rtype}
        for field in draw(st.lists(st.sampled_from([*fields, "junk"]), max_size=4, unique=True)):
            step[field] = draw(plain_data)
        steps.append(step)
    if steps or draw(st.booleans()):
        doc["steps"] = steps
    return doc


def _rule_types() -> list[str]:
    registry.get("round")  # loads the built-ins
    return sorted(registry._REGISTRY)


_JUNK_LINES = [
    "!!python/object/apply:os.system ['true']",
    "&a [1, 2]",
    "*a",
    "[" * 200,
    "{a: " * 50,
    ".nan",
    "-.inf",
    "010",
    "1:30",
    "~",
    "<<: {a: 1}",
    "\t- x",
    "'unclosed",
    "key: !!binary aGVsbG8=",
    "\x00",
    "\ufeff",
]


def _preset_texts() -> list[str]:
    return [presets.path(name).read_text(encoding="utf-8") for name in presets.names()]


@st.composite
def mutated_presets(draw: st.DrawFn) -> str:
    """A packaged rule pack with a few lines deleted, duplicated or replaced by junk."""
    lines = draw(st.sampled_from(_preset_texts())).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "dup", "junk", "append", "chars"]))
        if how == "delete":
            del lines[i]
        elif how == "dup":
            lines.insert(i, lines[i])
        elif how == "junk":
            lines[i] = draw(st.sampled_from(_JUNK_LINES))
        elif how == "append":
            lines[i] += " " + draw(st.sampled_from(_JUNK_LINES))
        else:
            j = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:j] + draw(st.text(max_size=3)) + lines[i][j + 1 :]
        if not lines:
            lines = ["x"]
    return "\n".join(lines) + "\n"


@st.composite
def value_mutated_presets(draw: st.DrawFn) -> dict[str, Any]:
    """A packaged rule pack as data with one value somewhere replaced by random data."""
    import copy

    from tukin.ruleset.yamlsafe import load_text

    name = draw(st.sampled_from(presets.names()))
    data, _ = load_text(presets.path(name).read_text(encoding="utf-8"))
    doc = copy.deepcopy(data)
    node: Any = doc
    for _ in range(draw(st.integers(1, 6))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node, key=str)))
        elif isinstance(node, list) and node:
            key = draw(st.integers(0, len(node) - 1))
        else:
            break
        if draw(st.integers(0, 3)) == 0 or not isinstance(node[key], dict | list):
            node[key] = draw(plain_data)
            break
        node = node[key]
    return doc


# -- rule files ----------------------------------------------------------------------------------


class TestRuleFileLoader:
    """``load_ruleset`` on anything: a RuleSet or a RuleSetError, never another exception."""

    @fuzz(60)
    @given(text=st.text(max_size=400))
    def test_arbitrary_text(self, text: str) -> None:
        """Any text, read as rule-file text or as a name, gives a RuleSet or a TukinError."""
        outcome(lambda: load_ruleset(text + "\n"))
        outcome(lambda: load_ruleset(text))

    @fuzz(60)
    @given(doc=rule_dicts())
    def test_arbitrary_structures(self, doc: dict[Any, Any]) -> None:
        """Known keys, real rule types and random values: never an AttributeError or KeyError."""
        got = outcome(lambda: load_ruleset(doc))
        if isinstance(got, RuleSet):
            assert len(got.fingerprint()) == 64

    @fuzz(40)
    @given(text=mutated_presets())
    def test_mutated_packs(self, text: str) -> None:
        """A packaged pack with lines deleted, duplicated or replaced by junk (tags, aliases...)."""
        outcome(lambda: load_ruleset(text))

    @fuzz(40)
    @given(doc=value_mutated_presets())
    def test_mutated_values(self, doc: dict[str, Any]) -> None:
        """A packaged pack with one value replaced anywhere: loads, or says which is wrong."""
        outcome(lambda: load_ruleset(doc))

    @fuzz(30)
    @given(data=st.binary(max_size=300), suffix=st.sampled_from([".yaml", ".json", ".toml"]))
    def test_arbitrary_bytes(
        self, tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
    ) -> None:
        """Random bytes in a .yaml, .json or .toml file."""
        path = tmp_path_factory.mktemp("rules") / f"rules{suffix}"
        path.write_bytes(data)
        outcome(lambda: load_ruleset(path))

    @pytest.mark.parametrize(
        "text",
        [
            "a: " + "[" * 2000 + "]" * 2000,
            "a: " + "{b: " * 3000 + "1" + "}" * 3000,
            "- " * 3000 + "1",
        ],
        ids=["deep-lists", "deep-maps", "deep-block"],
    )
    def test_deep_nesting(self, text: str) -> None:
        """Deeply nested YAML is refused with a code, not a RecursionError."""
        got = outcome(lambda: load_ruleset(text + "\n"))
        assert isinstance(got, TukinError)

    @pytest.mark.parametrize("suffix", [".toml", ".json"])
    def test_deep_nesting_in_files(self, tmp_path: Path, suffix: str) -> None:
        """Deeply nested TOML and JSON rule files are refused too."""
        path = tmp_path / f"deep{suffix}"
        body = "[" * 2000 + "]" * 2000
        path.write_text(f"a = {body}\n" if suffix == ".toml" else body, encoding="utf-8")
        assert isinstance(outcome(lambda: load_ruleset(path)), TukinError)

    @pytest.mark.parametrize("name", ["x" * 300, "é" * 200, "a/" * 3000])
    def test_names_no_file_system_accepts(self, name: str) -> None:
        """A one-line name too long for a file name is a RuleSetError, not an OSError."""
        assert isinstance(outcome(lambda: load_ruleset(name)), TukinError)

    @pytest.mark.parametrize("name", ["", ".", "tests", "tukin"])
    def test_folder_names(self, name: str) -> None:
        """A name that is a folder (or empty) is not a rule file: RuleSetError, not OSError."""
        assert isinstance(outcome(lambda: load_ruleset(name)), TukinError)


# -- the dataset validator -------------------------------------------------------------------------

_CELLS: list[Any] = [
    None,
    "",
    " ",
    "x",
    "\x00",
    "１２３",
    "=1+1",
    0,
    1,
    -1,
    15,
    2**53 + 1,
    2**64,
    -(2**70),
    0.5,
    1e308,
    -0.0,
    float("nan"),
    float("inf"),
    True,
    Decimal("1.5"),
    Decimal("NaN"),
    Decimal("1e999"),
    dt.date(2025, 10, 1),
    dt.datetime(2025, 10, 16, 7, 30),
    dt.datetime(9999, 12, 31),
    pd.NaT,
    pd.Timestamp("2025-10-01", tz="Asia/Jakarta"),
    np.int64(7),
    np.float32(2.5),
    [1, 2],
    {"a": 1},
    b"\xff",
    1 + 2j,
    "198001012005011001",
    "19800101 200501 1 001",
    "1.98E+17",
    "2025-10",
    "2025-Q3",
    "Oktober 2025",
    "31/10/2025",
    "pns",
    "PPPK",
    "jpt",
    "program",
    "sub_kegiatan",
    "U1",
    "P1",
    "W1",
    "I1",
]
_DTYPES = [None, object, "str", "float64", "Int64", "int64", "category", "boolean"]


@st.composite
def messy_frames(draw: st.DrawFn, max_rows: int = 6) -> dict[Any, pd.DataFrame]:
    """Tables (contract names and a stranger) with contract and odd columns of odd cells."""
    rnd = draw(st.randoms(use_true_random=False))
    names = [*TABLES, "pegawai", 7]
    frames: dict[Any, pd.DataFrame] = {}
    for name in rnd.sample(names, rnd.randint(0, len(names))):
        spec = TABLES.get(name) if isinstance(name, str) else None
        columns: list[Any] = list(spec.names) if spec else ["a"]
        columns = [c for c in columns if rnd.random() > 0.1]
        columns += rnd.sample(
            ["tl1", " NIP ", "Grade", "grade", "days_served", 3, None, "x"], rnd.randint(0, 2)
        )
        n = rnd.randint(0, max_rows)
        data = {j: [rnd.choice(_CELLS) for _ in range(n)] for j in range(len(columns))}
        frame = pd.DataFrame(data, dtype=object)
        frame.columns = pd.Index(columns, dtype=object) if columns else frame.columns
        for j in range(len(columns)):
            dtype = rnd.choice(_DTYPES)
            if dtype is None:
                continue
            with contextlib.suppress(TypeError, ValueError, OverflowError):
                frame.isetitem(j, frame.iloc[:, j].astype(dtype))
        if rnd.random() < 0.2:
            frame.index = [rnd.choice([0, 5, "a"]) for _ in range(n)]
        frames[name] = frame
    return frames


class TestDatasetValidator:
    """``Dataset.from_frames`` on odd tables: a Dataset, or a DatasetValidationError in strict mode."""

    @fuzz(40)
    @given(frames=messy_frames())
    def test_every_row_is_accounted_for(self, frames: dict[Any, pd.DataFrame]) -> None:
        """Lenient: a Dataset whose every table has given == kept + rejected; its views work."""
        ds = outcome(lambda: Dataset.from_frames(frames))
        assert isinstance(ds, Dataset), ds
        for name, count in ds.report.counts.items():
            assert count.given == count.kept + count.rejected, name
            if name in TABLES:
                assert len(ds[name]) == count.kept
        rejected = ds.rejected
        for name, count in ds.report.counts.items():
            assert (rejected["table"] == name).sum() == count.rejected, name
        ds.report.describe("id")
        ds.report.to_frame("en")
        ds.summary()
        assert len(ds.fingerprint()) == 64

    @pytest.mark.parametrize(
        "cell",
        [b"\xff", pd.Timestamp("2025-10-01", tz="Asia/Jakarta"), 1 + 2j, [1], None],
        ids=["bytes", "aware-time", "complex", "list", "none"],
    )
    def test_odd_cells_in_extra_columns(self, cell: Any) -> None:
        """Extra columns of any Python value validate, fingerprint and keep their rows."""
        units = pd.DataFrame(
            {"unit_id": ["U1"], "name": ["D"], "x": pd.Series([cell], dtype=object)}
        )
        ds = outcome(lambda: Dataset.from_frames(units=units))
        assert isinstance(ds, Dataset) and len(ds["units"]) == 1
        assert len(ds.fingerprint()) == 64

    @fuzz(20)
    @given(frames=messy_frames())
    def test_strict_raises_exactly_when_lenient_reports(
        self, frames: dict[Any, pd.DataFrame]
    ) -> None:
        """Strict mode raises DatasetValidationError (and nothing else) iff there is a problem."""
        got = outcome(lambda: Dataset.from_frames(frames, mode="strict"))
        lenient = Dataset.from_frames(frames)
        assert isinstance(got, DatasetValidationError) == (not lenient.report.ok)


# -- CSV ----------------------------------------------------------------------------------------

_CSV_NAMES = ["pegawai", "employees", "Jabatan", "unit", "kehadiran", "targets", "pegawi", "lain"]


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """A CSV file as an office might send it: any delimiter, encoding, quotes and junk cells."""
    rnd = draw(st.randoms(use_true_random=False))
    table = rnd.choice(list(TABLES))
    heads = [header(table, c.name, rnd.choice(["id", "en"])) for c in TABLES[table].columns]
    heads += rnd.sample(["TL1", "", "junk", "NIP"], rnd.randint(0, 2))
    rnd.shuffle(heads)
    delimiter = rnd.choice([",", ";", "\t", "|"])
    cells = [str(c) for c in _CELLS] + [
        '"',
        '""',
        'a"b',
        "a;b",
        "a,b",
        "\n",
        "\r",
        "José",
        "Rp5.000,-",
    ]
    rows = [heads] + [[rnd.choice(cells) for _ in heads] for _ in range(rnd.randint(0, 5))]
    if rnd.random() < 0.3:
        rows.append([rnd.choice(cells) for _ in range(rnd.randint(0, len(heads) + 3))])
    buffer = io.StringIO()
    if rnd.random() < 0.5:
        import csv

        csv.writer(
            buffer, delimiter=delimiter, lineterminator=rnd.choice(["\n", "\r\n"])
        ).writerows(rows)
    else:
        buffer.write("\n".join(delimiter.join(r) for r in rows))
    text = buffer.getvalue()
    encoding = rnd.choice(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
    data = text.encode(encoding, errors="replace")
    if rnd.random() < 0.2:
        k = rnd.randint(0, len(data))
        data = data[:k] + bytes(rnd.randint(0, 255) for _ in range(3)) + data[k:]
    return data


class TestCsvReader:
    """``read_csv_folder`` on any bytes: a Dataset or an InputFileError / DataError."""

    @fuzz(60)
    @given(data=csv_bytes(), name=st.sampled_from(_CSV_NAMES), strict=st.booleans())
    def test_office_csv(
        self, tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str, strict: bool
    ) -> None:
        """Delimiters, encodings (Latin-1, BOM, UTF-16), stray quotes, short and long rows."""
        folder = tmp_path_factory.mktemp("csv")
        (folder / f"{name}.csv").write_bytes(data)
        got = outcome(lambda: read_csv_folder(folder, mode="strict" if strict else "lenient"))
        if isinstance(got, Dataset):
            for count in got.report.counts.values():
                assert count.given == count.kept + count.rejected

    @fuzz(40)
    @given(data=st.binary(max_size=400))
    def test_random_bytes(self, tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
        """Random bytes named pegawai.csv."""
        path = tmp_path_factory.mktemp("csv") / "pegawai.csv"
        path.write_bytes(data)
        outcome(lambda: read_csv_folder([path]))

    def test_row_limit(self, tmp_path: Path) -> None:
        """A file with more rows than the limit is refused before it is validated."""
        path = tmp_path / "pegawai.csv"
        path.write_text("nip\n" + "1\n" * 50, encoding="utf-8")
        got = outcome(lambda: read_csv_folder([path], limits=Limits(max_rows=10)))
        assert isinstance(got, TukinError) and got.code == "file_too_large"

    def test_size_limit(self, tmp_path: Path) -> None:
        """A file larger than the byte limit is refused before a byte is parsed."""
        path = tmp_path / "pegawai.csv"
        path.write_text("nip\n" + "1\n" * 5000, encoding="utf-8")
        got = outcome(lambda: read_csv_folder([path], limits=Limits(max_file_bytes=1000)))
        assert isinstance(got, TukinError) and got.code == "file_too_large"


# -- Excel --------------------------------------------------------------------------------------

_XL_CELLS: list[Any] = [
    c
    for c in _CELLS
    if not isinstance(c, list | dict | bytes | complex | Decimal) and c is not pd.NaT
]
_XL_CELLS = [c for c in _XL_CELLS if not (isinstance(c, (pd.Timestamp, np.generic)))]
_XL_CELLS = [c for c in _XL_CELLS if c != "\x00"]  # openpyxl cannot write control characters
_XL_CELLS += [
    "=1/0",
    "=A1+1",
    "=SUM(A:A)",
    "#N/A",
    "#DIV/0!",
    198001012005011001,
    1.98001012005011e17,
]


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """An .xlsx written by openpyxl: real and odd sheet names, headers in either language,
    formulas without saved values, error values, merged cells, hidden sheets, title rows."""
    import openpyxl

    rnd = draw(st.randoms(use_true_random=False))
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheet_names = [SHEETS[t][rnd.randint(0, 1)] for t in TABLES] + ["Pegawi", "Catatan", "_kontrak"]
    for title in rnd.sample(sheet_names, rnd.randint(1, 4)):
        ws = wb.create_sheet(title[:31])
        table = rnd.choice(list(TABLES))
        heads: list[Any] = [
            header(table, c.name, rnd.choice(["id", "en"])) for c in TABLES[table].columns
        ]
        heads += rnd.sample(["TL1", None, "junk", 5], rnd.randint(0, 2))
        rnd.shuffle(heads)
        if rnd.random() < 0.2:
            ws.append(["Daftar pegawai"])
        ws.append(heads)
        for _ in range(rnd.randint(0, 5)):
            ws.append([rnd.choice(_XL_CELLS) for _ in range(rnd.randint(0, len(heads) + 2))])
        if rnd.random() < 0.3 and ws.max_row >= 2:
            top = rnd.randint(1, ws.max_row)
            ws.merge_cells(
                start_row=top, start_column=1, end_row=min(ws.max_row, top + 1), end_column=2
            )
        if rnd.random() < 0.2:
            ws.sheet_state = rnd.choice(["hidden", "veryHidden"])
    if all(ws.sheet_state != "visible" for ws in wb.worksheets):
        wb.worksheets[0].sheet_state = "visible"
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if rnd.random() < 0.1:  # damaged in the mail
        k = int(rnd.random() * (len(data) - 1))
        data = data[:k] + bytes([data[k] ^ 0xFF]) + data[k + 1 :]
    return data


class TestExcelReader:
    """``read_excel`` on odd and damaged workbooks: a Dataset or a TukinError."""

    @fuzz(25)
    @given(data=workbooks(), strict=st.booleans())
    def test_odd_workbooks(
        self, tmp_path_factory: pytest.TempPathFactory, data: bytes, strict: bool
    ) -> None:
        """Formulas, error values, merged cells, hidden sheets, near-miss names, bad cells."""
        path = tmp_path_factory.mktemp("xlsx") / "isian.xlsx"
        path.write_bytes(data)
        got = outcome(lambda: read_excel(path, mode="strict" if strict else "lenient"))
        if isinstance(got, Dataset):
            for count in got.report.counts.values():
                assert count.given == count.kept + count.rejected

    @fuzz(25)
    @given(data=st.binary(max_size=600), zipped=st.booleans())
    def test_random_bytes(
        self, tmp_path_factory: pytest.TempPathFactory, data: bytes, zipped: bool
    ) -> None:
        """Random bytes, bare or inside a zip container, named .xlsx."""
        path = tmp_path_factory.mktemp("xlsx") / "isian.xlsx"
        if zipped:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr("[Content_Types].xml", data)
                archive.writestr("xl/workbook.xml", data)
            data = buffer.getvalue()
        path.write_bytes(data)
        outcome(lambda: read_excel(path))

    def test_damaged_containers(self, tmp_path: Path) -> None:
        """A real workbook cut short or with a byte flipped anywhere: a TukinError or a Dataset."""
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.title = "Pegawai"
        wb.active.append(["NIP", "Nama", "ID Jabatan", "Status"])
        wb.active.append(["198001012005011001", "Ani", "J1", "PNS"])
        good = tmp_path / "good.xlsx"
        wb.save(good)
        data = good.read_bytes()
        path = tmp_path / "damaged.xlsx"
        for k in range(0, len(data), max(1, len(data) // 60)):
            path.write_bytes(data[:k] + bytes([data[k] ^ 0x55]) + data[k + 1 :])
            outcome(lambda: read_excel(path))
            path.write_bytes(data[:k])
            outcome(lambda: read_excel(path))

    def test_zip_bomb_is_refused(self, tmp_path: Path) -> None:
        """A container that unpacks beyond the limit is refused before openpyxl opens it."""
        path = tmp_path / "bomb.xlsx"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
        got = outcome(lambda: read_excel(path, limits=Limits(max_unzipped_bytes=1_000_000)))
        assert isinstance(got, TukinError) and got.code == "unsafe_file"

    def test_xml_entities_are_refused(self, tmp_path: Path) -> None:
        """An XML part declaring a DTD (entity expansion) is refused."""
        path = tmp_path / "dtd.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                "xl/workbook.xml",
                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook>&a;</workbook>',
            )
        got = outcome(lambda: read_excel(path))
        assert isinstance(got, TukinError) and got.code == "unsafe_file"


# -- JSON ---------------------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
        st.sampled_from([str(c) for c in _CELLS]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.text(max_size=6),
                st.sampled_from([c.name for t in TABLES.values() for c in t.columns]),
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@st.composite
def json_documents(draw: st.DrawFn) -> Any:
    """A JSON document shaped like the input format, with random tables and rows."""
    if draw(st.integers(0, 4)) == 0:
        return draw(json_values)
    tables = draw(st.lists(st.sampled_from([*TABLES, "pegawai", "x"]), max_size=4, unique=True))
    doc = {t: draw(st.one_of(st.lists(json_values, max_size=4), json_values)) for t in tables}
    return {"tables": doc} if draw(st.booleans()) else doc


class TestJsonReader:
    """``read_json`` on any JSON document or bytes."""

    @fuzz(60)
    @given(doc=json_documents())
    def test_documents(self, tmp_path_factory: pytest.TempPathFactory, doc: Any) -> None:
        """Any JSON value, and documents shaped like the input format with random rows."""
        path = tmp_path_factory.mktemp("json") / "data.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        outcome(lambda: read_json(path))

    @fuzz(30)
    @given(data=st.binary(max_size=300))
    def test_bytes(self, tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
        """Random bytes named data.json."""
        path = tmp_path_factory.mktemp("json") / "data.json"
        path.write_bytes(data)
        outcome(lambda: read_json(path))

    def test_deep_nesting(self, tmp_path: Path) -> None:
        """A document nested five thousand deep is refused, not a RecursionError."""
        path = tmp_path / "deep.json"
        path.write_text("[" * 5_000 + "]" * 5_000, encoding="utf-8")
        assert isinstance(outcome(lambda: read_json(path)), TukinError)


# -- the engine ---------------------------------------------------------------------------------


def _small_regency() -> Dataset:
    from tukin import demo

    return Dataset.from_frames(**demo.generate(40, seed=7))


_REGENCY: list[Dataset] = []


def regency() -> Dataset:
    if not _REGENCY:
        _REGENCY.append(_small_regency())
    return _REGENCY[0]


class TestEngine:
    """``calculate`` with randomly damaged rule packs over a small regency."""

    @fuzz(30)
    @given(
        doc=value_mutated_presets(),
        period=st.sampled_from(["2025-10", "2025-Q3", "2025", "2019-01"]),
    )
    def test_damaged_packs(self, doc: dict[str, Any], period: str) -> None:
        """A result (everyone paid or rejected) or a TukinError naming the step."""
        rs = outcome(lambda: load_ruleset(doc))
        if not isinstance(rs, RuleSet):
            return
        ds = regency()
        got = outcome(lambda: calculate(ds, rs, period))
        if isinstance(got, TukinError):
            return
        r = got.receipt
        assert r.employees_in == r.employees_paid + r.employees_rejected
        assert r.employees_in == ds.report.counts["employees"].given

    @fuzz(25)
    @given(frames=tst.dataset_frames(), pack=st.sampled_from(["tpp-60-40", "tpp-80-20"]))
    def test_messy_data(self, frames: dict[str, Any], pack: str) -> None:
        """Messy input tables through a packaged pack: nobody is lost between input and result."""
        ds = Dataset.from_frames(frames)
        got = outcome(lambda: calculate(ds, _pack(pack), "2025-10"))
        if isinstance(got, TukinError):
            return
        r = got.receipt
        assert r.employees_in == ds.report.counts["employees"].given
        assert r.employees_in == len(got) + len(got.rejected)
        paid = set(got.to_frame()["nip"])
        assert not paid & set(got.rejected.loc[got.rejected["stage"] == "calculation", "nip"])


_PACKS: dict[str, RuleSet] = {}


def _pack(name: str) -> RuleSet:
    if name not in _PACKS:
        _PACKS[name] = load_ruleset(name)
    return _PACKS[name]
