"""The headless command line (stable: scripts depend on it)."""
