"""A stateful local emulator of the Twilio, Vonage and Plivo REST APIs.

The official SDKs run against it unmodified; it is the test bed, the engine of `migrator demo`, and
a rehearsal ground for admins. Start one with `Sandbox.start()` (a context manager) or
`migrator sandbox`.
"""

from migrator.sandbox.server import Sandbox

__all__ = ["Sandbox"]
