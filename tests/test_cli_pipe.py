"""The command line when the reader of its output goes away (``tukin validate ... | head``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: a shell's exit code of a command stopped by SIGPIPE (128 + 13): tukin.cli.READER_GONE
READER_GONE = 141
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (["validate"], READER_GONE),
        (["schema"], READER_GONE),
        (["validate", "--lang", "en"], READER_GONE),
        (["--help"], 0),  # argparse ignores a closed pipe itself, and exits as it does
    ],
    ids=["validate", "schema", "english", "help"],
)
def test_a_closed_pipe_ends_the_command_quietly(line: list[str], code: int) -> None:
    """Review 62: piping ``tukin validate`` into ``head`` ended with ``kesalahan [os_error]:
    tidak dapat membuka atau menulis '': Broken pipe``, a file error where no file was at
    fault. The reader's end is closed before the command writes (what ``head`` does after
    its lines, without the race): nothing on stderr, and the shell's code for SIGPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tukin.cli", *line],
            stdout=write,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert done.stderr.decode() == ""
    assert done.returncode == code


def test_the_code_is_the_shells() -> None:
    from tukin import cli

    assert cli.READER_GONE == READER_GONE


def test_the_warnings_are_still_said_on_stderr() -> None:
    """``tukin calculate | head`` showed the head of the table and dropped the warning the
    same command gives without ``head`` (unapplied_sanctions on the demo data): warnings are
    about pay, and stderr is still the clerk's screen. The code stays the shell's."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tukin.cli", "calculate", "--lang", "en"],
            stdout=write,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == READER_GONE
    lines = done.stderr.decode().splitlines()
    assert lines and all(line.startswith("warning [") for line in lines), lines
    assert any("[unapplied_sanctions]" in line for line in lines), lines
