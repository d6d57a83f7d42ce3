"""Every error tukin raises, with a stable code and a message in English and Indonesian.

HR officers act on these messages and other systems branch on their codes, so a code never
changes meaning once released. Each error subclasses the builtin a caller already catches
(``ValueError`` for bad data, ``TypeError`` for nonsense arithmetic, ``KeyError`` for a missing
employee), so generic code keeps working.

The tree::

    TukinError                      base; .code, .message(lang), .details, .problems, .to_dict()
    ├── ArgumentError (ValueError)  a call was given an argument it cannot use (a language)
    │   ├── ArgumentTypeError (TypeError)  one of the wrong kind (a list for a DataFrame)
    │   └── UnknownNameError (KeyError)    a table or column name that does not exist
    ├── DataError (ValueError)      input tables are wrong
    │   ├── DatasetValidationError  carries a ValidationReport listing every problem
    │   └── InputFileError          an Excel/CSV/JSON file cannot be read
    ├── OptionError (ValueError)    an option of a call is none of its values (mode="Strict")
    ├── PeriodError (ValueError)    a period string does not parse / does not fit
    ├── MoneyError (TypeError)      float money, money x money, money + ratio
    ├── RuleSetError (ValueError)   a rule file is wrong; carries a list of RuleProblem
    │   ├── UnknownRuleTypeError    a step names a rule type nobody registered
    │   └── ScheduleError           a work schedule file (tukin.daylog) is wrong
    ├── CalculationError            a rule failed while evaluating (names step and rows)
    │   └── MissingParameterError   a parameter has no value in force, or was never supplied
    ├── EmployeeNotFoundError (KeyError)  explain() for a NIP not in the result
    └── VerificationError           a saved receipt does not match a re-run

Messages are looked up in :data:`MESSAGES` (the catalogue, kept in :mod:`tukin.messages`) by
code; ``lang`` is ``"en"`` or ``"id"``. ``error.message("en")`` and ``error.message("id")``
give either language of any error; ``str(error)`` is in the language the error was raised
with: the ``lang`` the raising code passed, else :func:`tukin.get_language` at the moment it
was raised (so an error raised inside ``with tukin.language("en"):`` reads in English
wherever it is logged later).
Messages never print whole input rows: personal data stays in the data, not in logs.

Where an error is about cells of the input, ``error.problems`` lists them (:class:`Problem`:
table, row, column, location), and for a rule file the mistakes (:class:`RuleProblem`: file,
line, key); it is empty for the other errors. ``error.to_dict(lang)`` is all of it as JSON
data (code, message, details, problems): what a service sends back as a response body.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tukin._fields import json_fields, json_value
from tukin.messages import MESSAGES

Lang = Literal["en", "id"]
DEFAULT_LANG: Lang = "en"
#: The words of a place in the input named without a reader's location (:meth:`Problem.where`):
#: "tabel employees, baris 6, kolom grade".
PLACE_WORDS: dict[Lang, tuple[str, str, str]] = {
    "id": ("tabel", "baris", "kolom"),
    "en": ("table", "row", "column"),
}
#: Why a row is not paid: plain text, or ``(english, indonesian)``; the calculation keeps
#: the text of the language in force when it started (see ``in_language``).
Reason = str | tuple[str, str]


def in_language(reason: Reason, lang: Lang) -> str:
    """The text of ``reason`` in ``lang`` (plain text is the same in both)."""
    return reason if isinstance(reason, str) else reason[1 if lang == "id" else 0]


class Worded(tuple[str, str]):
    """A :data:`Reason` in English and Indonesian that also keeps its parameters: ``fields``,
    what the result document writes beside the words for a program to read (a rejection's
    key not found, the amounts of a negative net pay; review 82). Still the pair of words
    everywhere a reason is read (:func:`in_language`)."""

    fields: dict[str, Any]

    def __new__(cls, en: str, id_: str, /, **fields: Any) -> Worded:
        said = super().__new__(cls, (en, id_))
        said.fields = fields
        return said

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt with its fields (a partition's reasons cross processes pickled)
        return (_said, (self[0], self[1], self.fields))


def _said(en: str, id_: str, fields: dict[str, Any]) -> Worded:
    return Worded(en, id_, **fields)


def reason_fields(reason: Reason) -> dict[str, Any]:
    """The parameters of a rejection's reason as JSON data (:func:`tukin._fields.json_fields`):
    a :class:`Worded`'s fields, none for words alone."""
    return json_fields(getattr(reason, "fields", None) or {})


