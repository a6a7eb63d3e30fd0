"""Plain typed data: inventory, mapping, assessment, plan and port requests (no I/O, no Qt)."""
