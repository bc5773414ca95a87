"""Field validation and normalisation: pure functions, translated messages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from desktop.i18n import _, strip_marks


class ValidationError(ValueError):
    """A value a person typed is not acceptable; `message` is translated and shown at `field`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_THOUSANDS = re.compile(r"[,\s'\u00a0\u202f]")
# Israeli numbers by their national form (leading 0): mobile 05X, 07X, and landlines.
_MOBILE_OR_07 = re.compile(r"^0(5\d|7\d)\d{7}$")
_LANDLINE = re.compile(r"^0[2-489]\d{7}$")
_SPECIAL = re.compile(r"^1(599|700|800)\d{6}$")


# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but tab and
# line breaks; one search instead of a category lookup per character.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control character (ESC, NUL, BEL...) other than tab and line breaks."""
    return _CONTROL.search(text) is not None


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (ESC...) shown escaped, not run."""
    return "".join(c if c in " \n" or unicodedata.category(c)[0] != "C" else repr(c)[1:-1] for c in text)


def clean_text(field: str, raw: str, *, required: bool = False, max_length: int = 200) -> str:
    if has_control_characters(raw):
        raise ValidationError(field, _("Remove the control characters (they cannot be shown or printed)."))
    value = " ".join(strip_marks(raw).split()) if "\n" not in raw else strip_marks(raw).strip()
    if required and not value:
        raise ValidationError(field, _("This field is required."))
    if len(value) > max_length:
        raise ValidationError(field, _("Too long: at most {count} characters.").format(count=max_length))
    return value


def clean_whole_number(
    field: str,
    raw: str,
    *,
    required: bool = False,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    text = _THOUSANDS.sub("", strip_marks(raw)).strip()
    if not text:
        if required:
            raise ValidationError(field, _("This field is required."))
        return None
    if not text.isdigit() and not (text.startswith("-") and text[1:].isdigit()):
        raise ValidationError(field, _("Enter a whole number."))
    value = int(text)
    if minimum is not None and value < minimum:
        if minimum == 1:
            raise ValidationError(field, _("Enter a positive whole number."))
        raise ValidationError(field, _("Enter a number of at least {minimum}.").format(minimum=minimum))
    if maximum is not None and value > maximum:
        raise ValidationError(field, _("Enter a number of at most {maximum}.").format(maximum=maximum))
    return value


def clean_population(field: str, raw: str) -> int | None:
    return clean_whole_number(field, raw, minimum=1, maximum=20_000_000)


def clean_cluster_level(field: str, raw: str) -> int | None:
    """A CBS cluster (socio-economic or peripherality) runs from 1 to 10."""
    text = strip_marks(raw).strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 10:
        raise ValidationError(field, _("Enter a cluster from 1 to 10."))
    return int(text)


def clean_year(field: str, raw: str) -> int | None:
    text = strip_marks(raw).strip()
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise ValidationError(field, _("Enter a year such as 2021."))
    return int(text)


def clean_cbs_code(field: str, raw: str) -> str | None:
    """CBS authority codes are digits; 2021 files zero-pad them, later ones do not."""
    text = strip_marks(raw).strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 6:
        raise ValidationError(field, _("The CBS code is made of digits only (up to 6)."))
    return str(int(text))


def clean_email(field: str, raw: str) -> str:
    text = strip_marks(raw).strip()
    if text and not _EMAIL.match(text):
        raise ValidationError(field, _("Enter a valid email address, such as name@example.org."))
    return text.lower()


def national_phone_digits(raw: str) -> str:
    digits = re.sub(r"[\s\-().]", "", strip_marks(raw))
    if digits.startswith("+972"):
        digits = "0" + digits[4:]
    elif digits.startswith("00972"):
        digits = "0" + digits[5:]
    elif digits.startswith("972") and len(digits) in (11, 12):
        digits = "0" + digits[3:]
    if digits.startswith("00"):
        digits = digits[1:]
    return digits


def clean_phone(field: str, raw: str) -> str:
    """Accept common Israeli formats; store E.164 (+972...), or 1-800 style as typed digits."""
    if not strip_marks(raw).strip():
        return ""
    digits = national_phone_digits(raw)
    if _MOBILE_OR_07.match(digits) or _LANDLINE.match(digits):
        return "+972" + digits[1:]
    if _SPECIAL.match(digits):
        return digits
    raise ValidationError(field, _("Enter an Israeli phone number, such as 050-1234567 or 02-6234567."))


# The text each of these cleaners stores, which it accepts as it is: a value read back (from
# an exchange file) in this form needs no cleaning to be known good. Only forms it surely
# accepts (ASCII digits, no invisible marks or spaces); any other value is cleaned.
_MARKS = "\u200e\u200f\u061c\u2066-\u2069"
STORED_FORMS: dict[Callable[[str, str], object], re.Pattern[str]] = {
    clean_phone: re.compile(r"|\+972(?:[57][0-9]{8}|[2-489][0-9]{7})|1(?:599|700|800)[0-9]{6}"),
    clean_email: re.compile(rf"(?:[^@\s{_MARKS}]+@[^@\s{_MARKS}]+\.[^@\s.{_MARKS}]{{2,}})?"),
}


def display_phone(stored: str) -> str:
    """Show a stored phone number the way Israelis write it: 050-123-4567, 02-623-4567."""
    if not stored:
        return ""
    if stored.startswith("+972"):
        national = "0" + stored[4:]
        prefix_length = 3 if national[1] in "57" else 2
        head, rest = national[:prefix_length], national[prefix_length:]
        return f"{head}-{rest[:3]}-{rest[3:]}"
    if _SPECIAL.match(stored):
        return f"{stored[0]}-{stored[1:4]}-{stored[4:7]}-{stored[7:]}"
    return stored
