"""What the two commands, `shutafut` (the window) and `shutafut-cli`, share in reading their
arguments: argparse speaking the language of the messages, and --lang read first."""

from __future__ import annotations

import argparse

from desktop import i18n
from desktop.i18n import N_

# argparse's own words (its usage line, headings and errors), marked here so that the catalogs
# hold them: argparse translates them with its module's `_` and `ngettext`, which
# `argparse_speaks_ours` points at the app's catalogs.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def argparse_speaks_ours() -> None:
    """argparse's words in the language of the messages (i18n's), from the app's catalogs."""
    setattr(argparse, "_", i18n._)  # noqa: B010 - (module globals argparse reads when it speaks)
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


def language_from(argv: list[str]) -> str | None:
    """The language asked for with --lang, read before the arguments are parsed (the parser's
    help and errors are in it)."""
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None
