"""What every DAG of the team shares: defaults, callbacks and small operators."""
