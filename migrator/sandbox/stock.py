"""Numbers for sale, made on demand: what every emulated vendor's catalogue is built from.

Real vendors hold stock in nearly every area code, so a catalogue cannot be a fixed list. A search
that finds too few unsold numbers makes more, with the digits it asks for (an area code or NPA-NXX
the national number starts with, digits it contains or ends with), from a generator seeded by the
search itself: the same searches give the same numbers. Each number made is valid for its country
and type per phonenumbers' metadata (checked with compiled patterns first, because searches make
thousands of candidates) and reserved in the shared pool, so no two accounts of any vendor ever
offer or own the same number.

`Shelf` keeps one account's unsold numbers, remembered per search, so a repeated search neither
rescans everything for sale nor makes new numbers it does not need.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import phonenumbers

from migrator.sandbox.numbers import TYPE_BY_NAME, NumberPool

ATTEMPTS = 300
"""Candidates tried per number before a search counts as exhausted."""

# The types phonenumbers tells apart before fixed line and mobile (number_type's own order): a
# number matching one of these is that type, whatever else it matches.
_RANKED = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
_DESC_BY_KIND = {"local": "fixed_line", "mobile": "mobile", "tollfree": "toll_free"}


@dataclass(frozen=True)
class Digits:
    """Digits a national number must show; '*' stands for any one digit."""

    starts: str = ""
    contains: str = ""
    ends: str = ""

    def __post_init__(self) -> None:
        for part in (self.starts, self.contains, self.ends):
            if part and not re.fullmatch(r"[0-9*]+", part):
                raise ValueError(f"'{part}' is not a digit pattern")

    def matches(self, national: str) -> bool:
        return (
            (not self.starts or _glob(self.starts).match(national) is not None)
            and (not self.contains or _glob(self.contains).search(national) is not None)
            and (not self.ends or _glob(self.ends + "$").search(national) is not None)
        )


@functools.cache
def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("*", r"\d"))


@dataclass(frozen=True)
class _Shape:
    """What numbers of one country and kind look like, per phonenumbers' metadata."""

    calling_code: int
    length: int
    example: str
    wanted: re.Pattern[str]
    excluded: tuple[re.Pattern[str], ...]

    def fits(self, national: str) -> bool:
        return self.wanted.fullmatch(national) is not None and not any(
            other.fullmatch(national) for other in self.excluded
        )


@functools.cache
def _shape(country: str, kind: str) -> _Shape | None:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    if metadata is None or kind not in _DESC_BY_KIND:
        return None
    wanted_desc = getattr(metadata, _DESC_BY_KIND[kind])
    if wanted_desc is None or not wanted_desc.national_number_pattern:
        return None
    example = phonenumbers.example_number_for_type(country, TYPE_BY_NAME[kind])
    if example is None and kind == "local":
        example = phonenumbers.example_number_for_type(
            country, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE
        )
    if example is None:
        return None
    excluded = [
        desc.national_number_pattern
        for name in _RANKED
        if name != _DESC_BY_KIND[kind] and (desc := getattr(metadata, name)) is not None
    ]
    if kind == "mobile":
        fixed = metadata.fixed_line
        same = metadata.same_mobile_and_fixed_line_pattern
        if fixed is not None and fixed.national_number_pattern and not same:
            excluded.append(fixed.national_number_pattern)
    national = str(example.national_number)
    return _Shape(
        calling_code=example.country_code or 0,
        length=len(national),
        example=national,
        wanted=re.compile(wanted_desc.national_number_pattern),
        excluded=tuple(re.compile(p) for p in excluded if p),
    )


def calling_code(country: str) -> str:
    """'1' for US, '44' for GB ('' for an unknown country)."""
    code = phonenumbers.country_code_for_region(country)
    return str(code) if code else ""


def national_of(e164: str) -> str:
    return str(phonenumbers.parse(e164).national_number)


def default_prefix(country: str, kind: str) -> str:
    """The prefix numbers of this country and kind start with when a search names none (that of
    phonenumbers' example number, as long as an area code)."""
    shape = _shape(country, kind)
    if shape is None:
        return ""
    return shape.example[: max(3, shape.length - 7)]


def _candidate(rng: random.Random, shape: _Shape, digits: Digits, prefix: str) -> str | None:
    """A national number of the right length showing the digits; None when they cannot fit."""
    free = shape.length - len(prefix)
    middle = digits.contains
    if free < len(middle) + len(digits.ends):
        return None
    gap = free - len(middle) - len(digits.ends)
    before = rng.randrange(gap + 1) if middle else gap
    body = (
        "".join(str(rng.randrange(10)) for _ in range(before))
        + middle
        + "".join(str(rng.randrange(10)) for _ in range(gap - before))
        + digits.ends
    )
    return "".join(str(rng.randrange(10)) if c == "*" else c for c in prefix + body)


