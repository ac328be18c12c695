"""One module per command: each takes a typed options object and returns an exit code."""
