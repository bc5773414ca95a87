"""The national authorities dataset shipped with Shutafut (resources/data/authorities.json)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from desktop.models.cbs_import import ParsedAuthority, ParseResult, Preview, build_preview
from desktop.paths import DATA_DIR
from desktop.storage.cbs_files import existing_authorities
from desktop.storage.workspace import Workspace

DATASET_PATH = DATA_DIR / "authorities.json"


@cache
def national_authorities() -> tuple[dict[str, Any], ...]:
    """Every authority of the dataset as field values (codes, names, figures and their years)."""
    document = json.loads(DATASET_PATH.read_text(encoding="utf-8"))
    return tuple(document["authorities"])


def national_preview(workspace: Workspace, codes: set[str] | None = None) -> Preview:
    """What bringing the national data (all, or only `codes`) into the workspace would change."""
    parsed = ParseResult(
        [ParsedAuthority(0, dict(values)) for values in national_authorities()
         if codes is None or values["cbs_code"] in codes],
        [],
    )
    # The dataset carries each figure's year already.
    return build_preview(parsed, existing_authorities(workspace), {})
