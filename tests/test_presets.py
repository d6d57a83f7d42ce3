"""The packaged rule packs: each loads by name, cites a source for every value, ships nothing
unverified as fact, works on the demo regency, and never changes behaviour without a version
bump and a changelog entry (the behaviour lock)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import tukin
from tukin import golden, presets
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError, MissingParameterError, RuleSetError
from tukin.rules.appraisal import DISTRIBUTION_LIMITS
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet


@pytest.fixture(autouse=True)
def _errors_in_english() -> Iterator[None]:
    """These tests read the English text of the rule-file errors they raise: ``str(error)``
    is in the language in force when it is raised (the suite's is Indonesian)."""
    with tukin.language("en"):
        yield


ROOT = Path(__file__).resolve().parent.parent
PACKS = [
    "capaian-permenpanrb-8-2021",
    "predikat-permenpanrb-6-2022",
    "tpp-60-40",
    "tpp-80-20",
    "tpp-epantau-kukar-example",
    "tukin-ministry-variant",
    "tukin-permentan-20-2025",
    "tukin-permentan-68-2012",
]
SOURCES = {"official", "secondary", "practice", "example", "user"}
STRUCTURAL = {"id", "type", "label", "label_en", "reference", "description", "expr"}


@cache
def pack(name: str) -> RuleSet:
    return load_ruleset(name)


def numbers_in(value: Any) -> list[Any]:
    """Literal numbers (and percentages) written in a step, outside ``$parameter`` references."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers_in(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers_in(v)]
    if isinstance(value, bool):
        return []
    if isinstance(value, int | Decimal):
        return [value]
    if isinstance(value, str) and value.rstrip("%").replace(".", "", 1).isdigit():
        return [value]
    return []


class TestPacksLoad:
    """Every pack is listed, loads by its name and is named like its file."""

    def test_names(self) -> None:
        """presets.names() lists exactly the shipped packs."""
        assert presets.names() == PACKS

    @pytest.mark.parametrize("name", PACKS)
    def test_loads_by_name(self, name: str) -> None:
        """load_ruleset(name) finds the packaged file; its `name` is the file's."""
        rs = pack(name)
        assert rs.name == name
        assert Path(str(rs.source_file)).stem == name
        assert rs.version and rs.title and rs.regulation and rs.reference

    def test_unknown_name_lists_the_packs(self) -> None:
        """A misspelt pack name is an error listing the known packs."""
        with pytest.raises(RuleSetError, match="tpp-60-40"):
            load_ruleset("tpp-60-41")


def locked_versions() -> list[tuple[str, str]]:
    lock = json.loads(golden.LOCK_PATH.read_text(encoding="utf-8"))
    return [(name, v) for name, history in lock["packs"].items() for v in history]


class TestReleasedVersions:
    """Every version a pack was released under stays loadable as ``name@version``, with the
    rules its receipts recorded (an auditor verifies a payment under the rules that made it)."""

    @pytest.mark.parametrize(("name", "version"), locked_versions())
    def test_every_locked_version_loads_with_its_fingerprint(self, name: str, version: str) -> None:
        """``load_ruleset("name@version")`` gives the rules the lock recorded for it."""
        lock = json.loads(golden.LOCK_PATH.read_text(encoding="utf-8"))
        rs = load_ruleset(f"{name}@{version}")
        assert (rs.name, rs.version) == (name, version)
        assert rs.fingerprint() == lock["packs"][name][version]["ruleset"]
        assert version in presets.versions(name)

    def test_versions_oldest_first_current_last(self) -> None:
        """The current file's version is the last; its ``@`` name is the current file."""
        assert presets.versions("tukin-permentan-68-2012") == ["1", "2", "3", "4", "5"]
        for name in PACKS:
            current = presets.versions(name)[-1]
            assert current == pack(name).version == presets.current_version(name)
            assert presets.path(f"{name}@{current}") == presets.path(name)
            assert current not in presets.archived(name)

    def test_archived_versions_are_not_listed_as_packs(self) -> None:
        """names() lists current packs only; the archive is reached through ``@``."""
        assert all("@" not in n for n in presets.names())
        assert Path(str(load_ruleset("tpp-60-40@1").source_file)).parent.name == "archive"

    @pytest.mark.parametrize("wrong", ["tpp-60-40@9", "tpp-60-40@", "tpp-60-40@../tpp-80-20"])
    def test_unknown_version_lists_the_versions(self, wrong: str) -> None:
        """A version never released is an error naming the pack's versions (a path in the
        version finds no file outside the archive)."""
        with pytest.raises(RuleSetError) as info:
            presets.path(wrong)
        released = ", ".join(str(v) for v in range(1, int(load_ruleset("tpp-60-40").version) + 1))
        assert "has no version" in str(info.value) and f"(versions: {released})" in str(info.value)
        assert "versi: 1, 2" in info.value.problems[0].message("id")
        if "/" not in wrong:  # load_ruleset reads text with a slash as YAML, not as a name
            with pytest.raises(RuleSetError, match="has no version"):
                load_ruleset(wrong)

    def test_unknown_pack_with_a_version(self) -> None:
        with pytest.raises(RuleSetError, match="neither a file nor a packaged rule pack"):
            load_ruleset("tpp-60-41@1")

    @pytest.mark.parametrize("name", ["@1", "D:evil@1", "a" * 400 + "@1", ".hidden"])
    def test_odd_names_are_refused_by_name(self, name: str) -> None:
        """Nothing but a plain pack name reaches the file system; the error names the input."""
        with pytest.raises(RuleSetError) as info:
            presets.path(name)
        assert repr(name) in str(info.value) and "tpp-60-40" in str(info.value)
        with pytest.raises(RuleSetError):
            presets.versions(name.partition("@")[0])

    def test_version_order_is_numeric(self) -> None:
        """Whole and dotted numbers in release order, then text."""
        got = sorted(["10", "2", "1.10", "1", "b", "1.9", "a"], key=presets.version_key)
        assert got == ["1", "1.9", "1.10", "2", "10", "a", "b"]


class TestSources:
    """Every value a pack uses says where it comes from and how strong that source is."""

    @pytest.mark.parametrize("name", PACKS)
    def test_every_parameter_has_a_reference_and_a_grade(self, name: str) -> None:
        """Each dated value has a reference and a source grade (its own or its parameter's)."""
        for pname, param in pack(name).parameters.items():
            assert param.description, f"{name}: {pname} has no description"
            for value in param.values:
                reference = value.reference or param.reference
                source = value.source or param.source
                assert reference and len(reference) > 10, f"{name}: {pname} has no reference"
                assert source in SOURCES, f"{name}: {pname} has no source grade"

    @pytest.mark.parametrize("name", PACKS)
    def test_unverified_is_never_shipped_as_fact(self, name: str) -> None:
        """A value whose reference says UNVERIFIED is graded example or user, never more."""
        for pname, param in pack(name).parameters.items():
            for value in param.values:
                reference = (value.reference or param.reference or "").upper()
                if "UNVERIFIED" in reference:
                    assert (value.source or param.source) in ("example", "user"), f"{name}: {pname}"

    @pytest.mark.parametrize("name", PACKS)
    def test_numbers_in_steps_are_cited(self, name: str) -> None:
        """A number written in a step (not a parameter) sits in a step with a reference."""
        for step in pack(name).steps:
            body = {k: v for k, v in step.params.items() if k not in STRUCTURAL}
            if numbers_in(body):
                assert step.reference, f"{name}: step {step.id} has numbers {numbers_in(body)}"

    @pytest.mark.parametrize("name", ["tpp-60-40", "tpp-80-20", "tpp-epantau-kukar-example"])
    def test_regional_base_amounts_are_labelled_examples(self, name: str) -> None:
        """The Seruyan table ships as example values, said so in each reference."""
        base = pack(name).parameters["base_tpp"]
        for value in base.values:
            assert (value.source or base.source) == "example"
            assert "example" in (value.reference or base.reference or "").lower()


class TestRequiredParameters:
    """What is unverified is left to the user, with an error naming it when missing."""

    @pytest.mark.parametrize(
        "name", ["tukin-permentan-68-2012", "tukin-permentan-20-2025", "tukin-ministry-variant"]
    )
    def test_central_amounts_are_required(self, name: str) -> None:
        """tukin_base is declared required: no value shipped, cited, the user's to supply."""
        param = pack(name).parameters["tukin_base"]
        assert param.required and param.values == ()
        assert param.source == "user" and param.reference

    @pytest.mark.parametrize("name", ["tukin-permentan-68-2012", "tukin-ministry-variant"])
    def test_central_pack_without_amounts_stops(self, name: str) -> None:
        """calculate() raises required_parameter naming tukin_base; supplied, it pays."""
        ds = demo_dataset(60)
        with pytest.raises(MissingParameterError, match="tukin_base") as info:
            calculate(ds, pack(name), "2025-10")
        assert info.value.code == "required_parameter"
        supplied = pack(name).with_parameters(tukin_base={k: 1_000_000 * k for k in range(1, 18)})
        assert calculate(ds, supplied, "2025-10").total > 0

    def test_capaian_segment_is_a_hole(self) -> None:
        """The shipped 100-110 % segment defines no score between 100 % and 110 %."""
        bands = pack("capaian-permenpanrb-8-2021").parameters["score_100_110"].values[0].value
        assert [b.get("max") for b in bands] == ["100%", None]
        assert [b.get("min") for b in bands] == [None, "110%"]


@cache
def demo_dataset(size: int = 600, seed: int = 2025) -> Dataset:
    from tukin import demo

    return Dataset.from_frames(**demo.generate(size, seed=seed))


class TestPermentan20Pack:
    """tukin-permentan-20-2025 reads the leave codes Pasal 19 deducts: data without them stops,
    naming them, instead of paying every cuti besar in full."""

    LEAVE = ("cuti_besar", "cuti_ap", "cuti_ap_duka")

    def supplied(self) -> RuleSet:
        return pack("tukin-permentan-20-2025").with_parameters(
            tukin_base={k: 1_000_000 * k for k in range(1, 18)},
            attendance_rates={"tl1": "0.5%", "psw1": "0.5%", "tk": "4%"},  # illustrative
        )

    def test_the_lateness_rates_are_required_as_the_amounts_are(self) -> None:
        """Permentan 20/2025's TL/PSW/TK rates were not read: the pack ships none and stops."""
        rs = pack("tukin-permentan-20-2025").with_parameters(
            tukin_base={k: 1_000_000 * k for k in range(1, 18)}
        )
        with pytest.raises(CalculationError, match="attendance_rates"):
            calculate(demo_dataset(60), rs, "2025-10")

    def test_data_without_the_leave_codes_stops_naming_them(self) -> None:
        """The demo regency counts leave only as `cuti`: the run stops and names the codes."""
        with pytest.raises(CalculationError) as info:
            calculate(demo_dataset(60), self.supplied(), "2025-10")
        assert all(code in str(info.value) for code in self.LEAVE), str(info.value)

    def test_with_the_leave_codes_it_pays_and_cuti_besar_cuts(self) -> None:
        """With the columns at zero it pays everyone it paid; a cuti besar day cuts 4 %."""
        from tukin import demo

        frames = demo.generate(60, seed=2025)
        att = frames["attendance"].copy()
        for code in self.LEAVE:
            att[code] = 0
        first = att["nip"].iloc[0]
        mask = (att["nip"] == first) & (att["period"].astype(str) == "2025-10")
        before = calculate(
            Dataset.from_frames(**{**frames, "attendance": att}), self.supplied(), "2025-10"
        )
        att.loc[mask, "cuti_besar"] = 1
        after = calculate(
            Dataset.from_frames(**{**frames, "attendance": att}), self.supplied(), "2025-10"
        )
        assert before.total > 0 and after.total < before.total
        row = after.to_frame().set_index("nip").loc[first]
        assert Fraction(str(row["potongan_cuti"])) == Fraction(4, 100)


class TestDemo:
    """`tukin demo` calculates the demo regency with tpp-60-40."""

    def test_every_demo_grade_has_a_base(self) -> None:
        """Every class the demo generator produces has an amount in both Seruyan tables."""
        from tukin import demo

        grades = set(demo.generate(3000, seed=1)["positions"]["grade"].tolist())
        for value in pack("tpp-60-40").parameters["base_tpp"].values:
            assert grades <= set(value.value), sorted(grades - set(value.value))

    def test_demo_regency_is_paid(self) -> None:
        """The CLI's default data and period: nobody rejected for want of a base or a code."""
        result = calculate(demo_dataset(), pack("tpp-60-40"), "2025-10")
        assert len(result) > 0
        assert not {"missing_base", "calculation_failed"} & set(result.rejected["code"])

    def test_class_16_is_rejected_with_a_reason(self) -> None:
        """Kelas 16-17 have no regional amount: rejected with missing_base, never paid 0."""
        assert 16 not in pack("tpp-60-40").parameters["base_tpp"].values[-1].value


class TestDistributionCurve:
    """The curve carried by the predikat pack is the library's default curve."""

    def test_pack_curve_equals_library_curve(self) -> None:
        """distribution_limits(pack) reads the same bounds as DISTRIBUTION_LIMITS."""
        limits = golden.distribution_limits(pack("predikat-permenpanrb-6-2022"), "2025")
        assert limits == {k: tuple(v) for k, v in DISTRIBUTION_LIMITS.items()}
        assert limits["Istimewa"][0].share == Fraction(7, 10)


class TestEpantauPack:
    """tpp-epantau-kukar-example is examples/epantau_tpp.yaml, packaged."""

    def test_same_rules_as_the_example(self) -> None:
        """Parameters, steps and outputs equal the example's (only the name differs)."""
        example = load_ruleset(ROOT / "examples" / "epantau_tpp.yaml").canonical()
        packaged = pack("tpp-epantau-kukar-example").canonical()
        for key in (
            "parameters",
            "steps",
            "outputs",
            "version",
            "valid_from",
            "requires",
            "period_kinds",
            "position_history",
        ):
            assert packaged[key] == example[key], f"{key}: copy examples/epantau_tpp.yaml again"


class TestBehaviourLock:
    """A pack never changes behaviour without a version bump and a changelog entry."""

    def test_packs_match_the_lock(self) -> None:
        """Recomputed fingerprints equal the lock; every version has a changelog entry."""
        assert golden.check_lock() == []

    def test_changelog_entries(self) -> None:
        """Entries are read from '## <pack> <version>' headings and their periods line."""
        text = "# x\n\n## tpp-60-40 2 (2026-01-05)\nAffected periods: 2026-01 onwards\n- why\n"
        text += "## tpp-80-20 1\n- no periods line\n"
        assert golden.changelog_entries(text) == {
            ("tpp-60-40", "2"): "2026-01 onwards",
            ("tpp-80-20", "1"): "",
        }

    def test_changed_behaviour_without_bump_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Same version, other amounts: the check names the pack, the periods and the fix."""
        now, _ = fake_lock(tmp_path, monkeypatch)
        now["packs"]["tpp-60-40"]["periods"]["2025-10"] = "changed"
        problems = golden.check_lock(now)
        assert len(problems) == 1
        assert "tpp-60-40: amounts changed in 2025-10 but the version is still 1" in problems[0]
        assert "bump 'version'" in problems[0]

    def test_bump_without_changelog_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A new version needs its changelog entry (naming periods) and a lock refresh."""
        now, _ = fake_lock(tmp_path, monkeypatch)
        now["packs"]["tpp-60-40"]["version"] = "2"
        problems = golden.check_lock(now)
        assert any("CHANGELOG.md needs an entry '## tpp-60-40 2'" in p for p in problems)
        assert any("tpp-60-40 2: not in the lock" in p for p in problems)

    def test_update_refuses_a_changed_locked_version(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--update-lock will not overwrite a version's record with other behaviour."""
        now, lock = fake_lock(tmp_path, monkeypatch)
        now["packs"]["tpp-60-40"]["ruleset"] = "edited"
        monkeypatch.setattr(golden, "current_behaviour", lambda: now)
        problems = golden.update_lock()
        assert any("its rules changed but the version is still 1" in p for p in problems)
        assert json.loads(golden.LOCK_PATH.read_text()) == lock

    def test_update_keeps_history(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bumped version with its entry is recorded next to the earlier one, once the
        released file of the earlier one is archived."""
        now, lock = fake_lock(tmp_path, monkeypatch)
        released = now["packs"]["tpp-60-40"]
        now["packs"]["tpp-60-40"] = {**released, "version": "2", "ruleset": "edited"}
        golden.CHANGELOG.write_text(
            golden.CHANGELOG.read_text() + "\n## tpp-60-40 2\nAffected periods: 2025-10\n"
        )
        monkeypatch.setattr(golden, "current_behaviour", lambda: now)
        problems = golden.update_lock()
        assert problems == [
            "tpp-60-40 1: the released file is not archived; copy it as it was released to "
            "tukin/presets/archive/tpp-60-40@1.yaml (git show <commit>:tukin/presets/"
            "tpp-60-40.yaml) so its receipts can be verified"
        ]
        assert json.loads(golden.LOCK_PATH.read_text()) == lock
        now["archive"] = {"tpp-60-40": {"1": released}}
        assert golden.update_lock() == []
        written = json.loads(golden.LOCK_PATH.read_text())
        assert list(written["packs"]["tpp-60-40"]) == ["1", "2"]
        assert "archive" not in written

    @pytest.mark.parametrize(
        ("edit", "expected"),
        [
            (
                {"ruleset": "edited"},
                "tukin/presets/archive/tpp-60-40@1.yaml: other rules than the released "
                "version 1; restore the file as released",
            ),
            (
                {"periods": {"2022-06": "a", "2025-10": "x"}},
                "tukin/presets/archive/tpp-60-40@1.yaml: pays otherwise in 2025-10 than the "
                "released version 1; restore the file as released",
            ),
            (
                {"version": "3"},
                "tukin/presets/archive/tpp-60-40@1.yaml: the file says version 3",
            ),
        ],
    )
    def test_an_edited_archive_fails(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        edit: dict[str, Any],
        expected: str,
    ) -> None:
        """An archived version must keep the rules and the amounts it was released with."""
        now, _ = fake_lock(tmp_path, monkeypatch)
        released = now["packs"]["tpp-60-40"]
        lock = json.loads(golden.LOCK_PATH.read_text())
        lock["packs"]["tpp-60-40"]["2"] = {"ruleset": "v2", "periods": released["periods"]}
        golden.LOCK_PATH.write_text(json.dumps(lock))
        golden.CHANGELOG.write_text(
            golden.CHANGELOG.read_text() + "\n## tpp-60-40 2\nAffected periods: none\n"
        )
        now["packs"]["tpp-60-40"] = {**released, "version": "2", "ruleset": "v2"}
        now["archive"] = {"tpp-60-40": {"1": {**released, **edit}}}
        assert golden.check_lock(now) == [expected]

    def test_an_archived_file_of_no_shipped_pack_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file in the archive that no pack would load (a renamed pack) is reported."""
        now, _ = fake_lock(tmp_path, monkeypatch)
        now["orphans"] = ["tpp-99@1.yaml"]
        assert golden.check_lock(now) == [
            "tukin/presets/archive/tpp-99@1.yaml: no pack of that name is shipped; remove it, "
            "or name it after the pack it is a version of"
        ]
        assert presets.orphans() == []

    def test_an_archived_current_version_or_an_unknown_one_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        now, _ = fake_lock(tmp_path, monkeypatch)
        released = now["packs"]["tpp-60-40"]
        now["archive"] = {"tpp-60-40": {"1": released, "0": {**released, "version": "0"}}}
        assert golden.check_lock(now) == [
            "tukin/presets/archive/tpp-60-40@1.yaml: version 1 is the current file's, not archived",
            "tukin/presets/archive/tpp-60-40@0.yaml: version 0 was never recorded in the lock",
        ]

    def test_a_file_that_does_not_load_is_reported(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A broken file, archived or current, is one problem naming it, not a traceback out of
        the check (the other packs are still checked)."""
        folder = tmp_path / "presets"
        (folder / "archive").mkdir(parents=True)
        two = ("tpp-60-40", "tpp-80-20")
        for name in two:
            (folder / f"{name}.yaml").write_bytes(presets.path(name).read_bytes())
            for version, file in presets.archived(name).items():
                (folder / "archive" / f"{name}@{version}.yaml").write_bytes(file.read_bytes())
        (folder / "archive" / "tpp-60-40@1.yaml").write_text("name: tpp-60-40\nsteps: [\n")
        monkeypatch.setattr(presets, "_folder", lambda: folder)
        lock = golden._read_lock()
        lock = {**lock, "packs": {name: lock["packs"][name] for name in two}}
        now = golden.current_behaviour()
        assert set(now["packs"]) == set(two)
        assert "unreadable" in now["archive"]["tpp-60-40"]["1"]
        problems = golden.lock_problems(now, lock, golden.changelog_entries())
        assert len(problems) == 1
        assert problems[0].startswith(
            "tukin/presets/archive/tpp-60-40@1.yaml: cannot be loaded (line 3: not valid YAML"
        )
        assert problems[0].endswith("); restore the file as released")
        assert str(folder) not in problems[0]  # the file is named once, relative

        (folder / "tpp-80-20.yaml").write_text("name: tpp-80-20\nversion: [\n")
        now = golden.current_behaviour()
        problems = golden.lock_problems(now, lock, golden.changelog_entries())
        assert [p.split(":")[0] for p in problems] == [
            "tukin/presets/tpp-80-20.yaml",
            "tukin/presets/archive/tpp-60-40@1.yaml",
        ]
        assert problems[0].startswith("tukin/presets/tpp-80-20.yaml: cannot be loaded: line ")
        assert str(folder) not in problems[0]


def fake_lock(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, Any]]:
    """A consistent fake state (two packs, version 1) in ``tmp``; returns (now, lock)."""
    periods = {"2022-06": "a", "2025-10": "b"}
    packs = {n: {"version": "1", "ruleset": n, "periods": dict(periods)} for n in PACKS[2:4]}
    fixture = {"recipe": "r", "periods": list(periods), "datasets": {"2025": "d"}}
    lock = {
        "fixture": fixture,
        "packs": {n: {"1": {"ruleset": n, "periods": periods}} for n in packs},
    }
    changelog = "".join(f"## {n} 1\nAffected periods: 2022-01 onwards\n" for n in packs)
    monkeypatch.setattr(golden, "LOCK_PATH", tmp / "lock.json")
    monkeypatch.setattr(golden, "CHANGELOG", tmp / "CHANGELOG.md")
    golden.LOCK_PATH.write_text(json.dumps(lock))
    golden.CHANGELOG.write_text(changelog)
    return {"fixture": fixture, "packs": packs}, lock
