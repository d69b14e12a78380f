"""What the data means: target verdicts, edition dates, comparability, conflicts and words as numbers.

One test per verdict on the tiny project (tests/fixtures/mini), then a regression test per kind of
mistake the data audit found in the real data, each of which would have caught it.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from conftest import FIXTURES, SAMPLE
from sitegen.checks import factcheck
from sitegen.model import compare, loader
from sitegen.model.dataset import Dataset
from sitegen.read.period import parse
from sitegen.read.records import Observation, Target

MINI = FIXTURES / "mini"  # source "alpha" published 2024-10; alpha's online-dossier-rate is 72.3 for 2024-01/2024-09


def _mini(*extra: Observation) -> Dataset:
    dataset, problems = loader.load(MINI)
    assert not problems
    published = dataset.sources["alpha"].published
    return dataclasses.replace(dataset, observations=[*dataset.observations, *(o.dated(published) for o in extra)])


def _target(value: float, deadline: str = "2025", **fields: object) -> Target:
    fields = {"source": "alpha", **fields}
    return Target(id="t", province="alpha", indicator="online-dossier-rate", value=value, direction="at-least",
                  deadline=deadline, quote="q", **fields)


def _figure(value: float, as_of: str | None) -> Observation:
    return Observation(province="alpha", indicator="online-dossier-rate", value=value, qualifier="exact",
                       as_of=as_of, source="alpha", quote="q")


def test_met_needs_a_figure_from_inside_the_targets_window() -> None:
    result = compare.progress(_mini(_figure(96, "2024-12")), _target(95))
    assert (result.verdict, result.figure.value, result.remaining) == ("met", 96, 0)


def test_not_met_when_a_figure_from_inside_the_window_falls_short() -> None:
    result = compare.progress(_mini(_figure(90, "2025-06")), _target(95))
    assert (result.verdict, result.remaining) == ("not-met", 5)


def test_a_figure_from_before_the_goal_cannot_meet_it() -> None:
    # 72.3 describes January–September 2024; the goal was stated in October 2024
    assert compare.progress(_mini(), _target(70)).verdict == "earlier-above"
    assert compare.progress(_mini(), _target(95)).verdict == "earlier-below"


def test_an_undated_figure_meets_nothing_it_may_predate() -> None:
    # undated, the figure takes its article's window (2024-10), which opens with the goal's own article
    dataset = _mini(_figure(99, None))
    result = compare.progress(dataset, _target(95))
    assert result.verdict == "met" and result.figure.inferred and result.figure.as_of.text == "2024-10"
    # a goal stated mid-October may have come after it: the figure only says where things stood before
    dataset.sources["later"] = dataset.sources["alpha"].model_copy(update={"id": "later",
                                                                         "published": parse("2024-10-15")})
    assert compare.progress(dataset, _target(95, source="later")).verdict == "earlier-above"


def test_a_goal_without_a_deadline_is_met_by_a_later_figure_and_never_missed() -> None:
    assert compare.progress(_mini(_figure(96, "2026-06")), _target(95, deadline=None)).verdict == "met"
    result = compare.progress(_mini(_figure(90, "2026-06")), _target(95, deadline=None))
    assert (result.verdict, result.remaining) == ("not-yet", 5)  # no deadline: not reached yet, not "not met"
    assert compare.progress(_mini(), _target(95, deadline=None)).verdict == "earlier-below"
    assert _target(95, deadline=None).due > _target(95).due  # listed after every goal with a deadline


def test_a_goal_defined_otherwise_gets_no_verdict() -> None:
    result = compare.progress(_mini(_figure(99, "2024-12")), _target(95, comparable=False))
    assert (result.verdict, result.remaining) == ("not-comparable", None)


def test_no_figure() -> None:
    target = _target(95).model_copy(update={"indicator": "dossiers-processed", "province": "beta"})
    assert compare.progress(_mini(), target).verdict == "no-figure"


def test_every_verdict_has_words_in_both_languages() -> None:
    from sitegen.read import content
    problems: list = []
    site = content.load_site_text(SAMPLE, problems)
    assert not problems
    for verdict in ("met", "no-figure", "earlier-above", "earlier-below", "not-comparable", "not-yet"):
        text = site.strings[f"verdict_{verdict}"]
        assert text("vi") and text("en") and text("vi") != text("en")


# --- the real data ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> Dataset:
    dataset, problems = loader.load(SAMPLE)
    assert not problems
    return dataset


def _one(dataset: Dataset, source: str, indicator: str) -> Observation:
    (found,) = [o for o in dataset.of_source(source) if o.indicator == indicator]
    return found


@pytest.mark.parametrize("indicator", ["digital-economy-share", "digital-economy-share-rank", "dti-rank",
                                       "dti-rank-digital-government", "dti-rank-digital-economy",
                                       "dti-rank-digital-society", "ict-index-rank"])
def test_figures_repeated_from_the_2022_editions_carry_their_edition(real: Dataset, indicator: str) -> None:
    obs = _one(real, "bn-dt-day-2024", indicator)
    assert obs.as_of.text == "2022" and not obs.inferred


def test_no_figure_is_dated_the_day_it_was_cited(real: Dataset) -> None:
    # the conference of 10 October 2024 is when figures were cited, never the period they describe
    assert not [o.id for o in real.observations if o.as_of.text == "2024-10-10"]
    # a figure given its source's publication window is undated, and flagged as inferred
    for obs in real.observations:
        if obs.as_of == real.sources[obs.source].published:
            assert obs.inferred, obs.id


def test_the_latest_digital_economy_figure_is_the_2022_edition(real: Dataset) -> None:
    latest = real.latest("bac-ninh", "digital-economy-share")
    assert (latest.value, latest.as_of.text) == (Decimal("56.83"), "2022")
    assert [o.as_of.text for o in real.series("bac-ninh", "dti-rank")] == ["2021", "2022", "2022"]


def test_no_goal_is_met_by_a_figure_from_before_it_was_set(real: Dataset) -> None:
    verdicts = {t: compare.progress(real, real.targets[t]).verdict for t in real.targets}
    for target in ("bn-digital-economy-2025", "bn-digital-economy-2030", "bn-dti-top10-2025"):
        assert verdicts[target] == "earlier-above"
    for target in ("bn-feedback-resolution-2024", "bn-feedback-resolution-2025", "bk-fibre-access-2025"):
        assert verdicts[target] == "not-comparable"
    assert "met" not in verdicts.values()


def test_e_id_rates_are_not_compared(real: Dataset) -> None:
    indicator = real.indicators["e-id-rate"]
    assert not indicator.comparable and indicator.comparable_note
    assert "14" in indicator.comparable_note("vi") and "14" in indicator.comparable_note("en")
    result = compare.compare(real, indicator, ["bac-ninh", "bac-kan"])
    assert result.both and not result.same_definition and result.leader is None and result.gap is None


def test_only_indicators_with_one_definition_are_comparable(real: Dataset) -> None:
    assert [i.id for i in real.indicators.values() if i.comparable] == ["online-dossier-rate"]


def test_97_and_about_98_conflict_but_over_90_and_over_95_do_not(real: Dataset) -> None:
    found = {(c.first.indicator, c.first.value, c.second.value): c.slight for c in real.conflicts}
    assert found[("paperless-documents-share", 97, 98)] is True  # about 98 is 97.5–98.5: 97 is outside, slightly
    assert not any(c.first.indicator == "security-level-approved" for c in real.conflicts)


@pytest.mark.parametrize(("source", "indicator", "value"), [
    ("bn-dt-day-2024", "digital-economy-share-rank", 1),  # "Đứng đầu cả nước"
    ("bn-digital-economy-1", "digital-economy-share-rank", 1),  # "đứng đầu cả nước"
    ("bn-digital-economy-1", "core-digital-economy-share-rank", 1),  # "cao nhất cả nước"
    ("bn-digital-economy-1", "chip-id-card-issuance", 100),  # "hoàn thành"
    ("bk-2025-push", "fuel-businesses-e-tax", 100),  # "Toàn bộ"
])
def test_claims_in_words_are_fact_checked_as_numbers(real: Dataset, source: str, indicator: str,
                                                      value: float) -> None:
    obs = _one(real, source, indicator)
    unit = real.indicators[indicator].unit
    assert obs.value == value and factcheck.states(obs.quote, value, unit)
    assert not factcheck.states(obs.quote, value + 1, unit)


def test_targets_in_words_are_fact_checked_as_numbers(real: Dataset) -> None:
    for target in ("bk-adult-smartphones-2025", "bk-fibre-access-2025"):  # "mỗi người dân", "mỗi hộ gia đình"
        record = real.targets[target]
        assert record.value == 100 and factcheck.states(record.quote, 100, "percent")


def test_goals_the_articles_give_no_deadline_have_none(real: Dataset) -> None:
    undated = sorted(t.id for t in real.targets.values() if t.deadline is None)
    assert undated == ["bk-adult-smartphones-2025", "bk-fibre-access-2025", "bn-electronic-health-records",
                       "bn-feedback-resolution-2025"]
    # one way for every goal with a number: a target, never an event dated by when it was stated
    assert all(e.date.precision == "year" for e in real.events.values() if e.kind == "goal")


def test_goals_without_a_number_are_events_with_their_year(real: Dataset) -> None:
    goals = {e.id: e.date.text for e in real.events.values() if e.kind == "goal"}
    assert goals["bn-goal-digital-government-economy-society-2025"] == "2025"
    assert goals["bn-goal-city-for-the-future-2030"] == "2030"
    assert goals["bn-goal-smart-city-2050"] == "2050"


def test_a_figure_several_articles_cite_is_named_by_the_first_article_as_its_chart_names_it(real: Dataset) -> None:
    for target in ("bn-digital-economy-2025", "bn-digital-economy-2030"):
        figure = compare.progress(real, real.targets[target]).figure
        assert figure is not None and figure.source == "bn-digital-economy-1"  # names the report's 2022 edition
        assert len(real.cited_alike(figure)) == 2
