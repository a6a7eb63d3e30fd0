"""The compiled converters of migrator.model.serialize behave as the generic ones did."""

from __future__ import annotations

import dataclasses

import pytest

from migrator.model.enums import Capability, NumberType
from migrator.model.inventory import Inventory, MessagingService, Number
from migrator.model.mapping import NumberMapping, Strategy
from migrator.model.serialize import assemble, from_data, to_data


def _number() -> Number:
    return Number(
        id="PN1",
        e164="+14155550100",
        country="US",
        number_type=NumberType.MOBILE,
        capabilities=frozenset({Capability.SMS, Capability.VOICE}),
        account_id="AC1",
        tags=frozenset({"b", "a"}),
        config={"rate": 1, "nested": {"x": [1, 2]}},
    )


def test_from_data_rebuilds_every_field_with_its_type() -> None:
    number = _number()
    again = from_data(Number, to_data(number))
    assert again == number
    assert again.number_type is NumberType.MOBILE
    assert isinstance(again.capabilities, frozenset)
    assert all(isinstance(c, Capability) for c in again.capabilities)
    service = from_data(MessagingService, {**to_data(MessagingService("MG1", "s", "AC1", ("a",)))})
    assert service.number_ids == ("a",)


def test_data_from_an_older_version_takes_the_defaults_and_newer_keys_are_ignored() -> None:
    data = to_data(_number())
    del data["tags"], data["friendly_name"]
    data["added_later"] = "ignored"
    again = from_data(Number, data)
    assert again == dataclasses.replace(_number(), tags=frozenset(), friendly_name="")


def test_a_wrong_enum_value_is_refused_as_before() -> None:
    data = to_data(_number())
    data["number_type"] = "satellite"
    with pytest.raises(ValueError, match="satellite"):
        from_data(Number, data)
    data["number_type"] = ["local"]
    with pytest.raises(ValueError):
        from_data(Number, data)


def test_assemble_equals_the_constructor_and_falls_back_to_it() -> None:
    fields = {
        "id": "PN1",
        "e164": "+1",
        "strategy": Strategy.PORT,
        "decided_by": "table",
        "why": "w",
        "app": None,
        "sms_app": None,
        "webhooks": {},
        "not_carried": (),
        "replacement": None,
    }
    built = assemble(NumberMapping, fields)
    assert built == NumberMapping(**fields) and vars(built) == vars(NumberMapping(**fields))
    assert list(vars(built)) == list(fields)  # orjson encodes the instance dict in this order
    reordered = dict(reversed(list(fields.items())))
    assert list(vars(assemble(NumberMapping, reordered))) == list(fields)
    partial = {k: v for k, v in fields.items() if k not in ("webhooks", "not_carried")}
    assert assemble(NumberMapping, partial) == NumberMapping(**fields)
    with pytest.raises(TypeError):
        assemble(NumberMapping, {"id": "PN1"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.id = "other"  # type: ignore[misc]


def test_an_inventory_round_trips_through_its_dict() -> None:
    inventory = Inventory(vendor="twilio", account_id="AC1", numbers=(_number(),))  # type: ignore[arg-type]
    assert Inventory.from_dict(inventory.to_dict()).to_dict() == inventory.to_dict()
