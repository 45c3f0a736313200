"""Export, import/merge and backup of coded events: the exchange formats."""
