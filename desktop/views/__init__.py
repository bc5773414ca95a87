"""Qt widgets, wizards and item models (no SQL, no reportlab)."""
