"""Read input tables sent as JSON by other government systems.

The document is an object with one array of row objects per table, keyed by the contract name
(``{"employees": [{"nip": "1985...", ...}], "units": [...]}``), optionally wrapped as
``{"tables": {...}}``; :func:`tukin.schema.json_schemas` publishes the shape (``dataset``).
A program wrote it, so it is read as machine input, exactly as
:meth:`tukin.Dataset.from_records` reads the same document parsed (:mod:`tukin.io._records`):
contract names, machine notation (``"12.500"`` is 12.5), ISO dates. A key given twice, which
``json.loads`` would silently resolve to its last value, is refused (``repeated_json_key``). A NIP
sent as a JSON number that has lost digits is reported (``nip_as_number``) like one typed as a
number in Excel, and one a binary64 double may have rounded (``nip_as_json_number``). Locations read ``data.json: employees[3].nip`` (0-based, as JSON tools count).

A service holding an upload in memory passes its bytes or a binary file object instead of a
path (``read_json(request.body)``); locations then name ``name`` (default ``data.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from tukin._language import resolve as resolve_lang
from tukin.dataset import Dataset, Mode, mode_option, nip_check_option
from tukin.errors import InputFileError, Lang, Reason
from tukin.io._build import Source, keeps_warnings
from tukin.io._records import JsonObject, read_tables
from tukin.io.safe import Limits, check_size

__all__ = ["JsonInput", "read_json"]

#: A JSON document: a path, or the document's bytes or a file object (a service's upload).
JsonInput = str | Path | bytes | bytearray | IO[bytes] | IO[str]


@keeps_warnings
def read_json(
    source: JsonInput,
    *,
    mode: Mode = "lenient",
    lang: Lang | None = None,
    nip_check: str = "length",
    limits: Limits | None = None,
    name: str = "data.json",
) -> Dataset:
    """Read a JSON document of tables into a :class:`~tukin.Dataset`.

    ``source`` is a path, or the document itself as bytes or a file object (``name`` is what
    locations call it then). A document that is no JSON, is nested too deeply, is larger than
    ``limits`` allows, is no object of tables or gives a table twice raises
    :class:`~tukin.errors.InputFileError`; problems in rows are in the report (raised in
    ``strict`` mode).
    """
    lang = resolve_lang(lang)
    checked_mode, checked_nip = mode_option(mode), nip_check_option(nip_check)
    text, label = _text(source, name, limits or Limits())
    doc = _parse(text, label)
    where = Source("json", Path(label), lang)
    return read_tables(doc, where, mode=checked_mode, lang=lang, nip_check=checked_nip)


def _text(source: JsonInput, name: str, limits: Limits) -> tuple[str, str]:
    """The document's text and the name locations give it."""
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise InputFileError(code="file_not_found", value=str(path))
        check_size(path, limits)
        try:
            return path.read_bytes().decode("utf-8-sig"), path.name
        except (OSError, UnicodeDecodeError) as exc:
            raise _unreadable(path.name, str(exc)) from None
    label = Path(str(getattr(source, "name", "") or name)).name or name
    data = bytes(source) if isinstance(source, bytes | bytearray) else _read(source, limits, label)
    if len(data) > limits.max_file_bytes:
        raise InputFileError(code="file_too_large", value=label, detail=f"{len(data)} bytes")
    try:
        return data.decode("utf-8-sig"), label
    except UnicodeDecodeError as exc:
        raise _unreadable(label, str(exc)) from None


def _read(source: IO[Any], limits: Limits, label: str) -> bytes:
    """A file object's content, never more than the limit plus one byte (an upload is
    untrusted: a stream of gigabytes is refused, not read into memory)."""
    try:
        data = source.read(limits.max_file_bytes + 1)
    except (OSError, ValueError) as exc:
        raise _unreadable(label, str(exc)) from None
    if isinstance(data, str):
        return data.encode("utf-8")
    if not isinstance(data, bytes | bytearray):
        raise InputFileError(code="unsupported_format", value=label, detail="JSON bytes or text")
    return bytes(data)


class _NotJson(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity`` in the text: Python's extension, no JSON."""


def _constant(name: str) -> Any:
    raise _NotJson(name)


def _parse(text: str, label: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise _unreadable(label, str(exc)) from None
    except _NotJson as exc:  # json.loads would read NaN as a blank cell and Infinity as a number
        raise _unreadable(
            label,
            (
                f"{exc} is no JSON value (RFC 8259): write null for an empty value",
                f"{exc} bukan nilai JSON (RFC 8259): tulis null untuk nilai kosong",
            ),
        ) from None
    except RecursionError:  # the decoder recurses once per level of nesting
        raise _unreadable(label, "nested too deeply") from None


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    """A JSON object that remembers the keys its text gave twice (see JsonObject)."""
    out = JsonObject(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        repeated: dict[str, None] = {}
        for key, _ in pairs:
            if key in seen:
                repeated[key] = None
            seen.add(key)
        out.repeated = tuple(repeated)
    return out


def _unreadable(label: str, detail: Reason) -> InputFileError:
    return InputFileError(code="unreadable_file", value=label, kind="JSON", detail=detail)
