"""Files that hold personal data: created readable by their owner only (mode 0600).

Workspaces, backups, exchange files and PDFs name people; a file created with the usual
0644 could be read by every account on a shared computer.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_MODE = 0o600
PDF_CREATOR_MARK = b"/Creator (Shutafut)"


def create_private(path: Path, mode: int = PRIVATE_MODE) -> None:
    """Create `path` empty with `mode` (the umask may only narrow it); it must not exist."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    os.close(descriptor)
    os.chmod(path, mode)  # a umask cannot widen it, but be exact


def file_mode(path: Path, default: int = PRIVATE_MODE) -> int:
    """The permission bits of `path`, or `default` when it cannot be read."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return default


def is_our_pdf(path: Path) -> bool:
    """Whether `path` is a PDF that Shutafut wrote (its header and our creator mark)."""
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            handle.seek(0)
            tail = b""
            while chunk := handle.read(1 << 20):
                if PDF_CREATOR_MARK in tail + chunk:
                    return True
                tail = chunk[-len(PDF_CREATOR_MARK) :]
    except OSError:
        return False
    return False
