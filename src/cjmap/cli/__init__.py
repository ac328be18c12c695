"""The command line: typer parses options into each command's options object, nothing more."""
