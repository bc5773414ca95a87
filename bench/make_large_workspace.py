"""A workspace of a foundation's real size, built with the app's own stores and models.

    .venv/bin/python bench/make_large_workspace.py FOLDER [--scale 1.0]

At scale 1: the 257 authorities of the national data, 60 regional clusters, 2,000
organisations, 20,000 people, 50 selection processes with 8 raters, 200 agreements with 5
sent versions each, 100 design forums with 60 participants and 400 ideas, 100 flags
diagnoses (one flags work per cluster), 100 learning communities of 15 members. Counts
other than the authorities scale with `--scale` (the growth bench builds 0.1x to 1x).

The file is cached in FOLDER as `large-<scale>.shutafut`: every bench calls
`large_workspace(folder, scale)` and reuses it. Built once, in about a minute at scale 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FULL = {
    "clusters": 60,
    "organisations": 2000,
    "people": 20000,
    "processes": 50,
    "agreements": 200,
    "forums": 100,
    "diagnoses": 100,
    "communities": 100,
}
RATERS = 8
SENT_VERSIONS = 5
FORUM_PARTICIPANTS = 60
FORUM_IDEAS = 400
COMMUNITY_MEMBERS = 15
FORMAT = "1"  # bump when the content built here changes, so caches are rebuilt

FIRST = ["מיכל", "יוסף", "רונית", "סמיר", "דנה", "אבי", "נור", "שרון", "אחמד", "גלית", "עומר", "לינה"]
LAST = ["אברהמי", "אלעוברה", "ששון", "אבו-ראס", "לוי", "כהן", "חטיב", "פרץ", "מזרחי", "ביטון", "חורי"]


def counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(full * scale)) for name, full in FULL.items()}


def cache_path(folder: Path, scale: float) -> Path:
    return folder / f"large-{scale:g}-v{FORMAT}.shutafut"


def large_workspace(folder: Path, scale: float = 1.0) -> Path:
    """The path of the cached workspace at `scale`, built first when it is not there."""
    path = cache_path(folder, scale)
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".building")
        for leftover in folder.glob(partial.name + "*"):
            leftover.unlink()
        build(partial, scale)
        partial.rename(path)
    return path


def build(path: Path, scale: float) -> None:
    from sqlalchemy import select

    from desktop.models.records import RECORD_SPECS, RecordKind
    from desktop.storage.cbs_files import apply_changes
    from desktop.storage.national_data import national_preview
    from desktop.storage.reference_store import save_record
    from desktop.storage.tables import Authority, Organisation, Person
    from desktop.storage.workspace import create_workspace

    sizes = counts(scale)
    rng = random.Random(16)
    workspace = create_workspace(path)
    apply_changes(workspace, national_preview(workspace).added)
    with workspace.session() as session:
        authorities = list(session.scalars(select(Authority.uuid).order_by(Authority.id)))

    for number in range(sizes["clusters"]):
        members = rng.sample(authorities, rng.randint(4, 9))
        save_record(workspace, RecordKind.CLUSTER, {"name": f"אשכול {number + 1}", "members": members})

    # Organisations and people go through the records' own validation (the spec's clean) and
    # the app's tables in one transaction: save_record one by one would take many minutes.
    sectors = ["government", "ngo", "philanthropy", "academia", "business", "residents", "local_authority"]
    organisation_spec = RECORD_SPECS[RecordKind.ORGANISATION]
    person_spec = RECORD_SPECS[RecordKind.PERSON]
    with workspace.session() as session:
        organisations = []
        for number in range(sizes["organisations"]):
            cleaned, errors = organisation_spec.clean(
                {"name": f"ארגון {number + 1} – {rng.choice(LAST)}", "sector": rng.choice(sectors)}
            )
            assert not errors, errors
            organisations.append(Organisation(**_columns(organisation_spec, cleaned)))
        session.add_all(organisations)
        session.flush()
        for number in range(sizes["people"]):
            organisation = rng.choice(organisations)
            cleaned, errors = person_spec.clean(
                {
                    "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {number + 1}",
                    "role": rng.choice(["רכזת", "מנהל אגף", "יועצת", "ראש צוות", ""]),
                    "organisation": organisation.uuid,
                    "sector": organisation.sector,
                    "phone": f"050-{number:07d}",
                    "email": f"person{number}@example.org",
                    "consent_contact": True,
                }
            )
            assert not errors, errors
            del cleaned["organisation"]
            session.add(Person(organisation=organisation, **_columns(person_spec, cleaned)))
        session.flush()
        people = list(session.scalars(select(Person.uuid).order_by(Person.id)))
        organisation_uuids = [organisation.uuid for organisation in organisations]

    _documents(workspace, sizes, rng, authorities, people, organisation_uuids)
    workspace.close()


def _columns(spec, cleaned):  # type: ignore[no-untyped-def]
    """Cleaned values as the table stores them (multi-choice codes comma-joined)."""
    from desktop.models.records import FieldKind

    kinds = {field.name: field.kind for field in spec.fields}
    return {
        name: ",".join(value) if kinds[name] is FieldKind.MULTI_CHOICE else value
        for name, value in cleaned.items()
    }


def forum_with_ideas(title: str, participants: int, ideas: int, rng: random.Random) -> Any:
    """A design forum's first session: `participants` checked in and `ideas` in 12 clusters."""
    from desktop.models.forum import Forum, sessions_from_template

    forum = Forum(title, sessions=sessions_from_template("stem", "he"))
    for index in range(participants):
        participant = forum.add_participant(f"משתתף {index}", sector="ngo")
        forum.check_in(participant.id, 1)
    clusters = [forum.new_cluster(1, f"אשכול {index}") for index in range(12)]
    for index in range(ideas):
        idea = forum.add_idea(1, 1, f"רעיון מספר {index} על חינוך, תעסוקה ומוביליות")
        idea.cluster = rng.choice(clusters).id
    return forum


