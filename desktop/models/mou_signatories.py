"""Who signs the MOU (מעגני מסמך הבנות, seed 001 l.509-511).

The seed's signatories: the head of the council or mayor, the director-general, the
treasurer, the head of education / welfare, the organisation's CEO and the manager of the
place-based investment strategy. Each additional partner may sign through a representative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from desktop.i18n import N_, _, strip_marks
from desktop.models.enums import LabelledEnum
from desktop.models.mou import (
    AUTHORITY_PARTY,
    ORGANISATION_PARTY,
    Parties,
    PersonRef,
    load_texts,
    partner_party,
)
from desktop.models.validation import ValidationError


class SigningRole(LabelledEnum):
    HEAD_OF_AUTHORITY = "head_of_authority"
    DIRECTOR_GENERAL = "director_general"
    TREASURER = "treasurer"
    HEAD_OF_EDUCATION_WELFARE = "head_of_education_welfare"
    ORGANISATION_CEO = "organisation_ceo"
    STRATEGY_MANAGER = "strategy_manager"
    PARTNER_REPRESENTATIVE = "partner_representative"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "head_of_authority": N_("Head of the authority"),
            "director_general": N_("Director-general"),
            "treasurer": N_("Treasurer"),
            "head_of_education_welfare": N_("Head of education / welfare"),
            "organisation_ceo": N_("CEO of the organisation"),
            "strategy_manager": N_("Place-based strategy manager"),
            "partner_representative": N_("Partner's representative"),
        }

    @property
    def seed_party(self) -> str | None:
        """The party the seed has this role sign for (None: the partner chosen)."""
        if self in _AUTHORITY_ROLES:
            return AUTHORITY_PARTY
        if self is SigningRole.PARTNER_REPRESENTATIVE:
            return None
        return ORGANISATION_PARTY


_AUTHORITY_ROLES = frozenset(
    {
        SigningRole.HEAD_OF_AUTHORITY,
        SigningRole.DIRECTOR_GENERAL,
        SigningRole.TREASURER,
        SigningRole.HEAD_OF_EDUCATION_WELFARE,
    }
)


@dataclass(frozen=True)
class Signatory:
    role: SigningRole
    party: str  # a party key (see Parties.party_keys)
    person: PersonRef
    title: str = ""  # the role as printed under the signature line, in the MOU's language
    signed_on: date | None = None

    @property
    def role_name(self) -> str:
        """The role as the signatories table, its messages and the review name it."""
        return self.title or self.role.label


def seed_signatories(language: str, parties: Parties) -> tuple[Signatory, ...]:
    """The seed's six signing roles, and one representative per partner, without names yet."""
    roles = load_texts(language).roles
    seed = tuple(
        Signatory(role, role.seed_party or AUTHORITY_PARTY, PersonRef(""), roles[role.value])
        for role in SigningRole
        if role is not SigningRole.PARTNER_REPRESENTATIVE
    )
    partners = tuple(
        Signatory(
            SigningRole.PARTNER_REPRESENTATIVE,
            partner_party(uuid),
            PersonRef(""),
            roles[SigningRole.PARTNER_REPRESENTATIVE.value],
        )
        for uuid in dict.fromkeys(parties.partner_uuids)
    )
    return seed + partners


def with_person(signatories: tuple[Signatory, ...], index: int, person: PersonRef) -> tuple[Signatory, ...]:
    return tuple(replace(s, person=person) if i == index else s for i, s in enumerate(signatories))


def _identity(person: PersonRef) -> str:
    return person.person_uuid or " ".join(strip_marks(person.name).split()).casefold()


def validate_signatories(signatories: Sequence[Signatory], parties: Parties) -> list[ValidationError]:
    """A signatory without a name, for a party not in the MOU, or signing twice."""
    errors = []
    valid_parties = set(parties.party_keys())
    seen: set[str] = set()
    for index, signatory in enumerate(signatories):
        prefix = f"signatories.{index}"
        if not strip_marks(signatory.person.name).strip():
            errors.append(
                ValidationError(
                    f"{prefix}.name",
                    _("Enter the name of the person who signs as {role}.").format(role=signatory.role_name),
                )
            )
        elif _identity(signatory.person) in seen:
            errors.append(ValidationError(f"{prefix}.name", _("This person already signs the memorandum.")))
        else:
            seen.add(_identity(signatory.person))
        if signatory.party not in valid_parties:
            errors.append(
                ValidationError(f"{prefix}.party", _("Choose a party of this memorandum for the signatory."))
            )
    return errors


def signatories_of(signatories: Sequence[Signatory], party: str) -> tuple[Signatory, ...]:
    return tuple(s for s in signatories if s.party == party)
