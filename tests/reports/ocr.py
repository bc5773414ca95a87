"""The OCR measure of a printed document: tesseract (heb+eng) reads its pages at 300 dpi and
we count how many of the words drawn, and of the pairs of adjacent words, it reads back.

The source is the logical text of every line the document draws (recorded while it is built),
so a line drawn in the wrong order loses its pairs. OCR noise is allowed for by a small
named table of confusions, applied to both sides, never by lowering the bar.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import desktop.documents  # noqa: F401  (every report module, to record their lines)
from desktop.reports import bidi_text

WORDS_NEEDED = 0.95
PAIRS_NEEDED = 0.93
DPI = 300

# Characters tesseract's Hebrew+English models confuse in Rubik, each with the one it is
# read as. "3" and "5" differ by one stroke in Rubik; gershayim ״, geresh ׳ and maqaf ־ are
# read as ", ' and -; a final letter before a geresh or at a label's end is read as the plain
# one and back ("מרץ" as "מרצ").
CONFUSIONS = str.maketrans(
    {
        "5": "3",
        "״": '"',
        "׳": "'",
        "־": "-",
        "–": "-",
        "—": "-",
        "ץ": "צ",
        "ך": "כ",
        "ם": "מ",
        "ן": "נ",
        "ף": "פ",
    }
)
# Punctuation trimmed from both ends of a word before comparing ("(STEM)" is "STEM").
_TRIM = "()[]{}«»\"'“”„‘’.,:;!?•·|-–—/\\"


# Invisible direction marks: tesseract writes them around runs, reports may hold them.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


# Tesseract often drops the space between a Hebrew word and a number ("עמוד1"): the two are
# compared apart on both sides.
_HEBREW_NUMBER = re.compile(r"(?<=[\u05d0-\u05ea])(?=\d)|(?<=\d)(?=[\u05d0-\u05ea])")


def words_of(line: str) -> list[str]:
    words = []
    for token in _HEBREW_NUMBER.sub(" ", line.translate(_MARKS).translate(CONFUSIONS)).split():
        word = token.strip(_TRIM).lower()
        if any(character.isalnum() for character in word):
            words.append(word)
    return words


@contextlib.contextmanager
def recorded_lines() -> Iterator[list[str]]:
    """Records the logical text of every line drawn while documents are built.

    bidi_text.visual_lines is replaced where it is defined, so that a report module imported
    while a document is built (they are imported on first use) takes the recording one, and
    in every report module imported before, which took the original; all are given the
    original back after. (to_visual draws its one line through visual_lines: recorded once.)"""
    recorded: list[str] = []
    original: Callable[[list[str], bool], list[str]] = bidi_text.visual_lines

    def lines(logical: list[str], rtl: bool) -> list[str]:
        recorded.extend(logical)
        return original(logical, rtl)

    def report_modules_with(function: object) -> list[Any]:
        return [
            module
            for module in list(sys.modules.values())
            if getattr(module, "__name__", "").startswith("desktop.reports")
            and getattr(module, "visual_lines", None) is function
        ]

    for module in report_modules_with(original):  # (bidi_text among them)
        module.visual_lines = lines
    try:
        yield recorded
    finally:  # (and in those imported meanwhile, which took the recording one)
        for module in report_modules_with(lines):
            module.visual_lines = original


def render_pages(pdf: Path, folder: Path) -> list[Path]:
    """Every page of `pdf` as a grey image at DPI, in a folder of its own, in page order.

    Uncompressed (PGM): the same pixels as a PNG, without the PNG encoding that took as
    long as a third of tesseract's reading."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page*.pgm"))


def read_pages(images: Sequence[Path], languages: str = "heb+eng", workers: int = 2) -> list[list[str]]:
    """The text lines tesseract reads on each image (logical order), one list per image.

    The images are shared among `workers` tesseract processes, each reading its share from a
    list file, so each loads its models once rather than once a page."""
    if not images:
        return []
    shares = [list(range(start, len(images), workers)) for start in range(min(workers, len(images)))]
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory() as folder:
        processes = []
        for number, share in enumerate(shares):
            listing = Path(folder) / f"pages{number}.txt"
            listing.write_text("".join(f"{images[index]}\n" for index in share), encoding="utf-8")
            processes.append(
                subprocess.Popen(
                    # No white-on-dark text in our documents: not looking for it is a quarter faster.
                    ["tesseract", str(listing), "stdout", "-l", languages, "--dpi", str(DPI)]
                    + ["-c", "tessedit_do_invert=0"],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                    env=environment,
                )
            )
        pages: list[list[str]] = [[] for _ in images]
        for share, process in zip(shares, processes, strict=True):
            output, _errors = process.communicate()
            if process.returncode:
                raise subprocess.CalledProcessError(process.returncode, process.args)
            texts = output.split("\f")  # tesseract ends every page with a form feed
            for index, text in zip(share, texts, strict=False):
                pages[index] = [line for line in text.splitlines() if line.strip()]
        return pages


