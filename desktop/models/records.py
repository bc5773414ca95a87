"""What each kind of reference record holds: its fields, labels, validation and list columns.

Views build their forms and tables from these specifications, and storage uses
them to copy values in and out of the ORM objects, so a field is declared once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop.i18n import N_, _
from desktop.models import validation as v
from desktop.models.enums import District, LabelledEnum, MunicipalStatus, PopulationGroup, Sector
from desktop.models.record_kinds import PLURALS, RecordKind


class FieldKind(StrEnum):
    TEXT = "text"  # one line
    LTR_TEXT = "ltr_text"  # one line that reads left to right (email, codes)
    MULTILINE = "multiline"
    NUMBER = "number"  # typed as text, cleaned to int
    CHOICE = "choice"  # one of an enum
    MULTI_CHOICE = "multi_choice"  # several of an enum, stored comma-separated
    BOOL = "bool"
    REFERENCE = "reference"  # one record of another kind, by uuid
    REFERENCES = "references"  # several records of another kind, by uuid


Cleaner = Callable[[str, str], Any]
_TEXT_KINDS = frozenset({FieldKind.TEXT, FieldKind.LTR_TEXT, FieldKind.MULTILINE})


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # English, marked with N_; translate with `_()` when shown
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    cleaner: Cleaner | None = None
    enum: type[LabelledEnum] | None = None
    target: RecordKind | None = None  # for REFERENCE / REFERENCES
    hint: str = ""  # placeholder text, marked with N_
    formatter: Callable[[str], str] | None = None  # how a stored value is shown

    def display(self, value: Any) -> str:
        """A stored value as a person reads and types it."""
        text = "" if value is None else str(value)
        return self.formatter(text) if self.formatter is not None else text

    def passes_at_a_glance(self, value: Any) -> bool:
        """True only where `clean(value)` surely raises nothing: text in the form this field
        stores (for a plain text, short enough, with no control character and, when required,
        a letter or digit first). False says nothing: clean it."""
        if type(value) is not str or self.kind not in _TEXT_KINDS:
            return False
        if self.cleaner is not None:
            form = v.STORED_FORMS.get(self.cleaner)
            return form is not None and form.fullmatch(value) is not None
        return (
            len(value) <= self.max_length
            and (not self.required or value[:1].isalnum())
            and not v.has_control_characters(value)
        )

    @property
    def max_length(self) -> int:
        """The most characters a text of this field holds (cleaned by `clean_text`)."""
        return 5000 if self.kind is FieldKind.MULTILINE else 200

    def clean(self, raw: Any) -> Any:
        """Validate and normalise a value as typed; raise ValidationError with a message."""
        if self.kind in (FieldKind.TEXT, FieldKind.LTR_TEXT, FieldKind.MULTILINE):
            text = "" if raw is None else str(raw)
            if self.cleaner is not None:
                return self.cleaner(self.name, text)
            return v.clean_text(self.name, text, required=self.required, max_length=self.max_length)
        if self.kind is FieldKind.NUMBER:
            assert self.cleaner is not None
            value = self.cleaner(self.name, "" if raw is None else str(raw))
            if value is None and self.required:
                raise v.ValidationError(self.name, _("This field is required."))
            return value
        if self.kind is FieldKind.CHOICE:
            assert self.enum is not None
            code = raw or None
            if code is None:
                if self.required:
                    raise v.ValidationError(self.name, _("Choose a value."))
                return None
            if code not in {member.value for member in self.enum}:
                raise v.ValidationError(self.name, _("Choose a value from the list."))
            return code
        if self.kind is FieldKind.MULTI_CHOICE:
            assert self.enum is not None
            codes = [c for c in (raw or []) if c]
            allowed = {member.value for member in self.enum}
            if any(c not in allowed for c in codes):
                raise v.ValidationError(self.name, _("Choose a value from the list."))
            return [m.value for m in self.enum if m.value in codes]
        if self.kind is FieldKind.BOOL:
            return bool(raw)
        if self.kind is FieldKind.REFERENCE:
            if not raw and self.required:
                raise v.ValidationError(self.name, _("Choose a value."))
            return raw or None
        if self.kind is FieldKind.REFERENCES:
            return list(dict.fromkeys(raw or []))
        raise AssertionError(self.kind)


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a reference list: the field it shows and whether it is numeric."""

    field: str
    numeric: bool = False


