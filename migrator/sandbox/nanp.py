"""North American area codes and the state or province each serves, from phonenumbers' metadata
and offline geocoder, so catalogues can sell numbers "in Quebec" or name a number's state."""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers import geocoder

_ABBREVIATIONS = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
    "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan",
}  # fmt: skip
# The geocoder's own spellings that differ from the names above.
_RENAMED = {
    "Washington State": "Washington",
    "Washington D.C.": "District of Columbia",
    "British Colombia": "British Columbia",
}
_EXCHANGES = ("2345678", "5550123", "7654321", "3216549")


@functools.cache
def area_codes(country: str) -> tuple[str, ...]:
    """Every area code of a North American country with geographic numbers."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    if metadata is None or metadata.country_code != 1 or metadata.fixed_line is None:
        return ()
    fixed = re.compile(metadata.fixed_line.national_number_pattern or "$^")
    return tuple(
        str(npa)
        for npa in range(200, 1000)
        if any(fixed.fullmatch(f"{npa}{exchange}") for exchange in _EXCHANGES)
    )


@functools.cache
def state_of(area_code: str) -> str | None:
    """The state or province an area code serves ("Quebec" for 514), when the geocoder knows."""
    for exchange in _EXCHANGES:
        place = geocoder.description_for_number(
            phonenumbers.parse(f"+1{area_code}{exchange}"), "en"
        )
        if not place:
            continue
        _, _, tail = place.rpartition(", ")
        name = _ABBREVIATIONS.get(tail, _RENAMED.get(place, place))
        if name in _ABBREVIATIONS.values():
            return name
    return None


def area_codes_in(country: str, region: str) -> tuple[str, ...]:
    """The area codes of a country whose state or province name contains `region` (any case)."""
    wanted = region.strip().lower()
    return tuple(code for code in area_codes(country) if wanted in (state_of(code) or "").lower())
