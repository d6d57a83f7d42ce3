"""The ``tukin`` command's help and usage errors in the reader's language.

HR officers reading only Bahasa Indonesia get ``tukin --help``, every ``tukin <command>
--help`` and argparse's own words (``usage:``, ``options:``, ``show this help message and
exit``, a missing or refused argument) in Indonesian by default; ``--lang en`` anywhere on the
line, or the session's language (``TUKIN_LANG=en``, :func:`tukin.set_language`), gives English.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
from collections.abc import Iterator

import pytest

import tukin
from tests.test_step_messages import ENGLISH, INDONESIAN, words
from tukin.cli import _lang_on_line, build_parser, main
from tukin.cli_messages import ARGPARSE, EXAMPLES, HELP

COMMANDS = ["demo", "calculate", "explain", "validate", "monitor", "plan", "template"]
COMMANDS += ["schema", "test", "verify"]


@pytest.fixture(autouse=True)
def _session_in_indonesian() -> Iterator[None]:
    """Every test starts from the default language (id), whatever TUKIN_LANG says here."""
    with tukin.language("id"):
        yield


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    assert info.value.code == 0
    said = capsys.readouterr()
    assert said.err == ""
    return said.out


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    assert info.value.code == 2  # argparse's exit code for a usage error, in both languages
    said = capsys.readouterr()
    assert said.out == ""
    return said.err


def _sentences(text: str) -> str:
    """``text`` without what is typed rather than read: options (``--data``, ``[-h]``),
    metavars (``PERIODE``), choices (``{id,en}``) and the example command lines."""
    kept = []
    for line in text.splitlines():
        line = re.sub(r"(^|\s)tukin( [-\w./@={}]+)*", " ", line)  # a command as typed
        line = re.sub(r"[\[(]?-[-\w]*[\])]?|\{[^}]*\}|\b[A-Z][A-Z_=|]+\b", " ", line)
        kept.append(line)
    return "\n".join(kept)


def assert_speaks(text: str, lang: str) -> None:
    stray = words(_sentences(text)) & (ENGLISH if lang == "id" else INDONESIAN)
    assert not stray, f"{lang} help has {sorted(stray)}:\n{text}"


class TestTheCheckCanFail:
    def test_catches_an_english_help(self) -> None:
        with pytest.raises(AssertionError):
            assert_speaks("options:\n  --data DATA  the workbook to read", "id")

    def test_catches_an_indonesian_help(self) -> None:
        with pytest.raises(AssertionError):
            assert_speaks("options:\n  --data DATA  buku kerja yang dibaca", "en")

    def test_what_is_typed_is_not_read(self) -> None:
        assert_speaks("  tukin validate --data isian.xlsx --period-only  periksa data", "id")


class TestHelpInIndonesianByDefault:
    def test_the_command_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        out = _help(capsys, "--help")
        assert out.startswith("penggunaan: tukin ")
        assert "pilihan:" in out and "tampilkan bantuan ini lalu keluar" in out
        assert "perintah:" in out and "hitung tunjangan satu periode" in out
        assert "contoh:" in out and "tukin template isian.xlsx" in out
        assert "usage:" not in out and "options:" not in out
        assert_speaks(out, "id")

    @pytest.mark.parametrize("command", COMMANDS)
    def test_every_command(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        out = _help(capsys, command, "--help")
        assert out.startswith(f"penggunaan: tukin {command} ")
        assert "show this help message" not in out
        assert_speaks(out, "id")

    @pytest.mark.parametrize("command", COMMANDS)
    def test_every_command_in_english(
        self, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = _help(capsys, command, "--help", "--lang", "en")
        assert out.startswith(f"usage: tukin {command} ")
        assert "show this help message and exit" in out
        assert_speaks(out, "en")

    def test_every_option_has_its_help(self) -> None:
        """No option left without a line (a bare ``--seed SEED``), in either language."""
        for lang in ("id", "en"):
            parser = build_parser(lang)
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            for name, command in sub.choices.items():
                for action in command._actions:
                    assert action.help, f"{lang}: tukin {name} {action.dest} has no help"


class TestLangAnywhereOnTheLine:
    @pytest.mark.parametrize(
        "argv",
        [
            ["--help", "--lang", "en"],
            ["--lang", "en", "--help"],
            ["--lang=en", "--help"],
            ["--lang", "en", "demo", "--help"],
            ["demo", "--help", "--lang", "en"],
            ["demo", "--lang", "en", "--help"],
            ["demo", "--la", "en", "--help"],  # argparse's abbreviation of --lang
            ["demo", "--lang", "id", "--lang", "en", "--help"],  # the last one, as argparse
        ],
    )
    def test_english(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        out = _help(capsys, *argv)
        assert out.startswith("usage: tukin")
        assert_speaks(out, "en")

    def test_the_session_language(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``TUKIN_LANG=en`` (the session's language) gives English; ``--lang id`` wins."""
        with tukin.language("en"):
            assert _help(capsys, "plan", "--help").startswith("usage: tukin plan")
            assert _help(capsys, "plan", "--help", "--lang", "id").startswith("penggunaan:")

    @pytest.mark.parametrize(
        ("argv", "lang"),
        [
            (["--lang", "fr", "--help"], None),  # not a language: argparse refuses it
            (["test", "--", "--lang", "en"], None),  # after --: a file name
            (["demo", "--l", "en"], None),  # too short to be --lang alone (monitor --level)
            (["demo", "--lang"], None),
            (["demo", "--lang", " EN "], "en"),
        ],
    )
    def test_what_counts(self, argv: list[str], lang: str | None) -> None:
        assert _lang_on_line(argv) == lang

    def test_no_other_option_starts_like_lang(self) -> None:
        """``--la`` and ``--lan`` are read as --lang: argparse reads them so only while no
        other option of a command starts with ``--la``."""
        parser = build_parser("en")
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for command in [parser, *sub.choices.values()]:
            flags = {f for a in command._actions for f in a.option_strings}
            assert {f for f in flags if f.startswith("--la")} <= {"--lang"}

    def test_lang_before_the_command_runs_it(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``tukin --lang en demo``: the language given before the command is the
        command's (a subcommand's unset --lang does not overwrite it)."""
        assert main(["--lang", "en", "demo", "--size", "12"]) == 0
        assert "Paid: " in capsys.readouterr().out
        assert main(["--lang", "en", "demo", "--size", "12", "--lang", "id"]) == 0
        assert "Dibayar: " in capsys.readouterr().out


class TestUsageErrors:
    """argparse's refusals: exit 2, the command's usage and one line, in the language asked."""

    @pytest.mark.parametrize(
        ("argv", "id_", "en"),
        [
            (["verify"], "argumen berikut wajib diisi: --data, --receipt", "the following arguments are required: --data, --receipt"),
            (["template"], "argumen berikut wajib diisi: berkas", "the following arguments are required: path"),
            (["demo", "--lang", "fr"], "argumen --lang: pilihan 'fr' tidak ada (pilih dari 'id', 'en')", "argument --lang: invalid choice: 'fr'"),
            (["monitor", "--level", "seksi"], "argumen --level: pilihan 'seksi' tidak ada", "argument --level: invalid choice: 'seksi'"),
            (["plan", "--year", "x"], "argumen --year: 'x' bukan nilai bilangan bulat yang sah", "argument --year: invalid whole number value: 'x'"),
            (["demo", "--size"], "argumen --size: perlu satu nilai", "argument --size: expected one argument"),
            (["demo", "--bogus"], "argumen tidak dikenal: --bogus", "unrecognized arguments: --bogus"),
            (["frob"], "argumen PERINTAH: pilihan 'frob' tidak ada", "argument COMMAND: invalid choice: 'frob'"),
            ([], "argumen berikut wajib diisi: PERINTAH", "the following arguments are required: COMMAND"),
        ],
    )  # fmt: skip
    def test_in_both_languages(
        self, argv: list[str], id_: str, en: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        err = _refused(capsys, *argv)
        assert err.startswith("penggunaan: tukin"), err
        assert ": kesalahan: " + id_ in err, err
        assert "error" not in err
        if "--lang" not in argv:  # a refused --lang cannot choose the language of its refusal
            err = _refused(capsys, *argv, "--lang", "en")
            assert err.startswith("usage: tukin"), err
            assert ": error: " + en in err, err
        with tukin.language("en"):
            err = _refused(capsys, *argv)
        assert ": error: " + en in err, err

    def test_argparse_is_left_as_it_was(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Its gettext hook is swapped only while tukin's parser speaks: another parser in
        the process keeps argparse's English."""
        _refused(capsys, "demo", "--size")
        other = argparse.ArgumentParser(prog="other")
        assert other.format_help().startswith("usage: other")
        assert "show this help message and exit" in other.format_help()


