"""English as read in Belgium: Belgian dates and numbers (7/12/2022, 6.500,50), English words."""

from django.conf.locale.en.formats import *  # noqa: F403

from tandem.formats.belgian import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DECIMAL_SEPARATOR,
    FIRST_DAY_OF_WEEK,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    THOUSAND_SEPARATOR,
)

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
TIME_FORMAT = "H:i"
