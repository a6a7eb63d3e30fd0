"""The guided journey: connect, discover, choose, assess, review, run, ports, verify."""

from migrator.gui.wizard.wizard import MigrationWizard

__all__ = ["MigrationWizard"]
