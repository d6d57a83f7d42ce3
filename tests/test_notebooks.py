"""Every notebook of ``examples/`` runs from top to bottom without an error, offline.

Each notebook runs in a fresh kernel in a temporary folder (the files it writes stay out of
the repository) with ``MPLBACKEND=Agg``. The kernel is this interpreter: a kernelspec written
to a temporary folder with ipykernel's own API, so the test needs no ``jupyter kernelspec
install`` and cannot pick up another Python's "python3" kernel on a developer's machine.

The committed notebooks carry no outputs: the repository holds what a person should run, not
what one run printed.
"""

from __future__ import annotations

import gc
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
KERNEL = "tukin-test-python3"
CELL_TIMEOUT = 120  # seconds for one cell; a notebook takes a few seconds in all
CPU_BUDGET = 60.0  # CPU seconds of all the kernels together (each notebook well under 20)
WALL_BUDGET = 240.0  # wall-clock seconds: generous, a loaded CI machine must not fail it
_CPU_PROBE = (
    "import resource as _r\n"
    "_u = _r.getrusage(_r.RUSAGE_SELF)\n"
    "print('cpu-seconds', _u.ru_utime + _u.ru_stime)"
)
_elapsed: dict[str, tuple[float, float]] = {}  # notebook -> (wall, kernel CPU) seconds


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A kernelspec for this interpreter, with a non-interactive matplotlib backend."""
    from ipykernel.kernelspec import write_kernel_spec

    root = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(
        root / KERNEL,
        overrides={
            "display_name": "tukin tests",
            "env": {"MPLBACKEND": "Agg", "PYTHONWARNINGS": "default"},
        },
    )
    yield root


def _run(path: Path, kernel_dir: Path, cwd: Path) -> tuple[Any, float]:
    """The executed notebook and the CPU seconds its kernel used (start-up included)."""
    nb = nbformat.read(path, as_version=4)
    probe = sys.platform != "win32"
    if probe:
        nb.cells.append(nbformat.v4.new_code_cell(_CPU_PROBE))
    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    assert ksm.get_kernel_spec(KERNEL).argv[0] == sys.executable
    km = AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm)
    client = nbclient.NotebookClient(
        nb,
        km=km,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        startup_timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    del client, km
    with warnings.catch_warnings():
        # jupyter_client leaves a few zmq sockets to the garbage collector: collected here,
        # not in a later test that records every warning (pytest.warns) and reads its code
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    cpu = 0.0
    if probe:
        # a measurement aid, not what is tested: a kernel may deliver the probe's print after
        # the run has been collected (seen with newer ipykernel), then the CPU is not known
        last = nb.cells.pop()
        said = [o.get("text", "") for o in last.outputs if o.get("output_type") == "stream"]
        words = "".join(said).split()
        cpu = float(words[1]) if len(words) > 1 and words[0] == "cpu-seconds" else float("nan")
    return nb, cpu


def test_there_are_notebooks() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names[:5] == [
        "01_quickstart",
        "02_perbup_table",
        "03_scenario_80_20_vs_60_40",
        "04_monitoring_dashboard",
        "05_auditor_walkthrough",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_without_outputs(path: Path) -> None:
    """Outputs cleared, no execution counts, valid nbformat, the python3 kernel."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {i} has outputs; clear them"
            assert cell.execution_count is None, f"{path.name}: cell {i} has a count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, kernel_dir: Path, tmp_path: Path) -> None:
    """Runs without an error (nbclient raises CellExecutionError on the first one), prints
    no warning, and draws every figure it returns."""
    started = time.perf_counter()
    nb, cpu = _run(path, kernel_dir, tmp_path)
    _elapsed[path.stem] = (time.perf_counter() - started, cpu)
    warnings = [
        f"cell {i}: {out.get('text', '')}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream" and out.name == "stderr" and "Warning" in out.text
    ]
    assert not warnings, "\n".join(warnings)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain", "")
            if text.startswith("<Figure"):
                assert "image/png" in out["data"], f"{path.name}: cell {i} shows no picture"


def test_total_time() -> None:
    """All notebooks together stay within the budget (runs after them: same module, in order).

    The budget is on the kernels' CPU time, which a busy machine does not inflate; the wall
    clock has a generous bound only."""
    if len(_elapsed) < len(NOTEBOOKS):
        pytest.skip("the notebooks did not all run in this session")
    wall = sum(w for w, _ in _elapsed.values())
    cpu = sum(c for _, c in _elapsed.values() if c == c)  # a probe not delivered is NaN
    detail = ", ".join(f"{k} {w:.1f} s ({c:.1f} s CPU)" for k, (w, c) in _elapsed.items())
    print(f"notebooks: {wall:.1f} s, {cpu:.1f} s CPU: {detail}")
    assert cpu < CPU_BUDGET, f"notebooks used {cpu:.1f} s CPU (budget {CPU_BUDGET:.0f}): {detail}"
    assert wall < WALL_BUDGET, f"notebooks took {wall:.1f} s (bound {WALL_BUDGET:.0f}): {detail}"
