"""Looking an employee up by NIP takes the NIP as validation accepts it.

Validation drops spaces inside a NIP (``19660316 198701 1 001``, as printed on SK letters)
and takes an integer NIP as its digits; an officer pasting the NIP as printed into
``result.explain`` must find the same employee, on the single-process and the partitioned
result alike.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.distributed import calculate_partitioned
from tukin.errors import EmployeeNotFoundError, InputWarning
from tukin.ruleset.load import load_ruleset

PERIOD = "2025-10"
RULES = (
    "name: nips\nrequires: [attendance]\nsteps:\n"
    "  - {id: dasar, type: lookup, key: grade, table: {6: 2000000}, unit: rupiah}\n"
    "  - {id: tpp, type: round, input: dasar}\n"
)


def _spaced(key: str) -> str:
    """``19800101 200501 1 001``: birth date, appointment, sex digit, number."""
    return f"{key[:8]} {key[8:14]} {key[14]} {key[15:]}"


def _dataset() -> Any:
    employees = [
        {"nip": _spaced(nip(i)), "position_id": p, "status": "pns"}
        for i, p in ((1, "P6A"), (2, "P6B"), (3, "P12A"))  # grade 12 has no base: rejected
    ]
    attendance = [{"nip": nip(i), "period": PERIOD, "tk": 0} for i in (1, 2, 3)]
    return make_dataset(employees, attendance)


@pytest.fixture(scope="module", params=["single", "partitioned"])
def result(request: pytest.FixtureRequest) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        if request.param == "single":
            return calculate(_dataset(), load_ruleset(RULES), PERIOD)
        return calculate_partitioned(_dataset(), load_ruleset(RULES), PERIOD, npartitions=2)


@pytest.mark.parametrize("spelling", [_spaced, lambda k: f" {k} ", int, lambda k: k])
def test_explain_finds_the_nip_as_validation_accepts_it(result: Any, spelling: Any) -> None:
    """With spaces inside or around, as an integer, or as stored: the same employee."""
    assert result.explain(spelling(nip(1))).nip == nip(1)


def test_rejected_nip_with_spaces_names_the_reason(result: Any) -> None:
    """A rejected employee asked for with spaces gets the reason, not "not found"."""
    with pytest.raises(EmployeeNotFoundError) as info:
        result.explain(_spaced(nip(3)))
    assert info.value.details["rejection"] == "missing_base"


def test_unknown_nip_still_not_found(result: Any) -> None:
    """Normalising does not make an unknown NIP match anything."""
    with pytest.raises(EmployeeNotFoundError):
        result.explain(_spaced("199001012015011099"))


#: What a NIP copied from a web page, a PDF or Word carries unseen (review 47): a no-break
#: space, a zero-width space, a byte order mark, a word joiner, a left-to-right mark, a soft
#: hyphen; around the NIP or inside it.
INVISIBLE = ["\u00a0", "\u200b", "\ufeff", "\u2060", "\u200e", "\u00ad", "\u202f"]


def _with(ch: str, key: str) -> str:
    return f"{ch}{key[:8]}{ch}{key[8:]}{ch}"


@pytest.mark.parametrize("ch", INVISIBLE)
def test_explain_reads_through_invisible_characters(result: Any, ch: str) -> None:
    assert result.explain(_with(ch, nip(1))).nip == nip(1)
    with pytest.raises(EmployeeNotFoundError) as info:  # a rejected one: the reason
        result.explain(_with(ch, nip(3)))
    assert info.value.details["rejection"] == "missing_base"


@pytest.mark.parametrize("ch", INVISIBLE)
def test_input_tables_read_through_invisible_characters(ch: str) -> None:
    """The same NIP rule in a table's NIP cells: the employee, and their attendance row,
    are read as the NIP they are, not refused as an invalid NIP."""
    employees = [{"nip": _with(ch, nip(1)), "position_id": "P6A", "status": "pns"}]
    attendance = [{"nip": f"{ch}{nip(1)}", "period": PERIOD, "tk": 0}]
    ds = make_dataset(employees, attendance)
    assert ds.rejected.empty
    assert ds["employees"]["nip"].tolist() == [nip(1)]
    assert ds["attendance"]["nip"].tolist() == [nip(1)]


def test_a_spreadsheet_cell_reads_through_invisible_characters() -> None:
    """A cell holding the text marker ' after a zero-width space is still the NIP's text."""
    from tukin.io._cells import to_nip

    assert to_nip(f"\u200b'{nip(1)}\u200b") == (nip(1), None)
    assert to_nip(f"\ufeff {nip(1)}") == (nip(1), None)


def test_the_normalised_nip_is_the_rule() -> None:
    from tukin.model import normalise_nip

    for ch in INVISIBLE:
        assert normalise_nip(_with(ch, "19800101 200501 1 001")) == "198001012005011001"
    assert normalise_nip("1980010120050110０1") == "1980010120050110０1"  # no digit made up


@pytest.mark.parametrize(
    "written",
    [
        "NIP. 19800101 200501 1 001",
        "NIP 198001012005011001",
        "NIP: 19800101 200501 1 001",
        "nip.198001012005011001",
        "N.I.P. 19800101 200501 1 001",
        "N I P : 19800101 200501 1 001",
        "\u200bNIP. 19800101 200501 1 001",
    ],
)
def test_a_leading_nip_label_is_no_part_of_the_nip(written: str) -> None:
    """A SIMPEG print export writes ``NIP. 19800101 200501 1 001`` in the NIP cell (review
    52): the label is not the NIP, and nothing else can be meant. It was refused as not 18
    digits; one rule drops it wherever a NIP is given."""
    from tukin.model import normalise_nip

    assert normalise_nip(written) == "198001012005011001"


@pytest.mark.parametrize(
    "kept",
    [
        "NIP lama 198001012005011001",  # a label that is not the NIP's own: shown, refused
        "NIPP 198001012005011001",
        "198001012005011001 NIP",
        "Nomor 198001012005011001",
        "NIP.",
    ],
)
def test_only_a_nip_label_before_digits_is_dropped(kept: str) -> None:
    from tukin.model import normalise_nip

    assert normalise_nip(kept) == kept.replace(" ", "")


def test_a_labelled_nip_is_read_by_every_reader_and_lookup(tmp_path: Path) -> None:
    """The CSV reader, from_frames and a result's lookup read ``NIP. …`` as the NIP."""
    from io_helpers import NIPS, compute, frames

    from tukin import Dataset, io

    spaced = f"NIP. {NIPS[1][:8]} {NIPS[1][8:14]} {NIPS[1][14]} {NIPS[1][15:]}"
    tables = frames()
    tables["employees"]["nip"] = tables["employees"]["nip"].replace(NIPS[1], spaced)
    tables["attendance"]["nip"] = tables["attendance"]["nip"].replace(NIPS[1], f"NIP:{NIPS[1]}")
    ds = Dataset.from_frames(**tables)
    assert ds.report.ok, ds.report.describe()
    assert NIPS[1] in set(ds["employees"]["nip"]) and NIPS[1] in set(ds["attendance"]["nip"])
    result = compute(ds)
    assert result.explain(spaced).nip == NIPS[1]
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, frame in frames().items():
        frame = frame.copy()
        if "nip" in frame:
            frame["nip"] = frame["nip"].replace(NIPS[1], spaced)
        frame.to_csv(folder / f"{name}.csv", index=False, sep=";")
    read = io.read_csv_folder(folder)
    assert read.report.ok, read.report.describe()
    assert NIPS[1] in set(read["employees"]["nip"]) and NIPS[1] in set(read["attendance"]["nip"])
