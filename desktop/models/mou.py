"""The memorandum of understanding (מסמך הבנות): sections, clauses, parties and template texts.

Seed 001 l.456-512 lists the topics the authority and the initiating organisation agree
on; each topic is a numbered section of the MOU, made of editable clauses. Every
default clause has a stable key (``"principles.data_use"``) so versions can be compared
clause by clause and a clause can be restored to its seed-based default text.

The document's own wording (clause texts, headings, generated sentences) comes from
``resources/data/mou/clauses.<language>.json``, so an MOU is drafted in one language
whatever the UI language; the labels the wizard shows are English msgids (``N_``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from desktop.i18n import LANGUAGES, N_, _
from desktop.models.enums import LabelledEnum
from desktop.models.validation import ValidationError, clean_whole_number
from desktop.paths import DATA_DIR

MOU_DATA_DIR: Final = DATA_DIR / "mou"


class MouSection(LabelledEnum):
    """The MOU's sections, in the seed's order (001 l.479-510)."""

    PURPOSE = "purpose"
    OWNERSHIP = "ownership"
    STRATEGY = "strategy"
    PRINCIPLES = "principles"
    BODIES = "bodies"
    EVALUATION = "evaluation"
    PARTIES = "parties"
    TIMEFRAME = "timeframe"
    ANNEXES = "annexes"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "purpose": N_("Purpose of the partnership"),
            "ownership": N_("Responsibility and ownership"),
            "strategy": N_("Deepening the authority-focused strategy"),
            "principles": N_("Shared concepts and principles"),
            "bodies": N_("Regular structures and bodies"),
            "evaluation": N_("Evaluation, measurement and control"),
            "parties": N_("Parties, additional partners and exit clause"),
            "timeframe": N_("Timeframe and budget framework"),
            "annexes": N_("Annexes"),
        }

    @property
    def number(self) -> int:
        """The section's number in the printed document (1-based, fixed)."""
        return list(MouSection).index(self) + 1


@dataclass(frozen=True)
class ClauseSpec:
    """A default clause of the seed: its stable key, its section and the wizard's field label."""

    key: str
    section: MouSection
    label: str  # English, marked with N_


CLAUSE_SPECS: Final[tuple[ClauseSpec, ...]] = (
    ClauseSpec("purpose.vision", MouSection.PURPOSE, N_("Shared vision")),
    ClauseSpec("purpose.joint_strategy", MouSection.PURPOSE, N_("Joint town strategy")),
    ClauseSpec(
        "ownership.mayor_chairs",
        MouSection.OWNERSHIP,
        N_("Who chairs the town administration"),
    ),
    ClauseSpec("ownership.director_general", MouSection.OWNERSHIP, N_("The director-general's role")),
    ClauseSpec("ownership.authority_leads", MouSection.OWNERSHIP, N_("The authority leads")),
    ClauseSpec("strategy.authority_key", MouSection.STRATEGY, N_("The authority as the key to change")),
    ClauseSpec(
        "strategy.social_infrastructure",
        MouSection.STRATEGY,
        N_("Strengthening social infrastructures"),
    ),
    ClauseSpec("strategy.mobility_levers", MouSection.STRATEGY, N_("Investing in mobility levers")),
    ClauseSpec("principles.systemic_change", MouSection.PRINCIPLES, N_("Systemic change")),
    ClauseSpec("principles.data_use", MouSection.PRINCIPLES, N_("Use of data")),
    ClauseSpec("principles.public_participation", MouSection.PRINCIPLES, N_("Public participation")),
    ClauseSpec(
        "principles.conditional_investment",
        MouSection.PRINCIPLES,
        N_("Long-term conditional investment"),
    ),
    ClauseSpec("bodies.structures", MouSection.BODIES, N_("Structures and routines")),
    ClauseSpec(
        "bodies.mayor_routine",
        MouSection.BODIES,
        N_("Regular routine with the head of the authority"),
    ),
    ClauseSpec("bodies.not_statutory", MouSection.BODIES, N_("The administration is not a statutory body")),
    ClauseSpec(
        "evaluation.infrastructure_outcomes",
        MouSection.EVALUATION,
        N_("Infrastructure outcomes compass"),
    ),
    ClauseSpec(
        "evaluation.planning_vs_execution",
        MouSection.EVALUATION,
        N_("Planning against execution"),
    ),
    ClauseSpec("evaluation.data_sources", MouSection.EVALUATION, N_("Sources of measurement")),
    ClauseSpec("parties.additional_partners", MouSection.PARTIES, N_("Additional partners")),
    ClauseSpec("parties.exit", MouSection.PARTIES, N_("Exit clause")),
    ClauseSpec("timeframe.duration", MouSection.TIMEFRAME, N_("Duration of the process")),
    ClauseSpec("timeframe.budget_framework", MouSection.TIMEFRAME, N_("Budget framework")),
    ClauseSpec("timeframe.budget_use", MouSection.TIMEFRAME, N_("Use of the budget")),
    ClauseSpec("annexes.partnership_structure", MouSection.ANNEXES, N_("Annex: partnership structure")),
    ClauseSpec(
        "annexes.supporting_organisations",
        MouSection.ANNEXES,
        N_("Annex: supporting organisations"),
    ),
    ClauseSpec(
        "annexes.implementation_processes",
        MouSection.ANNEXES,
        N_("Annex: implementation processes"),
    ),
    ClauseSpec("annexes.budget", MouSection.ANNEXES, N_("Annex: budget")),
)

