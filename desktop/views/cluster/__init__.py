"""A regional cluster's profile and guidance needs (issue 20)."""