def _prefix(
    rng: random.Random, country: str, kind: str, digits: Digits, defaults: tuple[str, ...]
) -> str:
    if digits.starts:
        return digits.starts
    return rng.choice(defaults) if defaults else default_prefix(country, kind)


def _draw(
    rng: random.Random,
    country: str,
    kind: str,
    digits: Digits,
    defaults: tuple[str, ...],
    attempts: int,
    taken: Callable[[str], bool],
) -> str | None:
    shape = _shape(country, kind)
    if shape is None:
        return None
    for _ in range(attempts):
        national = _candidate(rng, shape, digits, _prefix(rng, country, kind, digits, defaults))
        if national is None:
            return None
        if not shape.fits(national) or not digits.matches(national):
            continue
        number = phonenumbers.PhoneNumber(
            country_code=shape.calling_code, national_number=int(national)
        )
        if str(number.national_number) != national:
            continue  # a leading zero would be lost
        if not phonenumbers.is_valid_number_for_region(number, country):
            continue
        e164 = f"+{shape.calling_code}{national}"
        if not taken(e164):
            return e164
    return None


@functools.cache
def can_exist(country: str, kind: str, digits: Digits = Digits()) -> bool:
    """Whether any number of this country and kind shows these digits (a cheap probe, so a search
    for an area code that does not exist answers at once instead of exhausting its attempts)."""
    rng = random.Random(f"probe:{country}:{kind}:{digits}")
    return _draw(rng, country, kind, digits, (), 4 * ATTEMPTS, lambda _e164: False) is not None


def make(
    pool: NumberPool,
    rng: random.Random,
    country: str,
    kind: str,
    digits: Digits = Digits(),
    defaults: tuple[str, ...] = (),
) -> str | None:
    """A new number of this country and kind showing `digits`, reserved in the pool; None when
    no free one turns up. `defaults`: prefixes to pick from when `digits` names no start."""
    if not can_exist(country, kind, digits):
        return None
    e164 = _draw(rng, country, kind, digits, defaults, ATTEMPTS, pool.is_taken)
    if e164 is not None:
        pool.reserve(e164)
    return e164


def share(e164: str, salt: str) -> float:
    """A stable fraction in [0, 1) for a number, to give "some" numbers a feature (the same on
    every run: Python's own str hash is salted per process)."""
    return random.Random(f"{salt}:{e164}").random()


class Offer(Protocol):
    @property
    def e164(self) -> str: ...


OfferT = TypeVar("OfferT", bound=Offer)


class Shelf(Generic[OfferT]):
    """One account's numbers for sale, remembered per search. Callers hold the sandbox lock."""

    def __init__(self) -> None:
        self._offers: dict[str, OfferT] = {}
        self._by_search: dict[Hashable, list[str]] = {}
        self._made: dict[Hashable, int] = {}
        self._returned: list[str] = []

    def __len__(self) -> int:
        return len(self._offers)

    def __iter__(self) -> Iterator[OfferT]:
        return iter(list(self._offers.values()))

    def get(self, e164: str) -> OfferT | None:
        return self._offers.get(e164)

    def take(self, e164: str) -> OfferT | None:
        """Remove a number from sale (it is being bought)."""
        return self._offers.pop(e164, None)

    def put_back(self, offer: OfferT) -> None:
        """A released number is for sale again (every search may find it)."""
        self._offers[offer.e164] = offer
        self._returned.append(offer.e164)

    def made(self, search: Hashable) -> int:
        """How many numbers this search has made so far."""
        return self._made.get(search, 0)

    def find(
        self,
        search: Hashable,
        accept: Callable[[OfferT], bool],
        need: int,
        make_one: Callable[[int], OfferT | None],
        most: int,
    ) -> list[OfferT]:
        """Unsold numbers this search made (and released ones) that `accept` takes, in the order
        they were made, after making more with `make_one(serial)` until `need` are found or the
        search has made `most` numbers (or `make_one` runs dry)."""
        shelf = self._by_search.setdefault(search, [])
        if any(e164 not in self._offers for e164 in shelf):
            shelf[:] = [e164 for e164 in shelf if e164 in self._offers]
        self._returned = [e164 for e164 in self._returned if e164 in self._offers]
        seen = set(shelf)
        found = [offer for e164 in shelf if accept(offer := self._offers[e164])]
        found += [
            offer
            for e164 in self._returned
            if e164 not in seen and accept(offer := self._offers[e164])
        ]
        while len(found) < need and self._made.get(search, 0) < most:
            serial = self._made.get(search, 0)
            self._made[search] = serial + 1
            made = make_one(serial)
            if made is None:
                self._made[search] = most
                break
            self._offers[made.e164] = made
            shelf.append(made.e164)
            if accept(made):
                found.append(made)
        return found
