"""The reference-data section: authorities, regional clusters, organisations, people."""
