"""Frozen versions and the clause-by-clause comparison, safe for Hebrew text."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.models.mou import (
    MouSection,
    Parties,
    add_custom_clause,
    remove_clause,
    set_clause_text,
)
from desktop.models.mou_budget import with_amount
from desktop.models.mou_draft import new_draft
from desktop.models.mou_versions import (
    ChangeKind,
    DraftPart,
    WordChange,
    WordOp,
    diff_drafts,
    diff_versions,
    freeze_version,
    has_changes,
    mark_signed,
    tokenize,
    word_diff,
)
from desktop.models.validation import ValidationError

SENT = date(2026, 3, 1)


def test_versions_are_numbered_in_order_of_sending() -> None:
    draft = new_draft("he", Parties("a", "o"), date(2026, 9, 1))
    first = freeze_version(draft, [], SENT, " first draft ")
    assert (first.number, first.note, first.is_signed) == (1, "first draft", False)
    second = freeze_version(draft, [first], date(2026, 4, 1))
    third = freeze_version(draft, [second, first], date(2026, 4, 1))
    assert (second.number, third.number) == (2, 3)
    with pytest.raises(ValidationError) as caught:
        freeze_version(draft, [first, second], date(2026, 2, 1))
    assert caught.value.field == "version.sent_on"
    assert not has_changes(draft, first)


def test_signing_a_version() -> None:
    version = freeze_version(new_draft("he"), [], SENT)
    signed = mark_signed(version, date(2026, 3, 20))
    assert signed.is_signed and signed.number == 1
    with pytest.raises(ValidationError):
        mark_signed(version, date(2026, 2, 1))


def test_clause_diff_finds_added_removed_and_changed_clauses() -> None:
    old = new_draft("he", Parties("a", "o"), date(2026, 9, 1))
    clauses = set_clause_text(
        old.clauses,
        "ownership.director_general",
        'מנכ"ל הרשות מחויב ללוות את המהלך באופן אישי ושבועי.',
    )
    clauses = remove_clause(clauses, "evaluation.data_sources")
    clauses, custom = add_custom_clause(clauses, MouSection.PURPOSE, "הצדדים יפעלו בשקיפות.")
    new = replace(old, clauses=clauses)
    old_version = freeze_version(old, [], SENT)
    new_version = freeze_version(new, [old_version], date(2026, 4, 1))
    diff = diff_versions(old_version, new_version)
    assert [(c.key, c.kind, c.old_number, c.new_number) for c in diff.clauses] == [
        (custom.key, ChangeKind.ADDED, None, "1.3"),
        ("ownership.director_general", ChangeKind.CHANGED, "2.2", "2.2"),
        ("evaluation.data_sources", ChangeKind.REMOVED, "6.3", None),
    ]
    changed = diff.clauses[1]
    assert changed.words == (
        WordChange(WordOp.EQUAL, 'מנכ"ל הרשות מחויב ללוות את המהלך באופן אישי'),
        WordChange(WordOp.INSERTED, " ושבועי"),
        WordChange(WordOp.EQUAL, "."),
    )
    assert diff.clauses[0].words == (WordChange(WordOp.INSERTED, "הצדדים יפעלו בשקיפות."),)
    assert diff.parts == ()


def test_structured_parts_that_changed_are_named() -> None:
    old = new_draft("he", Parties("a", "o"), date(2026, 9, 1))
    new = replace(old, budget=with_amount(old.budget, 2027, "authority", 1))
    assert diff_drafts(old, new).parts == (DraftPart.BUDGET,)
    assert diff_drafts(old, old).is_empty


def test_marks_niqqud_order_and_spacing_do_not_count_as_changes() -> None:
    old = new_draft("he")
    text = old.clauses[0].text
    # Same letters with the points typed in the other order, an RLM and a doubled space.
    pointed = "שָׁלוֹם " + text
    reordered = "ש" + "\u05b8\u05c1" + "לוֹם  \u200f" + text
    assert unicodedata.normalize("NFC", reordered) != reordered.replace("  \u200f", " ")
    before = replace(old, clauses=set_clause_text(old.clauses, old.clauses[0].key, pointed))
    after = replace(old, clauses=set_clause_text(old.clauses, old.clauses[0].key, reordered))
    assert diff_drafts(before, after).clauses == ()


def test_hebrew_words_with_gershayim_and_maqaf_stay_whole() -> None:
    assert tokenize('יו"ר ועדת ההיגוי, מנכ״ל תל־אביב') == [
        'יו"ר',
        " ",
        "ועדת",
        " ",
        "ההיגוי",
        ",",
        " ",
        "מנכ״ל",
        " ",
        "תל־אביב",
    ]
    words = word_diff('יו"ר המינהלת: ראש הרשות.', 'יו"ר המינהלת: מנכ"ל הרשות.')
    assert [w for w in words if w.op is not WordOp.EQUAL] == [
        WordChange(WordOp.DELETED, "ראש"),
        WordChange(WordOp.INSERTED, 'מנכ"ל'),
    ]
    amounts = word_diff("סך 1,250,000 ₪", "סך 1,300,000 ₪")
    assert WordChange(WordOp.INSERTED, "1,300,000") in amounts


hebrew_text = st.text(
    alphabet=st.sampled_from(list("אבגדהוזחטיכלמנסעפצקרשת\"'־,. \u05b8\u05c1")), max_size=60
)


@given(hebrew_text, hebrew_text)
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    from desktop.models.mou_versions import normalise

    words = word_diff(old, new)
    assert "".join(w.text for w in words if w.op is not WordOp.INSERTED) == normalise(old)
    assert "".join(w.text for w in words if w.op is not WordOp.DELETED) == normalise(new)
    assert "".join(tokenize(normalise(old))) == normalise(old)
