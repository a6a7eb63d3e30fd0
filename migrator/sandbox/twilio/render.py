"""Resources as Twilio's JSON, field for field as in twilio-oai's response schemas."""

from __future__ import annotations

from typing import Any

import phonenumbers

from migrator.sandbox.numbers import country_of
from migrator.sandbox.twilio.catalogue import AvailableNumber
from migrator.sandbox.twilio.resources import (
    AccountProfile,
    Application,
    IncomingNumber,
    MessagingService,
    OriginationUrl,
    SipDomain,
    Trunk,
)
from migrator.sandbox.twilio.sids import iso8601, rfc2822

API = "/2010-04-01"
MESSAGING = "https://messaging.twilio.com/v1"
TRUNKING = "https://trunking.twilio.com/v1"


def default_friendly_name(e164: str) -> str:
    """Twilio's default name: '(415) 555-0123' for North American numbers, else E.164."""
    parsed = phonenumbers.parse(e164)
    if parsed.country_code == 1:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return e164


def account_uri(account_sid: str) -> str:
    return f"{API}/Accounts/{account_sid}"


def number_json(account_sid: str, number: IncomingNumber) -> dict[str, Any]:
    return {
        "account_sid": account_sid,
        "address_sid": number.address_sid,
        "address_requirements": number.address_requirements,
        "api_version": number.api_version,
        "beta": number.beta,
        "capabilities": dict(number.capabilities),
        "date_created": rfc2822(number.date_created),
        "date_updated": rfc2822(number.date_updated),
        "friendly_name": number.friendly_name,
        "identity_sid": number.identity_sid,
        "phone_number": number.phone_number,
        "origin": number.origin,
        "sid": number.sid,
        "sms_application_sid": number.sms_application_sid,
        "sms_fallback_method": number.sms_fallback_method,
        "sms_fallback_url": number.sms_fallback_url,
        "sms_method": number.sms_method,
        "sms_url": number.sms_url,
        "status_callback": number.status_callback,
        "status_callback_method": number.status_callback_method,
        "trunk_sid": number.trunk_sid,
        "uri": f"{account_uri(account_sid)}/IncomingPhoneNumbers/{number.sid}.json",
        "voice_receive_mode": number.voice_receive_mode,
        "voice_application_sid": number.voice_application_sid,
        "voice_caller_id_lookup": number.voice_caller_id_lookup,
        "voice_fallback_method": number.voice_fallback_method,
        "voice_fallback_url": number.voice_fallback_url,
        "voice_method": number.voice_method,
        "voice_url": number.voice_url,
        "emergency_status": number.emergency_status,
        "emergency_address_sid": number.emergency_address_sid,
        "emergency_address_status": number.emergency_address_status,
        "bundle_sid": number.bundle_sid,
        "status": number.status,
        "type": number.number_type,
        "subresource_uris": {
            "assigned_add_ons": (
                f"{account_uri(account_sid)}/IncomingPhoneNumbers/{number.sid}/AssignedAddOns.json"
            )
        },
    }


def application_json(account_sid: str, app: Application) -> dict[str, Any]:
    return {
        "account_sid": account_sid,
        "api_version": app.api_version,
        "date_created": rfc2822(app.date_created),
        "date_updated": rfc2822(app.date_updated),
        "friendly_name": app.friendly_name,
        "message_status_callback": app.message_status_callback,
        "sid": app.sid,
        "sms_fallback_method": app.sms_fallback_method,
        "sms_fallback_url": app.sms_fallback_url,
        "sms_method": app.sms_method,
        "sms_status_callback": app.sms_status_callback,
        "sms_url": app.sms_url,
        "status_callback": app.status_callback,
        "status_callback_method": app.status_callback_method,
        "uri": f"{account_uri(account_sid)}/Applications/{app.sid}.json",
        "voice_caller_id_lookup": app.voice_caller_id_lookup,
        "voice_fallback_method": app.voice_fallback_method,
        "voice_fallback_url": app.voice_fallback_url,
        "voice_method": app.voice_method,
        "voice_url": app.voice_url,
        "public_application_connect_enabled": app.public_application_connect_enabled,
    }


_ACCOUNT_SUBRESOURCES = {
    "available_phone_numbers": "AvailablePhoneNumbers",
    "incoming_phone_numbers": "IncomingPhoneNumbers",
    "applications": "Applications",
    "sip": "SIP",
    "addresses": "Addresses",
    "calls": "Calls",
    "messages": "Messages",
}


