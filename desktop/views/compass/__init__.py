"""The infrastructure-outcomes compass: its list section and its editor window."""
