"""Shutafut (שותפות): an offline desktop workbench for partnerships with Israeli local authorities."""

__version__ = "0.1.0"
APP_NAME = "Shutafut"
ORGANISATION_NAME = "Shutafut"
