"""The infrastructure-outcomes compass as a document (seed 001 l.1072-1120): the latest
taking, outcome by outcome, each statement marked per goal area, with the evidence; with
`compare`, what changed since an earlier taking, and the MOU's evaluation clause that refers
to it. Every statement says where it came from: the seed's own, or written by the team."""

from __future__ import annotations

from pathlib import Path

from desktop import i18n
from desktop.i18n import _
from desktop.models.compass import MARKS, OUTCOMES, SEED, Compass, Statement, Taking, compare, holds_count
from desktop.models.instrument_documents import CompassData
from desktop.reports.document import DocumentBuilder


def build_compass_pdf(source: CompassData, out: Path | None = None, language: str | None = None) -> bytes:
    with i18n.using_language(language):
        return compass_pdf(source, out)


def _title(taking: Taking) -> str:
    when = i18n.format_date(taking.taken_on)
    return f"{taking.label} ({when})" if taking.label else when


def _mark_text(taking: Taking, statement: Statement, area: str) -> str:
    """ "Holds", "Does not hold", "—" (not marked yet), or "" (not marked for this area)."""
    if area not in statement.areas:
        return ""
    value = taking.mark(statement.id, area).value
    return _(MARKS[value]) if value else "—"


def _origin(statement: Statement) -> str:
    return _("seed") if statement.origin == SEED else _("team")


def compass_pdf(source: CompassData, out: Path | None) -> bytes:
    compass = source.compass
    language = i18n.current_language()
    title = _("Infrastructure-outcomes compass: {town}").format(town=source.town)
    document = DocumentBuilder(
        title, language, author=_("Shutafut"), subject=_("Infrastructure-outcomes compass")
    )
    document.heading(title, 0)
    if source.demo:
        document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
    document.paragraph(
        _(
            "The compass was developed by the Yishuv BaMerkaz team and the Rashi Foundation's R&D "
            "department and validated by ERI. Statements marked “seed” are the seed's own; those "
            "marked “team” were written by the town's team, with their source below."
        ),
        document.styles.small,
    )
    document.paragraph(_("Goal areas: {areas}").format(areas=i18n.format_list(compass.areas) or "—"))
    takings = compass.ordered_takings()
    if not takings:
        document.paragraph(_("The compass has not been taken yet."))
        _sources(document, compass)
        return document.build(out)
    latest = takings[-1]
    if source.before is not None:
        _comparison(document, compass, source.before, latest, source.clause)
    document.heading(_("Taking: {title}").format(title=_title(latest)))
    summary_rows = []
    for outcome in OUTCOMES:
        if not compass.outcome_statements(outcome):
            continue
        counts = [holds_count(compass, latest, outcome, area) for area in compass.areas]
        summary_rows.append(
            [_(OUTCOMES[outcome]), *(f"{held}/{count}" if count else "—" for held, count in counts)]
        )
    document.paragraph(_("Statements that hold, by outcome and goal area:"))
    document.table(
        [_("Infrastructure outcome"), *compass.areas],
        summary_rows,
        [4] + [1.3] * len(compass.areas),
    )
    for outcome in OUTCOMES:
        statements = compass.outcome_statements(outcome)
        if not statements:
            continue
        document.heading(_(OUTCOMES[outcome]), 2)
        document.table(
            [_("Indicator statement"), *compass.areas],
            [
                [
                    f"{s.display_text()} ({_origin(s)})",
                    *(_mark_text(latest, s, area) for area in compass.areas),
                ]
                for s in statements
            ],
            [4] + [1.3] * len(compass.areas),
        )
    evidence = [
        f"{s.display_text()} — {area}: {latest.mark(s.id, area).evidence}"
        for outcome in OUTCOMES
        for s in compass.outcome_statements(outcome)
        for area in s.areas
        if latest.mark(s.id, area).evidence
    ]
    document.heading(_("Evidence"))
    if evidence:
        document.bullets(evidence)
    else:
        document.paragraph(_("No evidence recorded in this taking."))
    _sources(document, compass)
    return document.build(out)


def _comparison(
    document: DocumentBuilder, compass: Compass, before: Taking, after: Taking, clause: str
) -> None:
    document.heading(
        _("What changed: {before} to {after}").format(before=_title(before), after=_title(after))
    )
    if clause:
        document.paragraph(
            _("The MOU's evaluation clause: “{clause}”").format(clause=clause), document.styles.small
        )
    rows = []
    for change in compare(compass, before, after):
        what = []
        texts = {s.id: s.display_text() for s in compass.statements}
        if change.gained:
            what.append(
                _("Now holds: {statements}").format(statements="; ".join(texts[s] for s in change.gained))
            )
        if change.lost:
            what.append(
                _("No longer holds: {statements}").format(statements="; ".join(texts[s] for s in change.lost))
            )
        rows.append(
            [
                _(OUTCOMES[change.outcome]),
                change.area,
                f"{change.held_before}/{change.statements}",
                f"{change.held_after}/{change.statements}",
                " ".join(what) or _("No change"),
            ]
        )
    document.table(
        [_("Infrastructure outcome"), _("Goal area"), _("Before"), _("After"), _("What changed")],
        rows,
        [3, 1.5, 1, 1, 4],
    )


def _sources(document: DocumentBuilder, compass: Compass) -> None:
    document.heading(_("The statements and where they came from"))
    document.table(
        [_("Indicator statement"), _("Origin"), _("Source")],
        [
            [
                s.display_text(),
                _("From the seed") if s.origin == SEED else _("Written by the team"),
                s.display_source() or "—",
            ]
            for outcome in OUTCOMES
            for s in compass.outcome_statements(outcome)
        ],
        [4, 1.5, 3],
    )
