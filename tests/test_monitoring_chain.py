"""The chain of action of a monitoring report: who approves a realisation row, and who is the
supervisor of the official who must act on a flagged item."""

from __future__ import annotations

import warnings

import pandas as pd

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.monitoring import monitoring_report, pending, who_must_act


def regency(owner_of_s12: str = "kasi2") -> Dataset:
    """The mini regency; S12's figures of February entered, not yet approved."""
    t = tst.mini_regency_tables()
    items, br = t["work_items"], t["budget_realisations"]
    items.loc[items["work_item_id"] == "S12", "responsible_position_id"] = owner_of_s12
    feb = (br["work_item_id"] == "S12") & (br["period"] == "2025-02")
    br.loc[feb, "status"] = "entered"
    return Dataset.from_frames(mode="strict", **t)


def approver(ds: Dataset, item: str) -> list[str]:
    rows = pending(ds, "2025-Q1", "signed")
    mine = rows[(rows["work_item_id"] == item) & (rows["next_action"] == "approve")]
    return mine["waiting_for_id"].tolist()


def test_a_sub_kegiatan_owned_in_another_opd_is_approved_by_its_kegiatans_official() -> None:
    """S12 of Dinas D answered for by a post of Kecamatan E: its entered figures wait for the
    Kepala Bidang answering for kegiatan K1, not for the post's own superior in E."""
    assert approver(regency(), "S12") == ["kabid"]  # the usual case: the owner's superior
    assert approver(regency("stafE"), "S12") == ["kabid"]


def test_a_supervisor_is_someone_else() -> None:
    """SE and KE inherit the Camat as their official: the supervisor shown is never the
    official himself."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = monitoring_report(regency(), "2025-Q1", "all", lang="en")
    acts = who_must_act(report)
    assert len(acts)
    same = acts[acts["official"] == acts["supervisor"]]
    assert same.empty, same
    assert pd.isna(acts.set_index("id").get("supervisor", pd.Series(dtype=object)).get("SE"))


def test_a_rule_set_without_a_rollup_gives_no_policy() -> None:
    """tukin monitor --rules tpp-60-40: a typed error naming the rule set, not a traceback."""
    import pytest

    from tukin.errors import RuleSetError
    from tukin.monitoring import rollup_policy_of
    from tukin.ruleset.load import load_ruleset

    with pytest.raises(RuleSetError) as info:
        rollup_policy_of(load_ruleset("tpp-60-40"), "2025-10")
    assert info.value.code == "no_rollup_step" and "tpp-60-40" in info.value.message("en")
