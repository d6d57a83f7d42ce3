"""Tests for tukin.model: one frozen pydantic model per input row, tied to tukin.contract."""

from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from typing import Any

import pydantic
import pytest

from tukin import contract
from tukin.model import (
    MODELS,
    Appraisal,
    Attendance,
    BudgetRealisation,
    Employee,
    Indicator,
    Position,
    Realisation,
    Record,
    Sanction,
    Target,
    Unit,
    WorkItem,
)
from tukin.period import Period

NIP = "198501012010011001"
VALID: dict[type[Record], dict[str, Any]] = {
    Unit: {"unit_id": "U1", "name": "Dinas Kesehatan"},
    Position: {"position_id": "P1", "name": "Kepala", "unit_id": "U1", "kind": "jpt", "grade": 15},
    Employee: {"nip": NIP, "position_id": "P1", "status": "pns"},
    WorkItem: {"work_item_id": "W1", "name": "Program", "level": "program", "unit_id": "U1"},
    Indicator: {"indicator_id": "I1", "work_item_id": "W1", "name": "Dokumen"},
    Target: {"indicator_id": "I1", "period": "2025-10", "target": 10},
    Realisation: {"indicator_id": "I1", "period": "2025-10", "value": 8},
    BudgetRealisation: {
        "work_item_id": "W1",
        "period": "2025-10",
        "spent": 1000,
        "physical_pct": 40,
    },
    Attendance: {"nip": NIP, "period": "2025-10", "counts": {"tl1": 2}},
    Appraisal: {"nip": NIP, "period": "2025", "results": "above", "behaviour": "as_expected"},
    Sanction: {"nip": NIP, "kind": "sedang", "percent": 25, "start_period": "2025-03", "months": 6},
}

# (model, field, bad value): each must be refused.
INVALID = [
    (Unit, "unit_id", "  "),
    (Unit, "name", None),
    (Unit, "colour", "red"),
    (Position, "kind", "boss"),
    (Position, "grade", 18),
    (Position, "grade", 0),
    (Position, "grade", "abc"),
    (Position, "grade", True),
    (Position, "grade", 2.5),
    (Employee, "nip", "123"),
    (Employee, "nip", "19850101201001100X"),
    (Employee, "status", "honorer"),
    (Employee, "start_date", "31/01/2025x"),
    (WorkItem, "level", "project"),
    (WorkItem, "budget", 1000.0),
    (WorkItem, "budget", -1),
    (WorkItem, "budget", Decimal("10.5")),
    (WorkItem, "budget", True),
    (Indicator, "polarity", "sideways"),
    (Indicator, "weight", -1),
    (Indicator, "weight", float("nan")),
    (Indicator, "weight", "abc"),
    (Target, "period", "2025-13"),
    (Target, "target", -1),
    (Target, "target", float("inf")),
    (Realisation, "value", None),
    (Realisation, "status", "draft"),
    (BudgetRealisation, "spent", 1.5),
    (BudgetRealisation, "physical_pct", 101),
    (BudgetRealisation, "planned_physical_pct", -1),
    (BudgetRealisation, "planned_spent", 10.0),
    (Attendance, "counts", {"tl1": -1}),
    (Attendance, "counts", {"tl1": 1.5}),
    (Attendance, "counts", {"nip": 1}),
    (Attendance, "counts", {"TL1": 1, "tl1": 2}),
    (Appraisal, "results", "great"),
    (Appraisal, "behaviour", None),
    (Sanction, "percent", 120),
    (Sanction, "months", 0),
    (Sanction, "months", 121),
    (Sanction, "start_period", "March"),
]


def build(model: type[Record], **changes: Any) -> Record:
    return model(**{**VALID[model], **changes})


class TestContractMapping:
    @pytest.mark.parametrize("table", list(contract.TABLES))
    def test_fields_are_the_contract_columns(self, table: str) -> None:
        """Every contract column is a model field and vice versa (attendance: plus counts)."""
        fields = set(MODELS[table].model_fields)
        columns = set(contract.TABLES[table].names)
        if contract.TABLES[table].open_int_columns:
            fields.discard("counts")
        assert fields == columns

    @pytest.mark.parametrize("model", list(MODELS.values()), ids=lambda m: m.__name__)
    def test_every_field_is_documented(self, model: type[Record]) -> None:
        """Each field has a description for the JSON Schema and the docs."""
        assert all(f.description for f in model.model_fields.values())

    @pytest.mark.parametrize(
        ("model", "field", "choices"),
        [
            (Position, "kind", contract.POSITION_KINDS),
            (Employee, "status", contract.EMPLOYEE_STATUSES),
            (WorkItem, "level", contract.WORK_ITEM_LEVELS),
            (Indicator, "polarity", contract.POLARITIES),
            (Indicator, "aggregation", contract.AGGREGATIONS),
            (Appraisal, "results", contract.RATINGS),
            (Realisation, "status", contract.REPORT_STATUSES),
        ],
    )
    def test_choices_are_the_contract_choices(
        self, model: type[Record], field: str, choices: tuple[str, ...]
    ) -> None:
        """Each Literal lists exactly the contract's choices, in order."""
        literal = model.model_fields[field].annotation
        assert typing.get_args(literal) == choices

    @pytest.mark.parametrize("model", list(MODELS.values()), ids=lambda m: m.__name__)
    def test_defaults_match_the_contract(self, model: type[Record]) -> None:
        """A field's default is the contract's default for an absent column."""
        spec = contract.TABLES[model.__table__]
        for col in spec.columns:
            default = model.model_fields[col.name].default
            if col.default is not None:
                assert default == col.default


