"""The document features of the main window, in the order of the seeds' path.

Each feature is described once in its own `section` module (a FeatureDescription); the main
window builds its sidebar from the keys and titles here and a section from a description only
when the person first opens it, so the first paint imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.views.list_section import FeatureDescription

# key -> (sidebar title, module and name of its description)
FEATURES: dict[str, tuple[Callable[[], str], str, str]] = {
    "selection": (lambda: _("Town selection"), "desktop.views.selection.section", "SELECTION"),
    "agreements": (lambda: _("Agreements and MOUs"), "desktop.views.mou.section", "AGREEMENTS"),
    "forums": (lambda: _("Design forums"), "desktop.views.forum.section", "FORUMS"),
    "flags": (lambda: _("The four flags"), "desktop.views.flags.section", "FLAGS"),
    "communities": (lambda: _("Learning communities"), "desktop.views.community.section", "COMMUNITIES"),
    "clusters": (lambda: _("Cluster profiles"), "desktop.views.cluster.section", "CLUSTERS"),
    "collective-plans": (
        lambda: _("Collective plans"),
        "desktop.views.collective_plan.section",
        "COLLECTIVE_PLANS",
    ),
    "portfolios": (lambda: _("Investment portfolios"), "desktop.views.portfolio.section", "PORTFOLIOS"),
    "compasses": (
        lambda: _("Infrastructure-outcomes compasses"),
        "desktop.views.compass.section",
        "COMPASSES",
    ),
}


def feature_title(key: str) -> str:
    return FEATURES[key][0]()


def feature_description(key: str) -> FeatureDescription:
    _title, module, name = FEATURES[key]
    description: FeatureDescription = getattr(import_module(module), name)
    return description
