"""Every document shows the organisation's name and logo (set once per workspace), the print
date and the version, and carries its title, language and author in the PDF metadata."""

from __future__ import annotations

import dataclasses
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest

from desktop import __version__, i18n
from desktop.reports.registry import KINDS
from desktop.storage.document_data import (
    BadLogo,
    letterhead,
    set_organisation_logo,
    set_organisation_name,
)
from tests.reports.every_document import build_workspace, print_kind
from tests.reports.pdf_tools import needs_poppler, pdf_info, pdf_pages


def png(width: int = 4, height: int = 2) -> bytes:
    """A small PNG (solid blue), written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x5f\x8b" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_the_organisation_is_kept_in_the_workspace(tmp_path: Path) -> None:
    workspace, _records = build_workspace(tmp_path / "w.shutafut")
    set_organisation_name(workspace, "  Hope   Foundation ")
    set_organisation_logo(workspace, png())
    assert letterhead(workspace).organisation == "Hope Foundation"
    assert letterhead(workspace).logo == png()
    with pytest.raises(BadLogo):
        set_organisation_logo(workspace, b"GIF89a not a logo")
    assert letterhead(workspace).logo == png()  # a refused file changes nothing
    set_organisation_logo(workspace, None)
    assert letterhead(workspace).logo == b""
    workspace.close()


@needs_poppler
def test_every_document_shows_the_organisation_its_print_date_and_version(tmp_path: Path) -> None:
    workspace, records = build_workspace(tmp_path / "w.shutafut")
    from desktop.models.records import RecordKind
    from desktop.storage.cluster_store import start_profile
    from desktop.storage.reference_store import choices

    records = dataclasses.replace(
        records, profile=start_profile(workspace, choices(workspace, RecordKind.CLUSTER)[0][0])
    )
    set_organisation_name(workspace, "Hope Foundation")
    set_organisation_logo(workspace, png())
    printed = f"Printed on {i18n.format_date(date.today(), 'en')} · Shutafut {__version__}"
    for kind in KINDS:  # every document of every feature
        out = tmp_path / f"{kind.key}.pdf"
        print_kind(workspace, kind, records, out, "en")
        for page in pdf_pages(out):
            assert "Hope Foundation" in page, kind.key
            assert printed in page, kind.key
        images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True)
        assert len(images.stdout.splitlines()) - 2 >= 1, kind.key  # the logo
        info = pdf_info(out)
        assert info["Title"], kind.key
        assert info["Author"] == "Hope Foundation", kind.key
        assert b"/Lang (en)" in out.read_bytes() or b"/Lang(en)" in out.read_bytes(), kind.key
    workspace.close()
