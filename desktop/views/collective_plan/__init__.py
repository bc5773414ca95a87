"""The collective plan: its list section and its editor window."""
