"""One adapter per vendor over its official SDK, behind one typed interface."""
