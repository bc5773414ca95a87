"""The investment portfolio: its list section and its editor window."""
