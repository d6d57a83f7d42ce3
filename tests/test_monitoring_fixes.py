"""Regression tests for review defects of tukin.monitoring, on the hand-made regency
(tests/strategies.py: mini_regency_tables), 2025-Q1 (see tests/test_monitoring.py for the
figures by hand)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.monitoring import cli_monitor, monitoring_report


def _mini(**changes: pd.DataFrame) -> Dataset:
    tables = tst.mini_regency_tables()
    tables.update(changes)
    return Dataset.from_frames(**tables)


class TestRegencyLevel:
    """The documented ``regency`` level on its own (it crashed on the missing opd_id)."""

    def test_report_and_files(self, tmp_path: Path) -> None:
        """One regency row with the regency's sums; cli_monitor writes the workbook."""
        report = monitoring_report(_mini(), "2025-Q1", "regency", lang="en")
        assert report["id"].tolist() == ["regency"]
        assert report["budget"].iloc[0] == 1100 and report["spent_to_date"].iloc[0] == 285
        assert report["opd_id"].isna().all()
        paths = cli_monitor(_mini(), "2025-Q1", "regency", tmp_path, "en")
        back = pd.read_excel(paths[0], sheet_name="Report")
        assert back["id"].tolist() == ["regency"]
