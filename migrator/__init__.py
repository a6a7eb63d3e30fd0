"""migrator: move a CPaaS account off a departing vendor onto Twilio, Vonage or Plivo."""

__version__ = "0.1.0"
