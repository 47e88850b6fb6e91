"""The years a citation can give: one pair of bounds for every pattern that looks for a year of publication."""

from __future__ import annotations

# Printing from movable type began in Europe about 1450, and essays cite its first books (incunabula, up to
# 1500) and dated fifteenth-century manuscripts, so from 1400 a four-digit number in a citation may be a
# year; earlier ones are pages far more often than dates ("pp. 1203-10"). The bounds are whole centuries,
# so that the patterns below can match a year by its first two digits.
EARLIEST_YEAR = 1400
# The end of the next century; later four-digit numbers are pages.
LATEST_YEAR = 2099

_CENTURIES = range(EARLIEST_YEAR // 100, LATEST_YEAR // 100 + 1)
_FIRST_DIGITS = sorted({century // 10 for century in _CENTURIES})


def _second_digits(first: int) -> str:
    """The second digits of the centuries that start with first, as a pattern ("[4-9]", "0")."""
    seconds = [century % 10 for century in _CENTURIES if century // 10 == first]
    return str(seconds[0]) if len(seconds) == 1 else f"[{seconds[0]}-{seconds[-1]}]"


# Regex fragments: the first digit of a year (a pattern opening with a look-ahead for it lets re skip straight
# to it), and the four digits of any year from EARLIEST_YEAR to LATEST_YEAR with no capturing group.
YEAR_FIRST_DIGIT = "[" + "".join(str(first) for first in _FIRST_DIGITS) + "]"
YEAR_DIGITS = "(?:" + "|".join(f"{first}{_second_digits(first)}" for first in _FIRST_DIGITS) + r")\d\d"


def plausible_year(number: str) -> bool:
    """Whether a bare number can be a year of publication ("1993" can, "1203" and "23" cannot)."""
    return len(number) == 4 and number.isdigit() and EARLIEST_YEAR <= int(number) <= LATEST_YEAR
