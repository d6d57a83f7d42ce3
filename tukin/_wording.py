"""Contract names in a data problem's message, as the clerk's workbook names them.

The validator speaks the contract (``employees.nip``, ``behaviour``, ``as_expected``): other
systems branch on those names, and the English messages keep them. An HR clerk filling the
Indonesian template never sees them: the sheet is *Pegawai*, the column *Perilaku Kerja*,
the choice *sesuai ekspektasi*. So, in Indonesian, the names a message shows are the
template's (:mod:`tukin.io.headers`, the one place they are spelt), and a value the clerk
cannot relate to its sheet is not left to guess: ``'DISKES.02/J09' tidak ditemukan di sheet
Jabatan, kolom ID Jabatan``, not ``... di positions.position_id``.

A problem's code, table, column and fields stay as they are (``report.to_frame()`` and every
other system read those); only the rendered text changes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, NamedTuple

from tukin.contract import TABLES

__all__ = [
    "Said",
    "clerk_words",
    "hint_code",
    "input_said",
    "rounding_said",
    "sheet_of",
    "table_words",
    "value_said",
]


class Said(NamedTuple):
    """A text of an explanation note in both languages: a calculation does not know the
    language its explanations will be read in (``explain(nip, lang=...)``), so a rule notes
    both and :func:`tukin.explain.explain_row` shows the one the explanation speaks."""

    en: str
    id: str

    def in_(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


#: What each rounding mode does, as an auditor re-deriving an amount needs it.
_MODES = {
    "half_up": ("nearest, a half away from zero", "ke terdekat, setengah ke atas"),
    "half_even": ("nearest, a half to the even multiple", "ke terdekat, setengah ke genap"),
    "half_down": ("nearest, a half toward zero", "ke terdekat, setengah ke bawah"),
    "down": ("toward zero (cut off)", "ke bawah menuju nol (dipotong)"),
    "up": ("away from zero", "ke atas menjauhi nol"),
    "floor": ("toward minus infinity", "ke bawah (menuju minus tak hingga)"),
    "ceiling": ("toward plus infinity", "ke atas (menuju plus tak hingga)"),
}


def rounding_said(mode: Any, unit: int = 1) -> Said:
    """``half_up: nearest, a half away from zero, to a multiple of Rp1`` in both languages:
    the rounding a step applied, whether the rule file wrote it in the step or as a
    parameter (which the explanation lists with its reference as well)."""
    from tukin.money import format_rupiah

    name = str(getattr(mode, "value", mode))
    en, id_ = _MODES.get(name, (name, name))
    rp = format_rupiah(unit, lang="id")
    return Said(f"{name}: {en}, to a multiple of {rp}", f"{name}: {id_}, ke kelipatan {rp}")


#: Rating columns whose bad value is most often a final predikat typed instead of a rating.
_RATINGS = {("appraisals", "results"), ("appraisals", "behaviour")}
#: Codes whose fields name tables (``table``, ``other``) and a column of ``other`` (``source``).
_NAMED_TABLES = frozenset({"column_clash", "column_taken", "column_taken_same"})


#: Codes whose ``table`` field is a table named to the clerk: in Indonesian, its sheet's name
#: (``tabel Kehadiran``, not ``tabel attendance``). Not the codes that name the argument a
#: Python caller gave (``not_a_dataframe``: ``from_frames(attendance=...)``).
_SHEET_TABLE_CODES = frozenset(
    {
        "sheet_not_read",
        "duplicate_sheet",
        "hidden_sheet",
        "hidden_rows",
        "footer_rows",
        "example_row_skipped",
        "example_row_employee",
        "header_repeated",
        "extra_not_numbers",
        "number_decimal_comma",
        "hidden_columns",
        "template_column_missing",
        "header_row",
        "header_two_rows",
        "extra_columns",
        "extra_columns_unread",
        "duplicate_header_same",
        "unmatched_rejected_rows",
        "unplaced_rejected_rows",
    }
)


def table_words(code: str, fields: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    """``fields`` of a message with its ``table`` as the clerk's sheet in Indonesian
    (:data:`_SHEET_TABLE_CODES`); unchanged otherwise. :func:`tukin.errors.render` applies
    it to every message, whichever raised it (a reader's warning, a problem, a reason)."""
    if lang == "id" and code in _JSON_KIND_CODES and fields.get("kind") in JSON_KINDS_ID:
        fields = {**fields, "kind": JSON_KINDS_ID[fields["kind"]]}
    if code == "unmatched_rejected_rows":
        # ``effect``: ``unpaid`` (the period's rows of a table the rules require) or ``paid``
        from tukin.errors import render

        effect = "unpaid" if fields.get("effect") == "unpaid" else "paid"
        name, period = f"unmatched_effect_{effect}", fields.get("period")
        said = (
            render(name, "id", period=period) if lang == "id" else render(name, "en", period=period)
        )
        fields = {**fields, "effect": said}
    if code == "blank_default":
        # the rows after the first, as the reader numbered them, and the default in the
        # template's word (nilai terakhir) in Indonesian
        rows, more = fields.get("other_rows"), "…" if fields.get("more") else ""
        if rows:
            others = f"; lalu baris {rows}{more}" if lang == "id" else f"; then rows {rows}{more}"
        else:
            others = ""
        default = fields.get("default")
        if lang == "id" and isinstance(default, str):
            from tukin.io.headers import choice_labels

            default = choice_labels((default,), "id")[0]
        fields = {**fields, "others": others, "default": default}
    if code == "acting_outside_service":
        # a row starting before the employee's start_date (``early``): the first day in the
        # current post, which an official moved while acting legitimately postdates
        from tukin.errors import render

        early = (
            render("acting_before_post", "id" if lang == "id" else "en")
            if fields.get("early")
            else ""
        )
        fields = {**fields, "early": early}
    if code == "flow_recap_differs":
        # ``status``: given where the recap is less verified than a row inside it (a step
        # of a higher ``min_status`` reads those rows instead): said, else nothing
        from tukin.errors import render

        status = fields.get("status")
        said = (
            render("flow_recap_status", "id" if lang == "id" else "en", **fields) if status else ""
        )
        fields = {**fields, "status_said": said}
    table = fields.get("table")
    if lang != "id" or code not in _SHEET_TABLE_CODES or not isinstance(table, str):
        return fields
    return {**fields, "table": sheet_of(table, lang)}


#: What a JSON value is (``tukin.io._records._kind``) in Indonesian: "bukan an object" was
#: half English.
JSON_KINDS_ID = {
    "null": "null",
    "an object": "objek",
    "text": "teks",
    "true/false": "true/false",
    "a number": "angka",
    "an array": "array",
}
_JSON_KIND_CODES = frozenset(("not_a_table", "not_a_row", "not_tables"))


#: The derived columns no template column heads, in Indonesian (the OPD's as the result
#: workbook heads them).
_INPUT_WORDS_ID: dict[str, str] = {
    "opd_id": "ID OPD",
    "opd_name": "Nama OPD",
    "days_in_period": "Hari dalam Periode",
    "days_served": "Hari Bertugas",
    "has_attendance": "Ada Baris Kehadiran",
    "has_appraisal": "Ada Penilaian SKP",
}


def input_said(name: str, lang: str) -> str:
    """An input of a step as an explanation in ``lang`` names it.

    In English the frame's own name (``grade``, ``days_served``), which the rule file
    writes. In Indonesian the clerk's words, the template's header (``Kelas Jabatan``), with
    the name the rule file writes beside it for its author (``Kelas Jabatan (grade)``): an
    extra column already shows its sheet's header, an attendance code (``tk``) and an
    earlier step's id are the clerk's and the author's own words, and stay as they are."""
    if lang != "id":
        return name
    words = _INPUT_WORDS_ID.get(name)
    if words is None:
        from tukin._checks import FRAME_SOURCES  # where each frame column is typed

        source = FRAME_SOURCES.get(name)
        if source is not None and "/" not in source[1]:  # one column heads it
            from tukin.io.headers import header

            words = header(*source, "id")
    return name if words is None else _beside(words, name)


def _beside(words: str, name: str) -> str:
    """The clerk's ``words`` with the rule file's ``name`` beside them, for its author
    (``Kelas Jabatan (grade)``); the words alone where they are the name in other letters."""
    return words if words.casefold() == name.casefold() else f"{words} ({name})"


def value_said(name: str, value: Any, lang: str) -> str | None:
    """A choice column's value as an explanation in ``lang`` shows it, or None for any other
    value (shown as it is).

    In Indonesian the label the template's drop-down offers the clerk (``sesuai
    ekspektasi``, ``PNS``), with the contract's value a rule file compares beside it for its
    author (``sesuai ekspektasi (as_expected)``), as :func:`input_said` names the column;
    the value alone where the label is the value in other letters (``PNS``, not ``PNS
    (pns)``). English, and a value that is none of the column's choices, keep the value."""
    if lang != "id" or not isinstance(value, str):
        return None
    from tukin._checks import FRAME_SOURCES

    source = FRAME_SOURCES.get(name)
    if source is None or source[0] not in TABLES or source[1] not in TABLES[source[0]].names:
        return None
    choices = TABLES[source[0]].column(source[1]).choices
    if not choices or value not in choices:
        return None
    from tukin.io.headers import choice_labels

    [label] = choice_labels((value,), "id")
    return _beside(label, value)


def sheet_of(table: str, lang: str) -> str:
    """The template's sheet name of ``table`` in Indonesian, the table's name otherwise."""
    if lang != "id" or table not in TABLES:
        return table
    from tukin.io.headers import sheet_name

    return sheet_name(table, "id")


@functools.lru_cache(maxsize=4096)
def _header(table: str, column: str) -> str:
    """The template's Indonesian header of ``column`` (a contract column, or ``a/b``), else
    ``column`` as given; cached: a report of 600,000 rejected rows names a few columns."""
    from tukin.io.headers import header

    parts = column.split("/")
    if table not in TABLES or not all(p in TABLES[table].names for p in parts):
        return column  # an attendance code or a column as the person gave it: their words
    return "/".join(header(table, p, "id") for p in parts)


def clerk_words(
    table: str, code: str, column: str | None, fields: Mapping[str, Any], lang: str
) -> tuple[str | None, dict[str, Any]]:
    """``column`` and ``fields`` of a problem as its message shows them in ``lang``."""
    out = dict(fields)
    choices = out.get("choices")
    if code == "invalid_choice" and isinstance(choices, list | tuple):
        # a list for a program (``fields``), joined for a person: the Indonesian labels
        from tukin.io.headers import choice_labels

        shown = choice_labels(tuple(choices), "id") if lang == "id" else choices
        out["choices"] = ", ".join(str(c) for c in shown) or "-"
    statuses = out.get("statuses")
    if code == "log_status_column_unread" and isinstance(statuses, list | tuple):
        out["statuses"] = ", ".join(str(s) for s in statuses)  # a list for a program
    if lang != "id":
        return column, out
    if column:
        column = _header(table, column)
    if code == "missing_table" and isinstance(out.get("table"), str):
        out["table"] = sheet_of(out["table"], lang)
    elif code == "unknown_reference" and isinstance(out.get("target"), str):
        target, _, key = out["target"].partition(".")
        if target in TABLES:
            out["target"] = f"sheet {sheet_of(target, lang)}, kolom {_header(target, key)}"
    elif code == "rejected_upstream" and isinstance(out.get("target"), str):
        out["target"] = sheet_of(out["target"], lang)
    elif code in _NAMED_TABLES:
        other = out.get("other")
        if isinstance(out.get("source"), str) and isinstance(other, str):
            out["source"] = _header(other, out["source"])
        for key in ("table", "other"):
            if isinstance(out.get(key), str):
                out[key] = sheet_of(out[key], lang)
    return column, out


def hint_code(table: str, code: str, column: str | None) -> str | None:
    """A message to add after the problem's own, in both languages, or None: a predikat
    (*Sangat Baik*) typed where a rating belongs is refused, and the clerk must know that
    the sheet wants the two ratings, not the predikat the e-Kinerja report shows."""
    if code == "invalid_choice" and (table, column) in _RATINGS:
        return "rating_not_predikat"
    return None
