"""Panels shown by both the wizard and the workspace, each over a MigrationSession."""
