"""Town selection rubric (מחוון בחירת יישוב, seed 001 l.365-440): filter, score, weigh, rank.

Pure domain logic. A selection process narrows the authorities by their figures
(quantitative part), lets each team member score the candidates on the seed's nine
criteria in three groups (1-5), checks the six base conditions, and ranks by a weighted
total on a 0-100 scale:

    total = Σ_parts W_part · S_part / Σ_parts W_part,   mapped from 1..5 to 0..100

where the parts are the quantitative score (need from the socio-economic and
peripherality clusters: cluster 1 scores 5, cluster 10 scores 1) and the three groups,
and a group's score is the weighted mean of its criteria's mean scores. Parts and
criteria with no score yet are left out and the remaining weights renormalised.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop.i18n import N_, _

SCORE_MIN, SCORE_MAX = 1, 5
WEIGHT_MAX = 10.0
DISAGREEMENT = 2  # points between the highest and lowest member score worth discussing


class CriterionGroup(StrEnum):
    LEADERSHIP = "leadership"
    OPPORTUNITIES = "opportunities"
    READINESS = "readiness"

    @property
    def label(self) -> str:
        return _(GROUP_LABELS[self])


GROUP_LABELS = {
    CriterionGroup.LEADERSHIP: N_("Change capabilities and leadership"),
    CriterionGroup.OPPORTUNITIES: N_("Opportunities and potential investments"),
    CriterionGroup.READINESS: N_("Readiness assessment"),
}


@dataclass(frozen=True)
class Criterion:
    code: str
    group: CriterionGroup
    label_id: str  # N_ marked

    @property
    def label(self) -> str:
        return _(self.label_id)


CRITERIA: tuple[Criterion, ...] = (
    Criterion("formal_leadership", CriterionGroup.LEADERSHIP, N_("Formal leadership of the town")),
    Criterion(
        "informal_leadership",
        CriterionGroup.LEADERSHIP,
        N_("Informal leadership in the communities and among residents"),
    ),
    Criterion(
        "community_cooperation",
        CriterionGroup.LEADERSHIP,
        N_("Cooperation between the communities and the authority"),
    ),
    Criterion("external_trends", CriterionGroup.OPPORTUNITIES, N_("External trends")),
    Criterion("other_investments", CriterionGroup.OPPORTUNITIES, N_("Other place-based investments")),
    Criterion(
        "large_moves",
        CriterionGroup.OPPORTUNITIES,
        N_("Large moves led by government, philanthropy or civil society"),
    ),
    Criterion("stable_leadership", CriterionGroup.READINESS, N_("Stable town leadership")),
    Criterion("urgency", CriterionGroup.READINESS, N_("Urgency for action")),
    Criterion("resources", CriterionGroup.READINESS, N_("Availability of resources")),
)
CRITERIA_BY_CODE = {criterion.code: criterion for criterion in CRITERIA}


class ConditionState(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"

    @property
    def label(self) -> str:
        return _(CONDITION_STATE_LABELS[self.value])


CONDITION_STATE_LABELS = {"met": N_("Met"), "partly": N_("Partly met"), "not_met": N_("Not met")}


# The base conditions: "make sure there is need, opportunity, will, leadership and resources".
BASE_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("need_and_potential", N_("Need and potential exist")),
    ("strategic_opportunities", N_("Strategic opportunities exist")),
    ("will_and_readiness", N_("The town has will, readiness and capacity to change")),
    ("committed_leadership", N_("Committed leadership exists")),
    ("resources", N_("Resources exist (internal or external)")),
    ("partners_interest", N_("The foundation and its partners are interested in the town")),
)

PURPOSE_EXAMPLE = N_(
    "Identify towns in the periphery with the highest chance of optimal and maximal impact "
    "in a town-focused investment strategy."
)


# --- quantitative filter -------------------------------------------------------------------


def _cluster_range(value: Any) -> tuple[int, int]:
    """A stored (low, high) of clusters 1-10, as it was saved (a JSON list)."""
    low, high = value
    return int(low), int(high)


def _population_range(value: Any) -> tuple[int | None, int | None]:
    """A stored (low, high) of population, either end open (None)."""
    low, high = value
    return (None if low is None else int(low)), (None if high is None else int(high))


@dataclass
class QuantitativeFilter:
    socioeconomic: tuple[int, int] = (1, 10)
    peripherality: tuple[int, int] = (1, 10)
    population: tuple[int | None, int | None] = (None, None)
    statuses: frozenset[str] = frozenset()  # empty: any
    districts: frozenset[str] = frozenset()  # empty: any

    def problems(self) -> dict[str, str]:
        """Field -> message for ranges that cannot hold anything."""
        problems = {}
        for name, (low, high) in (
            ("socioeconomic", self.socioeconomic),
            ("peripherality", self.peripherality),
        ):
            if not (1 <= low <= 10 and 1 <= high <= 10):
                problems[name] = _("Clusters run from 1 to 10.")
            elif low > high:
                problems[name] = _("The minimum is larger than the maximum.")
        low_population, high_population = self.population
        if low_population is not None and high_population is not None and low_population > high_population:
            problems["population"] = _("The minimum is larger than the maximum.")
        return problems

    def misses(self, authority: Mapping[str, Any]) -> list[str]:
        """The filters `authority` does not pass (empty: it is a candidate)."""
        missed = []
        for name, key in (
            ("socioeconomic", "socioeconomic_cluster"),
            ("peripherality", "peripherality_cluster"),
        ):
            low, high = getattr(self, name)
            value = authority.get(key)
            if (low, high) != (1, 10) and (value is None or not low <= value <= high):
                missed.append(name)
        low_population, high_population = self.population
        population = authority.get("population")
        if (low_population is not None or high_population is not None) and (
            population is None
            or (low_population is not None and population < low_population)
            or (high_population is not None and population > high_population)
        ):
            missed.append("population")
        if self.statuses and authority.get("municipal_status") not in self.statuses:
            missed.append("status")
        if self.districts and authority.get("district") not in self.districts:
            missed.append("district")
        return missed

    def near_miss(self, authority: Mapping[str, Any]) -> bool:
        """Missed exactly one range, by one cluster or by at most a tenth of the population."""
        missed = self.misses(authority)
        if len(missed) != 1 or missed[0] in ("status", "district"):
            return False
        name = missed[0]
        if name == "population":
            population = authority.get("population")
            if population is None:
                return False
            low, high = self.population
            bound = low if low is not None and population < low else high
            return bound is not None and abs(population - bound) <= 0.1 * bound
        value = authority.get(f"{name}_cluster")
        low, high = getattr(self, name)
        return value is not None and (value == low - 1 or value == high + 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "socioeconomic": list(self.socioeconomic),
            "peripherality": list(self.peripherality),
            "population": list(self.population),
            "statuses": sorted(self.statuses),
            "districts": sorted(self.districts),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuantitativeFilter:
        return cls(
            socioeconomic=_cluster_range(data.get("socioeconomic", (1, 10))),
            peripherality=_cluster_range(data.get("peripherality", (1, 10))),
            population=_population_range(data.get("population", (None, None))),
            statuses=frozenset(data.get("statuses", ())),
            districts=frozenset(data.get("districts", ())),
        )


def quantitative_score(authority: Mapping[str, Any]) -> float | None:
    """Need on the 1-5 scale from the clusters (1 = highest need scores 5); None without data."""
    clusters = [authority.get(key) for key in ("socioeconomic_cluster", "peripherality_cluster")]
    known = [value for value in clusters if value is not None]
    if not known:
        return None
    return statistics.fmean(1 + 4 * (10 - value) / 9 for value in known)


# --- scores ------------------------------------------------------------------------------------


@dataclass
class CriterionSummary:
    mean: float | None
    spread: int  # highest minus lowest member score
    count: int

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT


def summarise(scores: Iterable[int]) -> CriterionSummary:
    values = [value for value in scores if value is not None]
    if not values:
        return CriterionSummary(None, 0, 0)
    return CriterionSummary(statistics.fmean(values), max(values) - min(values), len(values))


def check_score(value: int) -> int:
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValueError(value)
    return value


# --- weights and ranking -------------------------------------------------------------------------

QUANTITATIVE = "quantitative"


@dataclass
class Weights:
    parts: dict[str, float] = field(
        default_factory=lambda: {QUANTITATIVE: 1.0, **{group.value: 1.0 for group in CriterionGroup}}
    )
    criteria: dict[str, float] = field(
        default_factory=lambda: {criterion.code: 1.0 for criterion in CRITERIA}
    )

    def problems(self) -> dict[str, str]:
        problems = {}
        if any(value < 0 for value in [*self.parts.values(), *self.criteria.values()]):
            problems["weights"] = _("Weights cannot be negative.")
        elif not any(self.parts.values()):
            problems["weights"] = _("At least one weight must be above zero.")
        return problems

    def with_value(self, key: str, value: float) -> Weights:
        parts, criteria = dict(self.parts), dict(self.criteria)
        (parts if key in parts else criteria)[key] = value
        return Weights(parts, criteria)

    def names(self) -> list[str]:
        return [*self.parts, *self.criteria]

    def value(self, key: str) -> float:
        return self.parts[key] if key in self.parts else self.criteria[key]

    def to_dict(self) -> dict[str, Any]:
        return {"parts": dict(self.parts), "criteria": dict(self.criteria)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Weights:
        weights = cls()
        weights.parts.update({k: float(v) for k, v in data.get("parts", {}).items()})
        weights.criteria.update({k: float(v) for k, v in data.get("criteria", {}).items()})
        return weights


@dataclass(frozen=True)
class CandidateScores:
    """What ranking needs of one candidate: its quantitative score and criterion means."""

    key: str  # authority uuid
    name: str
    quantitative: float | None
    criterion_means: Mapping[str, float]  # criterion code -> mean member score (1-5)


def _weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    pairs = [(weight, value) for weight, value in pairs if weight > 0]
    total = sum(weight for weight, _value in pairs)
    return sum(weight * value for weight, value in pairs) / total if total else None


def part_scores(candidate: CandidateScores, weights: Weights) -> dict[str, float | None]:
    """Score (1-5) of the quantitative part and of each group, None where nothing is scored."""
    parts: dict[str, float | None] = {QUANTITATIVE: candidate.quantitative}
    for group in CriterionGroup:
        parts[group.value] = _weighted_mean(
            (weights.criteria[c.code], candidate.criterion_means[c.code])
            for c in CRITERIA
            if c.group is group and c.code in candidate.criterion_means
        )
    return parts


def total_score(candidate: CandidateScores, weights: Weights) -> float:
    """The weighted total on 0-100; 0 when nothing at all is known."""
    parts = part_scores(candidate, weights)
    mean = _weighted_mean((weights.parts[name], value) for name, value in parts.items() if value is not None)
    return 0.0 if mean is None else (mean - SCORE_MIN) / (SCORE_MAX - SCORE_MIN) * 100


def contributions(candidate: CandidateScores, weights: Weights) -> dict[str, float]:
    """How many of the total's points each part brings (they add up to the total)."""
    parts = {
        name: value
        for name, value in part_scores(candidate, weights).items()
        if value is not None and weights.parts[name] > 0
    }
    weight_sum = sum(weights.parts[name] for name in parts)
    if not weight_sum:
        return {}
    return {
        name: weights.parts[name] * (value - SCORE_MIN) / (SCORE_MAX - SCORE_MIN) * 100 / weight_sum
        for name, value in parts.items()
    }