# -- the catalogue ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(HELP))
def test_every_help_entry_in_both_languages(key: str) -> None:
    """Both non-empty, each in its own language, different unless a name both languages
    write alike, and the same fields."""
    en, id_ = HELP[key]
    assert en.strip() and id_.strip(), key
    if not key.startswith("metavar_"):
        assert en != id_, f"{key}: the same text in both languages"
    assert re.findall(r"\{\w+\}", en) == re.findall(r"\{\w+\}", id_), key
    assert_speaks(id_, "id")
    assert_speaks(en, "en")


def test_the_examples_in_both_languages() -> None:
    en, id_ = EXAMPLES
    assert_speaks(en, "en")
    assert_speaks(id_, "id")
    commands = [re.sub(r"\s{3,}.*", "", line) for line in en.splitlines()[1:]]
    assert commands == [re.sub(r"\s{3,}.*", "", line) for line in id_.splitlines()[1:]]


def _argparse_texts() -> set[str]:
    """The message ids argparse passes to its gettext hook (``_("...")``, ``ngettext``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant)}
            for arg in node.args:  # _(kwargs.pop('title', 'subcommands'))
                if isinstance(arg, ast.Call):
                    found |= {a.value for a in arg.args[1:] if isinstance(a, ast.Constant)}
    return {t for t in found if isinstance(t, str)}


#: argparse's complaints about a parser built wrong: tukin's developers read them, in English.
FOR_DEVELOPERS = {
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    'argument "-" with mode %r',
    "unexpected option string: %s",
}


def test_every_argparse_text_a_user_meets_is_translated() -> None:
    """Against this Python's argparse: a message id it no longer has is a stale entry, one
    it gained is a text an Indonesian reader would get in English."""
    texts = _argparse_texts()
    assert "usage: " in texts and "show this help message and exit" in texts  # the check reads
    assert not set(ARGPARSE) - texts, sorted(set(ARGPARSE) - texts)
    missing = texts - set(ARGPARSE) - FOR_DEVELOPERS
    assert not missing, sorted(missing)


def test_argparse_fields_kept() -> None:
    """The Indonesian keeps every %-field of argparse's text, or the refusal would raise."""
    for msgid, id_ in ARGPARSE.items():
        assert sorted(re.findall(r"%\(\w+\)[sr]|%[sr]", msgid)) == sorted(
            re.findall(r"%\(\w+\)[sr]|%[sr]", id_)
        ), msgid
        assert msgid.endswith("\n") == id_.endswith("\n"), msgid


