"""Belgian formats shared by the three languages (QUALITY R10): one report reads the same in each.

Django's format modules describe the Netherlands (7-12-2022) and France (6 500,50); Belgian
administrations write 7/12/2022 and 6.500,50, and amounts as € 6.500. The settings below feed
Django's localisation (FORMAT_MODULE_PATH); the functions are for code that formats outside
templates (CLI, exports, reports) and for the template filters in tandem.web.templatetags.belgian.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
FIRST_DAY_OF_WEEK = 1  # Monday
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"]

CENT = Decimal("0.01")


def group_thousands(digits: str) -> str:
    """'1234567' → '1.234.567'."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return THOUSAND_SEPARATOR.join(parts)


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """6500 → '6.500'; Decimal('1234.5'), 2 → '1.234,50'. Rounds half up, as accountants do."""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    text = group_thousands(whole)
    return f"{sign}{text}{DECIMAL_SEPARATOR}{fraction}" if decimals else f"{sign}{text}"


def format_money(amount: Decimal | int) -> str:
    """Euro amounts as in the seed reports: € 6.500 when whole, € 6.500,50 otherwise."""
    if isinstance(amount, float):
        raise TypeError("money is a Decimal, never a float")
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    decimals = 0 if value == value.to_integral_value() else 2
    return f"€\u00a0{format_number(value, decimals)}"


def _ascii_digits(text: str) -> bool:
    """0-9 only: str.isdigit() also takes ١٢٣ and ２０２２, which no Belgian form means."""
    return text.isascii() and text.isdigit()


def parse_money(text: str) -> Decimal:
    """'€ 6.500,50' / '6500,5' / '6.500' → Decimal. Comma is the decimal mark; dots group
    thousands. Raises ValueError on anything else (a dot as decimal mark is ambiguous: refused)."""
    cleaned = text.strip().removeprefix("€").strip().replace("\u00a0", "").replace(" ", "")
    sign = ""
    if cleaned.startswith("-"):
        sign, cleaned = "-", cleaned[1:]
    whole, comma, fraction = cleaned.partition(",")
    groups = whole.split(".")
    valid = (
        whole
        and all(_ascii_digits(g) for g in groups)
        and (
            len(groups) == 1 or (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))
        )
        and (not comma or (_ascii_digits(fraction) and len(fraction) <= 2))
    )
    if not valid:
        raise ValueError(f"'{text}' is not an amount (write 6.500 or 6.500,50)")
    try:
        return Decimal(f"{sign}{''.join(groups)}.{fraction or '0'}").quantize(CENT)
    except InvalidOperation as error:  # pragma: no cover - guarded by the checks above
        raise ValueError(f"'{text}' is not an amount") from error


def format_date(day: date | datetime) -> str:
    """7/12/2022. A datetime is shown on its day in Brussels, whatever zone it was stored in."""
    if isinstance(day, datetime):
        day = timezone.localtime(day) if timezone.is_aware(day) else day
    return f"{day.day}/{day.month}/{day.year}"


def format_datetime(moment: datetime) -> str:
    """Stored in UTC, shown in Europe/Brussels: 7/12/2022 14:05."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{format_date(local)} {local:%H:%M}"
