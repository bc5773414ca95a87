"""reportlab documents for Hebrew, Arabic and English (no Qt)."""
