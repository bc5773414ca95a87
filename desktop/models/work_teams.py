"""Work teams of a learning community from its second year (seed 004 l.2286-2400): the
team's members and four roles, its topic and output, the six work stages, a budget and the
shared finish line (the products conference)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.i18n import N_, _, format_date
from desktop.models.validation import ValidationError

TEAM_SIZE = (2, 8)  # refused outside this range
RECOMMENDED_SIZE = (5, 8)  # the seed's 5-8 members
ROLES = {
    "facilitator": N_("Facilitator and contact"),
    "documenter": N_("Documenter"),
    "timekeeper": N_("Timekeeper"),
    "calendar": N_("Calendar coordinator"),
}
STAGES = (
    N_("Choosing the topic and roles, setting the next meeting"),
    N_("Planning the output and dividing responsibility"),
    N_("Presenting drafts, comments and corrections"),
    N_("Further work and final preparations"),
    N_("Presentation: signing off the output"),
    N_("Summary and feedback"),
)
# The outputs of the seed (l.1587-1591, l.1838-1854) and the app's earlier kinds.
OUTPUT_TYPES = {
    "policy_paper": N_("Policy paper"),
    "tool": N_("Tool or methodology"),
    "guide": N_("Guide"),
    "case_study": N_("Case study"),
    "programme": N_("Pilot programme"),
    "video": N_("Video"),
    "podcast": N_("Podcast"),
    "padlet": N_("Padlet of sources and examples for inspiration"),
    "one_pager": N_("One-pager"),
    "mind_map": N_("Mind map"),
    "identity_booklet": N_("Identity booklet of a professional community"),
    "article_digest": N_("Digest summarising articles"),
    "challenge_map": N_("Challenge description and map of solutions"),
    "rubric": N_("Rubric for a project, product or process"),
    "learning_meeting": N_("A learning meeting for the community"),
    "conference": N_("A regional conference"),
    "other": N_("Other"),
}
# How to recognise a good output (seed 004 l.1772-1814): a checklist per team.
GOOD_OUTPUT_SIGNS = {
    "voice": N_("A voice for the members: it holds what the community learned and the path it took"),
    "useful": N_("Useful and accessible: a tool for the members to make the change, to apply and spread"),
    "whole": N_("The whole is greater than its parts: joining everyone's knowledge makes it new"),
    "pride": N_("Pride and achievement: the members are proud of it and want to share it"),
    "field": N_("Made in the field: between theory and practice, in a shared and creative process"),
}


@dataclass
class Stage:
    due: date | None = None
    done: bool = False


@dataclass
class WorkTeam:
    id: str
    name: str
    topic: str = ""
    output_type: str = "policy_paper"
    members: list[str] = field(default_factory=list)  # person UUIDs
    roles: dict[str, str] = field(default_factory=dict)  # role -> person UUID
    stages: list[Stage] = field(default_factory=lambda: [Stage() for _ in STAGES])
    budget: int = 0  # shekels
    accompanier: str = ""  # person UUID: who accompanies the team for the project (seed l.1593)
    audience: str = ""  # the output's target audience
    use: str = ""  # how the output will be used and spread
    signs: list[str] = field(default_factory=list)  # keys of GOOD_OUTPUT_SIGNS that are met

    def progress(self) -> float:
        return sum(1 for s in self.stages if s.done) / len(self.stages)

    def current_stage(self) -> int | None:
        """Index of the first stage not done, or None when all are done."""
        return next((i for i, s in enumerate(self.stages) if not s.done), None)


def new_team(name: str, existing: Sequence[WorkTeam] = ()) -> WorkTeam:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("name", _("This field is required."))
    if any(t.name.casefold() == clean.casefold() for t in existing):
        raise ValidationError("name", _("There is already a team with this name."))
    return WorkTeam(str(uuid.uuid4()), clean)


def check_members(members: Sequence[str], community_members: Sequence[str]) -> None:
    low, high = TEAM_SIZE
    if not low <= len(members) <= high:
        raise ValidationError(
            "members",
            _("A work team has {low} to {high} members; this one has {count}.").format(
                low=low, high=high, count=len(members)
            ),
        )
    strangers = [p for p in members if p not in community_members]
    if strangers:
        raise ValidationError("members", _("Only members of the community can be in a work team."))


def team_problems(
    team: WorkTeam, community_members: Sequence[str], finish_line: date | None
) -> list[tuple[str, str]]:
    """(field, translated message) for what must be fixed before the team is saved."""
    problems = []
    try:
        check_members(team.members, community_members)
    except ValidationError as error:
        problems.append((error.field, error.message))
    for role, person in team.roles.items():
        if person and person not in team.members:
            problems.append(
                (
                    "roles",
                    _('Whoever takes the role "{role}" must be a member of the team.').format(
                        role=_(ROLES[role])
                    ),
                )
            )
    dues = [(i, s.due) for i, s in enumerate(team.stages) if s.due is not None]
    for (_i, earlier), (later_index, later) in zip(dues, dues[1:], strict=False):
        if later < earlier:
            problems.append(
                (
                    "stages",
                    _("Stage {number} is due before the stage before it.").format(number=later_index + 1),
                )
            )
    if finish_line is not None:
        for index, due in dues:
            # The last stage, summary and feedback, comes after the products conference.
            if due > finish_line and index < len(STAGES) - 1:
                problems.append(
                    (
                        "stages",
                        _("Stage {number} is due after the finish line ({day}).").format(
                            number=index + 1, day=format_date(finish_line)
                        ),
                    )
                )
    if team.budget < 0:
        problems.append(("budget", _("The budget cannot be negative.")))
    return problems


def team_warnings(team: WorkTeam) -> list[str]:
    low, high = RECOMMENDED_SIZE
    warnings = []
    if len(team.members) < low:
        warnings.append(_("A team of {low}-{high} members is recommended.").format(low=low, high=high))
    missing = [_(label) for role, label in ROLES.items() if not team.roles.get(role)]
    if missing:
        warnings.append(_("Roles not yet taken: {roles}").format(roles=", ".join(missing)))
    if not team.audience or not team.use:
        warnings.append(_("Decide at the start who the output is for and how it will be used."))
    return warnings


def stage_state(stage: Stage, today: date) -> str:
    """done / overdue / due / open — for the progress view."""
    if stage.done:
        return "done"
    if stage.due is None:
        return "open"
    return "overdue" if stage.due < today else "due"


def default_stage_dates(start: date, finish_line: date) -> list[date]:
    """The six stages spread evenly from `start` to the finish line (the presentation stage
    on the finish line itself, the summary a fortnight after)."""
    if finish_line <= start:
        raise ValidationError("finish_line", _("The finish line must be after the start."))
    span = (finish_line - start).days
    return [
        *(start + timedelta(days=span * i // 4) for i in range(4)),
        finish_line,
        finish_line + timedelta(days=14),
    ]


def team_to_dict(team: WorkTeam) -> dict[str, Any]:
    return {
        "id": team.id,
        "name": team.name,
        "topic": team.topic,
        "output_type": team.output_type,
        "members": list(team.members),
        "roles": dict(team.roles),
        "budget": team.budget,
        "accompanier": team.accompanier,
        "audience": team.audience,
        "use": team.use,
        "signs": list(team.signs),
        "stages": [{"due": s.due.isoformat() if s.due else "", "done": s.done} for s in team.stages],
    }


def team_from_dict(data: Mapping[str, Any]) -> WorkTeam:
    stages = [
        Stage(date.fromisoformat(s["due"]) if s.get("due") else None, bool(s.get("done")))
        for s in data.get("stages", [])
    ]
    stages += [Stage() for _ in range(len(STAGES) - len(stages))]
    return WorkTeam(
        id=str(data["id"]),
        name=str(data.get("name", "")),
        topic=str(data.get("topic", "")),
        output_type=str(data.get("output_type", "policy_paper")),
        members=list(data.get("members", [])),
        roles=dict(data.get("roles", {})),
        stages=stages[: len(STAGES)],
        budget=int(data.get("budget", 0)),
        accompanier=str(data.get("accompanier", "")),
        audience=str(data.get("audience", "")),
        use=str(data.get("use", "")),
        signs=[s for s in data.get("signs", []) if s in GOOD_OUTPUT_SIGNS],
    )