@dataclass(frozen=True)
class Ranked:
    position: int  # 1-based; equal totals share a position
    candidate: CandidateScores
    total: float


def rank(candidates: Sequence[CandidateScores], weights: Weights) -> list[Ranked]:
    """Candidates by total, highest first; ties keep a stable order by name then key."""
    totals = [(round(total_score(c, weights), 9), c) for c in candidates]
    ordered = sorted(totals, key=lambda pair: (-pair[0], pair[1].name, pair[1].key))
    ranked: list[Ranked] = []
    for index, (total, candidate) in enumerate(ordered):
        tied = ranked and ranked[-1].total == total
        position = ranked[-1].position if tied else index + 1
        ranked.append(Ranked(position, candidate, total))
    return ranked


# --- sensitivity ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeightMargin:
    """How far one weight can move before `key` loses its place (None: it never does)."""

    weight: str
    low: float | None  # the weight value below which the place is lost
    high: float | None  # the weight value above which the place is lost


def _position_of(key: str, candidates: Sequence[CandidateScores], weights: Weights) -> int:
    return next(r.position for r in rank(candidates, weights) if r.candidate.key == key)


def sensitivity(
    key: str, candidates: Sequence[CandidateScores], weights: Weights, step: float = 0.25
) -> list[WeightMargin]:
    """For each weight, the nearest values (on a `step` grid, 0-10) where `key`'s place changes."""
    place = _position_of(key, candidates, weights)
    margins = []
    for name in weights.names():
        current = weights.value(name)
        low = high = None
        value = current - step
        while value >= -1e-9:
            if _position_of(key, candidates, weights.with_value(name, max(value, 0.0))) != place:
                low = max(value, 0.0)
                break
            value -= step
        value = current + step
        while value <= WEIGHT_MAX + 1e-9:
            if _position_of(key, candidates, weights.with_value(name, value)) != place:
                high = value
                break
            value += step
        margins.append(WeightMargin(name, low, high))
    return margins


def swap_of_first_two(candidates: Sequence[CandidateScores], weights: Weights) -> tuple[str, float] | None:
    """The single weight change (weight, new value) nearest to the current weights that puts
    the second candidate above the first; None if no single weight can."""
    ranked = rank(candidates, weights)
    if len(ranked) < 2:
        return None
    first = ranked[0].candidate.key
    best: tuple[float, str, float] | None = None
    for margin in sensitivity(first, candidates, weights):
        for value in (margin.low, margin.high):
            if value is None:
                continue
            moved = rank(candidates, weights.with_value(margin.weight, value))
            if moved[0].candidate.key == ranked[1].candidate.key:
                distance = abs(value - weights.value(margin.weight))
                if best is None or distance < best[0]:
                    best = (distance, margin.weight, value)
    return None if best is None else (best[1], best[2])


def weight_label(key: str) -> str:
    if key == QUANTITATIVE:
        return _("Quantitative data")
    if key in {group.value for group in CriterionGroup}:
        return CriterionGroup(key).label
    return CRITERIA_BY_CODE[key].label