def rendered(code: str, /, **fields: Any) -> Worded:
    """The message for ``code`` in English and in Indonesian: a :data:`Reason` kept until an
    output asks for one language (a rejection's reason, review 78), with its fields."""
    return Worded(render(code, "en", **fields), render(code, "id", **fields), **fields)


def render(code: str, lang: Lang = DEFAULT_LANG, /, **fields: Any) -> str:
    """Render the message for ``code`` in ``lang``; unknown fields render as empty strings.

    A message must render even when a caller forgot a field: an error while formatting an
    error would hide the real problem.
    """
    from tukin._wording import table_words  # tukin._wording imports the contract

    if code not in MESSAGES and fields.get("detail") is None:
        # a warning rebuilt from its text alone (pytest-xdist, warnings.warn_explicit): the text
        return code
    en, id_ = MESSAGES.get(code, ("{detail}", "{detail}"))
    template = id_ if lang == "id" else en
    fields = dict(table_words(code, fields, lang))
    safe = _Blank({k: v for k, v in fields.items() if v is not None})
    try:
        return template.format_map(safe)
    except (ValueError, IndexError, KeyError):  # pragma: no cover - defensive
        return f"{code}: {fields}"


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _raised_in(lang: Lang | None) -> Lang:
    """The language of an error being raised: the one its raiser named, else the session's
    (:func:`tukin.get_language`, which a ``with tukin.language(...)`` block overrides)."""
    if lang is not None:
        return _spoken(lang)
    from tukin._language import get_language  # tukin._language imports this module

    return get_language()


def _spoken(lang: object) -> Lang:
    """``lang`` if tukin speaks it; else an :class:`ArgumentError`, as every ``lang=`` of the
    public API refuses it (``"fr"`` read as English would hide the caller's mistake)."""
    if lang == "en" or lang == "id":
        return lang
    raise ArgumentError(code="invalid_language", value=lang)


