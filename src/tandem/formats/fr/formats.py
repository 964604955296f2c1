"""Belgian French: 7/12/2022 and 6.500,50 (Django's fr formats are those of France)."""

from django.conf.locale.fr.formats import *  # noqa: F403

from tandem.formats.belgian import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DECIMAL_SEPARATOR,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    THOUSAND_SEPARATOR,
)
