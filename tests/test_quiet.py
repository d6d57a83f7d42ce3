"""tukin silences openpyxl's warnings while it reads a workbook without changing the
process's warning filters, even when a service reads two workbooks at once on threads
(tukin._quiet). ``warnings.catch_warnings`` saved and restored the whole filter list: two
overlapping reads left ``("ignore", Warning)`` in force for the rest of the process."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tukin._quiet import ignoring
from tukin.contract import TABLES
from tukin.demo import generate
from tukin.io import read_dataset, write_frames


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    frames = generate(6, seed=1)
    frames["employees"] = frames["employees"][list(TABLES["employees"].names)]  # no extra column
    path = tmp_path_factory.mktemp("quiet") / "isian.xlsx"
    return write_frames({k: frames[k] for k in ("units", "positions", "employees")}, path)


def _openpyxl_warns() -> None:
    """A warning as openpyxl issues one (from one of its modules), and one of somebody else."""
    warnings.warn_explicit("dropped an extension", UserWarning, "excel.py", 1, "openpyxl.reader")
    warnings.warn_explicit("someone else's", UserWarning, "app.py", 1, "service.app")


def test_overlapping_workbook_reads_leave_the_filters_as_they_were(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order that broke them, forced: A starts reading, B starts, A ends, B ends."""
    real = openpyxl.load_workbook
    a_loading, b_loading = threading.Event(), threading.Event()
    threads: dict[str, threading.Thread] = {}

    def load(*args: Any, **kwargs: Any) -> Any:
        book = real(*args, **kwargs)
        if threading.current_thread() is threads["a"]:
            a_loading.set()
            assert b_loading.wait(10)  # B enters its block while A is in its own
        elif threading.current_thread() is threads["b"]:
            b_loading.set()
            threads["a"].join(10)  # A leaves its block (and finishes) before B leaves
        return book

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    before = list(warnings.filters)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_dataset(workbook)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads["a"] = threading.Thread(target=read)
    threads["b"] = threading.Thread(target=read)
    threads["a"].start()
    assert a_loading.wait(10)
    threads["b"].start()
    for t in threads.values():
        t.join(20)
    assert not errors
    assert list(warnings.filters) == before


def test_only_openpyxl_is_silenced_and_under_an_error_filter_too(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = openpyxl.load_workbook

    def load(*args: Any, **kwargs: Any) -> Any:
        _openpyxl_warns()
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_dataset(workbook)
    messages = [str(w.message) for w in caught]
    assert "someone else's" in messages and "dropped an extension" not in messages
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", module="service")
        assert len(read_dataset(workbook)["employees"]) == 6  # openpyxl's warning: no error


def test_interleaved_blocks_and_catch_warnings_leave_no_filter() -> None:
    """Blocks of tukin and of other code, entered and left out of order, as threads do."""
    before = list(warnings.filters)
    for first_out in (True, False):
        ours, theirs = ignoring(UserWarning, "openpyxl"), warnings.catch_warnings()
        ours.__enter__()
        theirs.__enter__()
        warnings.simplefilter("ignore", DeprecationWarning)  # the other code's own filter
        if first_out:
            ours.__exit__(None, None, None)
            theirs.__exit__(None, None, None)
        else:
            theirs.__exit__(None, None, None)
            ours.__exit__(None, None, None)
        assert list(warnings.filters) == before
    a, b = ignoring(UserWarning, "openpyxl"), ignoring(UserWarning, "openpyxl")
    a.__enter__()
    b.__enter__()
    a.__exit__(None, None, None)
    assert len(warnings.filters) == len(before) + 1  # b's still in force
    b.__exit__(None, None, None)
    assert list(warnings.filters) == before
