"""Reference data every wizard uses: authorities, regional clusters, organisations, people."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, RecordMixin

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
