"""The MOU's budget annex: years by funding source, in whole agorot (no float anywhere).

Funding sources are the MOU's parties, by party key (see `Parties.party_keys`): the
authority, the initiating organisation and each additional partner. Amounts are ints
of agorot (1 ₪ = 100 agorot), so every sum is exact.

Shares rule: each source's share of the overall total is a percentage with one decimal
place (what `format_percent` shows). Shares are apportioned by the largest-remainder
method in units of 0.1%: every source gets its exact share rounded down, and the units
left over go one each to the sources with the largest remainders (ties: the earlier
column). So the shares always add up to exactly 100.0% when there is any money, each
share is less than 0.1 point from its exact value, and a source of ₪0 gets 0.0%.
With no money at all every share is 0.0%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final

from desktop.i18n import _, format_percent, format_shekels, strip_marks
from desktop.models.validation import ValidationError

AGOROT_PER_SHEKEL: Final = 100
MAX_AMOUNT_AGOROT: Final = 10_000_000_000 * AGOROT_PER_SHEKEL  # ₪10 billion
SHARE_UNITS: Final = 1000  # 100% in units of 0.1%

# --- typed amounts ---------------------------------------------------------------------

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_CURRENCY = re.compile(r"₪|ש\"ח|ש״ח|ש''ח|\bNIS\b|\bILS\b|شيكل|شيقل|ش\.ج\.?", re.IGNORECASE)
_MINUS = re.compile(r"^[-\u2212\u2013]|[-\u2212\u2013]$|^\(.*\)$")
_AMOUNT = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?P<fraction>\d+))?$")


def _normalised(raw: str) -> str:
    text = strip_marks(raw).translate(_ARABIC_DIGITS)
    text = _CURRENCY.sub(" ", text).strip()
    # A space between digit groups reads as a thousands separator ("1 250 000").
    return re.sub(r"(?<=\d)\s+(?=\d)", ",", text).replace(" ", "")


def parse_amount(field: str, raw: str, *, required: bool = False) -> int | None:
    """A typed ₪ amount ("1,250,000", "₪ 1,250,000.50", "1250000 ש\"ח") as whole agorot.

    Blank gives None (or an error when `required`). Bidi marks from copied text are
    ignored; Arabic-Indic digits are accepted.
    """
    text = _normalised(raw)
    if not text:
        if required:
            raise ValidationError(field, _("Enter an amount."))
        return None
    if _MINUS.search(text):
        raise ValidationError(field, _("An amount cannot be negative."))
    match = _AMOUNT.match(text)
    if match is None or not (match["whole"] or match["fraction"]):
        if re.fullmatch(r"[\d,]+(\.\d+)?", text):
            raise ValidationError(field, _("Use commas only between thousands, such as 1,250,000."))
        raise ValidationError(field, _("Enter an amount in shekels, such as 1,250,000.50."))
    fraction = match["fraction"] or ""
    if len(fraction) > 2:
        raise ValidationError(field, _("An amount has at most two digits after the point (agorot)."))
    whole = int(match["whole"].replace(",", "") or "0")
    agorot = whole * AGOROT_PER_SHEKEL + int(fraction.ljust(2, "0"))
    if agorot > MAX_AMOUNT_AGOROT:
        raise ValidationError(
            field,
            _("Enter an amount of at most {amount}.").format(amount=format_amount(MAX_AMOUNT_AGOROT)),
        )
    return agorot


def agorot_to_shekels(agorot: int) -> Decimal:
    return Decimal(agorot).scaleb(-2)


def shekels_to_agorot(shekels: Decimal | int) -> int:
    """Whole shekels or a Decimal with at most two places, as agorot."""
    value = Decimal(shekels) * AGOROT_PER_SHEKEL
    if value != value.to_integral_value():
        raise ValueError(f"more than two decimal places: {shekels}")
    return int(value)


def format_amount(agorot: int, language: str | None = None) -> str:
    """A ₪ amount for display in `language` (default: the UI language)."""
    return format_shekels(agorot_to_shekels(agorot), language)


def format_share(percent: Decimal, language: str | None = None) -> str:
    return format_percent(percent / 100, language)


# --- the annex ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetCell:
    """The amount one source gives in one year."""

    year: int
    party: str
    agorot: int


@dataclass(frozen=True)
class TypedTotal:
    """A total the person typed: of a year (party None), a source (year None) or all (both None)."""

    year: int | None
    party: str | None
    agorot: int


@dataclass(frozen=True)
class BudgetAnnex:
    years: tuple[int, ...] = ()  # rows, calendar years
    parties: tuple[str, ...] = ()  # columns, party keys
    cells: tuple[BudgetCell, ...] = ()  # blank cells are absent (count as ₪0)
    typed_totals: tuple[TypedTotal, ...] = field(default=())

    def amount(self, year: int, party: str) -> int:
        return sum(c.agorot for c in self.cells if c.year == year and c.party == party)

    @property
    def is_empty(self) -> bool:
        return not any(cell.agorot for cell in self.cells)


def with_amount(annex: BudgetAnnex, year: int, party: str, agorot: int | None) -> BudgetAnnex:
    """Set one cell (None or 0 clears it)."""
    if agorot is not None and agorot < 0:
        raise ValueError("negative amount")
    if year not in annex.years or party not in annex.parties:
        raise KeyError((year, party))
    others = tuple(c for c in annex.cells if (c.year, c.party) != (year, party))
    cell = (BudgetCell(year, party, agorot),) if agorot else ()
    return replace(annex, cells=_in_table_order(annex, others + cell))


def with_typed_total(
    annex: BudgetAnnex, year: int | None, party: str | None, agorot: int | None
) -> BudgetAnnex:
    """Record (or with None clear) a total the person typed: of a year, a source, or all."""
    if year is not None and party is not None:
        raise ValueError("a typed total is of a year or of a source, not of one cell")
    others = tuple(t for t in annex.typed_totals if (t.year, t.party) != (year, party))
    typed = (TypedTotal(year, party, agorot),) if agorot is not None else ()
    return replace(annex, typed_totals=others + typed)


def _in_table_order(annex: BudgetAnnex, cells: Iterable[BudgetCell]) -> tuple[BudgetCell, ...]:
    return tuple(sorted(cells, key=lambda c: (annex.years.index(c.year), annex.parties.index(c.party))))


def resized(annex: BudgetAnnex, years: Iterable[int], parties: Iterable[str]) -> BudgetAnnex:
    """The annex for new rows and columns (timeframe or parties changed), keeping what fits.

    Call `cells_outside` first to warn about amounts that would be dropped.
    """
    new = replace(annex, years=tuple(dict.fromkeys(years)), parties=tuple(dict.fromkeys(parties)))
    kept = (c for c in annex.cells if c.year in new.years and c.party in new.parties)
    typed = tuple(
        t
        for t in annex.typed_totals
        if (t.year is None or t.year in new.years) and (t.party is None or t.party in new.parties)
    )
    return replace(new, cells=_in_table_order(new, kept), typed_totals=typed)


def cells_outside(annex: BudgetAnnex, years: Iterable[int], parties: Iterable[str]) -> tuple[BudgetCell, ...]:
    year_set, party_set = set(years), set(parties)
    return tuple(c for c in annex.cells if c.agorot and (c.year not in year_set or c.party not in party_set))


def year_total(annex: BudgetAnnex, year: int) -> int:
    return sum(c.agorot for c in annex.cells if c.year == year and c.party in annex.parties)


def party_total(annex: BudgetAnnex, party: str) -> int:
    return sum(c.agorot for c in annex.cells if c.party == party and c.year in annex.years)


def overall_total(annex: BudgetAnnex) -> int:
    return sum(party_total(annex, party) for party in annex.parties)


def year_totals(annex: BudgetAnnex) -> dict[int, int]:
    return {year: year_total(annex, year) for year in annex.years}


def party_totals(annex: BudgetAnnex) -> dict[str, int]:
    return {party: party_total(annex, party) for party in annex.parties}


def exact_share(annex: BudgetAnnex, party: str) -> Decimal:
    """The unrounded percentage (a Decimal quotient, 28 significant digits)."""
    total = overall_total(annex)
    return Decimal(party_total(annex, party)) * 100 / total if total else Decimal(0)


def apportion_shares(amounts: Mapping[str, int]) -> dict[str, Decimal]:
    """Percentages with one decimal that add up to 100.0 (largest remainder; module doc)."""
    total = sum(amounts.values())
    if total == 0:
        return {key: Decimal("0.0") for key in amounts}
    floors = {key: amount * SHARE_UNITS // total for key, amount in amounts.items()}
    remainders = {key: amount * SHARE_UNITS % total for key, amount in amounts.items()}
    left_over = SHARE_UNITS - sum(floors.values())
    order = list(amounts)
    by_remainder = sorted(order, key=lambda key: (-remainders[key], order.index(key)))
    for key in by_remainder[:left_over]:
        floors[key] += 1
    return {key: Decimal(units).scaleb(-1) for key, units in floors.items()}


def shares(annex: BudgetAnnex) -> dict[str, Decimal]:
    """Each source's share of the overall total, in percent with one decimal."""
    return apportion_shares(party_totals(annex))


