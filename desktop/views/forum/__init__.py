"""The design forum section: forums, their sessions, facilitation mode and the shared agenda."""
