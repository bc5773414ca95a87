"""What the three town instruments after the design forum share (seed 001, chapters 4, 5
and 8): the five social infrastructures, the stages of the life course from birth to
employment, and exact ₪ amounts in Decimal.

Pure domain; no storage and no Qt.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.i18n import N_, _
from desktop.models.mou_budget import agorot_to_shekels, format_amount, parse_amount, shekels_to_agorot
from desktop.models.validation import ValidationError

# The five social infrastructures (seed 001 l.1290, also l.833).
INFRASTRUCTURES: dict[str, str] = {
    "policy": N_("Policy and human-capital development"),
    "data": N_("Data as the basis for decisions"),
    "outcomes": N_("Shared long-term outcomes"),
    "continuity": N_("Continuity across ages and fields"),
    "participation": N_("Public participation and community organising"),
}

# The stages of the life course, from birth to employment (seed 001 l.314-321).
LIFE_STAGES: dict[str, str] = {
    "early_childhood": N_("Early childhood"),
    "education": N_("Formal and informal education"),
    "service": N_("Meaningful military or civic service"),
    "higher_education": N_("Higher education"),
    "employment": N_("Employment"),
}

ZERO = Decimal(0)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def label_of(labels: dict[str, str], key: str) -> str:
    """The translated label of `key`, or "—" when none was chosen."""
    return _(labels[key]) if key in labels else "—"


def parse_money(field: str, raw: str, *, required: bool = False) -> Decimal | None:
    """A typed ₪ amount as a Decimal with at most two places; negative amounts, stray
    characters and too many agorot are refused with a translated message at `field`."""
    agorot = parse_amount(field, raw, required=required)
    return None if agorot is None else agorot_to_shekels(agorot)


def money_text(amount: Decimal, language: str | None = None) -> str:
    """₪ 1,250,000.00 in the language's form."""
    return format_amount(shekels_to_agorot(amount), language)


def plain_amount(amount: Decimal) -> str:
    """An amount as typed back into a field: 1,250,000 (agorot only when there are some)."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def money_to_json(amount: Decimal) -> str:
    return str(amount)


def money_from_json(value: Any) -> Decimal:
    amount = Decimal(str(value or "0"))
    if amount < 0:
        raise ValueError("negative amount")
    return amount


def date_from_json(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def check_dates(start: date | None, end: date | None, field: str = "end") -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(field, _("The end date is before the start date."))