def test_argparse_words_put_back_whatever_order_two_threads_leave_in() -> None:
    """Two command lines parsed at once (a service running ``tukin.cli.main`` on threads)
    leave their Indonesian blocks in any order: argparse's own ``_`` / ``ngettext`` are
    argparse's again after both, not the first block's Indonesian look-up for ever (every
    parser of the process, tukin's or not, then spoke Indonesian)."""
    import contextvars

    from tukin.cli import _argparse_speaking

    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    first, second = _argparse_speaking("id"), _argparse_speaking("id")
    # each thread's context of its own (as two threads have), the blocks interleaved
    one, two = contextvars.copy_context(), contextvars.copy_context()
    one.run(first.__enter__)
    two.run(second.__enter__)
    assert "pilihan" in two.run(build_parser("id").format_help)
    one.run(first.__exit__, None, None, None)  # the first thread is done first
    assert "pilihan" in two.run(build_parser("id").format_help)  # the second's still speaks
    two.run(second.__exit__, None, None, None)
    assert (argparse._, argparse.ngettext) == before  # type: ignore[attr-defined]


def test_an_english_parser_speaks_english_while_another_thread_speaks_indonesian() -> None:
    """The Indonesian words are the block's thread's only: an English parser built and used
    on another thread meanwhile (an English request, or a program's own parser) is English."""
    import threading

    from tukin.cli import _argparse_speaking

    said: list[str] = []

    def english() -> None:
        said.append(argparse.ArgumentParser(prog="x").format_help())

    with _argparse_speaking("id"):
        t = threading.Thread(target=english)
        t.start()
        t.join()
        assert "pilihan" in build_parser("id").format_help()
    assert "options:" in said[0] and "pilihan" not in said[0], said[0]
