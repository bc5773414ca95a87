"""Field validation: what a facilitator may type, and the message they get otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models import validation as v
from desktop.models.records import AUTHORITY, CLUSTER, ORGANISATION, PERSON, FieldKind, FieldSpec


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("050-1234567", "+972501234567"),
        ("050 123 4567", "+972501234567"),
        ("+972 50-123-4567", "+972501234567"),
        ("972501234567", "+972501234567"),
        ("00972-50-1234567", "+972501234567"),
        ("02-6234567", "+97226234567"),
        ("(08) 6234567", "+97286234567"),
        ("077-1234567", "+972771234567"),
        ("1-800-123-456", "1800123456"),
        ("", ""),
    ],
)
def test_israeli_phone_formats_are_accepted_and_stored_one_way(typed: str, stored: str) -> None:
    assert v.clean_phone("phone", typed) == stored


@pytest.mark.parametrize("typed", ["123", "050-12345", "+1 212 555 0100", "phone", "06-1234567"])
def test_bad_phones_are_refused_with_a_message(typed: str) -> None:
    with pytest.raises(v.ValidationError) as caught:
        v.clean_phone("phone", typed)
    assert caught.value.field == "phone"
    assert "050-1234567" in caught.value.message


def test_phone_is_displayed_the_israeli_way() -> None:
    assert v.display_phone("+972501234567") == "050-123-4567"
    assert v.display_phone("+97226234567") == "02-623-4567"
    assert v.display_phone("1800123456") == "1-800-123-456"


@given(st.from_regex(r"05[0-9]{8}", fullmatch=True))
def test_every_mobile_number_round_trips(national: str) -> None:
    stored = v.clean_phone("phone", national)
    assert v.clean_phone("phone", v.display_phone(stored)) == stored


@pytest.mark.parametrize("typed", ["12,345", "12345", " 12 345 ", "1"])
def test_population_accepts_thousands_separators(typed: str) -> None:
    assert v.clean_population("population", typed) == int(typed.replace(",", "").replace(" ", ""))


@pytest.mark.parametrize("typed", ["0", "-5", "abc", "12.5", "1e3"])
def test_population_must_be_a_positive_whole_number(typed: str) -> None:
    with pytest.raises(v.ValidationError):
        v.clean_population("population", typed)


@pytest.mark.parametrize("typed", ["0", "11", "x", "3.5"])
def test_clusters_run_from_one_to_ten(typed: str) -> None:
    with pytest.raises(v.ValidationError):
        v.clean_cluster_level("socioeconomic_cluster", typed)
    assert v.clean_cluster_level("socioeconomic_cluster", "10") == 10


def test_cbs_code_is_digits_and_loses_zero_padding() -> None:
    assert v.clean_cbs_code("cbs_code", "0031") == "31"
    with pytest.raises(v.ValidationError):
        v.clean_cbs_code("cbs_code", "12a")


@pytest.mark.parametrize("typed", ["a@b", "no-at.org", "a b@c.org", "x@y."])
def test_bad_emails_are_refused(typed: str) -> None:
    with pytest.raises(v.ValidationError):
        v.clean_email("email", typed)
    assert v.clean_email("email", " Dana@Example.ORG ") == "dana@example.org"


def test_messages_are_translated() -> None:
    with pytest.raises(v.ValidationError) as caught:
        v.clean_population("population", "abc")
    assert caught.value.message != "Enter a whole number."
    assert any("\u0590" <= ch <= "\u05ff" for ch in caught.value.message)


def test_record_spec_collects_errors_by_field() -> None:
    cleaned, errors = AUTHORITY.clean({"name_he": "", "municipal_status": "town", "population": "-3"})
    assert set(errors) == {"name_he", "municipal_status", "population"}
    cleaned, errors = PERSON.clean({"full_name": "  דנה   לוי ", "email": "d@x.org"})
    assert not errors and cleaned["full_name"] == "דנה לוי"


# --- values known good at a glance (an exchange file's thousands of people) -----------------

_FORM_FIELDS = [
    spec
    for record in (AUTHORITY, CLUSTER, ORGANISATION, PERSON)
    for spec in record.fields
    if spec.kind in (FieldKind.TEXT, FieldKind.LTR_TEXT, FieldKind.MULTILINE)
]
# Text near the edges: marks, odd spaces, control characters, other digits, @ and dots.
_EDGY_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab05+972-.@ \t\n") + ["\u200f", "\u200e", "\u2068", "\xa0", "\u202f", "\x1b", "\x85", "٥", "א"]
    ),
    max_size=16,
)


@settings(max_examples=300)
@given(st.sampled_from(_FORM_FIELDS), st.one_of(_EDGY_TEXT, st.text(max_size=220)))
def test_a_value_that_passes_at_a_glance_is_one_the_field_accepts(spec: FieldSpec, value: str) -> None:
    if spec.passes_at_a_glance(value):
        spec.clean(value)  # raises nothing


@settings(max_examples=200)
@given(st.data())
def test_each_cleaners_stored_form_is_accepted_as_it_is(data: st.DataObject) -> None:
    cleaner, form = data.draw(
        st.sampled_from(sorted(v.STORED_FORMS.items(), key=lambda item: item[1].pattern))
    )
    stored = data.draw(st.from_regex(form, fullmatch=True))
    assert cleaner("field", stored) == stored.lower()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (PERSON.field("phone"), "+972501234567"),
        (PERSON.field("phone"), "+97226234567"),
        (PERSON.field("phone"), "1800123456"),
        (PERSON.field("phone"), ""),
        (PERSON.field("email"), "dana.cohen@example.org"),
        (PERSON.field("full_name"), "דנה כהן"),
        (AUTHORITY.field("name_he"), "אופקים"),
    ],
)
def test_stored_values_pass_at_a_glance(field: FieldSpec, value: str) -> None:
    assert field.passes_at_a_glance(value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (PERSON.field("phone"), "050-1234567"),  # typed: cleaned, and accepted then
        (PERSON.field("phone"), "+97212345678"),
        (PERSON.field("email"), "\u200fdana@example.org"),
        (PERSON.field("email"), "dana@example"),
        (PERSON.field("full_name"), " דנה"),
        (PERSON.field("full_name"), "\u200f"),
        (PERSON.field("full_name"), "x" * 201),
        (PERSON.field("full_name"), None),
        (AUTHORITY.field("population"), "1000"),  # (a number: always cleaned)
    ],
)
def test_other_values_are_left_to_the_cleaner(field: FieldSpec, value: object) -> None:
    assert not field.passes_at_a_glance(value)
