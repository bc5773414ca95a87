"""Town selection rubric: filter, scores, weights, ranking (with property tests), sensitivity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.selection import (
    BASE_CONDITIONS,
    CRITERIA,
    QUANTITATIVE,
    CandidateScores,
    CriterionGroup,
    QuantitativeFilter,
    Weights,
    contributions,
    quantitative_score,
    rank,
    sensitivity,
    summarise,
    swap_of_first_two,
    total_score,
)

CODES = [criterion.code for criterion in CRITERIA]


def test_the_seed_rubric_has_nine_criteria_in_three_groups_and_six_conditions() -> None:
    assert len(CRITERIA) == 9
    assert {group: sum(c.group is group for c in CRITERIA) for group in CriterionGroup} == {
        CriterionGroup.LEADERSHIP: 3,
        CriterionGroup.OPPORTUNITIES: 3,
        CriterionGroup.READINESS: 3,
    }
    assert len(BASE_CONDITIONS) == 6
    assert CRITERIA[0].label == "מנהיגות פורמלית של היישוב"


def test_filter_ranges_statuses_and_near_misses() -> None:
    rules = QuantitativeFilter(socioeconomic=(1, 4), population=(10000, 60000), statuses=frozenset({"city"}))
    ofakim = {"socioeconomic_cluster": 3, "population": 33999, "municipal_status": "city"}
    sderot = {"socioeconomic_cluster": 5, "population": 34000, "municipal_status": "city"}
    eshkol = {"socioeconomic_cluster": 6, "population": 15000, "municipal_status": "regional_council"}
    assert rules.misses(ofakim) == []
    assert rules.misses(sderot) == ["socioeconomic"] and rules.near_miss(sderot)
    assert not rules.near_miss(eshkol)
    assert rules.near_miss({"socioeconomic_cluster": 2, "population": 9500, "municipal_status": "city"})


def test_impossible_ranges_are_explained() -> None:
    problems = QuantitativeFilter(socioeconomic=(6, 2), population=(5000, 100)).problems()
    assert set(problems) == {"socioeconomic", "population"}
    assert problems["socioeconomic"] == "המינימום גדול מהמקסימום."


def test_quantitative_score_rewards_need() -> None:
    assert quantitative_score({"socioeconomic_cluster": 1, "peripherality_cluster": 1}) == 5
    assert quantitative_score({"socioeconomic_cluster": 10, "peripherality_cluster": None}) == 1
    assert quantitative_score({}) is None


def test_member_scores_summary_flags_disagreement() -> None:
    summary = summarise([2, 4, 3])
    assert summary.mean == 3 and summary.spread == 2 and summary.disagreement
    assert not summarise([3, 4]).disagreement
    assert summarise([]).mean is None


def _candidate(key: str, quantitative: float | None, means: dict[str, float]) -> CandidateScores:
    return CandidateScores(key, key, quantitative, means)


def test_total_and_contributions_add_up() -> None:
    candidate = _candidate("a", 5.0, {code: 3.0 for code in CODES})
    weights = Weights()
    # quantitative 5 -> 100, each group 3 -> 50; equal weights: (100 + 3*50) / 4
    assert total_score(candidate, weights) == pytest.approx(62.5)
    assert sum(contributions(candidate, weights).values()) == pytest.approx(62.5)
    only_quantitative = Weights({QUANTITATIVE: 1.0, **{g.value: 0.0 for g in CriterionGroup}})
    assert total_score(candidate, only_quantitative) == pytest.approx(100)


def test_all_weights_zero_is_refused() -> None:
    weights = Weights({QUANTITATIVE: 0.0, **{g.value: 0.0 for g in CriterionGroup}})
    assert weights.problems() == {"weights": "לפחות משקל אחד צריך להיות גדול מאפס."}


scores = st.floats(min_value=1, max_value=5, allow_nan=False)
candidates_strategy = st.lists(
    st.tuples(st.one_of(st.none(), scores), st.dictionaries(st.sampled_from(CODES), scores)),
    min_size=1,
    max_size=8,
)
weights_strategy = st.builds(
    lambda parts, criteria: Weights(
        dict(zip([QUANTITATIVE, *[g.value for g in CriterionGroup]], parts, strict=True)),
        dict(zip(CODES, criteria, strict=True)),
    ),
    st.lists(st.floats(min_value=0.1, max_value=10), min_size=4, max_size=4),
    st.lists(st.floats(min_value=0, max_value=10), min_size=9, max_size=9),
)


def _build(raw: list[tuple[float | None, dict[str, float]]]) -> list[CandidateScores]:
    return [_candidate(f"c{index}", quantitative, means) for index, (quantitative, means) in enumerate(raw)]


@settings(max_examples=150, deadline=None)
@given(candidates_strategy, weights_strategy)
def test_totals_stay_between_0_and_100(raw, weights) -> None:  # type: ignore[no-untyped-def]
    for candidate in _build(raw):
        assert 0 <= total_score(candidate, weights) <= 100 + 1e-9


@settings(max_examples=150, deadline=None)
@given(candidates_strategy, weights_strategy, st.randoms())
def test_permuting_candidates_does_not_change_the_ranking(raw, weights, random) -> None:  # type: ignore[no-untyped-def]
    candidates = _build(raw)
    shuffled = list(candidates)
    random.shuffle(shuffled)
    first = [(r.position, r.candidate.key) for r in rank(candidates, weights)]
    second = [(r.position, r.candidate.key) for r in rank(shuffled, weights)]
    assert first == second


@settings(max_examples=150, deadline=None)
@given(candidates_strategy, weights_strategy, st.sampled_from(CODES), st.floats(0, 4))
def test_raising_one_criterion_never_lowers_the_total(raw, weights, code, rise) -> None:  # type: ignore[no-untyped-def]
    candidate = _build(raw)[0]
    means = dict(candidate.criterion_means)
    start = means.setdefault(code, 1.0)
    before = total_score(CandidateScores("c", "c", candidate.quantitative, means), weights)
    means[code] = min(5.0, start + rise)
    after = total_score(CandidateScores("c", "c", candidate.quantitative, means), weights)
    assert after >= before - 1e-9


def test_sensitivity_tells_how_far_a_weight_can_move() -> None:
    strong_leader = _candidate("a", 2.0, {"formal_leadership": 5.0, "urgency": 2.0})
    needy = _candidate("b", 5.0, {"formal_leadership": 2.0, "urgency": 3.0})
    weights = Weights()
    assert [r.candidate.key for r in rank([strong_leader, needy], weights)] == ["b", "a"]
    margins = {m.weight: m for m in sensitivity("b", [strong_leader, needy], weights)}
    assert margins[QUANTITATIVE].low is not None  # lowering the need weight loses b its place
    assert margins[QUANTITATIVE].high is None  # raising it never does
    swap = swap_of_first_two([strong_leader, needy], weights)
    assert swap is not None
    weight, value = swap
    assert rank([strong_leader, needy], weights.with_value(weight, value))[0].candidate.key == "a"


def test_the_team_keeps_its_order_and_the_newly_ticked_come_after() -> None:
    from desktop.models.selection_process import TeamMember, team_in_order

    before = [TeamMember("dana", "מובילה"), TeamMember("avi", "נציג הקרן"), TeamMember("rina")]
    # as the page lists them (by name), Rina unticked, Yossi ticked, Avi's role retyped
    ticked = [TeamMember("avi", "נציג הקרן והשותף"), TeamMember("dana", "מובילה"), TeamMember("yossi")]
    assert team_in_order(before, ticked) == [
        TeamMember("dana", "מובילה"),
        TeamMember("avi", "נציג הקרן והשותף"),
        TeamMember("yossi"),
    ]
    assert team_in_order([], ticked) == ticked
