"""The result document is made in pieces and a ``.json`` file written as they are made
(review 112: at a million employees the whole text, its three marker replacements and its
bytes held some 5 GB). The text must stay the very one the plain encoder writes of the
document built as dicts, key order included, whether it is returned or written."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import tukin
import tukin.io._json_rows as jr
from tukin.io import export
from tukin.io.export import _records, _rejected_records, rules_text, summary


def _dataset() -> tukin.Dataset:
    """The demo regency with employees in service part of the month (fractions such as
    17/31 in the ``exact`` rows) and one without attendance (a rejected row)."""
    frames = tukin.demo.generate(40, seed=11)
    emp = frames["employees"].copy()
    emp.loc[[1, 3], "end_date"] = pd.Timestamp("2025-10-17")
    emp.loc[[6], "start_date"] = pd.Timestamp("2025-10-09")
    attendance = frames["attendance"]
    attendance = attendance[attendance["nip"] != emp["nip"].iat[9]]
    return tukin.Dataset.from_frames(**{**frames, "employees": emp, "attendance": attendance})


@pytest.fixture(scope="module", params=["tpp-60-40", "tpp-epantau-kukar-example"])
def result(request: pytest.FixtureRequest) -> tukin.Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tukin.calculate(_dataset(), tukin.load_ruleset(request.param), "2025-10")


def _plain_document(result: tukin.Result, lang: str, nips: list[str]) -> str:
    """The document as dicts through ``json.dumps``: the keys in the order the writer has
    always given them (the schema's), every row a dict."""
    units = result.column_units()
    exact = result._exact_columns(units)
    assert exact is not None
    doc: dict[str, Any] = {
        "format": export.RESULT_FORMAT,
        "receipt": result.receipt.model_dump(),
        "totals": _records(summary(result, lang).iloc[:-1]),
        "employees": _records(result.to_frame()),
        "rejected": _rejected_records(result, lang),
        "warnings": export.warning_records(result, (*result.read_warnings, *result.warnings), lang),
        "units": units,
        "exact": exact.records(),
    }
    rules = rules_text(result)
    if rules is not None:
        doc["rules"] = rules
    if nips:
        doc["explanations"] = {n: result.explain(n, lang=lang).to_dict() for n in nips}
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class TestTheSameText:
    def test_to_json_is_the_plain_encoders_text(self, result: tukin.Result) -> None:
        """Character for character, with explanations, rejected rows and fractions; the
        sections written apart (paid, rejected, exact rows) in their keys' places."""
        nips = result.to_frame()["nip"].tolist()[:2]
        assert len(result.rejected) and len(result)
        for lang in ("id", "en"):
            text = result.to_json(lang, explain_nips=nips)
            assert any("/" in v for row in json.loads(text)["exact"] for v in row.values() if v)
            assert text == _plain_document(result, lang, nips)

    @pytest.mark.parametrize("rows", [1, 2, 3, 1 << 15])
    def test_the_file_is_to_json_in_blocks_of_any_size(
        self, result: tukin.Result, rows: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``write_result`` streams blocks of rows (one row, a few, all): the file's bytes
        are ``to_json``'s text in UTF-8."""
        monkeypatch.setattr(jr, "ROWS", rows)
        path = tukin.io.write_result(result, tmp_path / "hasil.json", lang="en")
        assert path.read_bytes() == result.to_json("en").encode("utf-8")


class TestWrittenAsMade:
    def test_the_file_is_written_in_pieces(
        self, result: tukin.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The document reaches the file in pieces, none of them the whole rows (blocks of
        two rows here), not as one text made first."""
        monkeypatch.setattr(jr, "ROWS", 2)
        sizes: list[int] = []
        write = export._atomic_write

        def spy(path: Path, data: Any) -> None:
            assert not isinstance(data, bytes), "the whole document was made before writing"
            pieces = list(data)
            sizes.extend(len(p) for p in pieces)
            write(path, iter(pieces))

        monkeypatch.setattr(export, "_atomic_write", spy)
        path = tukin.io.write_result(result, tmp_path / "hasil.json")
        total = path.stat().st_size
        assert sum(sizes) == total and len(sizes) > len(result) // 2
        assert max(sizes) < total / 4

    def test_a_failure_midway_leaves_no_file(
        self, result: tukin.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A section failing after the first pieces were written: no file, no temporary
        file left, the error raised as it was."""

        def broken(self: Any, indent: int = 2, depth: int = 1) -> Any:
            yield "["
            raise RuntimeError("exact rows failed")

        from tukin._exact_text import ExactColumns

        monkeypatch.setattr(ExactColumns, "json_chunks", broken)
        with pytest.raises(RuntimeError, match="exact rows failed"):
            tukin.io.write_result(result, tmp_path / "hasil.json")
        assert list(tmp_path.iterdir()) == []
