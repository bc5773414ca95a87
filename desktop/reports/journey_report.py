"""The journey report (issue 18): where one town or regional cluster stands on the seeds'
path, for the foundation: the same lines as the home screen, printable."""

from __future__ import annotations

from pathlib import Path

from desktop import i18n
from desktop.i18n import _
from desktop.models.journey import JourneyReportData, Mark, mark_label
from desktop.reports.document import DocumentBuilder


def build_journey_pdf(data: JourneyReportData, out: Path | None = None, language: str | None = None) -> bytes:
    with i18n.using_language(language) as language:
        journey = data.journey
        title = _("Journey report: {name}").format(name=journey.name)
        document = DocumentBuilder(title, language, author=_("Shutafut"), subject=_("Journey report"))
        document.heading(title, 0)
        document.paragraph(
            _("Where it stands on {date}.").format(date=i18n.format_date(data.today)), document.styles.small
        )
        if data.is_demo:
            document.notice(_("Demo workspace: the people and organisations in it are fictional examples."))
        if journey.kind == "town":
            path = _(
                "The path of a town (seed 001): choosing the town, building agreements and signing the "
                "MOU, four design-forum sessions, a shared agenda and professional teams, the collective "
                "plan and investments, and the infrastructure outcomes measured in year one and year three."
            )
        else:
            path = _(
                "The path of a regional cluster (seed 000): map the cluster's partnerships, projects and "
                "services; diagnose each against the four flags with the rubric; plan by flags."
            )
        document.paragraph(path)
        document.heading(_("The steps"))
        rows = [[step.label, mark_label(step.mark), step.state] for step in journey.steps]
        document.table([_("Step"), _("Mark"), _("Where it stands")], rows, col_widths=[28, 14, 58])
        overdue = [f"{step.label}: {step.state}" for step in journey.steps if step.mark is Mark.OVERDUE]
        document.heading(_("Overdue"))
        if overdue:
            document.bullets(overdue)
        else:
            document.paragraph(_("Nothing is overdue."))
        upcoming = [f"{step.label}: {step.state}" for step in journey.steps if step.mark is Mark.NEXT]
        if upcoming:
            document.heading(_("Next"))
            document.bullets(upcoming)
        return document.build(out)
