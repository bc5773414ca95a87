"""The topics questionnaire (seed 004 l.1928): candidate professional topics, members'
ratings, the ranking, and reading ratings from a CSV exported by any form tool."""

from __future__ import annotations

import csv
import io
import re
import statistics
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop.i18n import _, strip_marks
from desktop.models.validation import ValidationError

SCALE_MIN, SCALE_MAX = 1, 5
HIGH_FROM = 4  # a rating of 4 or 5 counts as "rated high"
# Headers a form tool may give the column naming the respondent.
_NAME_HEADERS = {
    "name",
    "full name",
    "your name",
    "member",
    "שם",
    "שם מלא",
    "שם ושם משפחה",
    "חבר/ה",
    "الاسم",
    "الاسم الكامل",
    "email",
    "email address",
    "e-mail",
    'דוא"ל',
    "מייל",
    "כתובת מייל",
    "البريد الإلكتروني",
}
_SKIPPED_HEADERS = {"timestamp", "חותמת זמן", "الطابع الزمني", "submitted at", "date"}
_BRACKETED = re.compile(r"\[(.+)\]\s*$")


@dataclass
class Topic:
    id: str
    title: str
    description: str = ""


def new_topic(title: str, description: str = "", existing: Iterable[Topic] = ()) -> Topic:
    clean = " ".join(strip_marks(title).split())
    if not clean:
        raise ValidationError("title", _("This field is required."))
    if any(_same(clean, t.title) for t in existing):
        raise ValidationError("title", _("There is already a topic with this title."))
    return Topic(str(uuid.uuid4()), clean, description.strip())


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def parse_rating(text: str) -> int:
    """A rating typed or read from a file: a whole number on the scale."""
    value = strip_marks(text).strip()
    if not value.isdigit() or not SCALE_MIN <= int(value) <= SCALE_MAX:
        raise ValidationError(
            "rating",
            _("A rating is a whole number from {low} to {high}.").format(low=SCALE_MIN, high=SCALE_MAX),
        )
    return int(value)


@dataclass(frozen=True)
class TopicScore:
    topic: Topic
    mean: float | None
    high_count: int
    raters: int
    spread: float | None  # population standard deviation of the ratings
    lowest: int | None
    highest: int | None


def score_topics(topics: Sequence[Topic], ratings: Mapping[str, Mapping[str, int]]) -> list[TopicScore]:
    scores = []
    for topic in topics:
        values = [r[topic.id] for r in ratings.values() if topic.id in r]
        scores.append(
            TopicScore(
                topic,
                statistics.fmean(values) if values else None,
                sum(1 for v in values if v >= HIGH_FROM),
                len(values),
                statistics.pstdev(values) if values else None,
                min(values) if values else None,
                max(values) if values else None,
            )
        )
    return scores


def rank_topics(
    topics: Sequence[Topic], ratings: Mapping[str, Mapping[str, int]], by: str = "mean"
) -> list[TopicScore]:
    """Topics best first: by mean rating (ties: more high ratings) or by the number of high
    ratings (ties: higher mean). Unrated topics come last, in their listed order."""
    scores = score_topics(topics, ratings)
    order = {s.topic.id: index for index, s in enumerate(scores)}

    def key(score: TopicScore) -> tuple[float, ...]:
        mean = score.mean if score.mean is not None else -1.0
        if by == "high":
            return (-score.high_count, -mean, order[score.topic.id])
        return (-mean, -score.high_count, order[score.topic.id])

    if by not in {"mean", "high"}:
        raise ValueError(by)
    return sorted(scores, key=key)


# --- CSV import ---------------------------------------------------------------------------


@dataclass
class SurveyImport:
    """What a CSV holds: ratings per known member, and what could not be read."""

    ratings: dict[str, dict[str, int]] = field(default_factory=dict)
    row_errors: list[tuple[int, str]] = field(default_factory=list)  # (CSV line, message)
    ignored_columns: list[str] = field(default_factory=list)
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.row_errors


def _topic_of(header: str, topics: Sequence[Topic]) -> Topic | None:
    text = strip_marks(header).strip()
    bracketed = _BRACKETED.search(text)  # Google Forms grids: "Rate the topics [Topic]"
    candidates = [bracketed.group(1), text] if bracketed else [text]
    for candidate in candidates:
        for topic in topics:
            if _same(candidate, topic.title):
                return topic
    return None


def read_survey_csv(
    text: str,
    topics: Sequence[Topic],
    members: Mapping[str, str],
) -> SurveyImport:
    """Read ratings from CSV `text`.

    `members` maps what may name a member in the file (full name or e-mail, any case) to
    the member's person UUID. Columns whose header matches a topic's title hold ratings;
    blank cells mean "not rated". Unknown members and ratings off the scale are reported
    per row (by the file's line number) and those rows are left out.
    """
    result = SurveyImport()
    text = text.lstrip("\ufeff")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise ValidationError("file", _("The file is empty."))
    lookup = {" ".join(k.casefold().split()): v for k, v in members.items()}
    name_column = _name_column(header)
    if name_column is None:
        raise ValidationError(
            "file",
            _(
                'No column names the respondent: the file needs a column headed "Name" or '
                '"Email" (שם, דוא"ל).'
            ),
        )
    topic_columns: dict[int, Topic] = {}
    for index, title in enumerate(header):
        if index == name_column or strip_marks(title).strip().casefold() in _SKIPPED_HEADERS:
            continue
        topic = _topic_of(title, topics)
        if topic is None:
            if title.strip() and not _is_name_header(title):
                result.ignored_columns.append(title.strip())
        else:
            topic_columns[index] = topic
    if not topic_columns:
        raise ValidationError(
            "file",
            _(
                "No column matches a topic of the questionnaire; the "
                "column headers must be the topics' titles."
            ),
        )
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        result.rows_read += 1
        who = strip_marks(row[name_column]).strip() if name_column < len(row) else ""
        person = lookup.get(" ".join(who.casefold().split()))
        if person is None:
            result.row_errors.append(
                (
                    line,
                    _('"{name}" is not a member of the community.').format(name=who)
                    if who
                    else _("The respondent's name is missing."),
                )
            )
            continue
        ratings, problems = _row_ratings(row, topic_columns)
        if problems:
            result.row_errors.append((line, "; ".join(problems)))
            continue
        result.ratings[person] = {**result.ratings.get(person, {}), **ratings}
    return result


def _is_name_header(title: str) -> bool:
    return " ".join(strip_marks(title).casefold().split()) in _NAME_HEADERS


def _name_column(header: Sequence[str]) -> int | None:
    return next((i for i, title in enumerate(header) if _is_name_header(title)), None)


def _row_ratings(row: Sequence[str], columns: Mapping[int, Topic]) -> tuple[dict[str, int], list[str]]:
    ratings: dict[str, int] = {}
    problems = []
    for index, topic in columns.items():
        cell = strip_marks(row[index]).strip() if index < len(row) else ""
        if not cell:
            continue
        try:
            ratings[topic.id] = parse_rating(cell)
        except ValidationError:
            problems.append(
                _('the rating "{value}" for "{topic}" is not a whole number from {low} to {high}').format(
                    value=cell, topic=topic.title, low=SCALE_MIN, high=SCALE_MAX
                )
            )
    return ratings, problems
