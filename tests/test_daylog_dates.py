"""Dates as offices type them (review 114): year first with slashes read, a two-digit year
and a range of dates refused with reasons of their own, in every reader and in the logs."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from tests.test_daylog import NIP, day, log, schedule
from tests.test_daylog_punch import punches
from tukin.daylog import tally_log
from tukin.io._cells import to_date


class TestDateReader:
    """The shared date reader (:func:`tukin.io._cells.to_date`)."""

    @pytest.mark.parametrize("text", ["2025/10/01", "2025.10.01", "2025/10/1"])
    def test_year_first_with_slashes(self, text: str) -> None:
        """Year, month, day: the only order a four-digit year first is written in."""
        assert to_date(text) == ("2025-10-01", None)

    @pytest.mark.parametrize("text", ["1-Oct-25", "01/10/25", "1 Okt 25", "1-Oct-25 07:31"])
    def test_two_digit_year(self, text: str) -> None:
        """A two-digit year is refused with its own reason, not read as 2025 or 1925."""
        day_, issue = to_date(text)
        assert day_ is None and issue is not None and issue.code == "date_two_digit_year"

    @pytest.mark.parametrize(
        "text",
        [
            "2025-10-06 s/d 2025-10-08",
            "6-8 Oktober 2025",
            "6 s/d 8 Oktober 2025",
            "06/10/2025 - 08/10/2025",
            "2025-10-06 sampai 8 Oktober 2025",
        ],
    )
    def test_range(self, text: str) -> None:
        """Two dates in one cell are a range: refused as such (one row per day)."""
        assert to_date(text)[1].code == "date_range"  # type: ignore[union-attr]

    def test_a_long_cell_is_read_in_linear_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cell of thousands of dashes, or a date and thousands of spaces, was tried as a
        range at every dash or space, each try parsing the rest of the cell (review 120:
        quadratic; 11 s for 32,000 spaces). Now a cell is parsed as a date a bounded number
        of times whatever its length, and a range with long runs of spaces is still one."""
        import tukin.io._cells as cells

        calls = 0
        parse = cells.parse_date_text

        def counted(text: str) -> Any:
            nonlocal calls
            calls += 1
            return parse(text)

        monkeypatch.setattr(cells, "parse_date_text", counted)
        for text in ("-" * 20_000, "1-" * 10_000, "1" + " " * 20_000 + "x", "1 s/d " * 4_000):
            calls = 0
            assert to_date(text)[1].code == "invalid_date"  # type: ignore[union-attr]
            assert calls <= 3, (text[:12], calls)
        spaced = "2025-10-06" + " " * 5_000 + "s/d" + " " * 5_000 + "2025-10-08"
        assert to_date(spaced)[1].code == "date_range"  # type: ignore[union-attr]

    @pytest.mark.parametrize("text", ["abc", "10 - 2025", "2025/13/01", "31-12-99 07:31"])
    def test_still_no_date(self, text: str) -> None:
        """What is neither stays ``invalid_date``."""
        assert to_date(text)[1].code == "invalid_date"  # type: ignore[union-attr]

    @pytest.mark.parametrize("text", ["01/10/2025", "01-10-2025", "1 Oktober 2025", "2025-10-01"])
    def test_unchanged(self, text: str) -> None:
        """The forms read before read as before."""
        assert to_date(text) == ("2025-10-01", None)


class TestLogs:
    """The logs' date-times."""

    def test_punch_log(self) -> None:
        """``2025/10/01 07:31`` is a scan of 1 October; ``1-Oct-25 07:31`` is refused naming
        its row and column, with the reason."""
        tally = tally_log(
            punches(["2025/10/01 07:31", "01/10/2025 16:05", "1-Oct-25 07:31"]),
            schedule(),
            "2025-10",
            lang="en",
        )
        first = day(tally, "2025-10-01")
        assert (first["check_in"], first["check_out"]) == ("07:31:00", "16:05:00")
        rejected = tally.rejected.iloc[0]
        assert (rejected["row"], rejected["column"], rejected["code"]) == (
            2,
            "datetime",
            "date_two_digit_year",
        )
        assert "two-digit year" in rejected["message"]

    def test_status_file_range(self) -> None:
        """A status file's row for a range of days is refused as a range, the cell named."""
        statuses = pd.DataFrame(
            {"NIP": [NIP], "Tanggal": ["2025-10-06 s/d 2025-10-08"], "Keterangan": ["Sakit"]}
        )
        tally = tally_log(
            punches(["2025-10-01 07:31"]), schedule(), "2025-10", statuses=statuses, lang="en"
        )
        assert tally.rejected[["column", "code"]].values.tolist() == [["date", "date_range"]]
        assert not tally.ok

    def test_daily_log_year_first(self) -> None:
        """A daily log's ``2025/10/02`` is 2 October."""
        tally = tally_log(log(("2025/10/02", "08:01", "16:00")), schedule(), "2025-10")
        assert day(tally, "2025-10-02")["codes"] == "tl2"
