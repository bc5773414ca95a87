"""Closed vocabularies of the domain, with their translatable labels."""

from __future__ import annotations

from enum import StrEnum

from desktop.i18n import N_, _


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry an English label marked for translation."""

    @classmethod
    def labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @property
    def label(self) -> str:
        return _(type(self).labels()[self.value])

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, translated label) pairs in declaration order."""
        return [(member.value, member.label) for member in cls]


class MunicipalStatus(LabelledEnum):
    CITY = "city"
    LOCAL_COUNCIL = "local_council"
    REGIONAL_COUNCIL = "regional_council"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "city": N_("City"),
            "local_council": N_("Local council"),
            "regional_council": N_("Regional council"),
        }


class District(LabelledEnum):
    JERUSALEM = "jerusalem"
    NORTH = "north"
    HAIFA = "haifa"
    CENTER = "center"
    TEL_AVIV = "tel_aviv"
    SOUTH = "south"
    JUDEA_SAMARIA = "judea_samaria"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "jerusalem": N_("Jerusalem District"),
            "north": N_("Northern District"),
            "haifa": N_("Haifa District"),
            "center": N_("Central District"),
            "tel_aviv": N_("Tel Aviv District"),
            "south": N_("Southern District"),
            "judea_samaria": N_("Judea and Samaria Area"),
        }


class PopulationGroup(LabelledEnum):
    JEWISH = "jewish"
    ARAB = "arab"
    DRUZE = "druze"
    BEDOUIN = "bedouin"
    HAREDI = "haredi"
    CIRCASSIAN = "circassian"
    MIXED = "mixed"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "jewish": N_("Jewish"),
            "arab": N_("Arab"),
            "druze": N_("Druze"),
            "bedouin": N_("Bedouin"),
            "haredi": N_("Haredi"),
            "circassian": N_("Circassian"),
            "mixed": N_("Mixed"),
        }


class Sector(LabelledEnum):
    """Sectors used everywhere for representation (seed 001, design forum)."""

    LOCAL_AUTHORITY = "local_authority"
    GOVERNMENT = "government"
    PHILANTHROPY = "philanthropy"
    NGO = "ngo"
    BUSINESS = "business"
    ACADEMIA = "academia"
    RESIDENTS = "residents"
    COMMUNITY_LEADERS = "community_leaders"
    EDUCATION_STAFF = "education_staff"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "local_authority": N_("Local authority"),
            "government": N_("Government ministry"),
            "philanthropy": N_("Foundation / philanthropy"),
            "ngo": N_("Non-profit / third sector"),
            "business": N_("Business"),
            "academia": N_("Academia"),
            "residents": N_("Residents"),
            "community_leaders": N_("Community and religious leaders"),
            "education_staff": N_("Education staff"),
            "other": N_("Other"),
        }
