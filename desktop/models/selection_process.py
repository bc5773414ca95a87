"""One town selection process: what the wizard keeps, page by page, and reads back.

Stored as a JSON document in the workspace so a process left half-way resumes where it
stopped. Authorities and people are referred to by UUID.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.models.selection import (
    BASE_CONDITIONS,
    CRITERIA,
    CandidateScores,
    ConditionState,
    QuantitativeFilter,
    Weights,
    quantitative_score,
    summarise,
)

FORMAT_VERSION = 1


class ProcessStatus(StrEnum):
    DRAFT = "draft"
    DECIDED = "decided"


@dataclass
class TeamMember:
    person: str  # person uuid
    role: str = ""


def team_in_order(before: Sequence[TeamMember], ticked: Sequence[TeamMember]) -> list[TeamMember]:
    """Who is ticked now, with their roles, in the team's order: those already in the team
    where they were, those newly ticked after them in the order given. (The page lists people
    by name: stored in that order, a team only looked at would change.)"""
    place = {member.person: index for index, member in enumerate(before)}
    return sorted(ticked, key=lambda member: place.get(member.person, len(place)))


@dataclass
class SelectionProcess:
    title: str = ""
    purpose: str = ""
    held_on: date | None = None
    team: list[TeamMember] = field(default_factory=list)
    filter: QuantitativeFilter = field(default_factory=QuantitativeFilter)
    added: dict[str, str] = field(default_factory=dict)  # authority uuid -> reason
    removed: dict[str, str] = field(default_factory=dict)  # authority uuid -> reason
    # authority -> member -> criterion -> [score, note]
    scores: dict[str, dict[str, dict[str, list[Any]]]] = field(default_factory=dict)
    # authority -> condition -> [state, note]
    conditions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)  # flagged candidate kept -> reason
    weights: Weights = field(default_factory=Weights)
    chosen: list[str] = field(default_factory=list)
    rationale: str = ""
    decided_on: date | None = None
    page: int = 0

    # --- candidates -------------------------------------------------------------------------

    def candidates(self, authorities: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """Authorities passing the filter, plus those added by hand, minus those removed."""
        return [
            a
            for a in authorities
            if a["uuid"] not in self.removed and (a["uuid"] in self.added or not self.filter.misses(a))
        ]

    def near_misses(self, authorities: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return [
            a
            for a in authorities
            if a["uuid"] not in self.added and a["uuid"] not in self.removed and self.filter.near_miss(a)
        ]

    def set_score(
        self, authority: str, member: str, criterion: str, score: int | None, note: str = ""
    ) -> None:
        by_member = self.scores.setdefault(authority, {}).setdefault(member, {})
        if score is None and not note:
            by_member.pop(criterion, None)
        else:
            by_member[criterion] = [score, note]

    def score_of(self, authority: str, member: str, criterion: str) -> tuple[int | None, str]:
        value = self.scores.get(authority, {}).get(member, {}).get(criterion)
        return (value[0], value[1]) if value else (None, "")

    def member_scores(self, authority: str, criterion: str) -> list[int]:
        return [
            entry[criterion][0]
            for entry in self.scores.get(authority, {}).values()
            if criterion in entry and entry[criterion][0] is not None
        ]

    def condition(self, authority: str, code: str) -> tuple[ConditionState | None, str]:
        value = self.conditions.get(authority, {}).get(code)
        return (ConditionState(value[0]) if value and value[0] else None, value[1] if value else "")

    def set_condition(self, authority: str, code: str, state: ConditionState | None, note: str = "") -> None:
        self.conditions.setdefault(authority, {})[code] = [state.value if state else "", note]

    def failed_conditions(self, authority: str) -> list[str]:
        return [
            code
            for code, _label in BASE_CONDITIONS
            if self.condition(authority, code)[0] is ConditionState.NOT_MET
        ]

    def flagged(self, authority: str) -> bool:
        """Fails a base condition (it stays in the list, marked, unless kept with a reason)."""
        return bool(self.failed_conditions(authority))

    def candidate_scores(self, candidates: Sequence[Mapping[str, Any]]) -> list[CandidateScores]:
        result = []
        for authority in candidates:
            means = {}
            for criterion in CRITERIA:
                summary = summarise(self.member_scores(authority["uuid"], criterion.code))
                if summary.mean is not None:
                    means[criterion.code] = summary.mean
            result.append(
                CandidateScores(
                    authority["uuid"], str(authority["name_he"]), quantitative_score(authority), means
                )
            )
        return result

    def ranked_candidates(self, candidates: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """Candidates that take part in the ranking: not flagged, or kept with a reason."""
        return [a for a in candidates if not self.flagged(a["uuid"]) or a["uuid"] in self.kept]

    # --- JSON ---------------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "title": self.title,
                "purpose": self.purpose,
                "held_on": self.held_on.isoformat() if self.held_on else None,
                "team": [[m.person, m.role] for m in self.team],
                "filter": self.filter.to_dict(),
                "added": self.added,
                "removed": self.removed,
                "scores": self.scores,
                "conditions": self.conditions,
                "kept": self.kept,
                "weights": self.weights.to_dict(),
                "chosen": self.chosen,
                "rationale": self.rationale,
                "decided_on": self.decided_on.isoformat() if self.decided_on else None,
                "page": self.page,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> SelectionProcess:
        return cls.from_data(json.loads(text or "{}"))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SelectionProcess:
        """The process as from_json reads it from the text of `data` (which is only read)."""
        if data.get("format", FORMAT_VERSION) > FORMAT_VERSION:
            raise ValueError("newer selection format")

        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            title=data.get("title", ""),
            purpose=data.get("purpose", ""),
            held_on=day(data.get("held_on")),
            team=[TeamMember(person, role) for person, role in data.get("team", [])],
            filter=QuantitativeFilter.from_dict(data.get("filter", {})),
            added=dict(data.get("added", {})),
            removed=dict(data.get("removed", {})),
            scores=data.get("scores", {}),
            conditions=data.get("conditions", {}),
            kept=dict(data.get("kept", {})),
            weights=Weights.from_dict(data.get("weights", {})),
            chosen=list(data.get("chosen", [])),
            rationale=data.get("rationale", ""),
            decided_on=day(data.get("decided_on")),
            page=int(data.get("page", 0)),
        )
