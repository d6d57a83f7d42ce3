"""Figures that draw themselves in Jupyter, without pyplot.

tukin builds its plots on :class:`matplotlib.figure.Figure` directly, with the Agg canvas: no
pyplot, so no global figure list and no backend switched, which keeps them safe in servers,
tests and threads. The price was Jupyter: IPython only knows how to draw a Figure once the
inline backend is active (``%matplotlib inline``, or pyplot imported), so an HR officer whose
cell ended with ``plots.plot_by_grade(result)`` saw ``<Figure size 610x420 with 1 Axes>``
instead of the plot (checked with matplotlib 3.11, matplotlib-inline 0.2, ipykernel 7).

:class:`Figure` (a subclass of matplotlib's) gives the figure a ``_repr_png_``, which IPython calls for any object
it has no registered printer for: the figure is drawn whatever the backend. When the inline
backend *is* active, its printer is registered for :class:`~matplotlib.figure.Figure` and
IPython prefers it (a printer for a type wins over ``_repr_png_``), so the figure is still
drawn once, as before. Nothing changes outside a notebook: it is a Figure.
"""

from __future__ import annotations

import io
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as _MplFigure

__all__ = ["Figure", "new_figure"]


class Figure(_MplFigure):
    """A :class:`matplotlib.figure.Figure` that IPython displays as a PNG image (named
    ``Figure`` too, so it prints as ``<Figure size ... with 1 Axes>`` like any other)."""

    def _repr_png_(self) -> bytes:
        """The figure as PNG, as the inline backend would draw it (tight bounding box)."""
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def new_figure(**kwargs: Any) -> Figure:
    """A figure with its own Agg canvas (``kwargs`` as for :class:`~matplotlib.figure.Figure`)."""
    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig
