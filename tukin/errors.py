"""Every error tukin raises, with a stable code and a message in English and Indonesian.

HR officers act on these messages and other systems branch on their codes, so a code never
changes meaning once released. Each error subclasses the builtin a caller already catches
(``ValueError`` for bad data, ``TypeError`` for nonsense arithmetic, ``KeyError`` for a missing
employee), so generic code keeps working.

The tree::

    TukinError                      base; .code, .message(lang), .details
    ├── DataError (ValueError)      input tables are wrong
    │   ├── DatasetValidationError  carries a ValidationReport listing every problem
    │   └── InputFileError          an Excel/CSV/JSON file cannot be read
    ├── OptionError (ValueError)    an option of a call is none of its values (mode="Strict")
    ├── PeriodError (ValueError)    a period string does not parse / does not fit
    ├── MoneyError (TypeError)      float money, money x money, money + ratio
    ├── RuleSetError (ValueError)   a rule file is wrong; carries a list of RuleProblem
    │   └── UnknownRuleTypeError    a step names a rule type nobody registered
    ├── CalculationError            a rule failed while evaluating (names step and rows)
    │   └── MissingParameterError   a parameter has no value in force, or was never supplied
    ├── EmployeeNotFoundError (KeyError)  explain() for a NIP not in the result
    └── VerificationError           a saved receipt does not match a re-run

Messages are looked up in :data:`MESSAGES` (the catalogue, kept in :mod:`tukin.messages`) by
code; ``lang`` is ``"en"`` or ``"id"``.
Messages never print whole input rows: personal data stays in the data, not in logs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from tukin.messages import MESSAGES

Lang = Literal["en", "id"]
DEFAULT_LANG: Lang = "en"
#: Why a row is not paid: plain text, or ``(english, indonesian)``; the calculation keeps
#: the text of the language in force when it started (see ``in_language``).
Reason = str | tuple[str, str]


def in_language(reason: Reason, lang: Lang) -> str:
    """The text of ``reason`` in ``lang`` (plain text is the same in both)."""
    return reason if isinstance(reason, str) else reason[1 if lang == "id" else 0]


def render(code: str, lang: Lang = DEFAULT_LANG, /, **fields: Any) -> str:
    """Render the message for ``code`` in ``lang``; unknown fields render as empty strings.

    A message must render even when a caller forgot a field: an error while formatting an
    error would hide the real problem.
    """
    en, id_ = MESSAGES.get(code, ("{detail}", "{detail}"))
    template = id_ if lang == "id" else en
    safe = _Blank({k: v for k, v in fields.items() if v is not None})
    try:
        return template.format_map(safe)
    except (ValueError, IndexError, KeyError):  # pragma: no cover - defensive
        return f"{code}: {fields}"


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


class TukinError(Exception):
    """Base of every tukin error: a stable ``code`` and a message in English or Indonesian."""

    default_code = "tukin_error"

    def __init__(
        self, detail: str = "", *, code: str | None = None, lang: Lang = DEFAULT_LANG, **fields: Any
    ) -> None:
        self.code = code or self.default_code
        self.fields: dict[str, Any] = {"detail": detail, **fields}
        self.lang: Lang = lang
        super().__init__(self.message(lang))

    def message(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (``"en"`` or ``"id"``). A ``detail_code`` field names the
        MESSAGES entry of the detail, rendered in ``lang`` too: the code stays the stable one
        (``calculation_failed``) while the whole sentence follows the reader's language."""
        lang = lang or self.lang
        fields = self.fields
        if isinstance(fields.get("detail_code"), str):
            fields = {**fields, "detail": render(fields["detail_code"], lang, **fields)}
        return render(self.code, lang, **fields)

    def __str__(self) -> str:
        return self.message()

    @property
    def details(self) -> dict[str, Any]:
        return dict(self.fields)


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
        super().__init__(render(code, lang, **fields))

    def message(self, lang: Lang = "id") -> str:
        return render(self.code, lang, **self.fields)

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from code and fields: a warning crosses processes pickled (pytest-xdist,
        # a Dask worker), and the default (the rendered text as ``code``) renders empty
        return (_input_warning, (type(self), self.code, self.lang, self.fields))


def _input_warning(
    cls: type[InputWarning], code: str, lang: Lang, fields: dict[str, Any]
) -> InputWarning:
    return cls(code, lang, **fields)


class DataError(TukinError, ValueError):
    default_code = "data_error"


class OptionError(TukinError, ValueError):
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

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The reason in ``lang``; in Indonesian with the template's sheet, header and choice
        names instead of the contract's (:mod:`tukin._wording`), which the clerk never sees."""
        from tukin._wording import clerk_words, hint_code

        column, fields = clerk_words(self.table, self.code, self.column, self.fields, lang)
        text = render(self.code, lang, value=_short(self.value), column=column, **fields)
        hint = hint_code(self.table, self.code, self.column)
        return text if hint is None else f"{text}; {render(hint, lang)}"

    def where(self, lang: Lang = DEFAULT_LANG) -> str:
        if self.location:
            return self.location
        words = ("tabel", "baris", "kolom") if lang == "id" else ("table", "row", "column")
        parts = [f"{words[0]} {self.table}"]
        if self.row is not None:
            parts.append(f"{words[1]} {self.row}")
        if self.column:
            parts.append(f"{words[2]} {self.column}")
        return ", ".join(parts)

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        return f"{self.where(lang)}: {self.message(lang)} [{self.code}]"

    def to_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "value": _jsonable(self.value),
            "key": self.key,
            "code": self.code,
            "message": self.message(lang),
            "location": self.where(lang),
        }


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
    """Raised in strict mode; ``.report`` lists every problem, not just the first."""

    default_code = "dataset_invalid"

    def __init__(self, report: Any, *, lang: Lang = DEFAULT_LANG) -> None:
        self.report = report
        describe = getattr(report, "describe", None)
        if callable(describe):
            # one line per cause: the rows rejected because of one bad employee or position
            # are counted under it instead of burying every other problem (the report itself
            # still lists every row)
            super().__init__(str(describe(lang, limit=20)), lang=lang)
            return
        problems = list(report.problems)
        head = "\n".join("  - " + p.describe(lang) for p in problems[:20])
        more = len(problems) - 20
        tail = f"\n  … and {more} more" if more > 0 else ""
        intro = (
            f"{len(problems)} masalah pada data masukan:\n"
            if lang == "id"
            else f"{len(problems)} problem(s) in the input data:\n"
        )
        super().__init__(intro + head + tail, lang=lang)

    def message(self, lang: Lang | None = None) -> str:
        return str(self.fields["detail"])