@dataclass(frozen=True)
class RecordSpec:
    kind: RecordKind
    singular: str  # N_ marked
    plural: str  # N_ marked
    title_field: str
    fields: tuple[FieldSpec, ...]
    columns: tuple[ColumnSpec, ...]
    search_fields: tuple[str, ...] = field(default=())

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def clean(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """Clean every field; return the cleaned values and the errors by field name."""
        cleaned: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for spec in self.fields:
            try:
                cleaned[spec.name] = spec.clean(values.get(spec.name))
            except v.ValidationError as error:
                errors[spec.name] = error.message
        return cleaned, errors


AUTHORITY = RecordSpec(
    kind=RecordKind.AUTHORITY,
    singular=N_("Local authority"),
    plural=PLURALS[RecordKind.AUTHORITY],
    title_field="name_he",
    fields=(
        FieldSpec("name_he", N_("Name (Hebrew)"), required=True),
        FieldSpec("name_ar", N_("Name (Arabic)")),
        FieldSpec("name_en", N_("Name (English)"), FieldKind.LTR_TEXT),
        FieldSpec(
            "cbs_code",
            N_("CBS code"),
            FieldKind.LTR_TEXT,
            cleaner=v.clean_cbs_code,
            hint=N_("Digits, e.g. 31"),
        ),
        FieldSpec(
            "municipal_status",
            N_("Municipal status"),
            FieldKind.CHOICE,
            required=True,
            enum=MunicipalStatus,
        ),
        FieldSpec("district", N_("District"), FieldKind.CHOICE, enum=District),
        FieldSpec("population", N_("Population"), FieldKind.NUMBER, cleaner=v.clean_population),
        FieldSpec("population_year", N_("Population year"), FieldKind.NUMBER, cleaner=v.clean_year),
        FieldSpec(
            "socioeconomic_cluster",
            N_("Socio-economic cluster (1-10)"),
            FieldKind.NUMBER,
            cleaner=v.clean_cluster_level,
        ),
        FieldSpec(
            "socioeconomic_edition",
            N_("Socio-economic index edition"),
            FieldKind.NUMBER,
            cleaner=v.clean_year,
        ),
        FieldSpec(
            "peripherality_cluster",
            N_("Peripherality cluster (1-10)"),
            FieldKind.NUMBER,
            cleaner=v.clean_cluster_level,
        ),
        FieldSpec(
            "peripherality_edition",
            N_("Peripherality index edition"),
            FieldKind.NUMBER,
            cleaner=v.clean_year,
        ),
        FieldSpec(
            "population_groups",
            N_("Population groups"),
            FieldKind.MULTI_CHOICE,
            enum=PopulationGroup,
        ),
        FieldSpec("data_source", N_("Source of the figures")),
        FieldSpec("notes", N_("Notes"), FieldKind.MULTILINE),
    ),
    columns=(
        ColumnSpec("name_he"),
        ColumnSpec("municipal_status"),
        ColumnSpec("district"),
        ColumnSpec("population", numeric=True),
        ColumnSpec("socioeconomic_cluster", numeric=True),
        ColumnSpec("peripherality_cluster", numeric=True),
    ),
    search_fields=("name_he", "name_ar", "name_en", "cbs_code"),
)

CLUSTER = RecordSpec(
    kind=RecordKind.CLUSTER,
    singular=N_("Regional cluster"),
    plural=PLURALS[RecordKind.CLUSTER],
    title_field="name",
    fields=(
        FieldSpec("name", N_("Name"), required=True),
        FieldSpec("founding_year", N_("Founding year"), FieldKind.NUMBER, cleaner=v.clean_year),
        FieldSpec("members", N_("Member authorities"), FieldKind.REFERENCES, target=RecordKind.AUTHORITY),
        FieldSpec("notes", N_("Notes"), FieldKind.MULTILINE),
    ),
    columns=(
        ColumnSpec("name"),
        ColumnSpec("founding_year", numeric=True),
        ColumnSpec("members", numeric=True),
    ),
    search_fields=("name",),
)

ORGANISATION = RecordSpec(
    kind=RecordKind.ORGANISATION,
    singular=N_("Organisation"),
    plural=PLURALS[RecordKind.ORGANISATION],
    title_field="name",
    fields=(
        FieldSpec("name", N_("Name"), required=True),
        FieldSpec("sector", N_("Sector"), FieldKind.CHOICE, required=True, enum=Sector),
        FieldSpec("notes", N_("Notes"), FieldKind.MULTILINE),
    ),
    columns=(ColumnSpec("name"), ColumnSpec("sector")),
    search_fields=("name",),
)

PERSON = RecordSpec(
    kind=RecordKind.PERSON,
    singular=N_("Person"),
    plural=PLURALS[RecordKind.PERSON],
    title_field="full_name",
    fields=(
        FieldSpec("full_name", N_("Full name"), required=True),
        FieldSpec("role", N_("Role")),
        FieldSpec(
            "organisation",
            N_("Organisation"),
            FieldKind.REFERENCE,
            target=RecordKind.ORGANISATION,
        ),
        FieldSpec("sector", N_("Sector"), FieldKind.CHOICE, enum=Sector),
        FieldSpec(
            "phone",
            N_("Phone"),
            FieldKind.LTR_TEXT,
            cleaner=v.clean_phone,
            hint=N_("e.g. 050-1234567"),
            formatter=v.display_phone,
        ),
        FieldSpec(
            "email",
            N_("Email"),
            FieldKind.LTR_TEXT,
            cleaner=v.clean_email,
            hint=N_("name@example.org"),
        ),
        FieldSpec("consent_contact", N_("Agreed to keep contact details"), FieldKind.BOOL),
        FieldSpec("notes", N_("Notes"), FieldKind.MULTILINE),
    ),
    columns=(ColumnSpec("full_name"), ColumnSpec("role"), ColumnSpec("organisation"), ColumnSpec("sector")),
    search_fields=("full_name", "role", "email"),
)

RECORD_SPECS: dict[RecordKind, RecordSpec] = {
    spec.kind: spec for spec in (AUTHORITY, CLUSTER, ORGANISATION, PERSON)
}
