"""Numbered versions of an MOU and the clause-by-clause comparison of two of them.

Each time the facilitator marks a draft "sent to the authority", the draft is frozen as
version N (1, 2, …). Two versions are compared by clause key: a clause is added,
removed or changed; a changed clause carries a word-level diff for highlighting.

Hebrew-safe comparison: texts are compared after Unicode NFC normalisation (niqqud and
other combining marks typed in a different order compare equal), without bidi marks,
and with runs of white space folded. Words are runs of letters, digits and marks;
the gershayim or geresh inside an abbreviation (מנכ"ל, יו"ר, ג'וינט) and the maqaf
keep a word whole, a number keeps its separators (1,250,000), while commas, full stops
and brackets are tokens of their own.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from desktop.i18n import _, strip_marks
from desktop.models.mou import Clause, MouSection, numbered_sections
from desktop.models.mou_draft import MouDraft
from desktop.models.validation import ValidationError


@dataclass(frozen=True)
class MouVersion:
    """A draft as sent; `party_names` are the parties' names as printed then (key, name)."""

    number: int
    sent_on: date
    draft: MouDraft
    note: str = ""
    signed_on: date | None = None
    party_names: tuple[tuple[str, str], ...] = ()

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None

    @property
    def names(self) -> dict[str, str]:
        return dict(self.party_names)


def next_version_number(versions: Sequence[MouVersion]) -> int:
    return max((v.number for v in versions), default=0) + 1


def freeze_version(
    draft: MouDraft,
    versions: Sequence[MouVersion],
    sent_on: date,
    note: str = "",
    names: Mapping[str, str] | None = None,
) -> MouVersion:
    """The draft as sent to the authority on `sent_on`, numbered after the existing ones.

    `names` (party key → name) keeps the names as printed, should a record be renamed later.
    """
    latest = max(versions, key=lambda v: v.number, default=None)
    if latest is not None and sent_on < latest.sent_on:
        raise ValidationError(
            "version.sent_on",
            _("Version {number} was sent on a later date.").format(number=latest.number),
        )
    return MouVersion(
        next_version_number(versions),
        sent_on,
        draft,
        note.strip(),
        party_names=tuple(sorted((names or {}).items())),
    )


def mark_signed(version: MouVersion, signed_on: date) -> MouVersion:
    if signed_on < version.sent_on:
        raise ValidationError(
            "version.signed_on", _("The signing date is before the date the version was sent.")
        )
    return replace(version, signed_on=signed_on)


def has_changes(draft: MouDraft, version: MouVersion) -> bool:
    """Whether the draft differs from `version` (so sending it again makes sense)."""
    return draft != version.draft


# --- comparing ------------------------------------------------------------------------


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class WordOp(StrEnum):
    EQUAL = "equal"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class WordChange:
    op: WordOp
    text: str  # one or more tokens, white space included as in the text


@dataclass(frozen=True)
class ClauseChange:
    key: str
    section: MouSection
    kind: ChangeKind
    old_number: str | None  # "4.2" in the earlier version
    new_number: str | None  # in the later version
    old_text: str
    new_text: str
    words: tuple[WordChange, ...]  # the whole text; for added/removed one INSERTED/DELETED run


class DraftPart(StrEnum):
    """Parts of the MOU compared as a whole (they print as tables and generated sentences)."""

    LANGUAGE = "language"
    PARTIES = "parties"
    BODIES = "bodies"
    TIMEFRAME = "timeframe"
    BUDGET = "budget"
    SIGNATORIES = "signatories"


@dataclass(frozen=True)
class VersionDiff:
    clauses: tuple[ClauseChange, ...]
    parts: tuple[DraftPart, ...]

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.parts


_WHITESPACE = re.compile(r"\s+")
# Combining marks `\w` does not match: Hebrew points and cantillation, Arabic harakat.
_MARKS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670"
_LETTERS = rf"(?:[^\W_]|[{_MARKS}])+"
# Inside a word: geresh, gershayim (also typed as ' and "), apostrophe, maqaf, hyphen.
_JOINERS = "'\"\u05f3\u05f4\u2019\u05be-"
_NUMBER = r"\d+(?:[.,]\d+)+"  # 1,250,000 and 2.5 are one token each
_TOKEN = re.compile(rf"\s+|{_NUMBER}|{_LETTERS}(?:[{_JOINERS}]{_LETTERS})*|\S")


def normalise(text: str) -> str:
    """The form compared: NFC, no bidi marks, white space folded to single spaces."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", strip_marks(text))).strip()


def tokenize(text: str) -> list[str]:
    """Words, single punctuation marks and white-space runs; joined they give `text` back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[WordChange, ...]:
    """Word-level differences between two normalised texts, adjacent runs merged."""
    old_tokens, new_tokens = tokenize(normalise(old)), tokenize(normalise(new))
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    runs: list[WordChange] = []

    def add(op: WordOp, tokens: list[str]) -> None:
        if not tokens:
            return
        text = "".join(tokens)
        if runs and runs[-1].op is op:
            runs[-1] = WordChange(op, runs[-1].text + text)
        else:
            runs.append(WordChange(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(WordOp.EQUAL, old_tokens[i1:i2])
        else:
            add(WordOp.DELETED, old_tokens[i1:i2])
            add(WordOp.INSERTED, new_tokens[j1:j2])
    return tuple(runs)


def _numbers(clauses: Sequence[Clause]) -> dict[str, str]:
    return {
        numbered.clause.key: numbered.number
        for section in numbered_sections(clauses)
        for numbered in section.clauses
    }


def diff_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> tuple[ClauseChange, ...]:
    """Changes by clause key, section by section: the later version's clauses in order,
    then the clauses it removed from that section (in their earlier order)."""
    old_by_key = {c.key: c for c in old}
    new_by_key = {c.key: c for c in new}
    old_numbers, new_numbers = _numbers(old), _numbers(new)
    changes = []
    for section in MouSection:
        for clause in (c for c in new if c.section is section):
            before = old_by_key.get(clause.key)
            if before is None:
                changes.append(
                    ClauseChange(
                        clause.key,
                        section,
                        ChangeKind.ADDED,
                        None,
                        new_numbers[clause.key],
                        "",
                        clause.text,
                        (WordChange(WordOp.INSERTED, normalise(clause.text)),),
                    )
                )
            elif normalise(before.text) != normalise(clause.text):
                changes.append(
                    ClauseChange(
                        clause.key,
                        section,
                        ChangeKind.CHANGED,
                        old_numbers[clause.key],
                        new_numbers[clause.key],
                        before.text,
                        clause.text,
                        word_diff(before.text, clause.text),
                    )
                )
        for clause in (c for c in old if c.section is section and c.key not in new_by_key):
            changes.append(
                ClauseChange(
                    clause.key,
                    section,
                    ChangeKind.REMOVED,
                    old_numbers[clause.key],
                    None,
                    clause.text,
                    "",
                    (WordChange(WordOp.DELETED, normalise(clause.text)),),
                )
            )
    return tuple(changes)


def diff_drafts(old: MouDraft, new: MouDraft) -> VersionDiff:
    parts = tuple(part for part in DraftPart if getattr(old, part.value) != getattr(new, part.value))
    return VersionDiff(diff_clauses(old.clauses, new.clauses), parts)


def diff_versions(old: MouVersion, new: MouVersion) -> VersionDiff:
    """What changed from the earlier version `old` to the later `new`."""
    return diff_drafts(old.draft, new.draft)
