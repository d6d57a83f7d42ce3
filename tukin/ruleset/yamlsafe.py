"""Read a rule file as plain data, with the line of every key, and never run anything.

Rule files come from outside (a regency's Perbup transcribed by a consultant), so loading must
be safe: only the YAML core types are built (no ``!!python`` tags, no custom tags), anchors and
aliases are refused (no "billion laughs"), and the size is bounded. Numbers are read from their
*text* as ``Decimal``/``int``, never through float, so ``0.6`` in a rule file is exactly 3/5.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from tukin.errors import RuleProblem, RuleSetError
from tukin.numtext import plain_decimal

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 100  # nesting of maps and lists; a real rule file needs fewer than ten levels
_CORE = "tag:yaml.org,2002:"
_ALLOWED = {
    f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Lines = dict[tuple[Any, ...], int]


def _problem(
    code: str, en: str, id_: str, file: str | None, line: int | None = None
) -> RuleSetError:
    return RuleSetError([RuleProblem(code, en, id_, file=file, line=line)])


def _too_large(file: str) -> RuleSetError:
    return _problem(
        "unsafe_rule_file",
        f"rule file is larger than {MAX_BYTES} bytes",
        f"berkas aturan lebih besar dari {MAX_BYTES} byte",
        file,
    )


def _too_deep(file: str, line: int | None = None) -> RuleSetError:
    return _problem(
        "unsafe_rule_file",
        f"rule file is nested more than {MAX_DEPTH} levels deep",
        f"berkas aturan bersarang lebih dari {MAX_DEPTH} tingkat",
        file,
        line,
    )


def load_text(text: str, filename: str = "<rules>") -> tuple[Any, Lines]:
    """Parse YAML (or JSON, a subset) text into plain data plus a map key-path -> line.

    The parse of a text up to :data:`REMEMBERED_CHARS` long is remembered (by text and file
    name; a refusal is not): loading a packaged pack parsed its YAML in pure Python each
    time, about 40 ms for ``tpp-60-40``, where an integrator loads the same pack per call
    and a search over 168 months or the property tests load it hundreds of times. Each
    call gets its own copy of the data and lines: a caller may change what it is given."""
    if len(text) > REMEMBERED_CHARS:
        return _load_text(text, filename)
    data, lines = _remembered(text, filename)
    return copy.deepcopy(data), dict(lines)


#: The longest text whose parse :func:`load_text` remembers (packs are a few dozen kB),
#: and how many it remembers.
REMEMBERED_CHARS = 200_000
_REMEMBERED_TEXTS = 32


@functools.lru_cache(maxsize=_REMEMBERED_TEXTS)
def _remembered(text: str, filename: str) -> tuple[Any, Lines]:
    """:func:`_load_text`, kept: never handed out (only copies of it)."""
    return _load_text(text, filename)


def _load_text(text: str, filename: str) -> tuple[Any, Lines]:
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise _too_large(filename)
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)  # its reader refuses control characters right away
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise _problem(
            "ruleset_invalid",
            f"not valid YAML: {exc.problem}",
            f"bukan YAML yang sah: {exc.problem}",
            filename,
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise _problem(
            "ruleset_invalid", f"not valid YAML: {exc}", f"bukan YAML yang sah: {exc}", filename
        ) from None
    except RecursionError:  # the YAML composer recurses once per level of nesting
        raise _too_deep(filename) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return {}, {}
    builder = _Builder(filename)
    data = builder.build(node, ())
    return data, builder.lines


def load_path(path: str | Path) -> tuple[Any, Lines, str]:
    """Read a rule file by its suffix: .yaml/.yml/.json via the safe YAML reader, .toml via tomllib."""
    p = Path(path)
    if not p.exists():
        raise _problem("ruleset_invalid", f"'{p}' does not exist", f"'{p}' tidak ada", str(p))
    if not p.is_file():
        raise _problem(
            "ruleset_invalid",
            f"'{p}' is a folder, not a rule file",
            f"'{p}' adalah folder, bukan berkas aturan",
            str(p),
        )
    try:
        if p.stat().st_size > MAX_BYTES:
            raise _too_large(str(p))
        raw = p.read_bytes()
    except OSError as exc:
        raise _problem(
            "ruleset_invalid",
            f"rule file cannot be read: {exc.strerror or exc}",
            f"berkas aturan tidak dapat dibaca: {exc.strerror or exc}",
            str(p),
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _problem(
            "ruleset_invalid",
            "rule file is not UTF-8 text",
            "berkas aturan bukan teks UTF-8",
            str(p),
        ) from None
    if p.suffix.lower() == ".toml":
        try:
            return tomllib.loads(text, parse_float=Decimal), {}, text
        except tomllib.TOMLDecodeError as exc:
            raise _problem(
                "ruleset_invalid", f"not valid TOML: {exc}", f"bukan TOML yang sah: {exc}", str(p)
            ) from None
        except RecursionError:
            raise _too_deep(str(p)) from None
    data, lines = load_text(text, str(p))
    return data, lines, text


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.lines: Lines = {}
        self.seen: set[int] = set()
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def _fail(
        self, node: yaml.Node, msg: str, msg_id: str, code: str = "unsafe_rule_file"
    ) -> RuleSetError:
        return _problem(code, msg, msg_id, self.filename, node.start_mark.line + 1)

    def build(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        if id(node) in self.seen:
            raise self._fail(
                node,
                "anchors and aliases (&, *) are not allowed in rule files",
                "anchor dan alias (&, *) tidak diizinkan dalam berkas aturan",
            )
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise self._fail(
                node,
                f"rule file has more than {MAX_NODES} values",
                f"berkas aturan berisi lebih dari {MAX_NODES} nilai",
            )
        if len(path) > MAX_DEPTH:
            raise _too_deep(self.filename, node.start_mark.line + 1)
        if node.tag not in _ALLOWED:
            raise self._fail(
                node,
                f"tag {node.tag!r} is not allowed: rule files hold plain data only",
                f"tag {node.tag!r} tidak diizinkan: berkas aturan hanya berisi data biasa",
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == f"{_CORE}float":
                    raise self._float_key(knode)
                if knode.tag == f"{_CORE}bool" and str(knode.value).lower() not in _BOOLS:
                    raise self._yes_no_key(knode)
                key = self.build(knode, path + ("<key>",))
                if isinstance(key, dict | list):
                    raise self._fail(
                        knode,
                        "a key must be a plain value",
                        "kunci harus berupa nilai biasa",
                        "ruleset_invalid",
                    )
                if key in out:
                    raise self._fail(
                        knode,
                        f"key {key!r} appears twice",
                        f"kunci {key!r} muncul dua kali",
                        "ruleset_invalid",
                    )
                self.lines[path + (key,)] = knode.start_mark.line + 1
                out[key] = self.build(vnode, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        try:
            return self._scalar(node)
        except RuleSetError:
            raise
        except ValueError:  # a date that does not exist (2025-02-30), an int like 0x_
            en, id_ = _KINDS.get(node.tag[len(_CORE) :], ("value", "nilai"))
            raise self._fail(
                node,
                f"{node.value!r} is not a valid {en}",
                f"{node.value!r} bukan {id_} yang sah",
                "ruleset_invalid",
            ) from None

    def _float_key(self, node: yaml.Node) -> RuleSetError:
        """A key such as ``1.10``: no table is keyed by a fraction, so it is a code (an OPD's
        ``1.10``) that YAML read as a number, and as the same number as ``1.1``. Refused like
        ``010``, before it becomes a key that matches the wrong code or none."""
        text = str(node.value)
        try:
            read = plain_decimal(Decimal(text.replace("_", "")))
        except InvalidOperation:
            read = text
        shown = f" ({read})" if read != text else ""
        return self._fail(
            node,
            f"key {text} would be read as a number{shown}, and YAML reads 1.10 and 1.1 as the "
            f"same number: write '{text}' in quotes for a code such as an OPD's",
            f"kunci {text} akan terbaca sebagai angka{shown}, padahal YAML membaca 1.10 dan 1.1 "
            f"sebagai angka yang sama: tulis '{text}' dalam tanda kutip untuk kode, misalnya "
            "kode OPD",
            "ruleset_invalid",
        )

    def _yes_no_key(self, node: yaml.ScalarNode) -> RuleSetError:
        """A key ``yes``, ``no``, ``on`` or ``off``: YAML 1.1 reads it as true or false, so
        a table keyed on a column holding the text ``yes`` matched none of its rows, and the
        refusal that followed named a key ``1`` the file does not have. Written ``true`` /
        ``false`` it is a yes/no; quoted it is the text."""
        text = str(node.value)
        read = str(self.constructor.construct_yaml_bool(node)).lower()
        return self._fail(
            node,
            f"key {text} would be read as {read} (a yes/no), not as the text {text!r}: write "
            f"{read} for a yes/no column, or '{text}' in quotes for text",
            f"kunci {text} akan terbaca sebagai {read} (ya/tidak), bukan teks {text!r}: tulis "
            f"{read} untuk kolom ya/tidak, atau '{text}' dalam tanda kutip untuk teks",
            "ruleset_invalid",
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag[len(_CORE) :]
        text = node.value
        if tag == "float":
            clean = text.replace("_", "")
            if clean.lower().lstrip("+-") in (".inf", ".nan"):
                raise self._fail(
                    node,
                    f"{text} is not a usable number",
                    f"{text} bukan angka yang dapat dipakai",
                    "ruleset_invalid",
                )
            try:
                return Decimal(clean)
            except InvalidOperation:
                raise self._fail(
                    node, f"{text!r} is not a number", f"{text!r} bukan angka", "ruleset_invalid"
                ) from None
        if tag == "int":
            digits = text.replace("_", "").lstrip("+-")
            if ":" in digits or (len(digits) > 1 and digits[0] == "0" and digits[1:].isdigit()):
                # YAML 1.1 reads 010 as 8 and 1:30 as 90: never what a rule file means
                read = self.constructor.construct_yaml_int(node)
                raise self._fail(
                    node,
                    f"{text} would be read as {read}: write '{text}' in quotes for text, or the "
                    "number without a leading zero",
                    f"{text} akan terbaca sebagai {read}: tulis '{text}' dalam tanda kutip untuk "
                    "teks, atau angkanya tanpa nol di depan",
                    "ruleset_invalid",
                )
            if digits[:2].lower() in ("0x", "0b"):
                # YAML 1.1 reads 0x10 as 16 and 0b11 as 3: a code, or a typo, in a rule file
                read = self.constructor.construct_yaml_int(node)
                base = ("hexadecimal", "heksadesimal") if digits[1] in "xX" else ("binary", "biner")
                raise self._fail(
                    node,
                    f"{text} would be read as the {base[0]} number {read}: write '{text}' in "
                    "quotes for text, or the number in decimal digits",
                    f"{text} akan terbaca sebagai bilangan {base[1]} {read}: tulis '{text}' "
                    "dalam tanda kutip untuk teks, atau angkanya dalam angka desimal",
                    "ruleset_invalid",
                )
            return self.constructor.construct_yaml_int(node)
        if tag == "bool":
            return self.constructor.construct_yaml_bool(node)
        if tag == "null":
            return None
        if tag == "timestamp":
            value = self.constructor.construct_yaml_timestamp(node)
            return value.date() if isinstance(value, dt.datetime) else value
        return str(text)


#: the yes/no keys YAML 1.2 reads alike (yes, no, on, off are YAML 1.1's alone)
_BOOLS = ("true", "false")

_KINDS = {
    "timestamp": ("date", "tanggal"),
    "int": ("whole number", "bilangan bulat"),
    "float": ("number", "angka"),
}


def canonical_json(data: Any) -> str:
    """Deterministic JSON of plain data (Decimals as text): the basis of fingerprints.

    Keys become text (a table may mix ``6`` and ``"A"``, which JSON cannot sort) and decimals
    lose trailing zeros, so ``0.60`` and ``0.6`` are the same rule.
    """
    return json.dumps(
        _canon(data), sort_keys=True, separators=(",", ":"), default=_default, ensure_ascii=False
    )


def _canon(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _canon(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_canon(v) for v in data]
    return data


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return plain_decimal(obj)
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return str(obj)
