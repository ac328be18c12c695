"""Writing maps: ``cjmap init`` (a new map, a map repository), and later ``fmt`` and importers."""
