"""The report registry and desktop.documents: what the window and the CLI both read."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import i18n
from desktop.documents import (
    NoSuchChoice,
    document_choices,
    export_document,
    flags_work_number,
    suggested_file_name,
)
from desktop.reports.registry import FEATURES, KINDS, OPTIONS, document_kind, documents_for
from desktop.storage.reference_store import RecordNotFound
from desktop.storage.workspace import Workspace
from tests.reports.every_document import Records, build_workspace

Every = tuple[Workspace, Records]


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Every]:
    workspace, records = build_workspace(tmp_path_factory.mktemp("registry") / "every.shutafut")
    yield workspace, records
    workspace.close()


def test_every_feature_has_its_documents_under_their_cli_names() -> None:
    assert {feature: [kind.key for kind in documents_for(feature)] for feature in FEATURES} == {
        "workspace": ["summary"],
        "selection": ["selection"],
        "agreements": ["mou"],
        "forums": [
            "forum-agenda",
            "forum-agenda-facilitator",
            "forum-summary",
            "shared-agenda",
            "forum-sign-in",
            "forum-name-tags",
        ],
        "flags": ["flags-diagnosis", "flags-sheet", "flags-workplan"],
        "communities": ["syllabus", "meeting-plan", "work-teams"],
        "clusters": ["cluster-profile", "guidance-needs"],
        "collective-plans": ["collective-plan"],
        "portfolios": ["investment-portfolio"],
        "compasses": ["outcomes-compass"],
        "journey": ["journey"],
    }
    assert document_kind("mou").options == ("version",)
    assert document_kind("meeting-plan").options == ("meeting",)
    assert document_kind("flags-diagnosis").options == ("diagnosis",)
    assert {kind.key: kind.options for kind in KINDS if "session" in kind.options}.keys() == {
        "forum-agenda",
        "forum-agenda-facilitator",
        "forum-summary",
        "forum-sign-in",
    }
    assert all(set(kind.options) <= set(OPTIONS) for kind in KINDS)
    with pytest.raises(KeyError):
        document_kind("cluster-workplan")
    with pytest.raises(KeyError):
        documents_for("people")


def test_titles_are_translated() -> None:
    assert document_kind("flags-workplan").title() == "תכנית עבודה לפי דגלים"
    i18n.set_language("en")
    try:
        assert document_kind("flags-workplan").title() == "Work plan by flags"
    finally:
        i18n.set_language("he")
    untranslated = [kind.key for kind in KINDS if kind.title() == kind.title_id]
    assert not untranslated


def test_choices_a_person_picks_from(every: Every) -> None:
    workspace, records = every
    i18n.set_language("en")
    try:
        assert document_choices(workspace, "mou", records.agreement) == {
            "version": [(None, "The current draft"), (1, "Version 1 (1.11.2026)")]
        }
        sessions = document_choices(workspace, "forum-summary", records.forum)["session"]
        assert [value for value, _label in sessions] == [1, 2, 3, 4]
        assert sessions[0][1].startswith("1. Forming the town")
        assert document_choices(workspace, "meeting-plan", records.community) == {
            "meeting": [(1, "1. 12.10.2026 – Meeting Kickoff")]
        }
        assert document_choices(workspace, "flags-diagnosis", records.flags) == {
            "diagnosis": [(records.diagnosis, f"{records.diagnosis}. Welfare Services (5.10.2026)")]
        }
        assert document_choices(workspace, "flags-sheet", records.flags) == {
            "item": [(1, "1. Welfare Services")]
        }
        assert document_choices(workspace, "syllabus", records.community) == {}
        assert document_choices(workspace, "summary", None) == {}
    finally:
        i18n.set_language("he")


def test_suggested_file_names_come_from_the_records_names(every: Every) -> None:
    workspace, records = every
    i18n.set_language("en")
    try:
        names = {
            "summary": suggested_file_name(workspace, "summary", None),
            "selection": suggested_file_name(workspace, "selection", records.selection),
            "mou": suggested_file_name(workspace, "mou", records.agreement, version=1),
            "forum-summary": suggested_file_name(workspace, "forum-summary", records.forum, session=1),
            "flags-diagnosis": suggested_file_name(
                workspace, "flags-diagnosis", records.flags, diagnosis=records.diagnosis
            ),
            "flags-workplan": suggested_file_name(workspace, "flags-workplan", records.flags),
            "syllabus": suggested_file_name(workspace, "syllabus", records.community),
        }
    finally:
        i18n.set_language("he")
    assert names == {
        "summary": f"{workspace.name} - summary.pdf",
        "selection": "Selection 2027 - selection decision.pdf",
        "mou": "Alphaville - MOU.pdf",
        "forum-summary": "Design Forum South - Session summary.pdf",
        "flags-diagnosis": "Southern Cluster - Welfare Services - Flags diagnosis.pdf",
        "flags-workplan": "Southern Cluster - Work plan by flags.pdf",
        "syllabus": "Community South - Yearly syllabus.pdf",
    }
    assert (
        suggested_file_name(workspace, "syllabus", records.community) == "Community South - סילבוס שנתי.pdf"
    )


def test_export_refuses_what_the_record_does_not_have(every: Every, tmp_path: Path) -> None:
    workspace, records = every
    out = tmp_path / "x.pdf"
    with pytest.raises(RecordNotFound):
        export_document(workspace, "forum-summary", 99, out, "he", session=1)
    with pytest.raises(NoSuchChoice) as missing:
        export_document(workspace, "forum-summary", records.forum, out, "he", session=5)
    assert (missing.value.option, missing.value.value) == ("session", 5)
    with pytest.raises(NoSuchChoice):
        export_document(workspace, "flags-diagnosis", records.flags, out, "he")  # which one?
    with pytest.raises(TypeError):
        export_document(workspace, "syllabus", records.community, out, "he", session=1)
    assert not out.exists()
    assert flags_work_number(workspace, "no-such-cluster") is None


def test_every_document_names_a_build_function_that_exists() -> None:
    """The report modules are imported when a document is built (not with the list): a name
    that does not resolve would otherwise fail only when that document is printed."""
    for kind in KINDS:
        module, function = kind.builder.rsplit(".", 1)
        assert callable(getattr(importlib.import_module(f"desktop.reports.{module}"), function, None)), (
            kind.key
        )
