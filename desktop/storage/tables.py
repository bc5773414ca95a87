"""Every SQLAlchemy table of the workspace: the declarative base, reference data and the
tables holding each document feature's JSON document.

The domain modules in `desktop.models` hold dataclasses and logic only; this module maps
them to rows. Alembic's environment imports it to know every table.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from desktop.models.selection_process import ProcessStatus

# Stable constraint names, so Alembic's batch migrations on SQLite can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """Surrogate key, a stable UUID (for exchange between laptops) and a version counter.

    The version counter makes a concurrent edit of the same record fail loudly
    (StaleDataError) instead of silently overwriting the other person's change.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls: type[RecordMixin]) -> dict[str, object]:  # noqa: N805
        return {"version_id_col": cls.version}


# --- reference data --------------------------------------------------------------------------------


cluster_member = Table(
    "cluster_member",
    Base.metadata,
    Column("cluster_id", ForeignKey("regional_cluster.id", ondelete="CASCADE"), primary_key=True),
    Column("authority_id", ForeignKey("authority.id", ondelete="RESTRICT"), primary_key=True),
)


class Authority(RecordMixin, Base):
    """A local authority (רשות מקומית). Its figures carry the year they describe."""

    __tablename__ = "authority"
    # Regional-council codes collide with town codes: only (status, code) is unique.
    __table_args__ = (UniqueConstraint("municipal_status", "cbs_code"),)

    name_he: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    cbs_code: Mapped[str | None] = mapped_column(String(8))
    municipal_status: Mapped[str] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(String(32))
    population: Mapped[int | None] = mapped_column(Integer)
    population_year: Mapped[int | None] = mapped_column(Integer)
    socioeconomic_cluster: Mapped[int | None] = mapped_column(Integer)
    socioeconomic_edition: Mapped[int | None] = mapped_column(Integer)
    peripherality_cluster: Mapped[int | None] = mapped_column(Integer)
    peripherality_edition: Mapped[int | None] = mapped_column(Integer)
    # Comma-separated PopulationGroup codes.
    population_groups: Mapped[str] = mapped_column(String(200), default="")
    data_source: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    clusters: Mapped[list[RegionalCluster]] = relationship(secondary=cluster_member, back_populates="members")


class RegionalCluster(RecordMixin, Base):
    """A regional cluster of authorities (אשכול אזורי)."""

    __tablename__ = "regional_cluster"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    founding_year: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Authority]] = relationship(
        secondary=cluster_member, back_populates="clusters", order_by="Authority.name_he"
    )


class Organisation(RecordMixin, Base):
    """An organisation taking part in the work (foundation, ministry, NGO, authority...)."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    sector: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="")

    people: Mapped[list[Person]] = relationship(back_populates="organisation")


class Person(RecordMixin, Base):
    """A person the team works with. Contact details are kept only with consent."""

    __tablename__ = "person"

    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"))
    sector: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")


class WorkspaceInfo(Base):
    """Key/value facts about the workspace file itself (name, demo flag, creator version)."""

    __tablename__ = "workspace_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# --- documents (each JSON document in `state`) --------------------------------------------------


class SelectionRecord(RecordMixin, Base):
    """A stored selection process (the document is in `state`, as JSON)."""

    __tablename__ = "selection_process"

    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=ProcessStatus.DRAFT.value)
    page: Mapped[int] = mapped_column(Integer, default=0)
    decided_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(Text, default="{}")


class AgreementRecord(RecordMixin, Base):
    __tablename__ = "agreement"

    title: Mapped[str] = mapped_column(String(200))
    authority_uuid: Mapped[str] = mapped_column(String(36), default="")
    page: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(Text, default="{}")


class ForumRecord(RecordMixin, Base):
    """A stored design forum (the document is in `state`, as JSON)."""

    __tablename__ = "design_forum"

    title: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(Text, default="{}")


class FlagsRecord(RecordMixin, Base):
    """One regional cluster's flags work (the document is in `state`, as JSON)."""

    __tablename__ = "cluster_flags"

    cluster_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    state: Mapped[str] = mapped_column(Text, default="{}")


class CommunityRecord(RecordMixin, Base):
    """One learning community (קהילת למידה): members, survey, syllabus, meeting plans, teams."""

    __tablename__ = "learning_community"

    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(Text, default="{}")


class ClusterProfileRecord(RecordMixin, Base):
    """One regional cluster's profile and guidance needs (the document is in `state`, as JSON)."""

    __tablename__ = "cluster_profile"

    cluster_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    state: Mapped[str] = mapped_column(Text, default="{}")


class CollectivePlanRecord(RecordMixin, Base):
    """One town goal's collective plan (תכנית עבודה קולקטיבית): logic model, objectives,
    actions with their budget and review."""

    __tablename__ = "collective_plan"

    goal: Mapped[str] = mapped_column(String(200))
    town_uuid: Mapped[str] = mapped_column(String(36), default="")
    state: Mapped[str] = mapped_column(Text, default="{}")


class PortfolioRecord(RecordMixin, Base):
    """One town's investment portfolio (תיק השקעות): its investments and the checklist of
    the guiding principles."""

    __tablename__ = "investment_portfolio"

    town_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(Text, default="{}")


class CompassRecord(RecordMixin, Base):
    """One town's infrastructure-outcomes compass (מצפן תוצאות תשתית): its goal areas,
    statements and takings."""

    __tablename__ = "outcomes_compass"

    town_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(Text, default="{}")


# --- exchange bookkeeping: the versions of each record this workspace has shared ----------


class SharedVersion(Base):
    __tablename__ = "exchange_shared"
    # Its key is all it is looked up by: without a rowid SQLite keeps each row once, in the
    # key's order, not a second time in an index (half the size; an import writes it faster).
    __table_args__ = {"sqlite_with_rowid": False}

    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    shared_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
