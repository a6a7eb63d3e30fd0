"""The Plivo adapter over the official plivo SDK."""
