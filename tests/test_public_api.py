"""The public surface is pinned: removing or renaming a name is a breaking change."""

import tukin

EXPECTED = [
    "CalculationError",
    "DataError",
    "Dataset",
    "DatasetValidationError",
    "EmployeeNotFoundError",
    "Explanation",
    "Hierarchy",
    "InputFileError",
    "MissingParameterError",
    "Money",
    "MoneyError",
    "OptionError",
    "Period",
    "PeriodError",
    "Problem",
    "Receipt",
    "Result",
    "RoundingMode",
    "RuleSet",
    "RuleSetError",
    "TukinError",
    "UnknownRuleTypeError",
    "ValidationReport",
    "VerificationError",
    "__version__",
    "calculate",
    "demo",
    "diff_receipts",
    "format_rupiah",
    "get_language",
    "load_ruleset",
    "monitoring_report",
    "prepare",
    "presets",
    "read_dataset",
    "read_excel",
    "rule",
    "set_language",
    "write_result",
    "write_template",
]


class TestPublicApi:
    """tukin.__all__ and what it names."""

    def test_all_is_pinned(self) -> None:
        """The exported names are exactly the pinned list."""
        assert tukin.__all__ == EXPECTED

    def test_all_is_sorted(self) -> None:
        """__all__ is kept sorted so additions are easy to review."""
        assert tukin.__all__ == sorted(tukin.__all__)

    def test_every_name_resolves(self) -> None:
        """Every exported name exists on the package."""
        for name in tukin.__all__:
            assert hasattr(tukin, name), name

    def test_errors_subclass_builtins(self) -> None:
        """Errors subclass what generic callers already catch."""
        assert issubclass(tukin.DataError, ValueError)
        assert issubclass(tukin.MoneyError, TypeError)
        assert issubclass(tukin.EmployeeNotFoundError, KeyError)
        assert issubclass(tukin.RuleSetError, tukin.TukinError)