def account_json(
    sid: str, auth_token: str, owner_sid: str, profile: AccountProfile
) -> dict[str, Any]:
    base = account_uri(sid)
    return {
        "auth_token": auth_token,
        "date_created": rfc2822(profile.date_created),
        "date_updated": rfc2822(profile.date_updated),
        "friendly_name": profile.friendly_name,
        "owner_account_sid": owner_sid,
        "sid": sid,
        "status": profile.status,
        "subresource_uris": {k: f"{base}/{v}.json" for k, v in _ACCOUNT_SUBRESOURCES.items()},
        "type": profile.type,
        "uri": f"{base}.json",
    }


def domain_json(account_sid: str, domain: SipDomain) -> dict[str, Any]:
    base = f"{account_uri(account_sid)}/SIP/Domains/{domain.sid}"
    return {
        "account_sid": account_sid,
        "api_version": domain.api_version,
        "auth_type": domain.auth_type,
        "date_created": rfc2822(domain.date_created),
        "date_updated": rfc2822(domain.date_updated),
        "domain_name": domain.domain_name,
        "friendly_name": domain.friendly_name,
        "sid": domain.sid,
        "uri": f"{base}.json",
        "voice_fallback_method": domain.voice_fallback_method,
        "voice_fallback_url": domain.voice_fallback_url,
        "voice_method": domain.voice_method,
        "voice_status_callback_method": domain.voice_status_callback_method,
        "voice_status_callback_url": domain.voice_status_callback_url,
        "voice_url": domain.voice_url,
        "subresource_uris": {
            "credential_list_mappings": f"{base}/CredentialListMappings.json",
            "ip_access_control_list_mappings": f"{base}/IpAccessControlListMappings.json",
        },
        "sip_registration": domain.sip_registration,
        "emergency_calling_enabled": domain.emergency_calling_enabled,
        "secure": domain.secure,
        "byoc_trunk_sid": domain.byoc_trunk_sid,
        "emergency_caller_sid": domain.emergency_caller_sid,
    }


def available_json(number: AvailableNumber) -> dict[str, Any]:
    place = number.place
    caps = number.capabilities
    return {
        "friendly_name": default_friendly_name(number.e164),
        "phone_number": number.e164,
        "lata": None,
        "locality": place.locality if place else None,
        "rate_center": place.locality.upper() if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "region": place.region if place else None,
        "postal_code": place.postal_code if place else None,
        "iso_country": number.country,
        "address_requirements": "none",
        "beta": False,
        "capabilities": {"voice": caps["voice"], "sms": caps["sms"], "mms": caps["mms"]},
    }


def service_json(account_sid: str, service: MessagingService) -> dict[str, Any]:
    url = f"{MESSAGING}/Services/{service.sid}"
    return {
        "sid": service.sid,
        "account_sid": account_sid,
        "friendly_name": service.friendly_name,
        "date_created": iso8601(service.date_created),
        "date_updated": iso8601(service.date_updated),
        "inbound_request_url": service.inbound_request_url,
        "inbound_method": service.inbound_method,
        "fallback_url": service.fallback_url,
        "fallback_method": service.fallback_method,
        "status_callback": service.status_callback,
        "sticky_sender": service.sticky_sender,
        "mms_converter": service.mms_converter,
        "smart_encoding": service.smart_encoding,
        "scan_message_content": service.scan_message_content,
        "fallback_to_long_code": service.fallback_to_long_code,
        "area_code_geomatch": service.area_code_geomatch,
        "synchronous_validation": service.synchronous_validation,
        "validity_period": service.validity_period,
        "url": url,
        "links": {
            "phone_numbers": f"{url}/PhoneNumbers",
            "short_codes": f"{url}/ShortCodes",
            "alpha_senders": f"{url}/AlphaSenders",
            "messages": f"{url}/Messages",
            "us_app_to_person": f"{url}/Compliance/Usa2p",
            "us_app_to_person_usecases": f"{url}/Compliance/Usa2p/Usecases",
            "channel_senders": f"{url}/ChannelSenders",
        },
        "usecase": service.usecase,
        "us_app_to_person_registered": service.us_app_to_person_registered,
        "use_inbound_webhook_on_number": service.use_inbound_webhook_on_number,
    }


