"""The CLI reference, generated from the argparse parser of :mod:`tukin.cli`: ``docs/cli.md``
in English and ``docs/perintah.md`` in Indonesian.

The page is written from the parser itself, so it cannot drift from what ``tukin --help``
says; a test compares the committed pages with :func:`cli_markdown`. Regenerate them with::

    python -m tukin._clidoc > docs/cli.md
    python -m tukin._clidoc --lang id > docs/perintah.md

Both, because the help is in both (:mod:`tukin.cli_messages`): the English page is the
reference the other documentation links to, the Indonesian one is the page the Indonesian
guides (mulai-cepat.md, panduan-auditor.md) send an HR officer to. The page's language is
the one asked for, English unless ``--lang id``: never ``TUKIN_LANG``'s, so the command above
writes the same page on every machine.

The usage lines and option tables are built here rather than taken from argparse's help
formatter, whose wrapping depends on the terminal width and on the Python version.
"""

from __future__ import annotations

import argparse
import sys

from tukin.cli_messages import HELP
from tukin.errors import Lang

__all__ = ["cli_markdown"]

HEADER_EN = """\
# Command-line reference

<!-- Generated from tukin/cli.py by `python -m tukin._clidoc > docs/cli.md`; do not edit:
     a test fails when this page and the parser disagree. -->

*Bahasa Indonesia: [perintah.md](perintah.md). Every command prints its messages and its
`--help` in Indonesian by default (`--lang id`); `--lang en`, anywhere on the line, switches to
English, and the environment variable `TUKIN_LANG=en` makes English the default (as
`tukin.set_language("en")` does in Python). Indonesian terms: [glossary.md](glossary.md).*

The `tukin` command is installed with the package (`pip install -e .`). Every subcommand
answers `--help`. Without `--data`, commands read the bundled synthetic demo regency, so each
of them can be tried at once.

Exit codes: **0** success; **1** the run worked but found problems (rejected rows, failing
golden cases, a receipt that does not verify); **2** bad usage or unreadable input; **3**
(`tukin verify` only) no difference found, but part of the result file could not be checked;
**141** the reader of the output went away (`tukin validate | head`), as a shell reports a
command stopped by SIGPIPE, without a message about it (its warnings still go to stderr).

On Linux the command asks glibc to keep the memory numpy frees for reuse instead of giving it
back to the kernel and faulting it in again. At a million employees that takes up to a
quarter off a second calculation and little off a first; at the whole country (4.3M) a fifth
off a first calculation and two fifths off validation; a little more memory is held (see
[scaling.md](scaling.md)). `TUKIN_MALLOC=default` (any value), or any `MALLOC_*` variable or
`GLIBC_TUNABLES` of your own, leaves the allocator as it is.
"""

HEADER_ID = """\
# Perintah `tukin`

<!-- Dibuat dari tukin/cli.py dengan `python -m tukin._clidoc --lang id > docs/perintah.md`;
     jangan disunting: sebuah uji gagal bila halaman ini berbeda dari parser. -->

*English: [cli.md](cli.md). Setiap perintah menampilkan pesan dan bantuannya (`--help`) dalam
Bahasa Indonesia (`--lang id`, bawaan); `--lang en`, di mana pun di baris perintah, mengubahnya
ke bahasa Inggris, dan variabel lingkungan `TUKIN_LANG=en` menjadikan bahasa Inggris bawaan
(seperti `tukin.set_language("en")` di Python). Arti istilah: [glossary.md](glossary.md).*

Perintah `tukin` terpasang bersama paketnya (`pip install -e .`). Setiap perintah menjawab
`--help`. Tanpa `--data`, perintah membaca data kabupaten contoh bawaan (data sintetis),
sehingga setiap perintah dapat langsung dicoba.

Kode keluar: **0** berhasil; **1** perintah berjalan tetapi menemukan masalah (baris ditolak,
kasus golden gagal, kuitansi yang tidak terverifikasi); **2** perintah salah ketik atau
masukan tidak dapat dibaca; **3** (hanya `tukin verify`) tidak ada perbedaan, tetapi sebagian
berkas hasil tidak dapat diperiksa; **141** pembaca keluarannya sudah berhenti (`tukin validate
| head`), seperti shell melaporkan perintah yang dihentikan SIGPIPE, tanpa pesan tentang itu
(peringatannya tetap ditampilkan di stderr).

Di Linux, perintah ini meminta glibc menyimpan memori yang dilepas numpy untuk dipakai lagi,
alih-alih mengembalikannya ke kernel lalu memintanya lagi. Pada sejuta pegawai, perhitungan
kedua menjadi sampai seperempat lebih cepat dan perhitungan pertama sedikit lebih cepat; pada
seluruh negeri (4,3 juta) perhitungan pertama seperlima lebih cepat dan validasi dua perlima;
memori yang ditahan sedikit lebih banyak (lihat [scaling.md](scaling.md)).
`TUKIN_MALLOC=default` (nilai apa pun), atau variabel `MALLOC_*` maupun `GLIBC_TUNABLES`
milik Anda sendiri, membiarkan pengalokasi memori apa adanya.
"""


def _word(key: str, lang: Lang) -> str:
    return HELP[key][0 if lang == "en" else 1]


