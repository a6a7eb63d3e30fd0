"""Table models, the fast filter/sort proxy and the filterable table widget."""
