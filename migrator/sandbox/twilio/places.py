"""Where emulated Twilio numbers live: area codes with their city, so numbers look real."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    locality: str
    region: str
    postal_code: str
    latitude: float
    longitude: float


US_AREAS: dict[str, Place] = {
    "212": Place("New York", "NY", "10001", 40.7506, -73.9972),
    "646": Place("New York", "NY", "10011", 40.7403, -74.0003),
    "917": Place("New York", "NY", "10016", 40.7459, -73.9781),
    "718": Place("Brooklyn", "NY", "11201", 40.6947, -73.9903),
    "347": Place("Brooklyn", "NY", "11211", 40.7125, -73.9538),
    "201": Place("Jersey City", "NJ", "07302", 40.7219, -74.0468),
    "213": Place("Los Angeles", "CA", "90012", 34.0614, -118.2385),
    "818": Place("Burbank", "CA", "91502", 34.1766, -118.3094),
    "805": Place("Santa Barbara", "CA", "93101", 34.4194, -119.7076),
    "415": Place("San Francisco", "CA", "94103", 37.7725, -122.4091),
    "925": Place("Walnut Creek", "CA", "94596", 37.9022, -122.0611),
    "858": Place("San Diego", "CA", "92121", 32.8986, -117.2025),
    "206": Place("Seattle", "WA", "98101", 47.6114, -122.3357),
    "503": Place("Portland", "OR", "97204", 45.5183, -122.6773),
    "303": Place("Denver", "CO", "80202", 39.7527, -104.9992),
    "720": Place("Denver", "CO", "80205", 39.7589, -104.9661),
    "312": Place("Chicago", "IL", "60601", 41.8858, -87.6181),
    "773": Place("Chicago", "IL", "60614", 41.9227, -87.6533),
    "214": Place("Dallas", "TX", "75201", 32.7904, -96.8044),
    "469": Place("Plano", "TX", "75024", 33.0754, -96.8065),
    "713": Place("Houston", "TX", "77002", 29.7569, -95.3625),
    "512": Place("Austin", "TX", "78701", 30.2713, -97.7426),
    "305": Place("Miami", "FL", "33131", 25.7663, -80.1918),
    "786": Place("Miami", "FL", "33130", 25.7674, -80.2064),
    "404": Place("Atlanta", "GA", "30303", 33.7527, -84.3918),
    "617": Place("Boston", "MA", "02108", 42.3576, -71.0637),
    "602": Place("Phoenix", "AZ", "85004", 33.4512, -112.0687),
    "702": Place("Las Vegas", "NV", "89101", 36.1727, -115.1226),
    "919": Place("Raleigh", "NC", "27601", 35.7730, -78.6380),
}

CA_AREAS: dict[str, Place] = {
    "416": Place("Toronto", "ON", "M5H", 43.6507, -79.3832),
    "604": Place("Vancouver", "BC", "V6B", 49.2790, -123.1150),
    "514": Place("Montreal", "QC", "H2Y", 45.5048, -73.5563),
    "403": Place("Calgary", "AB", "T2P", 51.0486, -114.0708),
    "613": Place("Ottawa", "ON", "K1P", 45.4215, -75.6972),
}

GB_AREAS: dict[str, Place] = {
    "20": Place("London", "England", "EC1A", 51.5178, -0.1007),
    "161": Place("Manchester", "England", "M1", 53.4808, -2.2426),
    "121": Place("Birmingham", "England", "B1", 52.4796, -1.9026),
    "131": Place("Edinburgh", "Scotland", "EH1", 55.9533, -3.1883),
}

US_TOLL_FREE = ("800", "833", "844", "855", "866", "877", "888")

AREAS: dict[str, dict[str, Place]] = {"US": US_AREAS, "CA": CA_AREAS, "GB": GB_AREAS}


def place_of(country: str, area_code: str | None) -> Place | None:
    if area_code is None:
        return None
    return AREAS.get(country, {}).get(area_code)