@dataclass(frozen=True)
class RuleProblem:
    """One mistake in a rule file: file, line, key path and the reason."""

    code: str
    message_en: str
    message_id: str | None = None
    file: str | None = None
    line: int | None = None
    key: str | None = None

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return (self.message_id or self.message_en) if lang == "id" else self.message_en

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        loc = self.file or "<rules>"
        if self.line is not None:
            loc += f":{self.line}"
        if self.key:
            loc += f" ({self.key})"
        return f"{loc}: {self.message(lang)} [{self.code}]"


class RuleSetError(TukinError, ValueError):
    """A rule file is wrong; ``.problems`` lists every mistake found with its line."""

    default_code = "ruleset_invalid"

    def __init__(
        self,
        problems: Iterable[RuleProblem] | str,
        *,
        code: str | None = None,
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        if isinstance(problems, str):
            problems = [RuleProblem(code or self.default_code, problems)]
        self.problems: list[RuleProblem] = list(problems)
        first_code = self.problems[0].code if self.problems else self.default_code
        super().__init__(self._text(lang), code=code or first_code, lang=lang)

    def _text(self, lang: Lang) -> str:
        if len(self.problems) == 1:
            return self.problems[0].describe(lang)
        intro = "kesalahan pada berkas aturan" if lang == "id" else "mistakes in the rule file"
        lines = "\n".join("  - " + p.describe(lang) for p in self.problems)
        return f"{len(self.problems)} {intro}:\n{lines}"

    def message(self, lang: Lang | None = None) -> str:
        return self._text(lang or self.lang)


class UnknownRuleTypeError(RuleSetError):
    default_code = "unknown_rule_type"
