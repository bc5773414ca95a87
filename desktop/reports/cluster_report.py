"""The cluster documents: the cluster profile (seed 003, seed 002 l.63-106) and the guidance
needs compared across the clusters (seed 002 l.222-262)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop import i18n
from desktop.i18n import _
from desktop.models.cluster_documents import ClusterProfileData, GuidanceData
from desktop.models.cluster_profile import (
    CHAIR_STYLES,
    CRITERIA,
    FORUM_KINDS,
    LEVELS,
    SAVING_TARGET,
    membership_difference,
)
from desktop.models.flags import SERVICE_LEVELS
from desktop.models.guidance import (
    CATEGORIES,
    NATIONAL_NEEDS,
    NATIONAL_WORDING,
    NEEDS,
    PRIORITIES,
    ROLES,
    SEED_PROVIDERS,
    NeedChoice,
    compare,
    imposed,
    mixed_roles,
    need_text,
)
from desktop.reports.document import DocumentBuilder, text_date

DEMO_NOTICE = "Demo workspace: the people and organisations in it are fictional examples."


def _yes(value: bool) -> str:
    return _("Met") if value else _("Not met")


def provider_label(provider: str, names: dict[str, str] | object) -> str:
    if provider in SEED_PROVIDERS:
        return _(SEED_PROVIDERS[provider])
    if isinstance(names, dict):
        return str(names.get(provider, "—")) if provider else "—"
    return "—"


def build_cluster_profile_pdf(
    data: ClusterProfileData, out: Path | None = None, language: str | None = None
) -> bytes:
    with i18n.using_language(language):
        return cluster_profile_pdf(data, out)


def cluster_profile_pdf(data: ClusterProfileData, out: Path | None) -> bytes:
    profile, names = data.profile, data.names
    title = _("Cluster profile: {name}").format(name=data.name)
    document = DocumentBuilder(
        title, i18n.current_language(), author=_("Shutafut"), subject=_("Cluster profile")
    )
    document.heading(title, 0)
    if names.demo:
        document.notice(_(DEMO_NOTICE))

    document.heading(_("Founding"))
    facts = []
    if profile.founding_year:
        facts.append(_("Founded: {year}").format(year=profile.founding_year))
    if profile.initiator:
        facts.append(_("Initiating authority: {name}").format(name=names.authority(profile.initiator)))
    if profile.initiator_person:
        facts.append(_("Proposed by: {name}").format(name=profile.initiator_person))
    if facts:
        document.paragraph(" · ".join(facts))
    document.paragraph(profile.founding_story or _("No founding story yet."))

    document.heading(_("Goals"))
    if profile.goals:
        document.bullets(profile.goals)
    else:
        document.paragraph(_("No goals yet."))

    document.heading(_("Launch event"))
    launch = [
        i18n.format_date(date.fromisoformat(profile.launch_date)) if profile.launch_date else "",
        profile.launch_place,
    ]
    document.paragraph(" · ".join(p for p in launch if p) or "—")
    if profile.launch_notes:
        document.paragraph(profile.launch_notes)

    document.heading(_("The three levels of work"))
    document.numbered([f"{_(label)}: {profile.levels.get(key) or '—'}" for key, label in LEVELS.items()])

    document.heading(_("Forums"))
    if profile.forums:
        document.table(
            [_("Forum"), _("Kind"), _("Founded"), _("Notes")],
            [
                [f.name, _(FORUM_KINDS.get(f.kind, FORUM_KINDS["other"])), text_date(f.founded), f.notes]
                for f in profile.forums
            ],
            col_widths=[30, 20, 12, 38],
        )
    else:
        document.paragraph(_("No forums yet."))

    document.heading(_("The accompanying body"))
    document.paragraph(profile.accompanying_body or "—")
    if profile.accompanying_notes:
        document.paragraph(profile.accompanying_notes)

    document.heading(_("The board of mayors and the chair–CEO relationship"))
    document.paragraph(
        " · ".join(
            (
                _("Chair: {name}").format(name=names.person(profile.chair)),
                _("CEO: {name}").format(name=names.person(profile.ceo)),
                _(CHAIR_STYLES.get(profile.chair_style, CHAIR_STYLES[""])),
            )
        )
    )
    if profile.chair_ceo_notes:
        document.paragraph(profile.chair_ceo_notes)

    document.heading(_("Membership"))
    for earlier, later in zip([None, *profile.memberships], profile.memberships, strict=False):
        members = ", ".join(names.authority(m) for m in later.members)
        document.paragraph(
            _("{as_of} ({count} authorities; source: {source}): {members}").format(
                as_of=text_date(later.as_of),
                count=len(later.members),
                source=later.source,
                members=members,
            )
        )
        if earlier is not None:
            joined, left = membership_difference(earlier, later)
            if joined or left:
                document.paragraph(
                    _("Since {as_of}: joined {joined}; left {left}").format(
                        as_of=text_date(earlier.as_of),
                        joined=", ".join(names.authority(m) for m in joined) or "—",
                        left=", ".join(names.authority(m) for m in left) or "—",
                    ),
                    document.styles.small,
                )
    if profile.membership_note:
        document.paragraph(_("Why the lists differ: {note}").format(note=profile.membership_note))
    for as_of, joined_names, note in data.changes:
        document.paragraph(
            _("{as_of}: joined {joined}").format(as_of=text_date(as_of), joined=", ".join(joined_names))
            + (f" ({note})" if note else "")
        )

    document.heading(_("The cluster definition"))
    if data.criteria:
        document.table(
            [_("Criterion"), _("Met?"), _("Figures")],
            [[_(CRITERIA[c.key]), _yes(c.met), c.figure] for c in data.criteria],
            col_widths=[28, 14, 58],
        )
        document.paragraph(_("Source: {source}").format(source=data.national_source), document.styles.small)
    else:
        document.paragraph(_("The national data has no members of this cluster."))

    document.heading(_("Services"))
    met, condition = data.core_condition
    document.paragraph(f"{_yes(met)}: {condition}")
    if data.services:
        document.table(
            [_("Service"), _("Level"), _("Saving"), _("Quality"), _("Closing gaps"), _("Expectations")],
            [
                [
                    row.name,
                    _(SERVICE_LEVELS.get(row.level, SERVICE_LEVELS["core"])),
                    f"{row.expectation.saving_percent}%"
                    if row.expectation.saving_percent is not None
                    else "—",
                    _("Yes") if row.expectation.quality else _("No"),
                    _("Yes") if row.expectation.closes_gaps else _("No"),
                    _yes(row.meets_expectations) if row.level == "core" else "—",
                ]
                for row in data.services
            ],
            col_widths=[30, 18, 10, 10, 14, 18],
        )
        document.paragraph(
            _(
                "A core service is expected to save {percent}% of the cost, "
                "or to raise quality, or to close gaps."
            ).format(percent=SAVING_TARGET),
            document.styles.small,
        )
    else:
        document.paragraph(_("The cluster's flags mapping has no services yet."))

    document.heading(_("Guidance needs"))
    _needs_table(document, profile.needs, dict(names.providers))
    return document.build(out)


def _needs_table(document: DocumentBuilder, needs: dict[str, NeedChoice], providers: dict[str, str]) -> None:
    rows = []
    for number, (category, _text) in NEEDS.items():
        choice = needs.get(str(number), NeedChoice())
        rows.append(
            [
                str(number),
                need_text(number),
                _(CATEGORIES[category]),
                _(PRIORITIES[choice.priority]),
                provider_label(choice.provider, providers),
                _(ROLES.get(choice.role, ROLES[""])),
                _("Yes") if choice.ceo_choice else _("No"),
            ]
        )
    document.table(
        [
            "#",
            _("Need"),
            _("Category"),
            _("Priority"),
            _("Provider"),
            _("Supports or controls"),
            _("CEO's choice"),
        ],
        rows,
        col_widths=[4, 36, 13, 11, 14, 12, 10],
        numeric_columns=(0,),
    )
    warnings = []
    for provider in mixed_roles(needs):
        warnings.append(
            _("{provider} both supports and controls; the seed asks to keep the two apart.").format(
                provider=provider_label(provider, providers)
            )
        )
    pressed = imposed(needs)
    if pressed:
        warnings.append(
            _("Needs whose provider the CEO did not choose: {numbers}").format(
                numbers=", ".join(map(str, pressed))
            )
        )
    if warnings:
        document.bullets(warnings)


def build_guidance_pdf(data: GuidanceData, out: Path | None = None, language: str | None = None) -> bytes:
    with i18n.using_language(language):
        return guidance_pdf(data, out)


def guidance_pdf(data: GuidanceData, out: Path | None) -> bytes:
    title = _("Guidance needs of the regional clusters")
    document = DocumentBuilder(title, i18n.current_language(), author=_("Shutafut"), subject=title)
    document.heading(title, 0)
    if data.demo:
        document.notice(_(DEMO_NOTICE))
    if data.chosen is not None:
        document.heading(data.chosen)
        needs = dict(next((n for name, n in data.clusters if name == data.chosen), {}))
        _needs_table(document, needs, dict(data.providers))

    document.heading(_("The two needs raised to the national level"))
    names = [name for name, _needs in data.clusters]
    for number in NATIONAL_NEEDS:
        document.paragraph(f"{number}. {_(NATIONAL_WORDING[number])}")
        document.paragraph(
            " · ".join(
                f"{name}: {_(PRIORITIES[needs.get(str(number), NeedChoice()).priority])}"
                for name, needs in data.clusters
            )
            or _("No cluster has rated its needs yet."),
            document.styles.small,
        )

    document.heading(_("Comparison across the clusters"))
    if not data.clusters:
        document.paragraph(_("No cluster has rated its needs yet."))
        return document.build(out)
    rows = compare([needs for _name, needs in data.clusters])
    document.table(
        ["#", _("Need"), *names, _("Most pressing in")],
        [
            [
                str(row.number),
                need_text(row.number) + (" *" if row.national else ""),
                *[_(PRIORITIES[p]) for p in row.priorities],
                ", ".join(names[i] for i in row.pressing) or "—",
            ]
            for row in rows
        ],
        col_widths=[4, 40, *[10] * len(names), 18],
        numeric_columns=(0,),
    )
    # An asterisk: the bundled fonts have no star.
    document.paragraph(_("* raised to the national level. Most pressing first."), document.styles.small)
    return document.build(out)
