"""The digests of an exchange file's records, computed in a process of its own.

Checking a large file for import holds Python's lock for seconds (parsing, the forms' checks,
the documents read as the app reads them); the two SHA-256 digests of every record, about a
fifth of that work, need nothing but the payload. A second process computes them from the
payload while this one checks the records, so a machine's second core does that part
(`desktop.models.exchange.read_exchange(digests_elsewhere=start)`). It finds each record's
fields in the payload's text from the way a file is written, without parsing it, so it
answers long before this process asks; this process takes the answer only when it is of its
own records, in their order (`_PendingHashes.resolve`).

The process runs `python -S -m desktop.storage.exchange_digests TYPE...`: the payload on its
standard input, `desktop.models.exchange.payload_digests` on its output, a line of JSON. Below
ELSEWHERE_FROM_BYTES, or when the process cannot start, fails or answers anything else, the
digests are computed in this process as before: the same values, only later.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO

from desktop.models import exchange as ex

# A payload smaller than this is hashed here: starting a process costs about 70 ms.
ELSEWHERE_FROM_BYTES = 4 * 1024 * 1024
_LOG = logging.getLogger(__name__)


def start(payload: bytes, scalar_types: frozenset[str]) -> ex.PendingDigests | None:
    """Start computing `ex.payload_digests(payload, scalar_types)` in another process (None:
    the payload is small, or no process could start; computed here)."""
    if len(payload) < ELSEWHERE_FROM_BYTES:
        return None
    # (not a pipe: a full pipe would stop the process; closed once its answer is read)
    errors = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        process = subprocess.Popen(
            _command(scalar_types),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_environment(),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # (Windows: no console)
        )
    except (OSError, ValueError, TypeError) as error:  # (TypeError: no sys.executable)
        errors.close()
        _LOG.warning("the digests are computed here: no process could start (%s)", error)
        return None
    return _Process(process, payload, errors)


def _command(scalar_types: frozenset[str]) -> list[str]:
    # -S: nothing but the standard library and this package is needed (and site takes time);
    # -P: the working folder is not put first on the path (a json.py or enum.py there would be
    # imported instead of the standard library's)
    return [sys.executable, "-S", "-P", "-m", __name__, *sorted(scalar_types)]


def _environment() -> dict[str, str]:
    """This environment, with the folder holding the `desktop` package first on the path."""
    root = str(Path(ex.__file__).resolve().parent.parent.parent)
    paths = [root, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


class _Process:
    """The process computing the digests. A thread hands it the payload in one write, which
    waits without Python's lock (a loop of small writes, as `communicate` does, waits for the
    lock at every turn while this process checks the records). Its answer, a line, is read
    when asked for (`discard` stops the process when it is not)."""

    def __init__(self, process: subprocess.Popen[bytes], payload: bytes, errors: IO[bytes]) -> None:
        self._process = process
        self._errors = errors
        self._read = False  # its answer was read (or it failed)
        self._digests: Mapping[str, Sequence[str]] | None = None
        self._feeder = threading.Thread(target=self._feed, args=(payload,), name="exchange-digests")
        self._feeder.start()

    def _feed(self, payload: bytes) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        with suppress(OSError, ValueError):  # (the process ended or was stopped: told by its status)
            stdin.write(payload)
        with suppress(OSError):
            stdin.close()

    def result(self) -> Mapping[str, Sequence[str]] | None:
        if not self._read:
            self._read = True
            digests = self._answer()
            if isinstance(digests, dict) and all(_is_pair(value) for value in digests.values()):
                self._digests = digests
                self._end()
                self.discard()  # (ended: its pipes and errors closed)
            elif digests is not None:
                self._failed("the process answered something else")
        return self._digests

    def _answer(self) -> object:
        """The answer's line, parsed (None once the process failed)."""
        stdout = self._process.stdout
        assert stdout is not None
        try:
            line = stdout.readline()
        except (OSError, ValueError) as error:
            self._failed(str(error))
            return None
        if not line.endswith(b"\n"):  # (it ended, or failed, before answering)
            status = self._end()
            self._failed(self._error_text() or f"it ended with status {status}")
            return None
        try:
            return json.loads(line)
        except ValueError:
            self._failed("the process answered something else")
            return None

    def _failed(self, why: str) -> None:
        _LOG.warning("the digests are computed here: %s", why)
        self.discard()

    def _error_text(self) -> str:
        """The last line the process wrote to its errors."""
        with suppress(OSError, ValueError):
            self._errors.seek(0)
            lines = self._errors.read().decode(errors="replace").strip().splitlines()
            return lines[-1] if lines else ""
        return ""

    def _end(self) -> int:
        """Wait for the process to end (it has answered all it will)."""
        self._feeder.join()
        return self._process.wait()

    def discard(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._feeder.join()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._process.wait()
        self._errors.close()


def _is_pair(value: object) -> bool:
    return type(value) is list and len(value) == 2 and type(value[0]) is str and type(value[1]) is str


def main(scalar_types: list[str]) -> int:
    gc.disable()  # (a short life: nothing to collect)
    _write_line(ex.payload_digests(sys.stdin.buffer.read(), frozenset(scalar_types)))
    return 0


def _write_line(answer: object) -> None:
    with suppress(BrokenPipeError):  # (the other process stopped listening: it needed no more)
        sys.stdout.buffer.write(json.dumps(answer, separators=(",", ":")).encode() + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
