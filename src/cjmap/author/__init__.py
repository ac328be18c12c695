"""Writing maps: ``cjmap init`` (a new map, a map repository), ``cjmap fmt`` (the canonical
style, keeping every comment), and the importers."""
