"""Figures returned by tukin draw themselves in Jupyter, with no ``%matplotlib inline``.

IPython draws an object as an image through a printer registered for its type (the inline
backend registers one for matplotlib's Figure, but only once it is active) or, failing that,
the object's own ``_repr_png_``. These tests use IPython's formatters directly, so they need no
kernel and no display (the suite runs with the Agg backend); ``tests/test_notebooks.py`` runs
the example notebooks, which no longer say ``%matplotlib inline``, in a real kernel.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from matplotlib.figure import Figure

import tukin
from tukin import monitoring, plots
from tukin.scenario import compare

formatters = pytest.importorskip("IPython.core.formatters")

PNG = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parent.parent


@cache
def dataset() -> tukin.Dataset:
    return tukin.Dataset.from_frames(**tukin.demo.generate(60, seed=4))


@cache
def result() -> tukin.Result:
    return tukin.calculate(dataset(), tukin.load_ruleset("tpp-60-40"), "2025-10")


def _ranking() -> Figure:
    report = monitoring.monitoring_report(dataset(), "2025-Q3", "opd")
    return monitoring.plot_ranking(report, "financial_pct", period="2025-Q3")


def _scenario() -> Figure:
    other = {"kinerja_share": "70%", "disiplin_share": "30%"}
    return compare(dataset(), tukin.load_ruleset("tpp-60-40"), other, "2025-10").plot()


FIGURES: dict[str, Callable[[], Figure]] = {
    "plot_by_grade": lambda: plots.plot_by_grade(result()),
    "plot_by_opd": lambda: plots.plot_by_opd(result()),
    "plot_summary": lambda: plots.plot_summary(result()),
    "plot_s_curves": lambda: monitoring.plot_s_curves(dataset(), "2025-Q3"),
    "plot_ranking": _ranking,
    "scenario_plot": _scenario,
}


@pytest.mark.parametrize("make", FIGURES.values(), ids=list(FIGURES))
def test_ipython_draws_the_figure_as_png(make: Callable[[], Figure]) -> None:
    """IPython's display formatter gives a PNG for every figure tukin returns."""
    fig = make()
    assert isinstance(fig, Figure) and repr(fig).startswith("<Figure size ")
    data, _ = formatters.DisplayFormatter().format(fig)
    assert data["image/png"][:8] == PNG
    assert formatters.PNGFormatter()(fig)[:8] == PNG


def test_png_is_the_figure_drawn() -> None:
    """The PNG is the figure at about its size (the tight box may trim or add a margin), not a
    placeholder."""
    fig = plots.plot_by_grade(result())
    png = formatters.PNGFormatter()(fig)
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    w, h = fig.get_size_inches() * fig.dpi
    assert 0.8 * w < width < 1.2 * w and 0.8 * h < height < 1.2 * h


def test_a_registered_printer_wins() -> None:
    """With the inline backend active (a printer registered for Figure), IPython uses that
    printer: the figure is drawn once, the way the user configured."""
    png = formatters.PNGFormatter()
    png.for_type(Figure, lambda fig: b"inline backend")
    assert png(plots.plot_by_grade(result())) == b"inline backend"


def test_drawing_imports_no_pyplot() -> None:
    """Drawing the PNG touches no pyplot state, like building the figure."""
    code = (
        "import sys, tukin\n"
        "from tukin import plots\n"
        "ds = tukin.Dataset.from_frames(**tukin.demo.generate(20, seed=1))\n"
        "r = tukin.calculate(ds, tukin.load_ruleset('tpp-60-40'), '2025-10')\n"
        "png = plots.plot_by_grade(r)._repr_png_()\n"
        "print(png[:4] == b'\\x89PNG', 'matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PATH": "", "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"},
    )
    assert out.stdout.split() == ["True", "False"]