_SPECS_BY_KEY: Final = {spec.key: spec for spec in CLAUSE_SPECS}
_SEED_INDEX: Final = {spec.key: index for index, spec in enumerate(CLAUSE_SPECS)}
CUSTOM_PREFIX: Final = "custom."


def clause_spec(key: str) -> ClauseSpec | None:
    """The seed clause with this key, or None for a clause the facilitator added."""
    return _SPECS_BY_KEY.get(key)


# --- template texts -------------------------------------------------------------------


class MouDataError(ValueError):
    """A template file under resources/data/mou is missing keys or malformed."""


@dataclass(frozen=True)
class BodyTexts:
    """A governance body's default wording: name, chair and member roles (seed 001 l.600-625)."""

    name: str
    chair: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class MouTexts:
    """The document wording of one language (headings, default clauses, generated sentences)."""

    language: str
    document: Mapping[str, str]
    sections: Mapping[str, str]
    clauses: Mapping[str, str]
    generated: Mapping[str, str]
    phases: Mapping[str, str]
    bodies: Mapping[str, BodyTexts]
    mobility_fields: tuple[str, ...]
    roles: Mapping[str, str]

    def section_title(self, section: MouSection) -> str:
        return self.sections[section.value]


# Keys every language file must carry (besides one text per clause key and section).
DOCUMENT_KEYS: Final = frozenset(
    {
        "title",
        "subtitle",
        "version",
        "sent_on",
        "draft_watermark",
        "signatures_title",
        "signature",
        "date",
        "name",
        "role",
        "party",
        "budget_annex_title",
        "governance_annex_title",
        "year",
        "total",
        "share",
        "page_of",
    }
)
GENERATED_KEYS: Final = frozenset(
    {
        "preamble",
        "party_authority",
        "party_organisation",
        "party_partners",
        "exit_notice",
        "exit_conditions",
        "body",
        "body_duration",
        "body_roles",
        "body_meetings_total",
        "agreement_span",
        "phase",
        "budget_total",
        "budget_source",
        "chair_to_be_decided",
    }
)
PHASE_KEYS: Final = frozenset({"pre_establishment", "planning_year", "implementation"})
BODY_KEYS: Final = frozenset(
    {"leading_team", "steering_committee", "town_administration", "professional_team"}
)
ROLE_KEYS: Final = frozenset(
    {
        "head_of_authority",
        "director_general",
        "treasurer",
        "head_of_education_welfare",
        "organisation_ceo",
        "strategy_manager",
        "partner_representative",
    }
)


def texts_path(language: str) -> Path:
    return MOU_DATA_DIR / f"clauses.{language}.json"


def _require_keys(path: Path, group: str, found: Iterable[str], expected: Iterable[str]) -> None:
    missing = sorted(set(expected) - set(found))
    if missing:
        raise MouDataError(f"{path.name}: {group} lacks {missing}")


def _string_map(path: Path, raw: dict[str, object], group: str) -> Mapping[str, str]:
    values = raw.get(group)
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise MouDataError(f"{path.name}: {group} must map keys to texts")
    return MappingProxyType(dict(values))


