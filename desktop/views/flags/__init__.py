"""The flags section: mapping, diagnosis against the four flags, planning, charts."""
