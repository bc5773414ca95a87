"""What the town instruments' documents need, gathered by
`desktop.storage.instrument_document_data` (no storage here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.models.collective_plan import CollectivePlan
from desktop.models.compass import Compass, Taking
from desktop.models.portfolio import Portfolio


@dataclass(frozen=True)
class PlanData:
    """A collective plan, its town's name, and the day "late" is reckoned on."""

    plan: CollectivePlan
    town: str
    demo: bool = False
    today: date | None = None


@dataclass(frozen=True)
class PortfolioData:
    """A town's investment portfolio and the town's name."""

    portfolio: Portfolio
    town: str
    demo: bool = False


@dataclass(frozen=True)
class CompassData:
    """A town's compass; with `before`, the earlier taking its latest is compared with, and
    the text of the MOU's evaluation clause on the compass ("" when the town has none)."""

    compass: Compass
    town: str
    demo: bool = False
    before: Taking | None = None
    clause: str = ""