def _body_texts(path: Path, raw: dict[str, object]) -> Mapping[str, BodyTexts]:
    values = raw.get("bodies")
    if not isinstance(values, dict):
        raise MouDataError(f"{path.name}: bodies must be an object")
    bodies = {}
    for kind, body in values.items():
        try:
            bodies[kind] = BodyTexts(
                name=str(body["name"]),
                chair=str(body["chair"]),
                members=tuple(str(m) for m in body["members"]),
            )
        except (KeyError, TypeError) as error:
            raise MouDataError(f"{path.name}: body {kind} is malformed") from error
    return MappingProxyType(bodies)


@cache
def load_texts(language: str) -> MouTexts:
    """Read and check the MOU wording of `language` (he, ar or en); cached."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    path = texts_path(language)
    raw = json.loads(path.read_text(encoding="utf-8"))
    texts = MouTexts(
        language=language,
        document=_string_map(path, raw, "document"),
        sections=_string_map(path, raw, "sections"),
        clauses=_string_map(path, raw, "clauses"),
        generated=_string_map(path, raw, "generated"),
        phases=_string_map(path, raw, "phases"),
        bodies=_body_texts(path, raw),
        mobility_fields=tuple(str(f) for f in raw.get("mobility_fields", ())),
        roles=_string_map(path, raw, "roles"),
    )
    _require_keys(path, "document", texts.document, DOCUMENT_KEYS)
    _require_keys(path, "sections", texts.sections, (s.value for s in MouSection))
    _require_keys(path, "clauses", texts.clauses, _SPECS_BY_KEY)
    _require_keys(path, "generated", texts.generated, GENERATED_KEYS)
    _require_keys(path, "phases", texts.phases, PHASE_KEYS)
    _require_keys(path, "bodies", texts.bodies, BODY_KEYS)
    _require_keys(path, "roles", texts.roles, ROLE_KEYS)
    if not texts.mobility_fields:
        raise MouDataError(f"{path.name}: mobility_fields is empty")
    return texts


# --- clauses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One editable clause of the document. `key` is stable across versions."""

    key: str
    section: MouSection
    text: str

    @property
    def is_custom(self) -> bool:
        return self.key.startswith(CUSTOM_PREFIX)

    @property
    def label(self) -> str:
        """The wizard's label for this clause, translated (custom clauses: "Added clause")."""
        spec = clause_spec(self.key)
        return _(spec.label) if spec is not None else _("Added clause")


def default_clause_text(key: str, language: str) -> str:
    return load_texts(language).clauses[key]


def default_clauses(language: str) -> tuple[Clause, ...]:
    """Every seed clause with its default text in `language`, in document order."""
    texts = load_texts(language)
    return tuple(Clause(spec.key, spec.section, texts.clauses[spec.key]) for spec in CLAUSE_SPECS)


def order_clauses(clauses: Iterable[Clause]) -> tuple[Clause, ...]:
    """Sections in the seed's order; within a section, clauses keep their given order."""
    return tuple(sorted(clauses, key=lambda clause: clause.section.number))


def set_clause_text(clauses: tuple[Clause, ...], key: str, text: str) -> tuple[Clause, ...]:
    if key not in {clause.key for clause in clauses}:
        raise KeyError(key)
    return tuple(replace(c, text=text) if c.key == key else c for c in clauses)


def add_custom_clause(
    clauses: tuple[Clause, ...], section: MouSection, text: str
) -> tuple[tuple[Clause, ...], Clause]:
    """Append a facilitator's own clause at the end of `section`; return the clauses and it.

    Its key ``custom.<section>.<random id>`` is never reused, so a removed clause and a
    later one are not confused when versions are compared.
    """
    clause = Clause(f"{CUSTOM_PREFIX}{section.value}.{uuid.uuid4().hex[:12]}", section, text)
    return order_clauses((*clauses, clause)), clause


def remove_clause(clauses: tuple[Clause, ...], key: str) -> tuple[Clause, ...]:
    if key not in {clause.key for clause in clauses}:
        raise KeyError(key)
    return tuple(clause for clause in clauses if clause.key != key)


