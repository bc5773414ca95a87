"""Typed SQLAlchemy models and pure domain logic (no Qt, no reportlab)."""
