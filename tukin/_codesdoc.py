"""The code reference (``docs/codes.md``), generated from the message catalogue.

A system that imports tukin branches on ``error.code``, ``problem.code``, a rejected row's
``code`` and ``warning.code``, and maps them to its own screens; it needs the list of codes and
what each says, in both languages, without reading tukin's source. The page is written from
:data:`tukin.messages.MESSAGES`, grouped as the catalogue groups them (its section comments),
so it cannot drift from what tukin says; a test compares the committed page with
:func:`codes_markdown`. Regenerate it with::

    python -m tukin._codesdoc > docs/codes.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

__all__ = ["codes_markdown", "sections"]

HEADER = """\
# Codes

<!-- Generated from tukin/messages.py by `python -m tukin._codesdoc > docs/codes.md`; do not
     edit: a test fails when this page and the catalogue disagree. -->

*Bahasa Indonesia: setiap kode di bawah ini disertai pesannya dalam bahasa Inggris dan
Indonesia. Sistem lain sebaiknya bercabang pada kode, bukan pada teks pesannya.*

Every problem tukin reports carries a **code**: an error raised (`error.code`), a validation
problem (`problem.code`, the `code` column of `report.to_frame()`), a rejected employee or row
(the `code` column of `result.rejected` and `dataset.rejected`), a warning (`warning.code`).
The message is for people and may be reworded in any release; the code is for programs:

- a released code keeps its meaning. A code is removed or renamed only in a release whose
  entry in [CHANGELOG.md](../CHANGELOG.md) says so (a minor version before 1.0), and new codes
  may appear in any minor version: a program should show the message of a code it does not
  know rather than fail;
- the fields of `details` named like a template's `{field}` (`value`, `column`, `minimum`...)
  are stable with their code; fields ending in `_en` or `_id` are the pieces a message is
  built from, in one language, and may change with the wording. Where an error's code is a
  generic one (`calculation_failed`), `details.detail_code`, when given, names the entry of
  this catalogue its detail was written from (`missing_attendance_sheet`): branch on it for
  the situation;
- in the result document and an error's `problems`, every warning, rejected row and
  validation problem carries `fields` beside its `code` (since 0.4.0): its parameters as JSON
  data, the same whatever the language of the text (a list of attendance codes, the column
  and value refused, an exact number as text). `code` + `fields` are the contract a program
  reads; the text is for people (see [concepts.md](concepts.md), "Reading a result as a
  program").

The **fields** column lists the keys of `fields` for each code, with the JSON type of each
value (`exact`: an integer when whole, else exact text such as `"0.5"`; `date`: `YYYY-MM-DD`;
`period`: `2025-10`, `2025-Q1`...; a key marked `?` may be left out, as a missing value is);
[what each key means](#what-the-fields-mean) follows the tables. A validation problem's
`table`, `column`, `value` and `key` are its own keys beside `fields`. Generated from
`tukin/_fieldspec.py`; tests hold what their runs emit to it.

`tukin.errors.MESSAGES` is this catalogue as a dict (code → English template, Indonesian
template); `tukin.errors.render(code, lang, **fields)` fills a template as tukin does. Codes
under *message fragments* and the other "detail" groups are never a problem's code: they are
rendered into the `detail` of another one. A plug-in rule type may add codes of its own to the
same dict.
"""

_SECTION = re.compile(r"^    # (.*)$")
_CODE = re.compile(r'^    "([a-z0-9_]+)": ')


def sections(source: str | None = None) -> list[tuple[str, list[str]]]:
    """The catalogue's groups in source order: (the section comment, its codes). A comment
    running over several lines is one section; codes before any comment go under ''."""
    if source is None:
        source = (Path(__file__).with_name("messages.py")).read_text(encoding="utf-8")
    out: list[tuple[str, list[str]]] = []
    comment: list[str] = []
    for line in source.splitlines():
        if m := _SECTION.match(line):
            comment.append(m.group(1))
        elif m := _CODE.match(line):
            if comment:
                out.append((" ".join(comment), []))
                comment = []
            elif not out:
                out.append(("", []))
            out[-1][1].append(m.group(1))
    return out


def _cell(text: str) -> str:
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`" if text else ""


def _heading(comment: str) -> str:
    # "data contract, added with ...": the words before the first colon or parenthesis
    words = re.split(r"[:(]", comment, maxsplit=1)[0].strip().rstrip(",").strip()
    words = words.replace("``", "`")
    return words[:1].upper() + words[1:] if words else "Other"


def codes_markdown() -> str:
    from tukin.messages import MESSAGES

    groups = sections()
    listed = [c for _, codes in groups for c in codes]
    missing = sorted(set(MESSAGES) - set(listed))
    if missing:  # pragma: no cover - a code added outside the dict literal
        groups.append(("other codes", missing))
    lines = [HEADER]
    for comment, codes in groups:
        lines.append(f"## {_heading(comment)}\n")
        if comment and _heading(comment).lower() != comment.replace("``", "`").lower():
            lines.append(comment.replace("``", "`") + "\n")
        lines.append("| code | English | Bahasa Indonesia | fields |")
        lines.append("|---|---|---|---|")
        for code in codes:
            en, id_ = MESSAGES[code]
            lines.append(f"| `{code}` | {_cell(en)} | {_cell(id_)} | {_fields_cell(code)} |")
        lines.append("")
    lines += _glossary()
    return "\n".join(lines)


def _fields_cell(code: str) -> str:
    """``code``'s keys of ``fields`` with their types (:func:`tukin._fieldspec.documented`)."""
    from tukin._fieldspec import OPTIONAL, documented

    optional = OPTIONAL.get(code, frozenset())
    return ", ".join(
        f"`{name}`{'?' if name in optional else ''} ({kind})"
        for name, (kind, _) in documented(code).items()
    )


def _glossary() -> list[str]:
    """What each key of ``fields`` means, whatever the code."""
    from tukin._fieldspec import GLOSSARY

    lines = ["## What the fields mean\n", "| key | type | meaning |", "|---|---|---|"]
    for name in sorted(GLOSSARY):
        kind, meaning = GLOSSARY[name]
        shown = meaning.replace("|", "\\|")
        lines.append(f"| `{name}` | {kind} | {shown} |")
    lines.append("")
    lines.append(
        "The type is the usual one; a code's own type, where it differs (a `value` that is a "
        "count or a list), is in its row above."
    )
    lines.append("")
    return lines


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(codes_markdown())
