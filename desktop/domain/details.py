"""An opportunity's details: salary, where the work is done, the application deadline.

Pure parsing shared by the form, the command line and the CSV import, so that "50k–60k
EUR" means the same wherever it is typed. Messages are sentences shown next to the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.vocabulary import SalaryBasis, WorkMode

MAX_AMOUNT = 1_000_000_000  # no salary is larger; a bigger number is a typing slip
_CURRENCY = re.compile(r"^[A-Z]{3}$")
# The symbols people type for the codes they mean most often; "$" alone is read as USD.
SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB"}
_RANGE_DASHES = ("–", "—", " to ", "-")
_AMOUNT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?P<thousands>k)?$")


@dataclass(frozen=True)
class Salary:
    minimum: int | None = None
    maximum: int | None = None
    currency: str = ""
    basis: SalaryBasis = SalaryBasis.GIVEN

    def __bool__(self) -> bool:
        return self.minimum is not None or self.maximum is not None

    def text(self) -> str:
        """ "55,000–65,000 EUR", "55,000 EUR", "up to 65,000 EUR": how it is shown."""
        low, high = self.minimum, self.maximum
        if low is not None and high is not None and low != high:
            amount = f"{low:,}–{high:,}"
        elif low is not None:
            amount = f"{low:,}" if high is not None else f"from {low:,}"
        elif high is not None:
            amount = f"up to {high:,}"
        else:
            return ""
        return f"{amount} {self.currency}".strip()


def parse_amount(raw: str) -> int:
    """'55000', '55,000', '55 000', "55'000", '55k', '55.5k' → 55000 (whole units)."""
    text = (raw or "").strip()
    folded = re.sub(r"[\s,'_\u00a0\u202f]", "", text).casefold()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", folded):
        folded = folded.replace(".", "")  # "50.000": a thousands point, as in much of Europe
    match = _AMOUNT.match(folded)
    if match is None:
        raise ValueError(f"{text!r} is not an amount; write it like 55000 or 55k.")
    value = float(match["number"]) * (1000 if match["thousands"] else 1)
    if value != int(value):
        value = round(value)
    if not 0 < value <= MAX_AMOUNT:
        raise ValueError(f"{text} is out of range for a salary.")
    return int(value)


def parse_currency(raw: str) -> str:
    """'eur', 'EUR', '€' → 'EUR'; anything else that is not three letters is refused."""
    text = (raw or "").strip()
    code = SYMBOLS.get(text, text.upper())
    if not _CURRENCY.match(code):
        raise ValueError(f"{text!r} is not a currency code; use three letters, like EUR or USD.")
    return code


def parse_salary(raw: str) -> Salary:
    """A salary as people write it in one cell or option: '55000', '50k-60k EUR',
    '€50,000 – €60,000', 'USD 120k'. The basis is "as given"."""
    text = " ".join((raw or "").split())
    currency = ""
    for symbol, code in SYMBOLS.items():
        if symbol in text:
            currency = code
            text = text.replace(symbol, " ")
    words = text.split()
    codes = [w for w in words if re.fullmatch(r"[A-Za-z]{3}", w)]
    if codes:
        currency = parse_currency(codes[0])
        words = [w for w in words if w not in codes]
    text = " ".join(words).casefold()
    for dash in _RANGE_DASHES:
        low, found, high = text.partition(dash)
        if found and low.strip() and high.strip():
            minimum, maximum = parse_amount(low), parse_amount(high)
            break
    else:
        minimum = maximum = parse_amount(text)
    check_range(minimum, maximum)
    return Salary(minimum, maximum, currency)


def check_range(minimum: int | None, maximum: int | None) -> None:
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError(
            f"The top of the range is below its bottom ({minimum:,}); swap them or fix one."
        )


_YES = frozenset({"yes", "y", "true", "x"})
_NO = frozenset({"no", "n", "false"})


def parse_work_mode(raw: str) -> WorkMode:
    """On site, hybrid or remote; a spreadsheet's "Remote" column of yes and no says
    remote, or leaves it unsaid (no is not yet on site or hybrid)."""
    text = (raw or "").strip()
    if text.casefold() in _YES:
        return WorkMode.REMOTE
    if not text or text.casefold() in _NO:
        return WorkMode.UNKNOWN
    return WorkMode.parse(text)


def parse_salary_basis(raw: str) -> SalaryBasis:
    text = (raw or "").strip()
    return SalaryBasis.parse(text) if text else SalaryBasis.GIVEN