def cli_markdown(parser: argparse.ArgumentParser | None = None, lang: Lang = "en") -> str:
    """Markdown reference of ``parser`` (default: ``tukin.cli.build_parser(lang)``), its
    headings and table words in ``lang`` (English unless told: never the session's)."""
    if parser is None:
        from tukin.cli import build_parser

        parser = build_parser(lang)
    lines = [HEADER_EN if lang == "en" else HEADER_ID]
    lines += ["```", f"{_usage(parser)}", "```", ""]
    if parser.description:
        lines += [parser.description, ""]
    lines += _options(parser, lang)
    subs = _subcommands(parser)
    if subs:
        lines += [f"## {_word('doc_commands', lang)}", ""]
        lines += [f"| {_word('doc_command', lang)} | {_word('doc_what', lang)} |", "|---|---|"]
        lines += [f"| [`{name}`](#tukin-{name}) | {_cell(help_)} |" for name, help_, _ in subs]
        lines.append("")
    for name, help_, sub in subs:
        lines += [f"## tukin {name}", ""]
        if help_:
            lines += [_sentence(help_), ""]
        lines += ["```", _usage(sub), "```", ""]
        if sub.description:
            lines += [sub.description, ""]
        lines += _options(sub, lang)
        if sub.epilog and sub.epilog != parser.epilog:
            lines += ["```", sub.epilog.strip("\n"), "```", ""]
    if parser.epilog:
        lines += [
            f"## {_word('doc_examples', lang)}",
            "",
            "```",
            parser.epilog.strip("\n"),
            "```",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _subcommands(
    parser: argparse.ArgumentParser,
) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of each subcommand, in the order they were added."""
    out: list[tuple[str, str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                out.append((name, helps.get(name, ""), sub))
    return out


def _visible(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions
        if a.help != argparse.SUPPRESS
        and not isinstance(a, argparse._SubParsersAction | argparse._HelpAction)
    ]


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return action.metavar if isinstance(action.metavar, str) else " ".join(action.metavar)
    if action.choices is not None and not action.option_strings:
        return "{" + ",".join(map(str, action.choices)) + "}"
    if action.option_strings:
        if action.choices is not None:
            return "{" + ",".join(map(str, action.choices)) + "}"
        return action.dest.upper()
    return action.dest


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0


def _arg(action: argparse.Action) -> str:
    """``--data DATA``, ``--json``, ``files ...``: one argument as written on the line."""
    meta = _metavar(action)
    if not action.option_strings:
        if action.nargs in ("*", "?"):
            return f"[{meta} ...]" if action.nargs == "*" else f"[{meta}]"
        if action.nargs == "+":
            return f"{meta} [{meta} ...]"
        return meta
    flag = max(action.option_strings, key=len)
    return f"{flag} {meta}" if _takes_value(action) else flag


def _usage(parser: argparse.ArgumentParser, width: int = 96) -> str:
    """The usage line, wrapped at ``width`` with continuation lines under the first argument."""
    parts = [parser.prog]
    for action in _visible(parser):
        if isinstance(action, argparse._VersionAction):
            parts.append(f"[{_arg(action)}]")
            continue
        text = _arg(action)
        if action.option_strings and not action.required:
            text = f"[{text}]"
        parts.append(text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parts.append(f"{action.metavar or 'COMMAND'} ...")
    lines, indent = [parts[0]], " " * (len(parts[0]) + 1)
    for part in parts[1:]:
        if len(lines[-1]) + 1 + len(part) > width and lines[-1].strip() != parts[0]:
            lines.append(indent + part)
        else:
            lines[-1] += " " + part
    return "\n".join(lines)


def _options(parser: argparse.ArgumentParser, lang: Lang) -> list[str]:
    rows = []
    for action in _visible(parser):
        names = ", ".join(f"`{s}`" for s in action.option_strings) or f"`{_metavar(action)}`"
        value = _metavar(action) if _takes_value(action) and action.option_strings else ""
        if isinstance(action, argparse._VersionAction):
            value = ""
        rows.append(
            f"| {names} | {_cell(value and f'`{value}`')} | {_cell(_default(action, lang))} "
            f"| {_cell(_help(parser, action, lang))} |"
        )
    if not rows:
        return []
    words = [_word(k, lang) for k in ("doc_argument", "doc_value", "doc_default", "doc_meaning")]
    return ["| " + " | ".join(words) + " |", "|---|---|---|---|", *rows, ""]


def _default(action: argparse.Action, lang: Lang) -> str:
    if action.required or not action.option_strings:
        return _word("doc_required", lang) if action.nargs not in ("*", "?") else ""
    if isinstance(action, argparse._VersionAction):
        return ""
    default = action.default
    if default is None or default is False or default == argparse.SUPPRESS:
        return ""
    if isinstance(action, argparse._AppendAction | argparse._StoreTrueAction):
        return ""
    return f"`{default}`"


def _help(parser: argparse.ArgumentParser, action: argparse.Action, lang: Lang) -> str:
    text = action.help or ""
    if isinstance(action, argparse._VersionAction) and text.startswith("show program's"):
        return _word("version", lang)  # argparse's own words, not a parser's
    if "%" in text:  # argparse's own expansion: %(default)s, %(prog)s...
        params = {k: v for k, v in vars(action).items() if v is not argparse.SUPPRESS}
        params["prog"] = parser.prog
        text = text % params
    repeatable = _word("repeatable", lang)
    if isinstance(action, argparse._AppendAction) and repeatable not in text:
        text += f" ({repeatable})"
    return text


def _sentence(text: str) -> str:
    """Capitalised and closed with a full stop, leaving names such as e-Pantau as written."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if not any(c.isupper() for c in first):
        text = text[:1].upper() + text[1:]
    return text + ("" if text.endswith(".") else ".")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(cli_markdown(lang="id" if sys.argv[1:] == ["--lang", "id"] else "en"))
