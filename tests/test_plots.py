"""tukin.plots: distribution plots of a Result, per kelas jabatan and per OPD, without pyplot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import tukin
from tukin import plots


@pytest.fixture(scope="module")
def result() -> tukin.Result:
    ds = tukin.Dataset.from_frames(**tukin.demo.generate(150, seed=3))
    return tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-10")


def _ticks(fig: Figure, axis: str = "x", index: int = 0) -> list[str]:
    ax = fig.axes[index]
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels]


class TestByGrade:
    def test_one_box_per_grade_with_counts(self, result: tukin.Result) -> None:
        """Each kelas jabatan paid has a box, labelled with its class and employee count."""
        frame = result.to_frame()
        fig = plots.plot_by_grade(result)
        assert isinstance(fig, Figure)
        counts = frame.groupby("grade").size()
        assert _ticks(fig) == [f"{g}\n({n})" for g, n in counts.items()]
        assert sum(int(t.split("(")[1].rstrip(")")) for t in _ticks(fig)) == len(result)

    def test_means_are_the_group_means_in_millions(self, result: tukin.Result) -> None:
        """The red diamonds sit at each class's mean allowance (drawn in millions of rupiah)."""
        frame = result.to_frame()
        fig = plots.plot_by_grade(result)
        means = [
            float(np.asarray(line.get_ydata())[0])
            for line in fig.axes[0].lines
            if line.get_marker() == "D"
        ]
        expected = (frame.groupby("grade")["allowance"].mean() / 1e6).tolist()
        assert means == pytest.approx(expected)

    def test_other_amount_and_language(self, result: tukin.Result) -> None:
        """Any numeric column can be drawn; Indonesian labels on request."""
        fig = plots.plot_by_grade(result, amount="bagian_kinerja", lang="id")
        ax = fig.axes[0]
        assert ax.get_title() == "bagian_kinerja per kelas jabatan"
        assert ax.get_ylabel() == "juta rupiah"
        assert plots.plot_by_grade(result, lang="id").axes[0].get_title().startswith("tunjangan")


class TestByOpd:
    def test_one_box_per_opd_ordered_by_median(self, result: tukin.Result) -> None:
        """OPDs are drawn bottom-up by increasing median, each with its employee count."""
        frame = result.to_frame()
        fig = plots.plot_by_opd(result)
        labels = _ticks(fig, "y")
        med = frame.groupby("opd_id")["allowance"].median()
        order = sorted(med.index, key=lambda k: (med[k], k))
        names = frame.groupby("opd_id")["opd_name"].first()
        counts = frame.groupby("opd_id").size()
        assert len(labels) == frame["opd_id"].nunique()
        for label, opd in zip(labels, order, strict=True):
            assert label.endswith(f" ({counts[opd]})")
            assert label.startswith(str(names[opd])[:20])

    def test_top_keeps_the_largest_opds(self, result: tukin.Result) -> None:
        counts = result.to_frame().groupby("opd_id").size()
        fig = plots.plot_by_opd(result, top=2)
        shown = sorted(int(t.rsplit("(", 1)[1].rstrip(")")) for t in _ticks(fig, "y"))
        assert shown == sorted(counts.sort_values().tail(2).tolist())

    def test_a_filtered_frame_is_accepted(self, result: tukin.Result) -> None:
        """result.to_frame() filtered to one OPD plots that OPD alone."""
        frame = result.to_frame()
        one = frame[frame["opd_id"] == frame["opd_id"].iloc[0]]
        assert len(_ticks(plots.plot_by_opd(one), "y")) == 1


class TestSummary:
    def test_three_panels_and_a_title_with_the_total(self, result: tukin.Result) -> None:
        fig = plots.plot_summary(result, lang="en")
        assert len(fig.axes) == 3
        total = tukin.format_rupiah(result.total, lang="en")
        assert total in fig.get_suptitle()
        assert f"{len(result)} employees" in fig.get_suptitle()
        histogram = fig.axes[0]
        assert sum(p.get_height() for p in histogram.patches) == len(result)

    def test_saves_a_png(self, result: tukin.Result, tmp_path: Path) -> None:
        out = tmp_path / "ringkasan.png"
        plots.plot_summary(result, lang="id").savefig(out, dpi=40)
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_drawn_on_given_axes(self, result: tukin.Result) -> None:
        """With ``ax``, the plot goes into that axes and its figure is returned."""
        fig = Figure()
        left, right = fig.subplots(1, 2)
        assert plots.plot_by_grade(result, ax=left) is fig
        assert plots.plot_by_opd(result, ax=right) is fig
        assert left.get_xticklabels() and right.get_yticklabels()
        sub = fig.subfigures(1, 1)
        assert plots.plot_by_grade(result, ax=sub.subplots()) is fig


class TestEdges:
    def test_nobody_paid(self, result: tukin.Result) -> None:
        """An empty run draws an empty plot with a note, not an error."""
        empty = result.to_frame().iloc[0:0]
        for fn in (plots.plot_by_grade, plots.plot_by_opd, plots.plot_summary):
            fig = fn(empty, lang="en")
            texts = [t.get_text() for ax in fig.axes for t in ax.texts]
            assert "no employee paid" in texts

    def test_unknown_or_text_column_is_refused_with_the_choices(self, result: tukin.Result) -> None:
        with pytest.raises(ValueError, match=r"no column 'tunjangan'.*allowance"):
            plots.plot_by_grade(result, amount="tunjangan")
        with pytest.raises(ValueError, match="'predikat' is not numeric"):
            plots.plot_by_opd(result, amount="predikat")
        with pytest.raises(ValueError, match="no column 'opd_id'"):
            plots.plot_by_opd(pd.DataFrame({"allowance": [1]}))

    def test_no_pyplot(self, tmp_path: Path) -> None:
        """Importing and using tukin.plots never imports pyplot (no global figure state)."""
        code = (
            "import sys, tukin\n"
            "from tukin import plots\n"
            "ds = tukin.Dataset.from_frames(**tukin.demo.generate(20, seed=1))\n"
            "r = tukin.calculate(ds, tukin.load_ruleset('tpp-60-40'), '2025-10')\n"
            "plots.plot_summary(r).savefig(sys.argv[1], dpi=30)\n"
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "plot.png")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "plot.png").stat().st_size > 0
