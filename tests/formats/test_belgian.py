"""R10: money as Decimal, Belgian numbers and dates in NL, FR and EN, UTC stored, Brussels shown."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from tandem.formats.belgian import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    parse_money,
)

amounts = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)


@pytest.mark.parametrize(
    "amount, text",
    [
        (Decimal("6500"), "€\u00a06.500"),
        (Decimal("6500.50"), "€\u00a06.500,50"),
        (Decimal("0.5"), "€\u00a00,50"),
        (Decimal("1234567.891"), "€\u00a01.234.567,89"),
        (Decimal("-120000"), "€\u00a0-120.000"),
        (999, "€\u00a0999"),
        (Decimal("0.005"), "€\u00a00,01"),  # half up, not banker's rounding
    ],
)
def test_money_as_in_the_seed_reports(amount, text):
    assert format_money(amount) == text


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        format_money(6500.5)


@given(amounts)
def test_money_round_trips_through_its_text(amount):
    assert parse_money(format_money(amount)) == amount


@given(amounts)
def test_grouping_puts_a_dot_every_three_digits(amount):
    whole = format_money(amount).removeprefix("€\u00a0").lstrip("-").partition(",")[0]
    groups = whole.split(".")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert "".join(groups) == str(abs(int(amount)))


@pytest.mark.parametrize("text", ["6.50", "6500.5", "1.23.456", "abc", "", "6,505", "€"])
def test_ambiguous_or_malformed_amounts_are_refused(text):
    with pytest.raises(ValueError, match="not an amount"):
        parse_money(text)


def test_numbers():
    assert format_number(1234567) == "1.234.567"
    assert format_number(Decimal("2.345"), 2) == "2,35"
    assert format_number(-5) == "-5"


def test_dates_are_day_month_year_without_leading_zeros():
    assert format_date(date(2022, 12, 7)) == "7/12/2022"


def test_timestamps_are_stored_in_utc_and_shown_in_brussels(settings):
    assert settings.USE_TZ and settings.TIME_ZONE == "Europe/Brussels"
    winter = datetime(2022, 12, 7, 23, 30, tzinfo=UTC)  # already 8 December in Brussels
    summer = datetime(2023, 6, 30, 12, 5, tzinfo=UTC)
    assert format_datetime(winter) == "8/12/2022 00:30"
    assert format_date(winter) == "8/12/2022"
    assert format_datetime(summer) == "30/6/2023 14:05"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_django_localisation_uses_belgian_formats_in_every_language(language):
    with translation.override(language):
        assert formats.date_format(date(2022, 12, 7), "SHORT_DATE_FORMAT") == "7/12/2022"
        assert formats.number_format(Decimal("6500.5"), 2, force_grouping=True) == "6.500,50"
        assert "%d/%m/%Y" == formats.get_format("DATE_INPUT_FORMATS")[0]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_template_filters(language):
    template = Template(
        "{% load belgian %}{{ a|money }} {{ n|number }} {{ d|bedate }} {{ t|bedatetime }}"
    )
    context = Context(
        {
            "a": Decimal("6500"),
            "n": 12000,
            "d": date(2023, 1, 19),
            "t": datetime(2023, 1, 19, 9, 0, tzinfo=UTC),
        }
    )
    with translation.override(language):
        assert template.render(context) == "€\u00a06.500 12.000 19/1/2023 19/1/2023 10:00"