def _computed_total(annex: BudgetAnnex, typed: TypedTotal) -> int:
    if typed.year is not None:
        return year_total(annex, typed.year)
    if typed.party is not None:
        return party_total(annex, typed.party)
    return overall_total(annex)


def cell_field(year: int, party: str) -> str:
    """The field name of one amount, for errors shown at the cell."""
    return f"budget.{year}.{party}"


def total_field(year: int | None, party: str | None) -> str:
    """The field name of a typed total, for errors shown at the field."""
    if year is not None:
        return f"budget.total.year.{year}"
    if party is not None:
        return f"budget.total.party.{party}"
    return "budget.total.overall"


def check_typed_totals(
    annex: BudgetAnnex, party_names: Mapping[str, str] | None = None
) -> list[ValidationError]:
    """Each typed total that differs from the sum of its cells, with both amounts."""
    errors = []
    for typed in annex.typed_totals:
        computed = _computed_total(annex, typed)
        if typed.agorot == computed:
            continue
        amounts = {"typed": format_amount(typed.agorot), "computed": format_amount(computed)}
        if typed.year is not None:
            message = _("The budget does not add up: year {year} typed {typed}, computed {computed}.").format(
                year=typed.year, **amounts
            )
        elif typed.party is not None:
            name = (party_names or {}).get(typed.party, typed.party)
            message = _("The budget does not add up: {source} typed {typed}, computed {computed}.").format(
                source=name, **amounts
            )
        else:
            message = _(
                "The budget does not add up: the overall total typed {typed}, computed {computed}."
            ).format(**amounts)
        errors.append(ValidationError(total_field(typed.year, typed.party), message))
    return errors
