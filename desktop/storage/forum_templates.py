"""Facilitators' own session templates, kept in one JSON file in their data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILE_NAME = "forum-templates.json"


def load_own_templates(folder: Path) -> list[dict[str, Any]]:
    path = folder / FILE_NAME
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # a damaged file is ignored, never overwritten without a new template
    return [t for t in data.get("templates", []) if isinstance(t, dict) and "key" in t]


def save_own_template(folder: Path, template: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    templates = [t for t in load_own_templates(folder) if t["key"] != template["key"]]
    templates.append(template)
    partial = folder / (FILE_NAME + ".partial")
    partial.write_text(json.dumps({"templates": templates}, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(folder / FILE_NAME)