def page_texts(pdf: Path) -> list[str]:
    """The text layer of every page (pdftotext): which page a word is drawn on."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")


def ocr_lines(pdf: Path, languages: str = "heb+eng") -> list[str]:
    """The text lines tesseract reads on every page of `pdf` (logical order)."""
    with tempfile.TemporaryDirectory() as folder:
        return [line for page in read_pages(render_pages(pdf, Path(folder)), languages) for line in page]


@dataclass(frozen=True)
class Measure:
    words: float  # share of the source words read back
    pairs: float  # share of adjacent source word pairs read back next to each other, in order
    missing_words: list[str]
    missing_pairs: list[tuple[str, str]]

    @property
    def passes(self) -> bool:
        return self.words >= WORDS_NEEDED and self.pairs >= PAIRS_NEEDED


def _missing(wanted: Counter[Any], found: Counter[Any]) -> list[Any]:
    return sorted((wanted - found).elements(), key=str)


def is_number(word: str) -> bool:
    return any(character.isdigit() for character in word) and not any(
        character.isalpha() for character in word
    )


def measure(source_lines: list[str], read_lines: list[str], numbers_lines: Sequence[str] = ()) -> Measure:
    """`numbers_lines`: the same pages read by the English model alone, whose numbers count too.

    Tesseract's Hebrew model misreads a number standing alone in a table cell ("2027" as
    "2007", "1.1.2027" as "7") though it reads the same number inside a Hebrew sentence.
    """
    source = [words_of(line) for line in source_lines]
    read = [words_of(line) for line in read_lines]
    source_words = Counter(word for line in source for word in line)
    read_words = Counter(word for line in read for word in line)
    english_numbers = Counter(word for line in numbers_lines for word in words_of(line) if is_number(word))
    read_words |= english_numbers
    source_pairs = Counter(pair for line in source for pair in zip(line, line[1:], strict=False))
    read_pairs = Counter(pair for line in read for pair in zip(line, line[1:], strict=False))
    words_found = sum((source_words & read_words).values())
    pairs_found = sum((source_pairs & read_pairs).values())
    return Measure(
        words_found / max(1, sum(source_words.values())),
        pairs_found / max(1, sum(source_pairs.values())),
        _missing(source_words, read_words),
        _missing(source_pairs, read_pairs),
    )


def needs_numbers(result: Measure) -> bool:
    """Under the bar with numbers missing: the English model reads the numbers, so the
    verdict does not depend on the Hebrew model's luck with a lone "17:00-17:20". (Over the
    bar, reading them could only raise the share of words: the verdict is the same.)"""
    return result.words < WORDS_NEEDED and any(is_number(word) for word in result.missing_words)


def pages_with_numbers(pdf: Path, result: Measure) -> list[int]:
    """The pages (from 0) whose text layer holds a number the first reading missed."""
    missing = {word for word in result.missing_words if is_number(word)}
    return [
        index for index, text in enumerate(page_texts(pdf)) if missing & {word for word in words_of(text)}
    ]


def measure_pdf(pdf: Path, source_lines: list[str]) -> Measure:
    """Reads `pdf` with the Hebrew and English models, then the pages holding a number that
    reading missed with the English model alone (see `measure`)."""
    with tempfile.TemporaryDirectory() as folder:
        images = render_pages(pdf, Path(folder))
        lines = [line for page in read_pages(images) for line in page]
        result = measure(source_lines, lines)
        if needs_numbers(result):
            pages = [images[index] for index in pages_with_numbers(pdf, result)]
            result = measure(
                source_lines, lines, [line for page in read_pages(pages, "eng") for line in page]
            )
        return result
