"""The schema revisions the migrations define, read from their files without Alembic.

Opening a workspace and `shutafut-cli check` only need to know the head revision and the
revisions that exist; importing Alembic for that pulls in Mako, Pygments and every SQL
dialect (about a second on a slow machine). Each migration file states its identity on
two lines, `revision = "0007"` and `down_revision = "0006"` (Alembic's own format), which
are read here as text. tests/storage/test_revisions.py checks the answer against Alembic.
"""

from __future__ import annotations

import re
from pathlib import Path

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"

_ASSIGNMENT = re.compile(
    r"^(?P<name>revision|down_revision)\s*(?::[^=]*)?=\s*(?P<value>.+?)\s*(?:#.*)?$", re.MULTILINE
)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


class RevisionsUnreadable(RuntimeError):
    """The migration files do not form one line of revisions."""


def revision_graph(folder: Path = VERSIONS_DIR) -> dict[str, tuple[str, ...]]:
    """Each revision and the revisions it follows (its down_revision, none for the first)."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.py")):
        found = {match["name"]: match["value"] for match in _ASSIGNMENT.finditer(path.read_text("utf-8"))}
        if "revision" not in found:
            continue  # __init__.py and helpers
        names = _QUOTED.findall(found["revision"])
        if len(names) != 1:
            raise RevisionsUnreadable(f"{path.name}: revision = {found['revision']}")
        graph[names[0]] = tuple(_QUOTED.findall(found.get("down_revision", "None")))
    return graph


def known_revisions(folder: Path = VERSIONS_DIR) -> set[str]:
    return set(revision_graph(folder))


def head_revision(folder: Path = VERSIONS_DIR) -> str:
    """The revision no other revision follows; there must be exactly one."""
    graph = revision_graph(folder)
    followed = {earlier for down in graph.values() for earlier in down}
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise RevisionsUnreadable(f"expected one head revision, found {heads}")
    return heads[0]