def _documents(workspace, sizes, rng, authorities, people, organisations):  # type: ignore[no-untyped-def]
    from desktop.models.agreement import Agreement
    from desktop.models.community import Community, Member
    from desktop.models.flags import ClusterFlags, Item, new_id
    from desktop.models.mou import Parties
    from desktop.models.mou_versions import freeze_version
    from desktop.models.records import RecordKind
    from desktop.models.selection import CRITERIA
    from desktop.models.selection_process import SelectionProcess, TeamMember
    from desktop.storage.agreement_store import save_agreement
    from desktop.storage.community_store import save_community
    from desktop.storage.flags_store import save_cluster_flags
    from desktop.storage.forum_store import save_forum
    from desktop.storage.reference_store import list_records
    from desktop.storage.selection_store import save_process

    for number in range(sizes["processes"]):
        process = SelectionProcess(title=f"בחירת רשויות {number + 1}", purpose="מחזור בחירה")
        process.team = [TeamMember(person, "מדרג") for person in rng.sample(people, RATERS)]
        for authority in rng.sample(authorities, 40):
            for member in process.team:
                for criterion in CRITERIA:
                    process.set_score(authority, member.person, criterion.code, rng.randint(1, 5))
        save_process(workspace, process)

    start = date(2027, 1, 1)
    for _number in range(sizes["agreements"]):
        agreement = Agreement.new(
            "he", parties=Parties(rng.choice(authorities), rng.choice(organisations), ())
        )
        for sent in range(SENT_VERSIONS):
            version = freeze_version(agreement.draft, agreement.versions, start + timedelta(days=30 * sent))
            agreement.versions.append(version)
        save_agreement(workspace, agreement)

    for number in range(sizes["forums"]):
        forum = forum_with_ideas(f"פורום עיצוב {number + 1}", FORUM_PARTICIPANTS, FORUM_IDEAS, rng)
        save_forum(workspace, forum)

    cluster_uuids = [row["uuid"] for row in list_records(workspace, RecordKind.CLUSTER)]
    diagnoses_left = sizes["diagnoses"]
    for index, cluster in enumerate(cluster_uuids):
        flags = ClusterFlags(cluster)
        item = Item(new_id(), f"שירות משותף {index + 1}")
        flags.items.append(item)
        share = -(-diagnoses_left // (len(cluster_uuids) - index))  # spread the rest evenly
        for day in range(share):
            flags.new_diagnosis(item.id, start + timedelta(days=90 * day))
        diagnoses_left -= share
        save_cluster_flags(workspace, flags)

    for number in range(sizes["communities"]):
        community = Community(f"קהילה לומדת {number + 1}", profession="חינוך")
        for person in rng.sample(people, COMMUNITY_MEMBERS):
            community.add_member(Member(person, rng.choice(authorities), role="רכזת"))
        save_community(workspace, community)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="where the cached workspace files are kept")
    parser.add_argument("--scale", type=float, default=1.0)
    arguments = parser.parse_args()
    start = time.perf_counter()
    path = large_workspace(arguments.folder, arguments.scale)
    size = path.stat().st_size / 1e6
    print(f"{path} ({size:.1f} MB, {time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
