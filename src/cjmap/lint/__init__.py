"""Lint: the engine that runs the rules on a valid map, the rules themselves (``rules/``), the
configuration (.cjmap.yaml / pyproject.toml, its model and TOML positions) and inline
suppressions."""