def service_number_json(
    account_sid: str, service: MessagingService, number: IncomingNumber
) -> dict[str, Any]:
    added = service.phone_numbers.get(number.sid, number.date_updated)
    labels = {"mms": "MMS", "sms": "SMS", "voice": "Voice", "fax": "Fax"}
    return {
        "sid": number.sid,
        "account_sid": account_sid,
        "service_sid": service.sid,
        "date_created": iso8601(added),
        "date_updated": iso8601(added),
        "phone_number": number.phone_number,
        "country_code": country_of(number.phone_number),
        "capabilities": sorted(labels[k] for k, on in number.capabilities.items() if on),
        "url": f"{MESSAGING}/Services/{service.sid}/PhoneNumbers/{number.sid}",
    }


def trunk_json(account_sid: str, trunk: Trunk) -> dict[str, Any]:
    url = f"{TRUNKING}/Trunks/{trunk.sid}"
    return {
        "sid": trunk.sid,
        "account_sid": account_sid,
        "domain_name": trunk.domain_name,
        "disaster_recovery_method": trunk.disaster_recovery_method,
        "disaster_recovery_url": trunk.disaster_recovery_url,
        "friendly_name": trunk.friendly_name,
        "secure": trunk.secure,
        "cnam_lookup_enabled": trunk.cnam_lookup_enabled,
        "symmetric_rtp_enabled": trunk.symmetric_rtp_enabled,
        "recording": dict(trunk.recording),
        "transfer_mode": trunk.transfer_mode,
        "transfer_caller_id": trunk.transfer_caller_id,
        "auth_type": "",
        "auth_type_set": [],
        "date_created": iso8601(trunk.date_created),
        "date_updated": iso8601(trunk.date_updated),
        "url": url,
        "links": {
            "origination_urls": f"{url}/OriginationUrls",
            "credential_lists": f"{url}/CredentialLists",
            "ip_access_control_lists": f"{url}/IpAccessControlLists",
            "phone_numbers": f"{url}/PhoneNumbers",
        },
    }


def origination_json(account_sid: str, origination: OriginationUrl) -> dict[str, Any]:
    return {
        "sid": origination.sid,
        "account_sid": account_sid,
        "trunk_sid": origination.trunk_sid,
        "weight": origination.weight,
        "enabled": origination.enabled,
        "sip_url": origination.sip_url,
        "friendly_name": origination.friendly_name,
        "priority": origination.priority,
        "date_created": iso8601(origination.date_created),
        "date_updated": iso8601(origination.date_updated),
        "url": f"{TRUNKING}/Trunks/{origination.trunk_sid}/OriginationUrls/{origination.sid}",
    }


def trunk_number_json(account_sid: str, trunk_sid: str, number: IncomingNumber) -> dict[str, Any]:
    caps = number.capabilities
    return {
        "sid": number.sid,
        "account_sid": account_sid,
        "address_requirements": number.address_requirements,
        "api_version": number.api_version,
        "beta": number.beta,
        "capabilities": {"voice": caps["voice"], "sms": caps["sms"], "mms": caps["mms"]},
        "date_created": iso8601(number.date_created),
        "date_updated": iso8601(number.date_updated),
        "friendly_name": number.friendly_name,
        "links": {
            "phone_number": (
                f"https://api.twilio.com{account_uri(account_sid)}/IncomingPhoneNumbers/{number.sid}"
            )
        },
        "phone_number": number.phone_number,
        "sms_application_sid": number.sms_application_sid,
        "sms_fallback_method": number.sms_fallback_method,
        "sms_fallback_url": number.sms_fallback_url,
        "sms_method": number.sms_method,
        "sms_url": number.sms_url,
        "status_callback": number.status_callback,
        "status_callback_method": number.status_callback_method,
        "trunk_sid": trunk_sid,
        "url": f"{TRUNKING}/Trunks/{trunk_sid}/PhoneNumbers/{number.sid}",
        "voice_application_sid": number.voice_application_sid,
        "voice_caller_id_lookup": number.voice_caller_id_lookup,
        "voice_fallback_method": number.voice_fallback_method,
        "voice_fallback_url": number.voice_fallback_url,
        "voice_method": number.voice_method,
        "voice_url": number.voice_url,
    }
