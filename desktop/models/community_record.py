"""The table holding each learning community (its document is JSON, see `community`)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, RecordMixin


class CommunityRecord(RecordMixin, Base):
    """One learning community (קהילת למידה): members, survey, syllabus, meeting plans, teams."""

    __tablename__ = "learning_community"

    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(Text, default="{}")
