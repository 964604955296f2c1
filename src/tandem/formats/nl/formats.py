"""Belgian Dutch: 7/12/2022 and 6.500,50 (Django's nl formats are those of the Netherlands)."""

from django.conf.locale.nl.formats import *  # noqa: F403

from tandem.formats.belgian import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DECIMAL_SEPARATOR,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    THOUSAND_SEPARATOR,
)
