"""The compatibility table (data) and the rule engine that reads it.

One table drives the mapping's defaults, the assessment's verdicts and the planner's choices, so
the three never disagree: see compatibility.toml for the facts and their sources.
"""

from migrator.rules.engine import RuleEngine
from migrator.rules.table import CompatibilityTable, TableError, load_table

__all__ = ["CompatibilityTable", "RuleEngine", "TableError", "load_table"]
