"""The Vonage adapter over the official vonage SDK."""
