"""The input data contract: every table, column, type and constraint, in one place.

Loaders (frames, records, Excel, CSV), the vectorised validator, the JSON Schema export and
``docs/data-contract.md`` all read this module, so they can never drift apart. Renaming a
documented column is a breaking change; adding an optional one is not. Columns not listed here
are kept as they are; those of ``employees``, ``positions``, ``units`` (inherited down the
unit tree) and ``appraisals`` (the period's row) are reachable by rules (a regency's own
input, e.g. ``tpp_zone``), those of the other tables are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["str", "int", "money", "decimal", "date", "period", "enum", "nip"]

POSITION_KINDS = ("jpt", "administrator", "pengawas", "pelaksana", "fungsional")
EMPLOYEE_STATUSES = ("pns", "cpns", "pppk")
WORK_ITEM_LEVELS = ("program", "kegiatan", "sub_kegiatan")
POLARITIES = ("higher", "lower")
AGGREGATIONS = ("level", "sum")
RATINGS = ("above", "as_expected", "below")
REPORT_STATUSES = ("entered", "approved", "signed")
#: Acting officials: *Pelaksana Tugas* (Plt), for a post whose holder is permanently away
#: (vacant: retired, moved, died), and *Pelaksana Harian* (Plh), for a post whose holder is
#: temporarily away (leave, duty travel): UU 30/2014 art. 14(2), SE Kepala BKN 1/SE/I/2021.
ACTING_KINDS = ("plt", "plh")


@dataclass(frozen=True)
class Column:
    """One documented column.

    ``ref`` names the (table, column) a value must exist in. ``minimum``/``maximum`` are
    inclusive bounds. ``money`` columns hold integer rupiah. ``percent``: a cut in percent,
    where a value strictly between 0 and 1 is a fraction typed for the percentage (``0.25``
    in a General cell for 25 %) and is refused rather than read as a cut of a quarter of a
    percent; no regulation cuts less than 1 %.
    """

    name: str
    type: ColumnType
    doc: str
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    ref: tuple[str, str] | None = None
    default: object = None
    percent: bool = False
    #: a period that must be a month (a sanction's first month cut: a quarter or a year does
    #: not say which month)
    month: bool = False
    #: a column added after the fingerprint encodings were fixed: while every row holds its
    #: default (as every input from before it did) it is left out of the fingerprint, so a
    #: receipt of such an input still re-checks (:meth:`tukin.Dataset.fingerprint`)
    unhashed_default: bool = False
    #: a blank cell of the column, when given, takes ``default`` too, with the validation
    #: note ``blank_default`` (one per table): a column most rows leave at its default, whose
    #: refusal would throw out every row left blank (the template's *Cara Agregasi*)
    blank_is_default: bool = False


@dataclass(frozen=True)
class Table:
    """One input table: its columns, its key and whether it is needed at all."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required: bool = False
    open_int_columns: bool = False  # attendance: every extra column is a count per code
    #: whether the table, given without rows or not at all, is part of the input fingerprint:
    #: the tables of the first contract are (absent and empty alike); one added later is left
    #: out while it holds no row, so that receipts made before it existed still verify
    hashed_when_empty: bool = True

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


