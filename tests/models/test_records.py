"""The reference records' kinds, as the sidebar names them, agree with their specifications."""

from __future__ import annotations

from desktop.models.record_kinds import PLURALS, RecordKind
from desktop.models.records import RECORD_SPECS


def test_every_kind_has_its_specification_in_the_same_order_and_under_the_same_name() -> None:
    assert list(PLURALS) == list(RECORD_SPECS) == list(RecordKind)
    assert {kind: spec.plural for kind, spec in RECORD_SPECS.items()} == PLURALS
