"""Explanation notes that repeat a few values are kept as codes (tukin.calc.notes): each row
reads as the object array they replace did."""

from __future__ import annotations

import pickle
from fractions import Fraction

import numpy as np

from tukin.calc.notes import CodedNotes, coded_notes
from tukin.hierarchy import gather


def test_rows_read_as_the_gathered_object_array() -> None:
    values = [Fraction(5, 100), Fraction(3, 200), "x"]
    idx = np.array([0, -1, 2, 1, 1, 0])
    notes = coded_notes(values, idx)
    plain = gather(np.array(values, dtype=object), idx)
    assert len(notes) == len(plain)
    assert [notes[i] for i in range(len(idx))] == plain.tolist()
    assert notes[np.int64(3)] == Fraction(3, 200)
    assert list(notes) == plain.tolist()
    assert np.asarray(notes).tolist() == plain.tolist()
    assert notes.codes.dtype == np.int8  # a byte a row


def test_slices_and_row_lists_stay_coded() -> None:
    notes = coded_notes(["a", "b"], np.array([1, 0, -1, 1]))
    part = notes[1:3]
    assert isinstance(part, CodedNotes) and list(part) == ["a", None]
    assert list(notes[np.array([3, 0])]) == ["b", "b"]


def test_many_values_get_wider_codes() -> None:
    idx = np.arange(40_000) % 30_000
    notes = coded_notes([f"v{i}" for i in range(30_000)], idx)
    assert notes.codes.dtype == np.int16 and notes[39_999] == "v9999"
    assert coded_notes([f"v{i}" for i in range(40_000)], idx).codes.dtype == np.int32


def test_pickles_with_the_result() -> None:
    notes = coded_notes(["a", "b"], np.array([1, -1]))
    again = pickle.loads(pickle.dumps(notes))
    assert list(again) == ["b", None]


def test_a_row_past_the_end_is_an_index_error() -> None:
    notes = coded_notes(["a"], np.array([0]))
    try:
        notes[1]
    except IndexError:
        return
    raise AssertionError("no IndexError")


def test_values_that_are_tuples_stay_whole() -> None:
    """A plug-in's note values may be tuples of one length (numpy would make them a 2-D
    array and refuse the assignment): each stays one value (review 43)."""
    notes = coded_notes([("a", 1), ("b", 2)], np.array([1, -1, 0]))
    assert list(notes) == [("b", 2), None, ("a", 1)]