_PERIOD = Column("period", "period", "Period: 2025-10 (month), 2025-Q3, 2025-C1 or 2025.")
_STATUS = Column(
    "status",
    "enum",
    "Verification status of the report: entered -> approved -> signed.",
    required=False,
    choices=REPORT_STATUSES,
    default="signed",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "units",
            "Organisation units: an OPD (no parent) and its sub-units (bidang, seksi...).",
            (
                Column("unit_id", "str", "Unit identifier, unique."),
                Column("name", "str", "Unit name, e.g. 'Dinas Kesehatan'."),
                Column(
                    "parent_id",
                    "str",
                    "Parent unit; empty for an OPD (perangkat daerah).",
                    required=False,
                    nullable=True,
                    ref=("units", "unit_id"),
                ),
                Column(
                    "kind",
                    "str",
                    "Free label: opd, bidang, seksi, kecamatan...",
                    required=False,
                    nullable=True,
                ),
            ),
            key=("unit_id",),
            required=True,
        ),
        Table(
            "positions",
            "Positions (jabatan) with their kelas jabatan and reporting line.",
            (
                Column("position_id", "str", "Position identifier, unique."),
                Column("name", "str", "Position name, e.g. 'Kepala Bidang Anggaran'."),
                Column("unit_id", "str", "Unit the position belongs to.", ref=("units", "unit_id")),
                Column("kind", "enum", "Kind of position.", choices=POSITION_KINDS),
                Column("grade", "int", "Kelas jabatan, 1-17.", minimum=1, maximum=17),
                Column(
                    "superior_id",
                    "str",
                    "Position this one reports to; empty for the head of an OPD.",
                    required=False,
                    nullable=True,
                    ref=("positions", "position_id"),
                ),
            ),
            key=("position_id",),
            required=True,
        ),
        Table(
            "employees",
            "Employees (ASN) and the position each holds.",
            (
                Column("nip", "nip", "18-digit NIP (PPPK numbers are 18 digits too)."),
                Column("name", "str", "Full name.", required=False, nullable=True),
                Column("position_id", "str", "Position held.", ref=("positions", "position_id")),
                Column("status", "enum", "pns, cpns or pppk.", choices=EMPLOYEE_STATUSES),
                Column(
                    "start_date",
                    "date",
                    "First day in this position, its TMT (for part-month pay); empty = before "
                    "the period. One row per employee: the positions held before it go to "
                    "`position_history` (see *A change of position within a period*).",
                    required=False,
                    nullable=True,
                ),
                Column(
                    "end_date",
                    "date",
                    "Last day in this position; empty = still serving.",
                    required=False,
                    nullable=True,
                ),
            ),
            key=("nip",),
            required=True,
        ),
        Table(
            "work_items",
            "Programs, kegiatan and sub kegiatan with budget (pagu) and responsible position.",
            (
                Column(
                    "work_item_id", "str", "Identifier, unique (often the Permendagri 90 code)."
                ),
                Column(
                    "code",
                    "str",
                    "Nomenclature code, e.g. 1.02.02.2.01.0001.",
                    required=False,
                    nullable=True,
                ),
                Column("name", "str", "Name of the program / kegiatan / sub kegiatan."),
                Column(
                    "level", "enum", "program, kegiatan or sub_kegiatan.", choices=WORK_ITEM_LEVELS
                ),
                Column(
                    "parent_id",
                    "str",
                    "Parent item (program of a kegiatan, kegiatan of a sub kegiatan).",
                    required=False,
                    nullable=True,
                    ref=("work_items", "work_item_id"),
                ),
                Column(
                    "unit_id", "str", "Unit (OPD) that carries the item.", ref=("units", "unit_id")
                ),
                Column(
                    "responsible_position_id",
                    "str",
                    "Position answering for the item (JPT, administrator or pengawas).",
                    required=False,
                    nullable=True,
                    ref=("positions", "position_id"),
                ),
                Column(
                    "budget",
                    "money",
                    "Pagu for the year, integer rupiah.",
                    minimum=0,
                    default=0,
                    required=False,
                ),
            ),
            key=("work_item_id",),
        ),
        Table(
            "indicators",
            "Output indicators of work items.",
            (
                Column("indicator_id", "str", "Identifier, unique."),
                Column(
                    "work_item_id", "str", "Work item measured.", ref=("work_items", "work_item_id")
                ),
                Column("name", "str", "What is measured."),
                Column(
                    "unit_of_measure",
                    "str",
                    "Unit, e.g. 'dokumen', '%'.",
                    required=False,
                    nullable=True,
                ),
                Column(
                    "polarity",
                    "enum",
                    "higher (more is better) or lower (less is better).",
                    choices=POLARITIES,
                    required=False,
                    default="higher",
                ),
                Column(
                    "weight",
                    "decimal",
                    "Weight in roll-ups; default 1.",
                    required=False,
                    minimum=0,
                    default=1,
                ),
                Column(
                    "aggregation",
                    "enum",
                    "How a period's figure is formed from the reports: level (the latest "
                    "report: progress to date, a percentage, a running total) or sum (each "
                    "report is the period's own count: a quarter sums its months; its own "
                    "quarterly row wins). Targets alike.",
                    choices=AGGREGATIONS,
                    required=False,
                    default="level",
                    unhashed_default=True,
                    blank_is_default=True,
                ),
            ),
            key=("indicator_id",),
        ),
        Table(
            "targets",
            "Target of an indicator for a period; a range target gives target_max too.",
            (
                Column("indicator_id", "str", "Indicator.", ref=("indicators", "indicator_id")),
                _PERIOD,
                Column("target", "decimal", "Target (lower bound of a range target).", minimum=0),
                Column(
                    "target_max",
                    "decimal",
                    "Upper bound of a range target; empty for a single target.",
                    required=False,
                    nullable=True,
                    minimum=0,
                ),
            ),
            key=("indicator_id", "period"),
        ),
        Table(
            "realisations",
            "Reported realisation of an indicator for a period.",
            (
                Column("indicator_id", "str", "Indicator.", ref=("indicators", "indicator_id")),
                _PERIOD,
                Column("value", "decimal", "Realised value.", minimum=0),
                _STATUS,
            ),
            key=("indicator_id", "period"),
        ),
        Table(
            "budget_realisations",
            "Financial and physical realisation of a work item for a period (not cumulative).",
            (
                Column("work_item_id", "str", "Work item.", ref=("work_items", "work_item_id")),
                _PERIOD,
                Column("spent", "money", "Rupiah spent in the period.", minimum=0),
                Column(
                    "physical_pct",
                    "decimal",
                    "Physical progress reached by the end of the period, 0-100.",
                    minimum=0,
                    maximum=100,
                ),
                Column(
                    "planned_spent",
                    "money",
                    "Rupiah planned for the period.",
                    required=False,
                    nullable=True,
                    minimum=0,
                ),
                Column(
                    "planned_physical_pct",
                    "decimal",
                    "Planned physical progress by the end of the period, 0-100.",
                    required=False,
                    nullable=True,
                    minimum=0,
                    maximum=100,
                ),
                _STATUS,
            ),
            key=("work_item_id", "period"),
        ),
        Table(
            "attendance",
            "Attendance counts per employee and month; every extra column is a code (tl1, tk...).",
            (
                Column("nip", "nip", "Employee.", ref=("employees", "nip")),
                _PERIOD,
            ),
            key=("nip", "period"),
            open_int_columns=True,
        ),
        Table(
            "appraisals",
            "SKP appraisal of an employee for a period (PermenPANRB 6/2022 ratings).",
            (
                Column("nip", "nip", "Employee.", ref=("employees", "nip")),
                _PERIOD,
                Column("results", "enum", "Rating of work results.", choices=RATINGS),
                Column("behaviour", "enum", "Rating of work behaviour.", choices=RATINGS),
            ),
            key=("nip", "period"),
        ),
        Table(
            "sanctions",
            "Discipline sanctions that cut the allowance for a number of months.",
            (
                Column("nip", "nip", "Employee.", ref=("employees", "nip")),
                Column("kind", "str", "Sanction, e.g. 'hukuman disiplin sedang'."),
                Column(
                    "percent",
                    "decimal",
                    "Cut in percent of the allowance, e.g. 25.",
                    minimum=0,
                    maximum=100,
                    percent=True,
                ),
                Column(
                    "start_period",
                    "period",
                    "First month the cut applies, e.g. 2025-03.",
                    month=True,
                ),
                Column(
                    "months", "int", "Number of months the cut applies.", minimum=1, maximum=120
                ),
                Column(
                    "reference",
                    "str",
                    "Decision letter (SK) number.",
                    required=False,
                    nullable=True,
                ),
            ),
            key=("nip", "kind", "start_period"),
        ),
        Table(
            "acting",
            "Acting officials (Plt / Plh): an employee who, besides their own post, acts in "
            "another post from a start date to an end date, by a decision (SK or surat perintah).",
            (
                Column("nip", "nip", "Employee acting.", ref=("employees", "nip")),
                Column(
                    "position_id",
                    "str",
                    "The post acted in (not the employee's own).",
                    ref=("positions", "position_id"),
                ),
                Column(
                    "kind",
                    "enum",
                    "plt (Pelaksana Tugas: the holder is permanently away, the post vacant) or "
                    "plh (Pelaksana Harian: the holder is temporarily away).",
                    choices=ACTING_KINDS,
                ),
                Column("start_date", "date", "First day acting."),
                Column(
                    "end_date",
                    "date",
                    "Last day acting; empty = still acting.",
                    required=False,
                    nullable=True,
                ),
                Column(
                    "reference",
                    "str",
                    "Decision letter (SK / surat perintah) number.",
                    required=False,
                    nullable=True,
                ),
            ),
            key=("nip", "position_id", "start_date"),
            hashed_when_empty=False,
        ),
        Table(
            "position_history",
            "Earlier positions (riwayat jabatan): a position or status an employee held before "
            "the one in the employees table, from its start (TMT) to the day before the next. "
            "A promotion, transfer or CPNS -> PNS change within a period is given here: the "
            "period pays each position for its own days (see *A change of position within a "
            "period*).",
            (
                Column("nip", "nip", "Employee.", ref=("employees", "nip")),
                Column(
                    "position_id",
                    "str",
                    "Position held in this spell.",
                    ref=("positions", "position_id"),
                ),
                Column(
                    "status", "enum", "pns, cpns or pppk in this spell.", choices=EMPLOYEE_STATUSES
                ),
                Column("start_date", "date", "First day in this position (TMT)."),
                Column(
                    "end_date",
                    "date",
                    "Last day in this position: before the start_date of the next spell or of "
                    "the employees row.",
                ),
                Column(
                    "reference",
                    "str",
                    "Decision letter (SK) number.",
                    required=False,
                    nullable=True,
                ),
            ),
            key=("nip", "start_date"),
            hashed_when_empty=False,
        ),
    )
}