class TestRecord:
    @pytest.mark.parametrize("model", list(VALID), ids=lambda m: m.__name__)
    def test_valid_record(self, model: type[Record]) -> None:
        """The reference values of each model validate."""
        assert build(model)

    @pytest.mark.parametrize(
        ("model", "field", "value"), INVALID, ids=lambda v: getattr(v, "__name__", repr(v))
    )
    def test_invalid_field_is_refused(self, model: type[Record], field: str, value: Any) -> None:
        """Each bad field value raises a pydantic ValidationError naming the field."""
        with pytest.raises(pydantic.ValidationError) as caught:
            build(model, **{field: value})
        assert field in str(caught.value)

    def test_frozen(self) -> None:
        """Records cannot change after validation."""
        unit = build(Unit)
        with pytest.raises(pydantic.ValidationError):
            unit.name = "x"  # type: ignore[misc]

    def test_to_row_has_contract_columns_and_period_text(self) -> None:
        """A row holds the contract's columns, with the period's canonical text."""
        row = build(Target, period=" 2025-tw3 ").to_row()
        assert row == {
            "indicator_id": "I1",
            "period": "2025-Q3",
            "target": Decimal("10"),
            "target_max": None,
        }


class TestUnit:
    def test_text_is_stripped_and_blank_is_none(self) -> None:
        """Spaces around ids go; a blank optional field means no value."""
        unit = build(Unit, unit_id=" U1 ", parent_id="  ")
        assert unit.unit_id == "U1" and unit.parent_id is None


class TestPosition:
    def test_kind_spelling_is_normalised(self) -> None:
        """' JPT ' reads as 'jpt', as it does in a Dataset."""
        assert build(Position, kind=" JPT ").kind == "jpt"

    def test_grade_text_is_read(self) -> None:
        """A grade typed as text is a whole number."""
        assert build(Position, grade="12").grade == 12


class TestEmployee:
    def test_nip_with_spaces_and_as_int(self) -> None:
        """NIPs written in groups, or arriving as an int, are the same 18 digits."""
        assert build(Employee, nip="19850101 201001 1 001").nip == NIP
        assert build(Employee, nip=int(NIP)).nip == NIP

    def test_end_before_start_is_refused(self) -> None:
        """Leaving before starting is impossible."""
        with pytest.raises(pydantic.ValidationError, match="before"):
            build(Employee, start_date=date(2025, 6, 1), end_date=date(2025, 5, 31))

    def test_same_day_start_and_end(self) -> None:
        """A one-day assignment is valid."""
        assert build(Employee, start_date="2025-06-01", end_date="2025-06-01").end_date


class TestWorkItem:
    def test_program_has_no_parent(self) -> None:
        """A program under another item is refused."""
        with pytest.raises(pydantic.ValidationError, match="program"):
            build(WorkItem, parent_id="W0")

    def test_money_accepts_int_text_and_whole_decimal(self) -> None:
        """Budget is whole rupiah from int, digit text or an integral Decimal."""
        assert build(WorkItem, budget="1500000").budget == 1_500_000
        assert build(WorkItem, budget=Decimal("2000.00")).budget == 2000

    def test_float_money_has_its_own_error_type(self) -> None:
        """Float rupiah is refused with the stable code float_money."""
        with pytest.raises(pydantic.ValidationError) as caught:
            build(WorkItem, budget=1.0)
        assert caught.value.errors()[0]["type"] == "float_money"


class TestIndicator:
    def test_float_is_read_by_its_shortest_repr(self) -> None:
        """0.1 as a float means the decimal 0.1 a person typed, not its binary value."""
        assert build(Indicator, weight=0.1).weight == Decimal("0.1")

    def test_defaults(self) -> None:
        """Polarity higher and weight 1 unless given."""
        indicator = build(Indicator)
        assert (indicator.polarity, indicator.weight) == ("higher", Decimal(1))


class TestTarget:
    def test_range_target(self) -> None:
        """A range target keeps both bounds."""
        target = build(Target, target="7", target_max="8")
        assert (target.target, target.target_max) == (Decimal(7), Decimal(8))

    def test_range_in_wrong_order_is_refused(self) -> None:
        """target_max below target is a mistake."""
        with pytest.raises(pydantic.ValidationError, match="target_max"):
            build(Target, target=8, target_max=7)

    def test_period_is_a_period(self) -> None:
        """The period field holds a Period, whatever spelling came in."""
        assert build(Target, period="2025q4").period == Period.quarter(2025, 4)


class TestRealisation:
    def test_status_defaults_to_signed(self) -> None:
        """Without a workflow a report counts as signed."""
        assert build(Realisation).status == "signed"


class TestBudgetRealisation:
    def test_optional_plan(self) -> None:
        """Planned spending and progress may be absent or given."""
        row = build(BudgetRealisation, planned_spent=2000, planned_physical_pct="55.5")
        assert (row.planned_spent, row.planned_physical_pct) == (2000, Decimal("55.5"))


class TestAttendance:
    def test_codes_are_lower_case_and_flattened(self) -> None:
        """Codes are column names in lower case; a row has one column per code."""
        row = build(Attendance, counts={" TL1 ": 2, "tk": 0}).to_row()
        assert row == {"nip": NIP, "period": "2025-10", "tl1": 2, "tk": 0}


class TestAppraisal:
    def test_rating_spelling(self) -> None:
        """'As Expected' reads as as_expected."""
        assert build(Appraisal, results="As Expected").results == "as_expected"


class TestSanction:
    def test_percent_accepts_float_by_repr(self) -> None:
        """A percent typed 12.5 is exactly 12.5."""
        assert build(Sanction, percent=12.5).percent == Decimal("12.5")
