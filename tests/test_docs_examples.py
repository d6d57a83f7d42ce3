"""The Python examples of the user documentation run, and the CLI reference is up to date.

Documents: README.md, docs/quickstart*.md, docs/mulai-cepat.md, docs/concepts.md,
docs/rule-file.md and docs/daily-log.md. Every ```` ```python ```` block of a document runs,
in order, in one namespace (as a reader would type them into one session), in an empty
temporary folder, offline.

A block is marked by an HTML comment on the line before its fence (invisible on GitHub):

* ``<!-- test: skip -->``: not run (say why in the text around it);
* ``<!-- test: needs isian.xlsx -->``: the folder is given a filled-in workbook ``isian.xlsx``
  first: the demo regency (``tukin.demo.generate(600, seed=2025)``) written with
  :func:`tukin.io.write_frames`, as a HR officer would have filled in ``tukin template``.

An unknown marker fails the test, so a typo cannot silently skip a block.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("quickstart*.md")),
    ROOT / "docs" / "mulai-cepat.md",
    ROOT / "docs" / "concepts.md",
    ROOT / "docs" / "rule-file.md",
    ROOT / "docs" / "daily-log.md",
]
_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
_MARK = re.compile(r"<!--\s*test:\s*([^>]*?)\s*-->\s*\Z")
FIXTURES = ("isian.xlsx",)


@dataclass(frozen=True)
class Block:
    doc: Path
    line: int  # line of the opening fence, 1-based
    code: str
    marker: str | None


def blocks(text: str, doc: Path) -> list[Block]:
    """The ``python`` blocks of ``text`` with the marker written just before each, if any."""
    found = []
    for m in _FENCE.finditer(text):
        mark = _MARK.search(text[: m.start()].rstrip()[-200:])
        line = text.count("\n", 0, m.start()) + 1
        found.append(Block(doc, line, m.group(1), mark.group(1) if mark else None))
    return found


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.fixture(scope="session")
def isian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo regency as a filled-in workbook for the month the examples pay, 2025-10
    (written once per session): its 600 employees, and the attendance and appraisals of that
    month only, without the monitoring tables tpp-60-40 (the pack they load) does not read.
    It pays 2025-10 exactly as the whole demo does, at a tenth of the rows to write and read
    (~15 s saved on a loaded machine)."""
    from strategies import payroll_tables

    import tukin

    tables = payroll_tables(tukin.demo.generate(600, seed=2025))
    for name in ("attendance", "appraisals"):
        tables[name] = tables[name][tables[name]["period"].astype(str) == "2025-10"]
    path = tmp_path_factory.mktemp("isian") / "isian.xlsx"
    tukin.io.write_frames(tables, path)
    return path


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_python_blocks_run(doc: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Every python block of the document runs; the document has at least one."""
    if not doc.exists():
        pytest.fail(f"{doc.relative_to(ROOT)} is missing")
    found = blocks(doc.read_text(encoding="utf-8"), doc)
    assert found, f"{doc.name} has no python block"
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    ran = 0
    for block in found:
        where = f"{doc.relative_to(ROOT)}:{block.line}"
        marker = block.marker
        if marker == "skip":
            continue
        if marker is not None:
            needs = marker.removeprefix("needs").strip()
            assert marker.startswith("needs ") and needs in FIXTURES, (
                f"{where}: unknown marker {marker!r} (known: skip, "
                f"{', '.join('needs ' + f for f in FIXTURES)})"
            )
            target = tmp_path / needs
            if not target.exists():
                target.write_bytes(request.getfixturevalue("isian").read_bytes())
        out = io.StringIO()
        with _cwd(tmp_path), contextlib.redirect_stdout(out):
            try:
                exec(compile(block.code, where, "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"{where}: the example fails: {exc!r}") from exc
        ran += 1
    assert ran, f"{doc.name}: every python block is skipped"


def test_markers_are_read() -> None:
    """A marker counts only on the line right before the fence (blank lines allowed)."""
    text = (
        "Text\n<!-- test: skip -->\n```python\nraise SystemExit\n```\n\n"
        "<!-- test: needs isian.xlsx -->\n\n```python\nx = 1\n```\n"
        "<!-- test: skip -->\nmore text\n```python\ny = 2\n```\n"
    )
    got = [(b.line, b.marker, b.code) for b in blocks(text, Path("x.md"))]
    assert got == [
        (3, "skip", "raise SystemExit\n"),
        (9, "needs isian.xlsx", "x = 1\n"),
        (14, None, "y = 2\n"),
    ]


class TestCodeReference:
    """docs/codes.md lists every code of the message catalogue, as systems that import tukin
    branch on codes and need the list without reading the source."""

    def test_doc_is_up_to_date(self) -> None:
        from tukin._codesdoc import codes_markdown

        committed = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
        assert committed == codes_markdown(), (
            "docs/codes.md is stale: python -m tukin._codesdoc > docs/codes.md"
        )

    def test_every_code_is_in_a_section_once(self) -> None:
        from tukin._codesdoc import sections
        from tukin.messages import MESSAGES

        listed = [code for _, codes in sections() for code in codes]
        assert sorted(listed) == sorted(MESSAGES)
        assert len(listed) == len(set(listed))

    def test_a_comment_over_two_lines_is_one_section(self) -> None:
        from tukin._codesdoc import sections

        source = '    "a": ("x", "y"),\n    # first line\n    # and more\n    "b": (\n'
        assert sections(source) == [("", ["a"]), ("first line and more", ["b"])]


class TestCliReference:
    """docs/cli.md (English) and docs/perintah.md (Indonesian) are generated from the
    argparse parser of tukin.cli."""

    @pytest.mark.parametrize(
        ("page", "lang", "command"),
        [
            ("cli.md", "en", "python -m tukin._clidoc > docs/cli.md"),
            ("perintah.md", "id", "python -m tukin._clidoc --lang id > docs/perintah.md"),
        ],
    )
    def test_doc_is_up_to_date(self, page: str, lang: str, command: str) -> None:
        from tukin._clidoc import cli_markdown

        committed = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert committed == cli_markdown(lang=lang), f"docs/{page} is stale: {command}"

    def test_the_page_is_english_whatever_the_session_speaks(self) -> None:
        """``python -m tukin._clidoc > docs/cli.md`` on a machine whose TUKIN_LANG is id
        (the default) writes the English page, not the help of the session's language."""
        import tukin
        from tukin._clidoc import cli_markdown

        with tukin.language("id"):
            text = cli_markdown()
        assert "| argument | value | default | meaning |" in text
        assert "calculate allowances for a period" in text and "hitung tunjangan" not in text
        with tukin.language("en"):
            assert "hitung tunjangan satu periode" in cli_markdown(lang="id")

    def test_every_command_and_option_is_documented(self) -> None:
        import argparse

        from tukin._clidoc import cli_markdown
        from tukin.cli import build_parser

        parser = build_parser()
        text = cli_markdown(parser)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for name, command in sub.choices.items():
            section = text.split(f"## tukin {name}\n", 1)[1].split("\n## ", 1)[0]
            for action in command._actions:
                for flag in action.option_strings:
                    if flag not in ("-h", "--help"):
                        assert f"`{flag}`" in section, f"tukin {name}: {flag} not documented"

    def test_other_parsers(self) -> None:
        """Positional arguments, tuples of metavars, %(default)s and hidden options."""
        import argparse

        from tukin._clidoc import cli_markdown

        p = argparse.ArgumentParser(prog="x", description="Does x.")
        p.add_argument("inputs", nargs="+", help="files to read")
        p.add_argument("--pair", nargs=2, metavar=("A", "B"), help="two values")
        p.add_argument("--level", type=int, default=3, help="how deep (default %(default)s)")
        p.add_argument("--secret", help=argparse.SUPPRESS)
        p.add_argument("--out", required=True, help="where")
        text = cli_markdown(p)
        assert "x inputs [inputs ...] [--pair A B] [--level LEVEL] --out OUT" in text
        assert "| `--level` | `LEVEL` | `3` | how deep (default 3) |" in text
        assert "| `--out` | `OUT` | required | where |" in text
        assert "--secret" not in text
        assert "## Commands" not in text