TABLE_ORDER: tuple[str, ...] = tuple(TABLES)

#: Columns the engine derives for every employee (:func:`tukin.calc.frame.employee_frame`),
#: besides the employee's own: from the position, the unit tree, the period and the attendance
#: and appraisal tables. No attendance code may take one of these names.
DERIVED_COLUMNS: tuple[str, ...] = (
    "position_name",
    "position_kind",
    "grade",
    "unit_id",
    "superior_id",
    "opd_id",
    "opd_name",
    "unit_name",
    "days_in_period",
    "days_served",
    "has_attendance",
    "results",
    "behaviour",
    "has_appraisal",
)


#: Columns of the employee frame whose values the contract fixes, with the (table, column)
#: fixing them: validation refuses any other value, and no step may be named as them (they are
#: the result's identity columns), so a rule keyed on one can only match these values.
_FIXED_COLUMNS = {
    "grade": ("positions", "grade"),
    "status": ("employees", "status"),
    "position_kind": ("positions", "kind"),
}


def fixed_values(column: str) -> tuple[tuple[object, ...], tuple[str, str]] | None:
    """The values a column rules read can only hold, and how to say them (English,
    Indonesian): ``grade`` 1 to 17, ``status`` pns, cpns, pppk, ``position_kind``; None for
    any other column (a regency's own, a step's output), which may hold anything."""
    where = _FIXED_COLUMNS.get(column)
    if where is None:
        return None
    col = TABLES[where[0]].column(where[1])
    if col.choices:
        listed = ", ".join(col.choices)
        return col.choices, (listed, listed)
    assert col.minimum is not None and col.maximum is not None
    lo, hi = int(col.minimum), int(col.maximum)
    return tuple(range(lo, hi + 1)), (f"{lo} to {hi}", f"{lo} sampai {hi}")


