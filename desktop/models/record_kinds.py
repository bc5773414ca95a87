"""The four kinds of reference record and what each is called in a list, apart from their
fields, validation and columns (desktop.models.records): the window's sidebar names them at
its first paint, before the forms' specifications are needed."""

from __future__ import annotations

from enum import StrEnum

from desktop.i18n import N_


class RecordKind(StrEnum):
    AUTHORITY = "authority"
    CLUSTER = "cluster"
    ORGANISATION = "organisation"
    PERSON = "person"


# N_ marked: translate with `_()` when shown. In the order the app lists them.
PLURALS: dict[RecordKind, str] = {
    RecordKind.AUTHORITY: N_("Local authorities"),
    RecordKind.CLUSTER: N_("Regional clusters"),
    RecordKind.ORGANISATION: N_("Organisations"),
    RecordKind.PERSON: N_("People"),
}
