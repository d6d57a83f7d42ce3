"""tukin: performance-based allowances (tunjangan kinerja / TPP) for Indonesian civil servants.

Exact to the rupiah, explainable step by step, driven by rule files that cite their law::

    import tukin
    ds = tukin.Dataset.from_frames(**tukin.demo.generate(600))
    rules = tukin.load_ruleset("tpp-60-40")
    result = tukin.calculate(ds, rules, "2025-10")
    print(result.explain(result.to_frame().nip[0]))

Messages, reports, plots and workbooks are in Indonesian unless ``tukin.set_language("en")``
(or the environment variable ``TUKIN_LANG=en``) says otherwise; ``with tukin.language("en"):``
says so for one block in one thread or task (a service's request); a ``lang=`` argument wins.

The names below are the stable public API (a test pins them); everything else may change.
"""

from tukin import daylog, demo, presets, schema
from tukin._language import get_language, language, set_language
from tukin.calc.engine import calculate, prepare
from tukin.dataset import Dataset
from tukin.errors import (
    ArgumentError,
    ArgumentTypeError,
    CalculationError,
    DataError,
    DatasetValidationError,
    EmployeeNotFoundError,
    InputFileError,
    InputWarning,
    MissingParameterError,
    MoneyError,
    OptionError,
    PeriodError,
    Problem,
    RuleSetError,
    TukinError,
    UnknownNameError,
    UnknownRuleTypeError,
    VerificationError,
)
from tukin.explain import Explanation
from tukin.hierarchy import Hierarchy
from tukin.io import read_dataset, write_result, write_template
from tukin.io import read_excel as read_excel
from tukin.money import Money, RoundingMode, format_rupiah
from tukin.monitoring import monitoring_report, monitoring_sheets
from tukin.period import Period
from tukin.result import Receipt, Result
from tukin.rules.appraisal import check_distribution
from tukin.rules.registry import rule
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet
from tukin.validation import ValidationReport
from tukin.verify import VerificationReport, diff_receipts, read_receipt, verify_receipt

__version__ = "0.9.0"  # CHANGELOG.md says when it moves

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "CalculationError",
    "DataError",
    "Dataset",
    "DatasetValidationError",
    "EmployeeNotFoundError",
    "Explanation",
    "Hierarchy",
    "InputFileError",
    "InputWarning",
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
    "UnknownNameError",
    "UnknownRuleTypeError",
    "ValidationReport",
    "VerificationError",
    "VerificationReport",
    "__version__",
    "calculate",
    "check_distribution",
    "daylog",
    "demo",
    "diff_receipts",
    "format_rupiah",
    "get_language",
    "language",
    "load_ruleset",
    "monitoring_report",
    "monitoring_sheets",
    "prepare",
    "presets",
    "read_dataset",
    "read_excel",
    "read_receipt",
    "rule",
    "schema",
    "set_language",
    "verify_receipt",
    "write_result",
    "write_template",
]
