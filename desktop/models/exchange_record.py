"""Exchange bookkeeping: the versions of each record this workspace has shared.

One row per (record UUID, content hash) exported or imported. Importing compares the
incoming content and ours against these to tell who changed a record since it was last
shared (see `desktop.models.exchange`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now


class SharedVersion(Base):
    __tablename__ = "exchange_shared"

    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    shared_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