class TukinError(Exception):
    """Base of every tukin error: a stable ``code`` and a message in English or Indonesian.

    ``lang`` is the language of ``str(error)``: ``None`` (the default) is the session's when
    the error is raised. ``detail`` may be plain text or ``(english, indonesian)``.
    """

    default_code = "tukin_error"
    #: the located problems behind the error (see the module docstring); none by default
    problems: Sequence[Problem | RuleProblem] = ()

    def __init__(
        self,
        detail: Reason = "",
        *,
        code: str | None = None,
        lang: Lang | None = None,
        problems: Iterable[Problem] = (),
        **fields: Any,
    ) -> None:
        self.code = code or self.default_code
        self.fields: dict[str, Any] = {"detail": detail, **fields}
        self.lang: Lang = _raised_in(lang)
        if problems:
            self.problems = tuple(problems)
        super().__init__(self.message(self.lang))

    def message(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (``"en"`` or ``"id"``; ``None``: the error's own). A
        ``detail_code`` field names the MESSAGES entry of the detail, rendered in ``lang``
        too: the code stays the stable one (``calculation_failed``) while the whole sentence
        follows the reader's language; a ``detail`` given in both languages likewise."""
        lang = self.lang if lang is None else _spoken(lang)
        fields = self.fields
        if isinstance(fields.get("detail_code"), str):
            fields = {**fields, "detail": render(fields["detail_code"], lang, **fields)}
        elif isinstance(fields.get("detail"), tuple):
            fields = {**fields, "detail": in_language(fields["detail"], lang)}
        return render(self.code, lang, **fields)

    def __str__(self) -> str:
        return self.message()

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from its state, not by calling __init__ again with the rendered text (the
        # default): a subclass's __init__ takes a report or a list of problems, not text
        return (_rebuilt, (type(self), self.args, self.__dict__))

    @property
    def details(self) -> dict[str, Any]:
        """The fields the message was made from (``value``, ``detail``, ...), a copy."""
        return dict(self.fields)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """The error as JSON data in ``lang`` (``None``: the error's own): code, message,
        details (texts, numbers or null) and the located problems, each as its ``to_dict``.
        The same keys for every error, so a service maps any of them to one response body."""
        lang = self.lang if lang is None else _spoken(lang)
        return {
            "code": self.code,
            "message": self.message(lang),
            "details": self._json_fields(lang),
            "problems": [p.to_dict(lang) for p in self.problems],
        }

    def _json_fields(self, lang: Lang) -> dict[str, Any]:
        """The fields as JSON data, the detail in ``lang``. A ``detail_code`` stays: the
        catalogue entry of the detail, the one thing a program can branch on where the code
        is a generic one (``calculation_failed``: no attendance table, a column missing...)."""
        out: dict[str, Any] = {}
        for key, value in self.fields.items():
            if value is None:
                continue
            if key == "detail" and isinstance(value, tuple):
                value = in_language(value, lang)
            if key == "detail" and isinstance(self.fields.get("detail_code"), str):
                value = render(self.fields["detail_code"], lang, **self.fields)
            if isinstance(value, list | tuple | set | frozenset):
                out[key] = [_jsonable(v) for v in value]
            else:
                out[key] = _jsonable(value)
        return out


def _rebuilt(cls: type[TukinError], args: tuple[Any, ...], state: dict[str, Any]) -> TukinError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ArgumentError(TukinError, ValueError):
    """A public call was given an argument it cannot use: a language tukin does not speak, a
    mode that is not one. Also a ``ValueError``, which such calls raised before."""

    default_code = "invalid_argument"


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument of the wrong kind (a list where a DataFrame goes, a pack name where a
    :class:`~tukin.RuleSet` goes). Also a ``TypeError``, which such calls raised before."""

    default_code = "argument_type"


class UnknownNameError(ArgumentError, KeyError):
    """A table or column name that does not exist (``dataset["pegawai"]``,
    ``result.totals(by="kelas")``). Also a ``KeyError``, which such look-ups raised before."""

    default_code = "unknown_name"

    def __str__(self) -> str:  # KeyError quotes its argument; we want the plain sentence
        return self.message()


class InputWarning(UserWarning):
    """Something about the input a person should know that rejects no row.

    A hidden sheet that was read, a sheet that was not, a CSV file that was not UTF-8, an
    attendance code no step reads: worth a line on screen (the CLI prints each), not a reason
    to refuse the payment run. ``code`` names the message in :data:`MESSAGES`.

    ``result``: when a filter made the warning an error (``-W error``), what the run that
    raised it computed (a Result, a projection), complete; None otherwise.
    """

    result: Any = None

    def __init__(self, code: str, lang: Lang = "id", **fields: Any) -> None:
        self.code = code
        self.fields = fields
        self.lang: Lang = lang
        # what a program reads (:attr:`params`) where the message's fields are words (codes
        # joined into one text, a sheet's name in one language); None: the fields themselves
        self._params: dict[str, Any] | None = None
        super().__init__(render(code, lang, **fields))

    def with_params(self, params: Mapping[str, Any]) -> InputWarning:
        """This warning, its :attr:`params` being ``params`` rather than the message's
        fields (which may be words: codes joined into one text, a sheet's name)."""
        self._params = dict(params)
        return self

    def message(self, lang: Lang | None = None) -> str:
        """The warning in ``lang`` (``None``: the language it was issued in, as an error's)."""
        return render(self.code, self.lang if lang is None else _spoken(lang), **self.fields)

    @property
    def params(self) -> dict[str, Any]:
        """The warning's parameters as JSON data (:func:`tukin._fields.json_fields`): what
        the result document writes as its ``fields``, the same in every language. A list is
        a list (the attendance codes no step reads), a table its contract name."""
        params = getattr(self, "_params", None)
        return json_fields(self.fields if params is None else params)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """``code``, ``message`` in ``lang`` (None: the warning's own) and ``fields``
        (:attr:`params`): a warning as the result document lists it."""
        return {"code": self.code, "message": self.message(lang), "fields": self.params}

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from code and fields: a warning crosses processes pickled (pytest-xdist,
        # a Dask worker), and the default (the rendered text as ``code``) renders empty
        params = getattr(self, "_params", None)
        return (_input_warning, (type(self), self.code, self.lang, self.fields, params))


def _input_warning(
    cls: type[InputWarning],
    code: str,
    lang: Lang,
    fields: dict[str, Any],
    params: dict[str, Any] | None = None,
) -> InputWarning:
    warning = cls(code, lang, **fields)
    return warning if params is None else warning.with_params(params)


class DataError(TukinError, ValueError):
    default_code = "data_error"


class OptionError(ArgumentError):
    """An option of a call (``mode``, ``nip_check``) that is none of its values.

    A typo never falls back to a default: ``mode="Strik"`` running lenient would set bad rows
    aside where the caller asked for an error. The message names the allowed values.
    """

    default_code = "invalid_option"


class PeriodError(TukinError, ValueError):
    default_code = "invalid_period"


class MoneyError(TukinError, TypeError):
    default_code = "money_arithmetic"


class CalculationError(TukinError):
    default_code = "calculation_failed"


class MissingParameterError(CalculationError):
    default_code = "missing_parameter"


class EmployeeNotFoundError(TukinError, KeyError):
    default_code = "employee_not_found"

    def __str__(self) -> str:  # KeyError quotes its argument; we want the plain sentence
        return self.message()


class VerificationError(TukinError):
    default_code = "verification_failed"


class InputFileError(DataError):
    default_code = "input_file"


@dataclass(frozen=True)
class Problem:
    """One defect in the input: where it is, what was there, and why it is wrong.

    ``row`` is the 0-based position in the table as given (Excel readers translate it to the
    sheet row a person sees and put that in ``location``). ``value`` is the offending cell,
    truncated, never a whole row.
    """

    table: str
    code: str
    row: int | None = None
    column: str | None = None
    value: Any = None
    key: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    location: str | None = None

    def message(self, lang: Lang | None = None) -> str:
        """The reason in ``lang`` (``None``: the language in force, as every ``lang=``); in
        Indonesian with the template's sheet, header and choice names instead of the
        contract's (:mod:`tukin._wording`), which the clerk never sees."""
        return self._message(_raised_in(lang), self.fields)

    def _message(self, lang: Lang, fields: Mapping[str, Any]) -> str:
        """The message with ``fields`` for the problem's own (a detail rendered already)."""
        from tukin._wording import clerk_words, hint_code

        column, fields = clerk_words(self.table, self.code, self.column, fields, lang)
        text = render(self.code, lang, value=_short(self.value), column=column, **fields)
        hint = hint_code(self.table, self.code, self.column)
        return text if hint is None else f"{text}; {render(hint, lang)}"

    def where(self, lang: Lang | None = None) -> str:
        if self.location:
            return self.location
        lang = _raised_in(lang)
        words = PLACE_WORDS[lang]
        parts = [f"{words[0]} {self.table}"]
        if self.row is not None:
            parts.append(f"{words[1]} {self.row}")
        if self.column:
            parts.append(f"{words[2]} {self.column}")
        return ", ".join(parts)

    def describe(self, lang: Lang | None = None) -> str:
        lang = _raised_in(lang)
        return f"{self.where(lang)}: {self.message(lang)} [{self.code}]"

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """As JSON data: where (table, row, column, key), what was there (value), code, the
        message and location in ``lang`` (None: the language in force) and ``fields``
        (:meth:`params`), the same in every language."""
        lang = _raised_in(lang)
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "value": _jsonable(self.value),
            "key": self.key,
            "code": self.code,
            "message": self.message(lang),
            "location": self.where(lang),
            "fields": self.params(),
        }

    def params(self, *, rows: bool = True) -> dict[str, Any]:
        """The parameters of the message beyond table, row, column, value and key, as JSON
        data (:func:`tukin._fields.json_fields`): what a program reads instead of the text.
        ``rows=False`` leaves out positions in the input (``other_row``, a cause's ``row``):
        a Result's list of who is not paid must not change with the input's row order."""
        fields = dict(self.fields)
        if not rows:
            for name in _ROW_FIELDS:
                fields.pop(name, None)
        return json_fields(fields)

    def ref(self, *, rows: bool = True, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """The problem as a program names it: code, table, (row,) column, value, key and
        :meth:`params` (``params``: those, made already); no text. A rejected row lists its
        reasons so (``rows=False``)."""
        out: dict[str, Any] = {"code": self.code, "table": self.table}
        if rows:
            out["row"] = self.row
        out.update(column=self.column, value=json_value(self.value), key=json_value(self.key))
        out["fields"] = self.params(rows=rows) if params is None else params
        return out


#: Fields of a problem that are positions in the input (:meth:`Problem.params`).
_ROW_FIELDS = ("other_row",)


def _short(value: Any, limit: int = 60) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return (
            value if value == value and value not in (float("inf"), float("-inf")) else str(value)
        )
    return str(value)


class DatasetValidationError(DataError):
    """Raised in strict mode; ``.report`` lists every problem, not just the first, and
    ``.problems`` is its list (each with table, row, column and location)."""

    default_code = "dataset_invalid"

    def __init__(self, report: Any, *, lang: Lang | None = None) -> None:
        self.report = report
        super().__init__(lang=lang, problems=report.problems)

    def message(self, lang: Lang | None = None) -> str:
        """Every problem of the report, in ``lang`` (``None``: the error's own language)."""
        lang = self.lang if lang is None else _spoken(lang)
        describe = getattr(self.report, "describe", None)
        if callable(describe):
            # one line per cause: the rows rejected because of one bad employee or position
            # are counted under it instead of burying every other problem (the report itself
            # still lists every row)
            return str(describe(lang, limit=20))
        problems = list(self.report.problems)
        head = "\n".join("  - " + p.describe(lang) for p in problems[:20])
        more = len(problems) - 20
        tail = (
            f"\n  … {'dan' if lang == 'id' else 'and'} {more} {'lagi' if lang == 'id' else 'more'}"
            if more > 0
            else ""
        )
        intro = (
            f"{len(problems)} masalah pada data masukan:\n"
            if lang == "id"
            else f"{len(problems)} problem(s) in the input data:\n"
        )
        return intro + head + tail

    def _json_fields(self, lang: Lang) -> dict[str, Any]:
        return {}  # the message is the report, and .problems lists it


@dataclass(frozen=True)
class RuleProblem:
    """One mistake in a rule file: file, line, key path and the reason."""

    code: str
    message_en: str
    message_id: str | None = None
    file: str | None = None
    line: int | None = None
    key: str | None = None

    def message(self, lang: Lang | None = None) -> str:
        """The reason in ``lang`` (``None``: the language in force, as every ``lang=``)."""
        lang = _raised_in(lang)
        return (self.message_id or self.message_en) if lang == "id" else self.message_en

    def describe(self, lang: Lang | None = None) -> str:
        lang = _raised_in(lang)
        loc = self.file or "<rules>"
        if self.line is not None:
            loc += f":{self.line}"
        if self.key:
            loc += f" ({self.key})"
        return f"{loc}: {self.message(lang)} [{self.code}]"

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """As JSON data, in the shape of :meth:`Problem.to_dict` where the two meet."""
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "code": self.code,
            "message": self.message(lang),
        }


class RuleSetError(TukinError, ValueError):
    """A rule file is wrong; ``.problems`` lists every mistake found with its line."""

    default_code = "ruleset_invalid"

    def __init__(
        self,
        problems: Iterable[RuleProblem] | str,
        *,
        code: str | None = None,
        lang: Lang | None = None,
    ) -> None:
        if isinstance(problems, str):
            problems = [RuleProblem(code or self.default_code, problems)]
        self.problems: list[RuleProblem] = list(problems)
        first_code = self.problems[0].code if self.problems else self.default_code
        super().__init__(code=code or first_code, lang=lang)

    def _text(self, lang: Lang) -> str:
        if len(self.problems) == 1:
            return self.problems[0].describe(lang)
        intro = "kesalahan pada berkas aturan" if lang == "id" else "mistakes in the rule file"
        lines = "\n".join("  - " + p.describe(lang) for p in self.problems)
        return f"{len(self.problems)} {intro}:\n{lines}"

    def message(self, lang: Lang | None = None) -> str:
        return self._text(self.lang if lang is None else _spoken(lang))

    def _json_fields(self, lang: Lang) -> dict[str, Any]:
        return {}  # the message is the problems', and .problems lists them


class UnknownRuleTypeError(RuleSetError):
    default_code = "unknown_rule_type"


class ScheduleError(RuleSetError):
    """A work schedule (:mod:`tukin.daylog`) is wrong: read as a rule file is, its mistakes
    are listed the same way (file, line, key), under the schedule's own heading."""

    default_code = "schedule_invalid"

    def _text(self, lang: Lang) -> str:
        if len(self.problems) == 1:
            return self.problems[0].describe(lang)
        intro = "kesalahan pada jadwal kerja" if lang == "id" else "mistakes in the work schedule"
        lines = "\n".join("  - " + p.describe(lang) for p in self.problems)
        return f"{len(self.problems)} {intro}:\n{lines}"


def split_cell(where: str) -> tuple[str, str]:
    """A place split before its column: ``sheet Pegawai, baris 7, kolom C (ID Jabatan)`` ->
    (``sheet Pegawai, baris 7``, ``kolom C (ID Jabatan)``), in either language (a reader's
    location keeps the language it was read in); ``(where, "")`` without a column."""
    for word in (", kolom ", ", column "):
        cut = where.rfind(word)
        if cut >= 0:
            return where[:cut], where[cut + 2 :]
    return where, ""