def restore_default_clause(clauses: tuple[Clause, ...], key: str, language: str) -> tuple[Clause, ...]:
    """Put a seed clause back with its default text, at its place among the seed clauses."""
    spec = clause_spec(key)
    if spec is None:
        raise KeyError(key)
    restored = Clause(key, spec.section, default_clause_text(key, language))
    if key in {clause.key for clause in clauses}:
        return tuple(restored if clause.key == key else clause for clause in clauses)
    # Before the first clause of its section that comes later: a later seed clause or
    # any added clause (added clauses follow the seed clauses of their section).
    position = _SEED_INDEX[key]
    kept = list(clauses)
    insert_at = next(
        (
            index
            for index, clause in enumerate(kept)
            if clause.section is spec.section and _SEED_INDEX.get(clause.key, len(CLAUSE_SPECS)) > position
        ),
        len(kept),
    )
    kept.insert(insert_at, restored)
    return order_clauses(kept)


def is_default_text(clause: Clause, language: str) -> bool:
    spec = clause_spec(clause.key)
    return spec is not None and clause.text == default_clause_text(clause.key, language)


@dataclass(frozen=True)
class NumberedClause:
    number: str  # "4.2"
    clause: Clause


@dataclass(frozen=True)
class NumberedSection:
    number: int
    section: MouSection
    clauses: tuple[NumberedClause, ...]


def numbered_sections(clauses: Iterable[Clause]) -> tuple[NumberedSection, ...]:
    """All nine sections, numbered 1-9 in the seed's order, each with its clauses numbered."""
    ordered = order_clauses(clauses)
    return tuple(
        NumberedSection(
            section.number,
            section,
            tuple(
                NumberedClause(f"{section.number}.{index}", clause)
                for index, clause in enumerate((c for c in ordered if c.section is section), start=1)
            ),
        )
        for section in MouSection
    )


# --- parties -----------------------------------------------------------------------------

AUTHORITY_PARTY: Final = "authority"
ORGANISATION_PARTY: Final = "organisation"
_PARTNER_PREFIX: Final = "partner:"


def partner_party(organisation_uuid: str) -> str:
    """The party key of an additional partner (an organisation record)."""
    return f"{_PARTNER_PREFIX}{organisation_uuid}"


def partner_uuid_of(party: str) -> str | None:
    return party[len(_PARTNER_PREFIX) :] if party.startswith(_PARTNER_PREFIX) else None


@dataclass(frozen=True)
class PersonRef:
    """A person named in the MOU: the name as printed, and the workspace person if chosen."""

    name: str
    person_uuid: str | None = None


@dataclass(frozen=True)
class Parties:
    """Who is party to the MOU (records by uuid) and the exit clause's terms."""

    authority_uuid: str | None = None
    organisation_uuid: str | None = None
    partner_uuids: tuple[str, ...] = ()
    exit_notice_days: int | None = None
    exit_conditions: str = ""

    def party_keys(self) -> tuple[str, ...]:
        """Keys of the parties that fund and sign: authority, organisation, each partner."""
        return (
            AUTHORITY_PARTY,
            ORGANISATION_PARTY,
            *(partner_party(uuid) for uuid in dict.fromkeys(self.partner_uuids)),
        )


MAX_NOTICE_DAYS: Final = 730


def clean_notice_days(field: str, raw: str) -> int | None:
    """The exit clause's notice period, in days (1 to two years)."""
    return clean_whole_number(field, raw, minimum=1, maximum=MAX_NOTICE_DAYS)


def validate_parties(parties: Parties) -> list[ValidationError]:
    """Errors shown at the parties page: a missing party, a party chosen twice, a bad notice."""
    errors = []
    if not parties.authority_uuid:
        errors.append(ValidationError("parties.authority", _("Choose the local authority.")))
    if not parties.organisation_uuid:
        errors.append(ValidationError("parties.organisation", _("Choose the initiating organisation.")))
    seen = {parties.organisation_uuid} if parties.organisation_uuid else set()
    for partner in parties.partner_uuids:
        if partner in seen:
            errors.append(
                ValidationError(
                    "parties.partners", _("A party was chosen twice: each party may appear once.")
                )
            )
            break
        seen.add(partner)
    notice = parties.exit_notice_days
    if notice is not None and not 1 <= notice <= MAX_NOTICE_DAYS:
        errors.append(
            ValidationError(
                "parties.exit_notice_days",
                _("Enter a notice period of 1 to {maximum} days.").format(maximum=MAX_NOTICE_DAYS),
            )
        )
    return errors
