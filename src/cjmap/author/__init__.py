"""Commands that write maps: fmt (and init and the importers, to come)."""