def to_markdown() -> str:
    """Every table as a Markdown section: its purpose, key, and one line per column.

    ``docs/data-contract.md`` embeds this text and a test checks that it still does, so the
    documentation can never drift from the contract the validator enforces.
    """

    def bounds(col: Column) -> str:
        parts = []
        if col.choices:
            parts.append("one of " + ", ".join(f"`{c}`" for c in col.choices))
        if col.minimum is not None:
            parts.append(f">= {col.minimum:g}")
        if col.maximum is not None:
            parts.append(f"<= {col.maximum:g}")
        if col.percent:
            parts.append("0 or at least 1 (`0.25` is refused: type 25)")
        if col.month:
            parts.append("a month (`2025-Q2` or `2025` is refused)")
        if col.ref is not None:
            parts.append(f"must exist in `{col.ref[0]}.{col.ref[1]}`")
        if col.default is not None and col.blank_is_default:
            parts.append(f"default `{col.default}` when the column is absent or a cell blank")
        elif col.default is not None:
            parts.append(f"default `{col.default}` when the column is absent")
        return "; ".join(parts)

    lines: list[str] = []
    for table in TABLES.values():
        need = "required" if table.required else "optional"
        lines += [f"### `{table.name}` ({need})", "", table.doc, ""]
        lines += [f"Key: {', '.join(f'`{k}`' for k in table.key)} (unique).", ""]
        lines += ["| column | type | required | may be empty | rules | meaning |"]
        lines += ["|---|---|---|---|---|---|"]
        for col in table.columns:
            cells = [
                f"`{col.name}`",
                col.type,
                "yes" if col.required else "no",
                "yes" if col.nullable or col.blank_is_default else "no",
                bounds(col),
                col.doc.replace("|", "\\|"),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        if table.open_int_columns:
            lines += [
                "",
                "Every other column is an attendance code: a whole count >= 0 per row. A column "
                "named like one tukin derives for every employee (`grade`, `days_served`, "
                "`status`...) is not read and is reported (`reserved_column`): a rule reading "
                "`grade` gets the kelas jabatan. One named like an extra column of employees, "
                "positions, units or appraisals (`tk` beside a clerk's *tunjangan keluarga*) "
                "stops the payment (`column_clash`): nobody can tell which a rule means.",
            ]
        lines.append("")
    return "\n".join(lines)
