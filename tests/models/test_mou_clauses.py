"""MOU sections and clauses: the seed's order, template texts in three languages, editing."""

from __future__ import annotations

import json
import re

import pytest

from desktop import i18n
from desktop.i18n import LANGUAGES
from desktop.models import mou
from desktop.models.mou import (
    CLAUSE_SPECS,
    MouSection,
    Parties,
    add_custom_clause,
    default_clauses,
    load_texts,
    numbered_sections,
    remove_clause,
    restore_default_clause,
    set_clause_text,
    validate_parties,
)

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_sections_follow_the_seed_order() -> None:
    assert [s.value for s in MouSection] == [
        "purpose",
        "ownership",
        "strategy",
        "principles",
        "bodies",
        "evaluation",
        "parties",
        "timeframe",
        "annexes",
    ]
    assert [s.number for s in MouSection] == list(range(1, 10))


def test_strategy_has_three_dimensions_and_principles_four() -> None:
    by_section = {s: [c.key for c in CLAUSE_SPECS if c.section is s] for s in MouSection}
    assert by_section[MouSection.STRATEGY] == [
        "strategy.authority_key",
        "strategy.social_infrastructure",
        "strategy.mobility_levers",
    ]
    assert by_section[MouSection.PRINCIPLES] == [
        "principles.systemic_change",
        "principles.data_use",
        "principles.public_participation",
        "principles.conditional_investment",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_file_has_every_key_and_the_same_placeholders(language: str) -> None:
    texts, english = load_texts(language), load_texts("en")
    assert set(texts.clauses) == {spec.key for spec in CLAUSE_SPECS}
    assert all(text.strip() for text in texts.clauses.values())
    for group in ("document", "generated", "phases"):
        mine, reference = getattr(texts, group), getattr(english, group)
        assert set(mine) == set(reference), group
        for key, text in mine.items():
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(reference[key])), key
    assert set(texts.bodies) == set(english.bodies)
    assert len(texts.mobility_fields) == len(english.mobility_fields)
    assert set(texts.roles) == set(english.roles)


def test_hebrew_defaults_use_the_seed_wording() -> None:
    texts = load_texts("he")
    assert texts.section_title(MouSection.PURPOSE) == "ייעוד השותפות"
    assert "מוביליות החברתית" in texts.clauses["purpose.vision"]
    assert 'יו"ר' in texts.clauses["ownership.mayor_chairs"]
    assert "שיתוף ציבור" in texts.clauses["principles.public_participation"]
    assert texts.bodies["town_administration"].chair == "ראש הרשות"


def test_arabic_file_is_arabic_and_english_is_english() -> None:
    assert re.search("[\u0600-\u06ff]", load_texts("ar").clauses["purpose.vision"])
    assert not re.search(
        "[\u0590-\u05ff\u0600-\u06ff]", json.dumps(dict(load_texts("en").clauses), ensure_ascii=False)
    )


def test_a_file_missing_a_clause_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(mou.texts_path("en").read_text(encoding="utf-8"))
    del data["clauses"]["principles.data_use"]
    (tmp_path / "clauses.en.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(mou, "MOU_DATA_DIR", tmp_path)
    mou.load_texts.cache_clear()
    try:
        with pytest.raises(mou.MouDataError, match="principles.data_use"):
            mou.load_texts("en")
    finally:
        mou.load_texts.cache_clear()


def test_numbering_runs_per_section_and_keeps_empty_sections() -> None:
    clauses = remove_clause(default_clauses("he"), "evaluation.data_sources")
    sections = numbered_sections(clauses)
    assert [s.number for s in sections] == list(range(1, 10))
    assert [c.number for c in sections[5].clauses] == ["6.1", "6.2"]
    only_purpose = numbered_sections([c for c in clauses if c.section is MouSection.PURPOSE])
    assert only_purpose[3].clauses == ()


def test_custom_clause_goes_to_the_end_of_its_section_and_never_reuses_a_key() -> None:
    clauses, first = add_custom_clause(default_clauses("he"), MouSection.PURPOSE, "סעיף חדש")
    assert first.key.startswith("custom.purpose.") and first.is_custom
    purpose = [c.key for c in clauses if c.section is MouSection.PURPOSE]
    assert purpose[-1] == first.key
    assert clauses[len(purpose) - 1] == first  # before the next section
    clauses, second = add_custom_clause(clauses, MouSection.PURPOSE, "עוד")
    clauses = remove_clause(clauses, second.key)
    clauses, third = add_custom_clause(clauses, MouSection.PURPOSE, "שלישי")
    assert len({first.key, second.key, third.key}) == 3


def test_restoring_a_removed_seed_clause_puts_it_back_in_place_with_default_text() -> None:
    original = default_clauses("he")
    edited = remove_clause(original, "principles.data_use")
    edited, custom = add_custom_clause(edited, MouSection.PRINCIPLES, "עקרון נוסף")
    restored = restore_default_clause(edited, "principles.data_use", "he")
    keys = [c.key for c in restored if c.section is MouSection.PRINCIPLES]
    assert keys == [
        "principles.systemic_change",
        "principles.data_use",
        "principles.public_participation",
        "principles.conditional_investment",
        custom.key,
    ]
    changed = set_clause_text(original, "purpose.vision", "חזון אחר")
    back = restore_default_clause(changed, "purpose.vision", "he")
    assert back == original


def test_clause_labels_are_english_msgids_translated_when_shown() -> None:
    i18n.set_language("en")
    clause = default_clauses("he")[0]
    assert clause.label == "Shared vision"
    _clauses, custom = add_custom_clause((), MouSection.ANNEXES, "x")
    assert custom.label == "Added clause"


def test_unknown_clause_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        set_clause_text(default_clauses("en"), "nope", "x")


def test_parties_validation() -> None:
    i18n.set_language("en")
    errors = validate_parties(Parties())
    assert {e.field for e in errors} == {"parties.authority", "parties.organisation"}
    twice = validate_parties(Parties("a", "o", ("p", "p")))
    assert [e.field for e in twice] == ["parties.partners"]
    assert "chosen twice" in twice[0].message
    organisation_as_partner = validate_parties(Parties("a", "o", ("o",)))
    assert [e.field for e in organisation_as_partner] == ["parties.partners"]
    assert [e.field for e in validate_parties(Parties("a", "o", exit_notice_days=0))] == [
        "parties.exit_notice_days"
    ]
    assert validate_parties(Parties("a", "o", ("p1", "p2"), 90)) == []


def test_party_keys_list_each_partner_once() -> None:
    assert Parties("a", "o", ("p1", "p2", "p1")).party_keys() == (
        "authority",
        "organisation",
        "partner:p1",
        "partner:p2",
    )
    assert mou.partner_uuid_of("partner:p1") == "p1"
    assert mou.partner_uuid_of("authority") is None
