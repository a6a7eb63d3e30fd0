"""The Twilio adapter: the official twilio SDK, pointed at Twilio or at the sandbox."""
